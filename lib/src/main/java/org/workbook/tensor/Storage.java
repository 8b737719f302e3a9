package org.workbook.tensor;

/**
 * A flat run of a tensor's elements; views share it. On the CPU a primitive array,
 * one array type per dtype: float[] (float32), double[] (float64), long[] (int64),
 * int[] (int32), byte[] (uint8 and bool, 0/1), no boxing anywhere. On a GPU a
 * {@link DeviceMemory} block instead, which only the device's backend reads in bulk.
 */
public final class Storage {
    private final DType dtype;
    private final Object array;
    private final DeviceMemory memory;
    private final int length;

    private Storage(DType dtype, Object array, int length) {
        this.dtype = dtype;
        this.array = array;
        this.memory = null;
        this.length = length;
    }

    private Storage(DType dtype, DeviceMemory memory, int length) {
        this.dtype = dtype;
        this.array = null;
        this.memory = memory;
        this.length = length;
    }

    /** Storage in device memory (backends call this; the block holds {@code n} elements of dtype). */
    public static Storage onDevice(DType dtype, DeviceMemory memory, int n) {
        return new Storage(dtype, memory, n);
    }

    /** The device block, or null for CPU storage. */
    public DeviceMemory memory() {
        return memory;
    }

    public boolean isOnDevice() {
        return memory != null;
    }

    public static Storage allocate(DType dtype, int n) {
        switch (dtype) {
            case FLOAT32: return new Storage(dtype, new float[n], n);
            case FLOAT64: return new Storage(dtype, new double[n], n);
            case INT64: return new Storage(dtype, new long[n], n);
            case INT32: return new Storage(dtype, new int[n], n);
            default: return new Storage(dtype, new byte[n], n);
        }
    }

    public static Storage of(float[] a) {
        return new Storage(DType.FLOAT32, a, a.length);
    }

    public static Storage of(double[] a) {
        return new Storage(DType.FLOAT64, a, a.length);
    }

    public static Storage of(long[] a) {
        return new Storage(DType.INT64, a, a.length);
    }

    public static Storage of(int[] a) {
        return new Storage(DType.INT32, a, a.length);
    }

    /** A byte array as uint8 or bool (bool bytes must be 0 or 1). */
    public static Storage of(byte[] a, DType dtype) {
        if (dtype != DType.UINT8 && dtype != DType.BOOL) {
            throw new IllegalArgumentException("byte[] storage holds uint8 or bool, not " + dtype);
        }
        return new Storage(dtype, a, a.length);
    }

    public DType dtype() {
        return dtype;
    }

    public int length() {
        return length;
    }

    /** The primitive array; device storage has none, and says how to get the values. */
    public Object array() {
        if (memory != null) {
            throw new IllegalStateException("this tensor's elements live on " + memory.device() + ", not in a Java "
                + "array; copy it to the CPU first with .cpu() (torch: x.cpu())");
        }
        return array;
    }

    public float[] floats() {
        return (float[]) array();
    }

    public double[] doubles() {
        return (double[]) array();
    }

    public long[] longs() {
        return (long[]) array();
    }

    public int[] ints() {
        return (int[]) array();
    }

    public byte[] bytes() {
        return (byte[]) array();
    }

    /** Element {@code i} as a double (slow path: printing, item(), tests). */
    public double getDouble(int i) {
        if (memory != null) {
            return memory.getDouble(i, dtype);
        }
        switch (dtype) {
            case FLOAT32: return ((float[]) array)[i];
            case FLOAT64: return ((double[]) array)[i];
            case INT64: return ((long[]) array)[i];
            case INT32: return ((int[]) array)[i];
            case UINT8: return ((byte[]) array)[i] & 0xff;
            default: return ((byte[]) array)[i];
        }
    }

    /** Element {@code i} as a long (exact for integral types). */
    public long getLong(int i) {
        if (memory != null) {
            return memory.getLong(i, dtype);
        }
        switch (dtype) {
            case FLOAT32: return (long) ((float[]) array)[i];
            case FLOAT64: return (long) ((double[]) array)[i];
            case INT64: return ((long[]) array)[i];
            case INT32: return ((int[]) array)[i];
            case UINT8: return ((byte[]) array)[i] & 0xff;
            default: return ((byte[]) array)[i];
        }
    }

    /** Stores {@code v} converted to this storage's type, as torch's casts do (bool: v != 0). */
    public void setDouble(int i, double v) {
        if (memory != null) {
            memory.setDouble(i, dtype, v);
            return;
        }
        switch (dtype) {
            case FLOAT32: ((float[]) array)[i] = (float) v; break;
            case FLOAT64: ((double[]) array)[i] = v; break;
            case INT64: ((long[]) array)[i] = (long) v; break;
            case INT32: ((int[]) array)[i] = (int) (long) v; break;
            case UINT8: ((byte[]) array)[i] = (byte) (long) v; break;
            default: ((byte[]) array)[i] = (byte) (v != 0 ? 1 : 0);
        }
    }

    public void setLong(int i, long v) {
        if (memory != null) {
            memory.setLong(i, dtype, v);
            return;
        }
        switch (dtype) {
            case FLOAT32: ((float[]) array)[i] = v; break;
            case FLOAT64: ((double[]) array)[i] = v; break;
            case INT64: ((long[]) array)[i] = v; break;
            case INT32: ((int[]) array)[i] = (int) v; break;
            case UINT8: ((byte[]) array)[i] = (byte) v; break;
            default: ((byte[]) array)[i] = (byte) (v != 0 ? 1 : 0);
        }
    }
}
