package org.workbook.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.CudaException;
import org.workbook.tensor.DType;

/**
 * One GPU as this library uses it: the device's primary context (the one the CUDA
 * runtime, and so PyTorch, shares), made current on whichever thread calls in; the
 * kernels loaded from the committed PTX; and a caching allocator. All work goes to the
 * default stream in order, so a device-to-host copy also waits for earlier kernels.
 */
public final class CudaContext {
    private final int ordinal;
    private final CUcontext context = new CUcontext();
    private final String name;
    private final CachingAllocator allocator;
    private final CudaKernels kernels;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);

    CudaContext(int ordinal) {
        this.ordinal = ordinal;
        CUdevice device = new CUdevice();
        cuDeviceGet(device, ordinal);
        byte[] buf = new byte[256];
        cuDeviceGetName(buf, buf.length, device);
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        this.name = new String(buf, 0, end, StandardCharsets.UTF_8);
        cuDevicePrimaryCtxRetain(context, device);
        makeCurrent();
        this.allocator = new CachingAllocator(new DriverMemory(), "cuda:" + ordinal + " (" + name + ")");
        this.kernels = new CudaKernels(this);
    }

    public int ordinal() {
        return ordinal;
    }

    /** The GPU's name as the driver reports it (e.g. "NVIDIA H100 80GB HBM3"). */
    public String name() {
        return name;
    }

    CachingAllocator allocator() {
        return allocator;
    }

    CudaKernels kernels() {
        return kernels;
    }

    /** Binds the context to the calling thread (once per thread: the driver keeps it). */
    void makeCurrent() {
        if (!current.get()) {
            cuCtxSetCurrent(context);
            current.set(true);
        }
    }

    void synchronize() {
        makeCurrent();
        cuCtxSynchronize();
    }

    /** A new buffer of {@code bytes} (at least one byte, so every tensor has an address). */
    CudaBuffer allocate(long bytes) {
        makeCurrent();
        long p = allocator.allocate(Math.max(1, bytes));
        CudaBuffer b = new CudaBuffer(this, p, bytes);
        CudaMemory.track(b);
        return b;
    }

    void copyToDevice(long dst, Pointer src, long bytes) {
        if (bytes > 0) {
            makeCurrent();
            cuMemcpyHtoD(DevicePointers.at(dst), src, bytes);
        }
    }

    void copyToHost(Pointer dst, long src, long bytes) {
        if (bytes > 0) {
            makeCurrent();
            cuMemcpyDtoH(dst, DevicePointers.at(src), bytes);
        }
    }

    // ---- single elements (item(), printing one value) ----------------------------------------

    private ByteBuffer read(long address, DType dtype) {
        byte[] b = new byte[dtype.itemSize()];
        copyToHost(Pointer.to(b), address, b.length);
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    double readElement(long address, DType dtype) {
        ByteBuffer b = read(address, dtype);
        switch (dtype) {
            case FLOAT32: return b.getFloat(0);
            case FLOAT64: return b.getDouble(0);
            case INT64: return b.getLong(0);
            case INT32: return b.getInt(0);
            case UINT8: return b.get(0) & 0xff;
            default: return b.get(0);
        }
    }

    long readLongElement(long address, DType dtype) {
        ByteBuffer b = read(address, dtype);
        switch (dtype) {
            case FLOAT32: return (long) b.getFloat(0);
            case FLOAT64: return (long) b.getDouble(0);
            case INT64: return b.getLong(0);
            case INT32: return b.getInt(0);
            case UINT8: return b.get(0) & 0xff;
            default: return b.get(0);
        }
    }

    void writeElement(long address, DType dtype, double v) {
        ByteBuffer b = ByteBuffer.allocate(dtype.itemSize()).order(ByteOrder.nativeOrder());
        switch (dtype) {
            case FLOAT32: b.putFloat(0, (float) v); break;
            case FLOAT64: b.putDouble(0, v); break;
            case INT64: b.putLong(0, (long) v); break;
            case INT32: b.putInt(0, (int) (long) v); break;
            case UINT8: b.put(0, (byte) (long) v); break;
            default: b.put(0, (byte) (v != 0 ? 1 : 0));
        }
        copyToDevice(address, Pointer.to(b.array()), b.capacity());
    }

    void writeLongElement(long address, DType dtype, long v) {
        if (dtype == DType.INT64) {
            copyToDevice(address, Pointer.to(new long[] {v}), 8);
        } else {
            writeElement(address, dtype, v);
        }
    }

    /** cuMemAlloc/cuMemFree/cuMemGetInfo for the allocator; out of memory is an answer, not an exception. */
    private final class DriverMemory implements RawMemory {
        @Override
        public long alloc(long bytes) {
            makeCurrent();
            DevicePointers.Allocated p = new DevicePointers.Allocated();
            try {
                cuMemAlloc(p, bytes);
            } catch (CudaException e) {
                if (e.getMessage() != null && e.getMessage().contains(CUresult.stringFor(
                        CUresult.CUDA_ERROR_OUT_OF_MEMORY))) {
                    return 0;
                }
                throw e;
            }
            return p.address();
        }

        @Override
        public void free(long pointer) {
            makeCurrent();
            cuMemFree(DevicePointers.at(pointer));
        }

        @Override
        public long[] info() {
            makeCurrent();
            long[] free = new long[1];
            long[] total = new long[1];
            cuMemGetInfo(free, total);
            return new long[] {free[0], total[0]};
        }
    }
}
