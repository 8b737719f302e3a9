package org.workbook.nn;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.FusedKernels;
import org.workbook.backend.cpu.SoftmaxOverDim;
import org.workbook.ops.AdaptivePool;
import org.workbook.ops.BatchNorm;
import org.workbook.ops.Conv;
import org.workbook.ops.ConvOptions;
import org.workbook.ops.Dropout;
import org.workbook.ops.Padding;
import org.workbook.ops.PoolOptions;
import org.workbook.ops.Pooling;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Functional forms of the layers and losses, as torch.nn.functional (import
 * statically: {@code import static org.workbook.nn.F.*;}). logSoftmax, softmax
 * and nllLoss are single graph nodes with their own backward: fewer, cheaper
 * steps in every training loop, and numerically stable.
 *
 * <pre>{@code
 * jshell> logSoftmax(tensor(new double[][] {{1, 2, 3}}), 1).exp().sum()
 * $1 ==> tensor(1.0000)
 * jshell> nllLoss(logSoftmax(zeros(2, 3), 1), tensor(0, 2))
 * $2 ==> tensor(1.0986)
 * }</pre>
 */
public final class F {
    private F() { }

    public static Tensor relu(Tensor x) { return x.relu(); }
    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }
    public static Tensor tanh(Tensor x) { return x.tanh(); }
    public static Tensor leakyRelu(Tensor x, double slope) { return x.leakyRelu(slope); }

    /** log(1 + exp(x)), and x itself above 20: {@code softplus(x, 1, 20)}, torch's defaults. */
    public static Tensor softplus(Tensor x) { return SoftplusOp.apply(x, 1, 20); }

    /** log(1 + exp(beta x)) / beta, and x itself where beta x > threshold, as F.softplus. */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return SoftplusOp.apply(x, beta, threshold);
    }

    /**
     * x @ weight.T + bias (bias may be null), as F.linear. For a batch of vectors it is
     * one graph node, like torch's addmm: the weight's gradient comes out as gᵀ x,
     * already in the weight's [out, in] layout, instead of a transposed copy.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("\"addmm_impl_cpu_\" not implemented for 'Bool' (convert first: "
                + "x.toFloat())");
        }
        if (x.ndim() != 2 || weight.ndim() != 2 || (bias != null && bias.ndim() != 1)) {
            Tensor y = x.matmul(weight.t());
            return bias == null ? y : y.add(bias);
        }
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = x.matmul(weight.t());
            if (bias != null && !LinearParts.addBiasRows(out, bias)) {
                out.add_(bias);
            }
        }
        if (Node.needed(x, weight, bias)) {
            out.setGradFn(new Node(bias == null ? "MmBackward0" : "AddmmBackward0", x, weight, bias) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // Each is a new tensor: the weight and bias (leaves) keep them as their .grad, no copy.
                    return new Tensor[] {
                        x.requiresGrad() ? fresh(g.matmul(weight)) : null,
                        weight.requiresGrad() ? fresh(LinearParts.weightGrad(g, x, weight)) : null,
                        bias != null && bias.requiresGrad() ? fresh(g.sum(0)) : null};
                }
            });
        }
        return out;
    }

    /** log(softmax(x)) along dim, computed as x - max - log(sum(exp(x - max))). */
    public static Tensor logSoftmax(Tensor x, int dim) {
        Tensor in = floatingFor(x, "log_softmax", dim);
        if (!in.dtype().isFloatingPoint()) {
            return in;
        }
        if (in.backend() instanceof FusedKernels device && in.ndim() > 0 && normDim(dim, in) == in.ndim() - 1) {
            return FusedSoftmax.apply(device, in, true);
        }
        if (CpuLogSoftmax.applies(in, normDim(dim, in))) {
            return CpuLogSoftmax.apply(in);
        }
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            if (SoftmaxOverDim.applies(in, normDim(dim, in))) {
                out = SoftmaxOverDim.apply(in, normDim(dim, in), true); // torch's sums and exps, bit for bit
            } else {
                Tensor shifted = in.numel() == 0 ? in : in.sub(in.max(dim, true).values());
                out = shifted.sub(shifted.exp().sum(dim, true).log());
            }
        }
        if (Node.needed(in)) {
            Tensor result = out;
            out.setGradFn(new Node("LogSoftmaxBackward0", in) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.sub(result.exp().mul(softmaxSum(g, normDim(dim, result))))};
                }
            }.savesOutput(out));
        }
        return out;
    }

    public static Tensor softmax(Tensor x, int dim) {
        Tensor in = floatingFor(x, "softmax", dim);
        if (!in.dtype().isFloatingPoint()) {
            return in;
        }
        if (in.backend() instanceof FusedKernels device && in.ndim() > 0 && normDim(dim, in) == in.ndim() - 1) {
            return FusedSoftmax.apply(device, in, false);
        }
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            if (SoftmaxOverDim.applies(in, normDim(dim, in))) {
                out = SoftmaxOverDim.apply(in, normDim(dim, in), false);
            } else {
                Tensor e = (in.numel() == 0 ? in : in.sub(in.max(dim, true).values())).exp();
                out = e.div(e.sum(dim, true));
            }
        }
        if (Node.needed(in)) {
            Tensor result = out;
            out.setGradFn(new Node("SoftmaxBackward0", in) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {result.mul(g.sub(softmaxSum(g.mul(result), normDim(dim, result))))};
                }
            }.savesOutput(out));
        }
        return out;
    }

    /** Negative log likelihood of log-probabilities [N, C] for class indices [N], averaged. */
    public static Tensor nllLoss(Tensor logProbs, Tensor target) {
        return Losses.nll(logProbs, target, Reduction.MEAN);
    }

    public static Tensor nllLoss(Tensor logProbs, Tensor target, Reduction reduction) {
        return Losses.nll(logProbs, target, reduction);
    }

    /**
     * logSoftmax then nllLoss, as F.cross_entropy: logits [N, C] (or one unbatched [C]) with class
     * indices [N] (or a 0-d index), or with class probabilities of the logits' shape.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        int classDim = logits.ndim() == 1 ? 0 : 1;
        if (target.dtype().isFloatingPoint() && java.util.Arrays.equals(target.shapeArray(), logits.shapeArray())) {
            return Losses.crossEntropyWithProbabilities(logSoftmax(logits, classDim), target);
        }
        return nllLoss(logSoftmax(logits, classDim), target);
    }

    /** mean((input - target)^2) as one node, MseLossBackward0, with torch's gradient 2/n (input - target) g. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return Losses.mse(input, target);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return input.sub(target).abs().mean();
    }

    /**
     * Binary cross-entropy of probabilities (same shapes); the logs are clamped at -100 like
     * torch's, so 0 and 1 are finite, and the gradient stays finite when a sigmoid saturates.
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor target) {
        return BinaryCrossEntropy.ofProbabilities(p, target);
    }

    /** Binary cross-entropy on logits, in the stable form max(x, 0) - x*y + log(1 + exp(-|x|)). */
    public static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor target) {
        return BinaryCrossEntropy.ofLogits(x, target);
    }

    // Convolutions, pooling, normalisation, dropout and padding (org.workbook.ops: Conv, Pooling, AdaptivePool,
    // BatchNorm, Dropout, Padding); pairs of ints are (height, width), options records stand for keyword arguments.

    /** conv2d with stride 1 and no padding; bias may be null. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return Conv.conv2d(x, weight, bias, ConvOptions.defaults());
    }

    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return Conv.conv2d(x, weight, bias, ConvOptions.of(stride, padding));
    }

    /** Every option: {@code conv2d(x, w, b, ConvOptions.of(2, 1).withGroups(2))}, {@code ConvOptions.same()}. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, ConvOptions options) {
        return Conv.conv2d(x, weight, bias, options);
    }

    /** max_pool2d with stride = kernel size, as torch's default. */
    public static Tensor maxPool2d(Tensor x, int kernelSize) {
        return Pooling.maxPool2d(x, PoolOptions.of(kernelSize));
    }

    public static Tensor maxPool2d(Tensor x, int kernelSize, int stride, int padding) {
        return Pooling.maxPool2d(x, PoolOptions.of(kernelSize, stride, padding));
    }

    public static Tensor maxPool2d(Tensor x, PoolOptions options) {
        return Pooling.maxPool2d(x, options);
    }

    public static Tensor avgPool2d(Tensor x, int kernelSize) {
        return Pooling.avgPool2d(x, PoolOptions.of(kernelSize));
    }

    public static Tensor avgPool2d(Tensor x, int kernelSize, int stride, int padding) {
        return Pooling.avgPool2d(x, PoolOptions.of(kernelSize, stride, padding));
    }

    public static Tensor avgPool2d(Tensor x, PoolOptions options) {
        return Pooling.avgPool2d(x, options);
    }

    public static Tensor adaptiveAvgPool2d(Tensor x, int outputSize) {
        return AdaptivePool.adaptiveAvgPool2d(x, outputSize, outputSize);
    }

    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return AdaptivePool.adaptiveAvgPool2d(x, outH, outW);
    }

    /** batch_norm over dim 1; running statistics (may be null in training) are updated in place. */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        return BatchNorm.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** dropout in training mode (torch's default training=True). */
    public static Tensor dropout(Tensor x, double p) {
        return Dropout.dropout(x, p, true);
    }

    public static Tensor dropout(Tensor x, double p, boolean training) {
        return Dropout.dropout(x, p, training);
    }

    /** Constant padding with zeros: pairs (before, after) from the last dim backwards. */
    public static Tensor pad(Tensor x, int[] pad) {
        return Padding.pad(x, pad, 0.0);
    }

    public static Tensor pad(Tensor x, int[] pad, double value) {
        return Padding.pad(x, pad, value);
    }

    /** How a loss combines its per-sample values. */
    public enum Reduction { MEAN, SUM, NONE }

    /**
     * t summed over dim (keeping it) as torch's softmax backward kernels sum: over the last dim from a
     * row's first element (vec::reduce_all), so a row of -0. sums to -0.; over another dim from +0., as
     * a plain sum.
     */
    static Tensor softmaxSum(Tensor t, int dim) {
        Tensor s = t.sum(dim, true);
        if (t.ndim() == 0 || dim != t.ndim() - 1) {
            return s;
        }
        Tensor negativeZero = t.eq(0L).logicalAnd(t.reciprocal().lt(0L)).all(dim).unsqueeze(dim);
        return Tensor.where(negativeZero, Tensor.scalar(-0.0, s.dtype()), s);
    }

    /**
     * softmax's input: torch refuses integer tensors (its kernels exist for floats only), but an empty
     * one (after the dim check) comes back as an empty result of its dtype: no kernel runs. The caller
     * returns a non-floating result as it is.
     */
    private static Tensor floatingFor(Tensor x, String op, int dim) {
        if (!x.dtype().isFloatingPoint()) {
            org.workbook.tensor.Shapes.normDim(dim, x.ndim());
            if (x.numel() == 0) {
                return Tensor.empty(x.dtype(), x.device(), x.shapeArray().clone());
            }
            boolean last = x.ndim() == 0 || normDim(dim, x) == x.ndim() - 1;
            throw new IllegalArgumentException("\"" + op + (last ? "_lastdim" : "") + "_kernel_impl\" not implemented "
                + "for '" + org.workbook.ops.Reductions.kernelTypeName(x.dtype()) + "' (convert first: x.toFloat())");
        }
        return x;
    }

    private static int normDim(int dim, Tensor t) {
        return dim < 0 ? dim + t.ndim() : dim;
    }

    static DType floatType(Tensor t) {
        return t.dtype().isFloatingPoint() ? t.dtype() : DType.FLOAT32;
    }
}
