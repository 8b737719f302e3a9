package org.workbook.backend.cuda;

import jcuda.Pointer;
import org.workbook.tensor.Tensor;

/**
 * Copies between host and device (torch's {@code .to(device)}, {@code .cpu()}). A
 * view is made contiguous on the side it lives on first, so exactly its elements
 * cross the bus, in row-major order.
 */
public final class CudaTransfer {
    private CudaTransfer() {
    }

    /** A contiguous copy of CPU tensor t on backend's device. */
    public static Tensor upload(CudaBackend backend, Tensor t) {
        if (t.storage().isOnDevice()) {
            throw new IllegalArgumentException("upload needs a CPU tensor, this one is on " + t.device());
        }
        Tensor src = t.isContiguous() && t.offset() == 0 && t.storage().length() == t.numel() ? t : t.contiguous()
            .clone();
        Tensor out = Tensor.empty(t.dtype(), backend.device(), t.shapeArray());
        backend.context.copyToDevice(CudaFused.address(out), host(src), (long) t.numel() * t.elementSize());
        return out;
    }

    /** A contiguous CPU copy of device tensor t. */
    public static Tensor download(Tensor t) {
        if (!t.storage().isOnDevice()) {
            return t;
        }
        CudaBackend backend = (CudaBackend) t.backend();
        Tensor src = t;
        if (!t.isContiguous()) {
            src = Tensor.empty(t.dtype(), t.device(), t.shapeArray());
            backend.copy(t, src);
        }
        Tensor out = Tensor.empty(t.dtype(), t.shapeArray());
        backend.context.copyToHost(host(out), CudaFused.elementAddress(src), (long) t.numel() * t.elementSize());
        return out;
    }

    private static Pointer host(Tensor t) {
        switch (t.dtype()) {
            case FLOAT32: return Pointer.to(t.storage().floats());
            case FLOAT64: return Pointer.to(t.storage().doubles());
            case INT64: return Pointer.to(t.storage().longs());
            case INT32: return Pointer.to(t.storage().ints());
            default: return Pointer.to(t.storage().bytes());
        }
    }
}
