package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.LayerKernels;
import org.workbook.tensor.Tensor;

/**
 * torch.nn.functional.batch_norm over dim 1 (channels) of [N, C, ...]. In training the
 * batch's mean and biased variance normalise, and the running statistics move by
 * {@code momentum} towards the mean and the unbiased variance (torch's rule); in
 * evaluation the running statistics normalise. One node, NativeBatchNormBackward0,
 * whose backward is the closed form: with x̂ = (x - μ)/σ and ĝ = g·γ,
 * dx = (ĝ - mean(ĝ) - x̂·mean(ĝ·x̂)) / σ in training, ĝ/σ in evaluation. A backend with
 * {@link LayerKernels} (the CPU) does the normalisation and the backward in one call each.
 *
 * <pre>{@code
 * jshell> F.batchNorm(tensor(new double[][] {{1}, {3}}), null, null, null, null, true, 0.1, 1e-5)
 * $1 ==> tensor([[-1.0000],
 *         [ 1.0000]])
 * }</pre>
 */
public final class BatchNorm {
    private BatchNorm() { }

    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        int c = check(x, runningMean, runningVar, weight, bias, training);
        int[] bshape = new int[x.ndim()];
        Arrays.fill(bshape, 1);
        bshape[1] = c;
        long count = x.numel() / Math.max(c, 1);
        Tensor mean;
        Tensor invstd;
        Tensor xhat;
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            if (training) {
                // one pass of the backend's per-channel statistics (double sums) instead of two reductions
                mean = Tensor.empty(x.dtype(), x.device(), bshape);
                Tensor var = Tensor.empty(x.dtype(), x.device(), bshape);
                Windows.kernels(x).channelStats(x.contiguous(), mean, var);
                invstd = var.add(eps).sqrt().reciprocal();
                if (runningMean != null) {
                    runningMean.mul_(1 - momentum).add_(mean.view(c).mul(momentum));
                }
                if (runningVar != null) {
                    runningVar.mul_(1 - momentum).add_(var.view(c).mul(momentum * count / Math.max(count - 1, 1)));
                }
            } else {
                mean = runningMean.view(bshape).to(x.dtype());
                invstd = runningVar.view(bshape).to(x.dtype()).add(eps).sqrt().reciprocal();
            }
            if (x.backend() instanceof LayerKernels && x.numel() > 0) {
                xhat = null;
                y = null;
            } else {
                xhat = x.sub(mean).mul(invstd);
                y = weight == null ? xhat.clone() : xhat.mul(weight.view(bshape));
                if (bias != null) {
                    y.add_(bias.view(bshape));
                }
            }
        }
        if (y == null) {
            return fused((LayerKernels) x.backend(), x, mean, invstd, weight, bias, training, bshape, c);
        }
        if (Node.needed(x, weight, bias)) {
            Tensor is = invstd;
            Tensor xh = xhat;
            y.setGradFn(new Node("NativeBatchNormBackward0", x, weight, bias) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // Σg and Σg·x̂ per channel: the bias and weight gradients, and the means dx needs
                    Tensor sumG = Tensor.empty(g.dtype(), g.device(), bshape);
                    Tensor sumGX = Tensor.empty(g.dtype(), g.device(), bshape);
                    Windows.kernels(g).channelSums(g.contiguous(), xh, sumG, sumGX);
                    Tensor gx = null;
                    if (x.requiresGrad()) {
                        Tensor scale = weight == null ? is : is.mul(weight.view(bshape));
                        gx = training
                            ? g.sub(sumG.div(count)).sub(xh.mul(sumGX.div(count))).mul(scale)
                            : g.mul(scale);
                    }
                    Tensor gw = weight != null && weight.requiresGrad() ? sumGX.view(c) : null;
                    Tensor gb = bias != null && bias.requiresGrad() ? sumG.view(c) : null;
                    return new Tensor[] {gx, gw, gb};
                }
            }.saves(x, weight));
        }
        return y;
    }

    private static Tensor fused(LayerKernels lk, Tensor x, Tensor mean, Tensor invstd, Tensor weight, Tensor bias,
                                boolean training, int[] bshape, int c) {
        Tensor xc;
        Tensor y = Tensor.empty(x.dtype(), x.device(), x.shapeArray());
        try (GradMode.Scope s = GradMode.noGrad()) { // contiguous copies as data, not graph
            xc = x.contiguous();
            lk.batchNorm(xc, mean, invstd, weight == null ? null : weight.contiguous(),
                bias == null ? null : bias.contiguous(), y);
        }
        if (Node.needed(x, weight, bias)) {
            y.setGradFn(new Node("NativeBatchNormBackward0", x, weight, bias) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor sumG = Tensor.empty(g.dtype(), g.device(), bshape);
                    Tensor sumGX = Tensor.empty(g.dtype(), g.device(), bshape);
                    Tensor gx = x.requiresGrad() ? Tensor.empty(x.dtype(), x.device(), x.shapeArray()) : null;
                    lk.batchNormBackward(g.contiguous(), xc, mean, invstd, weight == null ? null : weight.contiguous(),
                        training, gx, sumG, sumGX);
                    Tensor gw = weight != null && weight.requiresGrad() ? sumGX.view(c) : null;
                    Tensor gb = bias != null && bias.requiresGrad() ? sumG.view(c) : null;
                    return new Tensor[] {gx, gw, gb};
                }
            }.saves(x, weight));
        }
        return y;
    }

    private static int check(Tensor x, Tensor rm, Tensor rv, Tensor w, Tensor b, boolean training) {
        if (x.ndim() < 2) {
            throw new IllegalArgumentException("batch_norm expects an input of at least 2 dims [N, C, ...], got shape "
                + Arrays.toString(x.shapeArray()));
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("\"batch_norm\" not implemented for '"
                + Reductions.kernelTypeName(x.dtype()) + "' (convert first: x.toFloat())");
        }
        int c = x.size(1);
        Tensor[] stats = {rm, rv, w, b};
        String[] names = {"running_mean", "running_var", "weight", "bias"};
        for (int i = 0; i < 4; i++) {
            if (stats[i] != null && stats[i].numel() != c) {
                throw new IllegalArgumentException(names[i] + " should contain " + c + " elements not "
                    + stats[i].numel() + " (the layer's num_features must equal the input's channels, dim 1)");
            }
        }
        if (!training && (rm == null || rv == null)) {
            throw new IllegalArgumentException("batch_norm in evaluation needs running_mean and running_var "
                + "(pass them, or training=true)");
        }
        if (training && x.numel() / Math.max(c, 1) <= 1) {
            throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                + "torch.Size(" + Arrays.toString(x.shapeArray()) + ")");
        }
        return c;
    }
}
