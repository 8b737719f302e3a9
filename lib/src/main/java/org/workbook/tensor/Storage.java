package org.workbook.tensor;

/**
 * A flat primitive array holding a tensor's elements; views share it. One array
 * type per dtype: float[] (float32), double[] (float64), long[] (int64),
 * int[] (int32), byte[] (uint8 and bool, 0/1). No boxing anywhere.
 */
public final class Storage {
    private final DType dtype;
    private final Object array;
    private final int length;

    private Storage(DType dtype, Object array, int length) {
        this.dtype = dtype;
        this.array = array;
        this.length = length;
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

    public Object array() {
        return array;
    }

    public float[] floats() {
        return (float[]) array;
    }

    public double[] doubles() {
        return (double[]) array;
    }

    public long[] longs() {
        return (long[]) array;
    }

    public int[] ints() {
        return (int[]) array;
    }

    public byte[] bytes() {
        return (byte[]) array;
    }

    /** Element {@code i} as a double (slow path: printing, item(), tests). */
    public double getDouble(int i) {
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
