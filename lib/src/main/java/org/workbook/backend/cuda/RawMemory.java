package org.workbook.backend.cuda;

/**
 * What the caching allocator needs from the driver: cuMemAlloc, cuMemFree and
 * cuMemGetInfo. An interface so the allocator's bookkeeping is tested without a GPU.
 */
interface RawMemory {
    /** A new block of {@code bytes}, or 0 when the device is out of memory. */
    long alloc(long bytes);

    void free(long pointer);

    /** {free, total} bytes on the device right now. */
    long[] info();
}
