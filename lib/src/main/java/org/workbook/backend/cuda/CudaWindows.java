package org.workbook.backend.cuda;

import org.workbook.backend.Window2d;
import org.workbook.tensor.Tensor;

/**
 * The sliding-window kernels of window.cu behind {@link CudaBackend}'s WindowKernels: one
 * launch each for im2col, col2im, max/avg pooling and their backward passes (1-D grids over
 * the output elements), and one block per channel for batch norm's sums.
 */
final class CudaWindows {
    private CudaWindows() { }

    /** The WbWin struct of window.cu, field for field. */
    static int[] struct(Window2d g) {
        return new int[] {g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.oh(), g.ow(), g.padH(), g.padW(), g.sh(),
            g.sw(), g.dh(), g.dw()};
    }

    /** A launch over the elements of {@code over}, with the geometry first and then the pointers. */
    static void launch(CudaBackend be, String name, Window2d g, Tensor over, KernelArgs tail, Tensor... ptrs) {
        CudaFused.requireFloating(name, ptrs[0]);
        CudaFused.requireContiguous(name, ptrs);
        KernelArgs args = new KernelArgs().struct(struct(g));
        KernelArgs.append(args, tail);
        for (Tensor t : ptrs) {
            args.ptr(CudaFused.elementAddress(be.onDevice(t)));
        }
        be.context.kernels().launch1d(name + "_" + CudaFused.suffix(ptrs[0].dtype()), over.numel(), args);
    }

    /** One block per channel of [N, C, ...] tensors: (n, c, l), then the pointers. */
    static void channels(CudaBackend be, String name, Tensor x, Tensor... ptrs) {
        CudaFused.requireFloating(name, x);
        CudaFused.requireContiguous(name, ptrs);
        int n = x.size(0);
        int c = x.size(1);
        int l = n == 0 || c == 0 ? 0 : x.numel() / (n * c);
        KernelArgs args = new KernelArgs().i(n).i(c).i(l);
        for (Tensor t : ptrs) {
            args.ptr(CudaFused.elementAddress(be.onDevice(t)));
        }
        if (c > 0) {
            be.context.kernels().launch(name + "_" + CudaFused.suffix(x.dtype()), Math.min(c, CudaKernels.MAX_BLOCKS),
                1, 1, CudaKernels.BLOCK, 1, 1, 0, args);
        }
    }
}
