package org.workbook.backend.cuda;

import jcuda.Pointer;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * index_select and index_add_ on the GPU, over contiguous tensors seen as
 * [outer, dimSize, inner]. The indices arrive as a Java array (already checked
 * against the dim's size by the caller) and go over in one copy.
 */
final class CudaGather {
    private CudaGather() {
    }

    static void indexSelect(CudaBackend be, Tensor src, int dim, long[] index, Tensor out) {
        Tensor s = src.isContiguous() ? src : src.contiguous().clone();
        int[] shape = s.shapeArray();
        int outer = prod(shape, 0, dim);
        int inner = prod(shape, dim + 1, shape.length);
        Tensor o = out.isContiguous() ? out : Tensor.empty(out.dtype(), be.device(), out.shapeArray());
        long n = (long) outer * index.length * inner;
        if (n > 0) {
            CudaBuffer idx = upload(be, index);
            try {
                be.context.kernels().launch1d("index_select_" + CudaFused.suffix(s.dtype()), n, new KernelArgs()
                    .i(outer).i(index.length).i(inner).i(shape[dim]).ptr(CudaFused.elementAddress(s))
                    .ptr(idx.pointer()).ptr(CudaFused.elementAddress(o)));
            } finally {
                idx.release();
            }
        }
        if (o != out) {
            be.copy(o, out);
        }
    }

    static void indexAdd(CudaBackend be, Tensor dst, int dim, long[] index, Tensor src) {
        DType t = dst.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT64) {
            Tensor cpu = CudaTransfer.download(dst).contiguous().clone();
            CpuBackend.INSTANCE.indexAdd(cpu, dim, index, CudaTransfer.download(src));
            be.copy(CudaTransfer.upload(be, cpu), dst);
            return;
        }
        Tensor d = dst.isContiguous() ? dst : dst.contiguous().clone();
        Tensor s = src.isContiguous() ? src : src.contiguous().clone();
        int[] shape = d.shapeArray();
        int outer = prod(shape, 0, dim);
        int inner = prod(shape, dim + 1, shape.length);
        long n = (long) outer * index.length * inner;
        if (n > 0) {
            CudaBuffer idx = upload(be, index);
            try {
                be.context.kernels().launch1d("index_add_" + CudaFused.suffix(t), n, new KernelArgs().i(outer)
                    .i(index.length).i(inner).i(shape[dim]).ptr(CudaFused.elementAddress(d)).ptr(idx.pointer())
                    .ptr(CudaFused.elementAddress(s)));
            } finally {
                idx.release();
            }
        }
        if (d != dst) {
            be.copy(d, dst);
        }
    }

    private static CudaBuffer upload(CudaBackend be, long[] index) {
        CudaBuffer b = be.context.allocate(8L * index.length);
        be.context.copyToDevice(b.pointer(), Pointer.to(index), 8L * index.length);
        return b;
    }

    private static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }
}
