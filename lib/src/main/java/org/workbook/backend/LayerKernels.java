package org.workbook.backend;

import org.workbook.tensor.Tensor;

/**
 * Whole-layer passes a backend may offer beside its {@link WindowKernels}: a convolution
 * with its bias, its three gradients in one walk, and batch normalisation's forward and
 * backward as one pass each. Composed from the window kernels and primitives these cost
 * a temporary and a pass over memory per step (columns for the whole batch, a permuting
 * copy, x - mean, · invstd, · weight, + bias ...), which on the CPU took more time than the
 * arithmetic. The CPU backend implements them; a backend without them (the GPU, whose
 * window kernels are already one launch each) gets the composed path, so callers ask
 * {@code t.backend() instanceof LayerKernels}. Tensors arrive contiguous, float32 or
 * float64, non-empty, on this device; outputs are overwritten.
 */
public interface LayerKernels {
    /**
     * y [N, O, OH, OW] = conv2d(x [N, C, H, W], w [O, C/groups, kh, kw]) + bias [O] (bias may be null).
     * With keep, returns what the backward's weight gradient can reuse (opaque, for
     * {@link #conv2dBackward} and then {@link #conv2dRelease}); null otherwise.
     */
    Object conv2d(Tensor x, Tensor w, Tensor bias, Window2d g, int groups, Tensor y, boolean keep);

    /**
     * conv2d's gradients for output gradient gy: gx, gw, gb, each null when not wanted; kept may be null.
     * gy may have any strides (unlike the other operands): out.sum()'s gradient is one value expanded,
     * which a backend can lay out more cheaply than a fresh contiguous copy.
     */
    void conv2dBackward(Tensor x, Tensor w, Tensor gy, Window2d g, int groups, Object kept, Tensor gx, Tensor gw,
                        Tensor gb);

    /** Gives back what conv2d kept, once no backward can run again (it must not be used afterwards). */
    void conv2dRelease(Object kept);

    /**
     * Batch norm's transform, torch's: y = x·α + β per channel c of x [N, C, ...], with
     * α = invstd[c]·weight[c] and β = bias[c] - mean[c]·α (mean, invstd [C]; weight, bias [C] or null).
     */
    void batchNorm(Tensor x, Tensor mean, Tensor invstd, Tensor weight, Tensor bias, Tensor y);

    /**
     * Batch norm's backward for output gradient g: per channel sumG = Σg and sumGX = Σg·x̂ with
     * x̂ = (x - mean)·invstd (sums in double), and, when gx is not null, gx = (g - sumG/M - x̂·sumGX/M)·invstd·weight
     * in training (M the elements per channel), g·invstd·weight in evaluation (weight null: 1).
     */
    void batchNormBackward(Tensor g, Tensor x, Tensor mean, Tensor invstd, Tensor weight, boolean training, Tensor gx,
                           Tensor sumG, Tensor sumGX);
}
