package org.workbook.ops;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * var and std with torch's forward and backward arithmetic. std of float32 is computed in
 * float64 and rounded once, as torch's (its accumulator is a double), so values near the float
 * range do not overflow through the variance. Gradients follow torch's formulas term by term:
 * {@code (2 / dof) * g * (x - mean)} for var (with torch's inf/nan when no degree of freedom is
 * left), and {@code g / (2 std)}, zero where std is 0, through it for std.
 */
final class Variance {
    private Variance() { }

    private static void checkFloating(Tensor a) {
        if (!a.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("std and var only support floating point and complex dtypes (got "
                + a.dtype().torchName() + "; convert first: x.toFloat())");
        }
    }

    /** The variance itself, unrecorded, in x's dtype (computed by the backend in double precision). */
    private static Tensor raw(Tensor x, int[] dims, int correction, boolean keepdim) {
        return raw(x, x.dtype(), dims, correction, keepdim);
    }

    private static Tensor raw(Tensor x, DType outType, int[] dims, int correction, boolean keepdim) {
        Tensor out = Tensor.empty(outType, x.device(), Reductions.reducedShape(x.shapeArray(), dims, false));
        x.backend().variance(x, dims, correction, out);
        return keepdim ? out.reshape(Reductions.reducedShape(x.shapeArray(), dims, true)) : out;
    }

    static Tensor var(Tensor a, int[] dims0, int correction, boolean keepdim) {
        checkFloating(a);
        int[] dims = Reductions.dimsOrAll(a, dims0);
        Tensor out = raw(a, dims, correction, keepdim);
        if (Node.needed(a)) {
            boolean whole = dims0 == null || dims0.length == 0;
            out.setGradFn(new Node("VarBackward0", a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {varBackward(g, a, dims, whole, correction, keepdim)};
                }
            }.saves(a));
        }
        return out;
    }

    static Tensor std(Tensor a, int[] dims0, int correction, boolean keepdim) {
        checkFloating(a);
        int[] dims = Reductions.dimsOrAll(a, dims0);
        Tensor out;
        try (var s = GradMode.noGrad()) {
            if (a.dtype() == DType.FLOAT64) {
                out = raw(a, dims, correction, keepdim).sqrt();
            } else if (a.device().isCpu()) {
                // The CPU backend reads any dtype as double and writes a float64 out: no float64 copy of
                // a (for MNIST's 50,000 x 784 floats that copy was 314 MB, more than a pod's heap could spare).
                out = raw(a, DType.FLOAT64, dims, correction, keepdim).sqrt().to(a.dtype());
            } else {
                out = raw(a.toDouble(), dims, correction, keepdim).sqrt().to(a.dtype());
            }
        }
        if (Node.needed(a)) {
            boolean whole = dims0 == null || dims0.length == 0;
            Tensor result = out;
            out.setGradFn(new Node("StdBackward0", a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gv = g.div(result.mul(2L));
                    gv = Tensor.where(result.eq(0L), Tensor.scalar(0.0, gv.dtype()), gv);
                    return new Tensor[] {varBackward(gv, a, dims, whole, correction, keepdim)};
                }
            }.saves(a).savesOutput(out));
        }
        return out;
    }

    /** torch's var_backward. */
    private static Tensor varBackward(Tensor g, Tensor x, int[] dims, boolean whole, int correction, boolean keepdim) {
        int[] in = x.shapeArray();
        if (x.ndim() == 0 || whole) {
            int dof = x.numel() - correction;
            if (dof <= 0) {
                // torch 1.13 returns g * inf, whatever x holds (a NaN or infinite x too). Its result keeps g's
                // 0-d shape, which autograd then refuses for an input with dims (bydesign.txt); here it is
                // spread over x's shape.
                return g.mul(Tensor.scalar(Double.POSITIVE_INFINITY, g.dtype())).expand(in);
            }
            return g.mul(2.0 / dof).mul(x.sub(x.mean()));
        }
        int dof = Reductions.count(in, dims) - correction;
        Tensor gk = keepdim ? g : g.reshape(Reductions.reducedShape(in, dims, true));
        return gk.mul(2.0 / dof).mul(x.sub(x.mean(dims, true)));
    }
}
