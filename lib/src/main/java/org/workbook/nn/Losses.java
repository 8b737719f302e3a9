package org.workbook.nn;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.FusedKernels;
import org.workbook.ops.Devices;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/** The fused negative log likelihood: one pass forward, one scatter backward. */
final class Losses {
    private Losses() { }

    static Tensor nll(Tensor logProbs, Tensor target, F.Reduction reduction) {
        if (logProbs.ndim() == 1 && target.ndim() == 0) {
            // torch's unbatched form: one sample of C classes and its class index.
            return nll(logProbs.unsqueeze(0), target.unsqueeze(0), reduction == F.Reduction.NONE ? F.Reduction.SUM
                : reduction);
        }
        if (logProbs.ndim() != 2 || target.ndim() != 1) {
            throw new IllegalArgumentException("nllLoss expects log-probabilities of shape [N, C] and targets of shape "
                + "[N], got " + Arrays.toString(logProbs.shapeArray()) + " and " + Arrays.toString(target.shapeArray()));
        }
        if (target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("nllLoss: targets must be class indices (int64), got "
                + target.dtype().torchName() + "; convert with toLong()");
        }
        int n = logProbs.size(0);
        int c = logProbs.size(1);
        if (target.size(0) != n) {
            throw new IllegalArgumentException("Expected input batch_size (" + n + ") to match target batch_size ("
                + target.size(0) + ").");
        }
        if (logProbs.backend() instanceof FusedKernels device) {
            return onDevice(device, logProbs, target, reduction);
        }
        long[] t = target.toLongArray();
        for (int i = 0; i < n; i++) {
            if (t[i] < 0 || t[i] >= c) {
                throw new IndexOutOfBoundsException("Target " + t[i] + " is out of bounds: there are " + c
                    + " classes, so targets must be in 0.." + (c - 1) + " (sample " + i + ")");
            }
        }
        double[] picked = new double[n];
        for (int i = 0; i < n; i++) {
            picked[i] = -logProbs.getDouble(i, (int) t[i]);
        }
        DType dt = logProbs.dtype();
        Tensor out;
        switch (reduction) {
            case NONE:
                out = org.workbook.tensor.Tensors.fromArray(picked, n).to(dt);
                break;
            default: {
                double s = 0;
                for (double v : picked) {
                    s += v;
                }
                out = Tensor.scalar(reduction == F.Reduction.MEAN ? s / n : s, dt);
            }
        }
        if (Node.needed(logProbs)) {
            out.setGradFn(new Node("NllLossBackward0", logProbs) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor grad = Tensor.zeros(dt, logProbs.device(), n, c);
                    double scale = reduction == F.Reduction.MEAN ? 1.0 / n : 1.0;
                    double g0 = reduction == F.Reduction.NONE ? 0 : g.item(); // read once, not per row
                    for (int i = 0; i < n; i++) {
                        double gi = reduction == F.Reduction.NONE ? g.getDouble(i) : g0;
                        grad.storage().setDouble(i * c + (int) t[i], -gi * scale);
                    }
                    return new Tensor[] {grad};
                }
            });
        }
        return out;
    }

    /** The same loss with the GPU's gather and scatter kernels (targets checked there, in one pass). */
    private static Tensor onDevice(FusedKernels device, Tensor logProbs, Tensor target, F.Reduction reduction) {
        Devices.common(logProbs, target);
        int n = logProbs.size(0);
        int c = logProbs.size(1);
        DType dt = logProbs.dtype();
        Tensor lp = logProbs.detach().contiguous();
        Tensor tgt = target.toLong().contiguous();
        Tensor picked = Tensor.empty(dt, logProbs.device(), n);
        device.nllForward(lp, tgt, picked);
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = reduction == F.Reduction.NONE ? picked : reduction == F.Reduction.MEAN ? picked.mean() : picked.sum();
        }
        if (Node.needed(logProbs)) {
            out.setGradFn(new Node("NllLossBackward0", logProbs) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor grad = Tensor.zeros(dt, logProbs.device(), n, c);
                    device.nllBackward(tgt, g.to(dt).contiguous(), reduction == F.Reduction.MEAN ? 1.0 / n : 1.0, grad);
                    return new Tensor[] {grad};
                }
            });
        }
        return out;
    }

    /**
     * Cross-entropy with class probabilities, averaged over the batch, in torch 1.13's steps:
     * -(logProbs * target).sum() / (numel / classes) (DivBackward1 over NegBackward0, an unbatched
     * input too); an empty input gives NaN, as torch's -(...).sum().fill_(nan).
     */
    static Tensor crossEntropyWithProbabilities(Tensor logProbs, Tensor target) {
        Tensor total = logProbs.mul(target).sum();
        if (logProbs.numel() == 0) {
            return total.fill_(Double.NaN).neg();
        }
        Tensor neg = total.neg();
        long n = logProbs.numel() / logProbs.size(logProbs.ndim() == 1 ? 0 : 1);
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = neg.div(n);
        }
        if (Node.needed(neg)) {
            out.setGradFn(new Node("DivBackward1", neg) { // torch divides by a C++ number here: div.Scalar
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.div(n)};
                }
            });
        }
        return out;
    }

    /** MseLoss as torch: forward mean((a - b)^2), backward (2/n) * (a - b) * g elementwise in that order. */
    static Tensor mse(Tensor input, Tensor target) {
        // torch's F.mse_loss broadcasts the two first: a shape clash is reported before a dtype one
        org.workbook.tensor.Shapes.broadcast(input.shapeArray(), target.shapeArray());
        DType common = org.workbook.ops.Elementwise.resultType(input, target);
        if (!common.isFloatingPoint()) {
            throw new IllegalArgumentException("\"mse_cpu\" not implemented for '"
                + org.workbook.ops.Reductions.kernelTypeName(common) + "' (convert first: x.toFloat())");
        }
        // torch's kernel promotes a bool operand with the rest: our sub() would refuse it, as torch's `-` does.
        Tensor a = input.dtype() == DType.BOOL ? input.to(common) : input;
        Tensor b = target.dtype() == DType.BOOL ? target.to(common) : target;
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = a.sub(b).square().mean();
        }
        if (Node.needed(input, target)) {
            int n = Math.max(1, org.workbook.tensor.Shapes.numel(
                org.workbook.tensor.Shapes.broadcast(input.shapeArray(), target.shapeArray())));
            out.setGradFn(new Node("MseLossBackward0", input, target) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor d = a.sub(b).mul(2.0 / n).mul(g);
                    return new Tensor[] {
                        input.requiresGrad() ? reduceTo(d, input) : null,
                        target.requiresGrad() ? reduceTo(d.neg(), target) : null};
                }
            }.saves(input, target));
        }
        return out;
    }

    private static Tensor reduceTo(Tensor g, Tensor like) {
        if (Arrays.equals(g.shapeArray(), like.shapeArray())) {
            return g.dtype() == like.dtype() ? g : g.to(like.dtype());
        }
        return g.sumToSize(like.shapeArray()).to(like.dtype());
    }
}
