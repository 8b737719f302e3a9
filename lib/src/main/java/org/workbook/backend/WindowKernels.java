package org.workbook.backend;

import org.workbook.tensor.Tensor;

/**
 * The sliding-window primitives of convolutions, pooling and batch normalisation, which
 * every backend implements with dedicated loops or kernels (composing them from strided
 * views and copies works, but costs a launch or a pass per kernel offset). Tensors arrive
 * contiguous, float32 or float64 (indices int64), on this backend's device; outputs are
 * overwritten, never accumulated into.
 */
public interface WindowKernels {
    /**
     * im2col: cols [C, kh, kw, N, OH, OW] (so [groups, C/groups·kh·kw, N·OH·OW] for a grouped
     * product) from x [N, C, H, W], zero where a window reaches into the padding.
     */
    void im2col(Tensor x, Window2d g, Tensor cols);

    /** col2im, im2col's adjoint: x [N, C, H, W] = the sum of the columns each element was copied into. */
    void col2im(Tensor cols, Window2d g, Tensor x);

    /**
     * Max pooling: y [N, C, OH, OW] the maximum of each window's elements inside the input
     * (padding skipped), indices (int64, same shape) its position h·W + w in the plane, as
     * torch: the first maximum wins, a NaN wins over any number (the last NaN, as torch's loop);
     * -inf and -1 for a window with no element inside the input.
     */
    void maxPool(Tensor x, Window2d g, Tensor y, Tensor indices);

    /** gx [N, C, H, W] = the output gradients routed to their windows' maxima (summed where windows share one). */
    void maxPoolBackward(Tensor gy, Tensor indices, Window2d g, Tensor gx);

    /**
     * Average pooling (no dilation): the window's sum divided by torch's divisor, the
     * window clipped to the padded input (countIncludePad) or to the input, or divisorOverride
     * when it is not 0.
     */
    void avgPool(Tensor x, Window2d g, boolean countIncludePad, int divisorOverride, Tensor y);

    /** gx [N, C, H, W]: each output gradient divided by its divisor, added to its window's elements. */
    void avgPoolBackward(Tensor gy, Window2d g, boolean countIncludePad, int divisorOverride, Tensor gx);

    /**
     * Batch-norm statistics of x [N, C, ...] per channel (over N and the trailing dims):
     * mean [C] and biased variance var [C], accumulated in double, two passes (the variance
     * is the mean of (x - mean)²).
     */
    void channelStats(Tensor x, Tensor mean, Tensor var);

    /** Batch-norm backward's sums per channel of a and b [N, C, ...]: sumA [C] = Σa, sumAB [C] = Σa·b (in double). */
    void channelSums(Tensor a, Tensor b, Tensor sumA, Tensor sumAB);
}
