package org.workbook.backend.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * Device addresses as plain longs, the currency of the allocator and the kernel
 * arguments. JCuda keeps an address inside a CUdeviceptr and reads it back only
 * in native code; a subclass may read it, and a null CUdeviceptr shifted by a byte
 * offset points at any address (JCuda adds the offset in its JNI layer).
 */
final class DevicePointers {
    private static final CUdeviceptr NULL = new CUdeviceptr();

    private DevicePointers() {
    }

    /** A CUdeviceptr that cuMemAlloc fills, whose address we can read. */
    static final class Allocated extends CUdeviceptr {
        long address() {
            return getNativePointer();
        }
    }

    /** A CUdeviceptr for the raw address {@code address}. */
    static CUdeviceptr at(long address) {
        return NULL.withByteOffset(address);
    }
}
