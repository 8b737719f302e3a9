package org.workbook.nn;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.backend.cpu.CpuBce;
import org.workbook.ops.Reductions;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * The two binary cross-entropies as single graph nodes with torch's own backward formulas.
 * Composing them from log/clamp/abs would be wrong exactly where training goes: a saturated
 * sigmoid (p == 1.0f) gives 0 * inf = NaN through log's derivative, and a zero logit (a
 * zero-initialised layer) sits on abs' kink, where torch's answer is sigmoid(0) - y.
 */
final class BinaryCrossEntropy {
    /** torch's EPSILON in binary_cross_entropy_backward: keeps p(1-p) away from 0. */
    private static final double EPSILON = 1e-12;

    private BinaryCrossEntropy() { }

    /** torch's checks for binary_cross_entropy, in its order and words: same size, then same dtype. */
    private static Tensor sameShapeTarget(String fn, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shapeArray(), target.shapeArray())) {
            throw new IllegalArgumentException("Using a target size (torch.Size(" + Arrays.toString(target.shapeArray())
                + ")) that is different to the input size (torch.Size(" + Arrays.toString(input.shapeArray()) + ")) is "
                + "deprecated. Please ensure they have the same size. (" + fn + ": broadcasting them silently computes "
                + "the wrong loss; reshape one, e.g. y.unsqueeze(1) or preds.squeeze(1))");
        }
        if (target.dtype() != input.dtype()) {
            throw new IllegalArgumentException("Found dtype " + Reductions.kernelTypeName(target.dtype()) + " but "
                + "expected " + Reductions.kernelTypeName(input.dtype()) + " (" + fn + ": convert the target, e.g. "
                + "y.toFloat())");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(fn + ": input must be float32 or float64, got "
                + input.dtype().torchName());
        }
        return target;
    }

    /**
     * The mean of torch 1.13's elementwise loss (y - 1) max(log(1 - p), -100) - y max(log p, -100): on the
     * CPU in float32 torch's kernel's own steps and C library functions ({@link CpuBce}), otherwise the
     * same formula from tensor ops. The backward as torch's: (g (p - y)) / max((1 - p) p, 1e-12) / n for
     * p, -logit(p) g / n for y.
     */
    static Tensor ofProbabilities(Tensor p, Tensor target) {
        Tensor y = sameShapeTarget("binaryCrossEntropy", p, target);
        int n = p.numel();
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            double lo = n > 0 ? p.min().item() : 0;
            double hi = n > 0 ? p.max().item() : 0;
            if (!(lo >= 0 && hi <= 1)) { // a NaN fails too (min and max carry it), as torch's kernel check
                throw new IllegalArgumentException("binaryCrossEntropy: all elements of input should be between 0 "
                    + "and 1 (got min " + lo + ", max " + hi + "); apply sigmoid() first, "
                    + "or use binaryCrossEntropyWithLogits on raw scores");
            }
            out = elementLoss(p.detach(), y.detach()).mean();
        }
        if (Node.needed(p, y)) {
            out.setGradFn(new Node("BinaryCrossEntropyBackward0", p, y) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gp = p.requiresGrad()
                        ? g.mul(p.sub(y)).div(p.rsub(1.0).mul(p).clampMin(EPSILON)).div((long) n) : null;
                    Tensor gy = y.requiresGrad() ? p.div(p.rsub(1.0)).log().neg().mul(g).div((long) n) : null;
                    return new Tensor[] {gp, gy};
                }
            });
        }
        return out;
    }

    /** torch's per-element loss (y - 1) max(log(1 - p), -100) - y max(log p, -100), p and y alike. */
    private static Tensor elementLoss(Tensor p, Tensor y) {
        if (p.dtype() == DType.FLOAT32 && p.backend() == CpuBackend.INSTANCE) {
            Tensor pc = p.contiguous();
            Tensor yc = y.contiguous();
            Tensor loss = Tensor.empty(DType.FLOAT32, p.device(), p.shapeArray());
            CpuBce.loss(pc.storage().floats(), pc.offset(), yc.storage().floats(), yc.offset(), loss.storage().floats(),
                p.numel());
            return loss;
        }
        return y.sub(1.0).mul(p.rsub(1.0).log().clampMin(-100)).sub(y.mul(p.log().clampMin(-100)));
    }

    /**
     * torch's formula, bit for bit: with m = max(-x, 0), the loss is
     * {@code (1 - y) x + m + log(exp(-m) + exp(-x - m))}, averaged; an infinite logit gives nan, as
     * torch's. The result has the target's dtype, as torch's (its loss is built in place in 1 - y).
     */
    static Tensor ofLogits(Tensor x0, Tensor target0) {
        if (!Arrays.equals(x0.shapeArray(), target0.shapeArray())) {
            throw new IllegalArgumentException("Target size (torch.Size(" + Arrays.toString(target0.shapeArray())
                + ")) must be the same as input size (torch.Size(" + Arrays.toString(x0.shapeArray()) + ")) "
                + "(reshape one, e.g. y.unsqueeze(1) or preds.squeeze(1))");
        }
        if (x0.dtype() == DType.BOOL) {
            // torch's first step is -x
            throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you "
                + "are trying to invert a mask, use the `~` or `logical_not()` operator instead. "
                + "(binaryCrossEntropyWithLogits: convert the logits first, e.g. x.toFloat())");
        }
        if (target0.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. "
                + "Use the `^` or `logical_xor()` operator instead. (binaryCrossEntropyWithLogits: convert the target "
                + "first, e.g. y.toFloat())");
        }
        if (!x0.dtype().isFloatingPoint() || !target0.dtype().isFloatingPoint()) {
            // torch's formula updates (1 - target) in place: an integer target (or input) cannot hold the floats.
            DType into = !target0.dtype().isFloatingPoint() ? target0.dtype() : x0.dtype();
            DType result = x0.dtype().isFloatingPoint() ? x0.dtype() : DType.FLOAT32;
            throw new IllegalArgumentException("result type " + Reductions.kernelTypeName(result) + " can't be cast to "
                + "the desired output type " + Reductions.kernelTypeName(into) + " (binaryCrossEntropyWithLogits needs "
                + "float inputs and targets: convert with toFloat())");
        }
        int n = x0.numel();
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            // torch 1.13's steps and dtypes: m and the log term in the logits' dtype, the loss built in place in
            // (1 - y), so it has the target's dtype (each in-place step computed in the wider type, rounded once).
            Tensor m = x0.neg().clampMin(0L);
            Tensor logTerm = m.neg().exp().add(x0.neg().sub(m).exp()).log();
            out = target0.rsub(1L).mul_(x0).add_(m).add_(logTerm).mean();
        }
        if (Node.needed(x0, target0)) {
            out.setGradFn(new Node("BinaryCrossEntropyWithLogitsBackward0", x0, target0) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = x0.requiresGrad()
                        ? x0.sigmoid().sub(target0).mul(g).div((long) n).to(x0.dtype()) : null;
                    Tensor gy = target0.requiresGrad() ? x0.mul(g).neg().div((long) n).to(target0.dtype()) : null;
                    return new Tensor[] {gx, gy};
                }
            }.saves(x0, target0));
        }
        return out;
    }
}
