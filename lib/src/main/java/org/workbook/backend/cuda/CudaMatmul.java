package org.workbook.backend.cuda;

import org.workbook.backend.cpu.CpuBackend;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Matrix products on the GPU. Operands that are a contiguous matrix or the transpose of
 * one (weight.t() in every linear layer) go to the kernel as they are, with a transpose
 * flag; other views are copied contiguous first. float32 uses the register-tiled SGEMM,
 * float64 and int64 a plain 16 x 16 tiled kernel; cuBLAS replaces both float kernels when it
 * loads ({@link Cublas}).
 */
final class CudaMatmul {
    private CudaMatmul() {
    }

    static void matmul(CudaBackend be, Tensor a, Tensor b, Tensor out) {
        DType t = out.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT64) {
            be.viaCpu(out, cpuOut -> CpuBackend.INSTANCE.matmul(CudaTransfer.download(a), CudaTransfer.download(b),
                cpuOut));
            return;
        }
        int m = a.size(0);
        int k = a.size(1);
        int n = b.size(1);
        if (m == 0 || n == 0) {
            return;
        }
        int fa = form(a);
        Tensor x = fa < 0 ? a.contiguous().clone() : a;
        int fb = form(b);
        Tensor y = fb < 0 ? b.contiguous().clone() : b;
        Tensor c = form(out) == 0 ? out : Tensor.empty(t, be.device(), m, n);
        KernelArgs args = new KernelArgs().i(m).i(n).i(k).ptr(CudaFused.elementAddress(x)).l((long) m * k)
            .ptr(CudaFused.elementAddress(y)).l((long) k * n).ptr(CudaFused.elementAddress(c)).l((long) m * n)
            .i(Math.max(fa, 0)).i(Math.max(fb, 0));
        if (t != DType.INT64 && k > 0 && Cublas.active(be.context)) {
            Cublas.gemm(t == DType.FLOAT64, m, n, k, CudaFused.elementAddress(x), fa == 1, CudaFused.elementAddress(y),
                fb == 1, CudaFused.elementAddress(c));
        } else if (t == DType.FLOAT32) {
            be.context.kernels().launch("sgemm_f32", (n + 127) / 128, (m + 127) / 128, 1, 256, 1, 1, 0, args);
        } else {
            be.context.kernels().launch("gemm_" + CudaFused.suffix(t), (n + 15) / 16, (m + 15) / 16, 1, 16, 16, 1, 0,
                args);
        }
        if (c != out) {
            be.copy(c, out);
        }
    }

    /** 0: row-major contiguous matrix; 1: transpose of a row-major one; -1: neither. */
    static int form(Tensor t) {
        int rows = t.size(0);
        int cols = t.size(1);
        if ((t.stride(1) == 1 || cols == 1) && (t.stride(0) == cols || rows == 1)) {
            return 0;
        }
        if ((t.stride(0) == 1 || rows == 1) && (t.stride(1) == rows || cols == 1)) {
            return 1;
        }
        return -1;
    }
}
