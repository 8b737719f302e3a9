package org.workbook.backend;

import org.workbook.tensor.Tensor;

/**
 * Whole-layer kernels a device may offer beside the {@link Backend} primitives. On a
 * GPU every primitive is a kernel launch, so a softmax made of five primitives costs
 * five launches and four temporaries; these do it in one. The CPU backend does not
 * need them (its loops are already fused where it matters), so callers ask
 * {@code t.backend() instanceof FusedKernels} and otherwise compose primitives.
 * Inputs arrive contiguous, in one floating dtype, on this device.
 */
public interface FusedKernels {
    /** out[r, :] = log_softmax or softmax of x[r, :] over the last dim of a [rows, cols] tensor. */
    void softmax(Tensor x, Tensor out, boolean log);

    /** dx for softmax (log = false) or logSoftmax (log = true), given the forward output y and gradient g. */
    void softmaxBackward(Tensor g, Tensor y, Tensor dx, boolean log);

    /**
     * picked[i] = -logp[i, target[i]] for logp [n, c] and int64 target [n]; fails naming the first
     * target outside [0, c).
     */
    void nllForward(Tensor logp, Tensor target, Tensor picked);

    /** dx (zeroed, [n, c]) at [i, target[i]] = -g[i or 0] * scale; g has n elements or one. */
    void nllBackward(Tensor target, Tensor g, double scale, Tensor dx);

    /** One SGD step in place (torch.optim.SGD); buf is null without momentum. */
    void sgdStep(Tensor w, Tensor g, Tensor buf, double lr, double momentum, double dampening, double weightDecay,
                 boolean nesterov, boolean firstStep);

    /** One Adam step in place (torch.optim.Adam); bc1, bc2 are 1 - beta^step. */
    void adamStep(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                  double weightDecay, double bc1, double bc2);

    /** Fills out with uniform [lo, hi) or normal (mean, std) values from a counter-based generator. */
    void random(Tensor out, boolean normal, long seed, long offset, double a, double b);
}
