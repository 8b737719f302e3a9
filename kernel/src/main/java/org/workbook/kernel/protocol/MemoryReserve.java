package org.workbook.kernel.protocol;

/**
 * A few megabytes the kernel holds back for its own replies. A cell may catch
 * {@code OutOfMemoryError} and keep the heap full; the kernel must still be
 * able to build and send the reply that says so. When a kernel thread runs out
 * of memory, or a cell ends with the heap nearly full, the reserve is let go;
 * it is taken again once there is room.
 */
public final class MemoryReserve {
    private static final int BYTES = 8 << 20;
    private static volatile byte[] reserve = new byte[BYTES];

    private MemoryReserve() { }

    /** Frees the reserve (the kernel is short of memory). */
    public static void release() {
        reserve = null;
    }

    /** Takes the reserve again if it was freed and the heap has room for it; true when held. */
    public static boolean refill() {
        if (reserve != null) {
            return true;
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (free < 4L * BYTES) {
            return false;
        }
        try {
            reserve = new byte[BYTES];
            return true;
        } catch (OutOfMemoryError e) {
            return false;
        }
    }

    /** Lets the reserve go when less than twice its size is left free; for the end of a cell. */
    public static void releaseIfLow() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (free < 2L * BYTES) {
            release();
        }
    }
}
