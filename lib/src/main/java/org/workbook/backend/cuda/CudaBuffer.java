package org.workbook.backend.cuda;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.DeviceMemory;

/**
 * One storage's block of device memory. It goes back to the caching allocator when
 * {@link #release()} is called (by a closing {@link CudaMemory#scope()}), or, as a
 * safety net, when the garbage collector finds it unreachable. Using it after a
 * release fails with a message instead of reading another tensor's numbers.
 */
public final class CudaBuffer implements DeviceMemory {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CudaContext context;
    private final long pointer;
    private final long bytes;
    private final Handle handle;
    private final Cleaner.Cleanable cleanable;

    /** What the Cleaner runs: it must not reach the buffer itself, or the buffer never becomes unreachable. */
    private static final class Handle implements Runnable {
        final CachingAllocator allocator;
        final long pointer;
        final AtomicBoolean released = new AtomicBoolean();

        Handle(CachingAllocator allocator, long pointer) {
            this.allocator = allocator;
            this.pointer = pointer;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                allocator.release(pointer);
            }
        }
    }

    CudaBuffer(CudaContext context, long pointer, long bytes) {
        this.context = context;
        this.pointer = pointer;
        this.bytes = bytes;
        this.handle = new Handle(context.allocator(), pointer);
        this.cleanable = CLEANER.register(this, handle);
    }

    /** The device address; fails if the block was already given back. */
    public long pointer() {
        if (handle.released.get()) {
            throw new IllegalStateException("this tensor's memory on " + device() + " was released (its "
                + "CudaMemory.scope() closed); keep tensors you still need with scope.keep(t)");
        }
        return pointer;
    }

    public long bytes() {
        return bytes;
    }

    public boolean isReleased() {
        return handle.released.get();
    }

    /** Gives the block back now (idempotent). */
    public void release() {
        cleanable.clean();
    }

    CudaContext context() {
        return context;
    }

    @Override
    public Device device() {
        return Device.cuda(context.ordinal());
    }

    @Override
    public double getDouble(int i, DType dtype) {
        return context.readElement(pointer() + (long) i * dtype.itemSize(), dtype);
    }

    @Override
    public long getLong(int i, DType dtype) {
        return context.readLongElement(pointer() + (long) i * dtype.itemSize(), dtype);
    }

    @Override
    public void setDouble(int i, DType dtype, double v) {
        context.writeElement(pointer() + (long) i * dtype.itemSize(), dtype, v);
    }

    @Override
    public void setLong(int i, DType dtype, long v) {
        context.writeLongElement(pointer() + (long) i * dtype.itemSize(), dtype, v);
    }
}
