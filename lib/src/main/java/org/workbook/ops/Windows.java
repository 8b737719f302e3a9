package org.workbook.ops;

import org.workbook.backend.WindowKernels;
import org.workbook.tensor.Tensor;

/**
 * What convolutions and pooling share about sliding windows: torch's output-size formula,
 * and the backend's window kernels ({@link WindowKernels}: im2col/col2im, pooling,
 * batch-norm sums), which each device implements with its own loops or kernels.
 */
final class Windows {
    private Windows() { }

    /** Output size along one dim: floor((n + padBefore + padAfter - d(k-1) - 1) / s) + 1, torch's formula. */
    static int outSize(int n, int padTotal, int k, int s, int d) {
        return Math.floorDiv(n + padTotal - d * (k - 1) - 1, s) + 1;
    }

    /** The sliding-window kernels of t's backend (every backend has them). */
    static WindowKernels kernels(Tensor t) {
        if (t.backend() instanceof WindowKernels k) {
            return k;
        }
        throw new IllegalStateException("the " + t.device() + " backend has no sliding-window kernels "
            + "(WindowKernels): convolutions and pooling need them");
    }
}
