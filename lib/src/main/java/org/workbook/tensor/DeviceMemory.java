package org.workbook.tensor;

/**
 * A block of memory on an accelerator holding one {@link Storage}'s elements. Only
 * the element-at-a-time accessors live here (item(), printing single values, tests);
 * everything in bulk goes through the device's backend, which knows the block's
 * address.
 */
public interface DeviceMemory {
    Device device();

    /** Element {@code i} (in elements of {@code dtype}) as a double; one small device-to-host copy. */
    double getDouble(int i, DType dtype);

    /** Element {@code i} as a long, exact for integral dtypes. */
    long getLong(int i, DType dtype);

    /** Stores {@code v} converted as {@link Storage#setDouble} does. */
    void setDouble(int i, DType dtype, double v);

    /** Stores {@code v} converted as {@link Storage#setLong} does (exact for int64). */
    void setLong(int i, DType dtype, long v);
}
