package org.workbook.ops;

import org.workbook.autograd.Node;
import org.workbook.backend.UnaryOp;
import org.workbook.tensor.Tensor;

/** The differentiable unary ops; each derivative sits beside its forward. */
public final class MathOps {
    private MathOps() { }

    /** Applies op and, when recording, attaches a node whose backward is {@code g * deriv(x, out)}. */
    private static Tensor unary(UnaryOp op, double p1, double p2, Tensor x, String name, Derivative d) {
        Tensor out = Elementwise.unary(op, p1, p2, x);
        if (d != null && Node.needed(x) && x.dtype().isFloatingPoint()) {
            out.setGradFn(new Node(name, x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // Zero derivatives give +0 everywhere, as torch's zeros_like (g * 0 would print -0.).
                    return new Tensor[] {Grads.toInput(d == ZERO ? Tensor.zeros(g.dtype(), g.device(), g.shapeArray())
                        : g.mul(d.of(x, out)), x)};
                }
            });
        }
        return out;
    }

    @FunctionalInterface
    private interface Derivative {
        Tensor of(Tensor x, Tensor out);
    }

    private static final Derivative ZERO = (x, out) -> null;

    public static Tensor neg(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.NEG, 0, 0, x);
        if (Node.needed(x)) {
            out.setGradFn(new Node("NegBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.neg()};
                }
            });
        }
        return out;
    }

    /** |x|; the derivative at 0 is 0, as torch's sign(x). */
    public static Tensor abs(Tensor x) {
        return unary(UnaryOp.ABS, 0, 0, x, "AbsBackward0", (v, out) -> v.sign());
    }

    public static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, 0, 0, x, "ExpBackward0", (v, out) -> out);
    }

    public static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, 0, 0, x, "LogBackward0", (v, out) -> v.reciprocal());
    }

    public static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, 0, 0, x, "SqrtBackward0", (v, out) -> out.mul(2.0).reciprocal());
    }

    public static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, 0, 0, x, "SigmoidBackward0", (v, out) -> out.mul(out.neg().add(1.0)));
    }

    public static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, 0, 0, x, "TanhBackward0", (v, out) -> out.mul(out).neg().add(1.0));
    }

    public static Tensor relu(Tensor x) {
        return unary(UnaryOp.RELU, 0, 0, x, "ReluBackward0", (v, out) -> out.gt(0.0).to(out.dtype()));
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        return unary(UnaryOp.LEAKY_RELU, slope, 0, x, "LeakyReluBackward0",
            (v, out) -> Tensor.where(v.gt(0.0), Tensor.scalar(1.0, v.dtype()), Tensor.scalar(slope, v.dtype())));
    }

    public static Tensor sin(Tensor x) {
        return unary(UnaryOp.SIN, 0, 0, x, "SinBackward0", (v, out) -> v.cos());
    }

    public static Tensor cos(Tensor x) {
        return unary(UnaryOp.COS, 0, 0, x, "CosBackward0", (v, out) -> v.sin().neg());
    }

    public static Tensor square(Tensor x) {
        return unary(UnaryOp.SQUARE, 0, 0, x, "PowBackward0", (v, out) -> v.mul(2.0));
    }

    public static Tensor reciprocal(Tensor x) {
        return unary(UnaryOp.RECIPROCAL, 0, 0, x, "ReciprocalBackward0", (v, out) -> out.mul(out).neg());
    }

    public static Tensor log1p(Tensor x) {
        return unary(UnaryOp.LOG1P, 0, 0, x, "Log1PBackward0", (v, out) -> v.add(1.0).reciprocal());
    }

    public static Tensor expm1(Tensor x) {
        return unary(UnaryOp.EXPM1, 0, 0, x, "Expm1Backward0", (v, out) -> out.add(1.0));
    }

    /** x^e for a number e. */
    public static Tensor pow(Tensor x, double e) {
        if (!x.dtype().isFloatingPoint() && (e != Math.rint(e))) {
            return pow(x.toFloat(), e);
        }
        return unary(UnaryOp.POW_SCALAR, e, 0, x, "PowBackward0", e == 0 ? ZERO : (v, out) -> v.pow(e - 1).mul(e));
    }

    /** Clamps into [min, max] (NaN = no bound); the gradient passes where min <= x <= max, as torch. */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
            // torch sets everything to max in this case; say so instead of surprising the student.
            throw new IllegalArgumentException("clamp: min (" + min + ") is greater than max (" + max + ")");
        }
        if (!x.dtype().isFloatingPoint() && (fractional(min) || fractional(max))) {
            // torch: an integer tensor clamped to a fractional bound gives float32 (arange(5).clamp(0.5, 2.5)
            // is [0.5, 1, 2, 2.5, 2.5]); the int64 kernel would round the bounds instead.
            return clamp(x.toFloat(), min, max);
        }
        return unary(UnaryOp.CLAMP, min, max, x, "ClampBackward1", (v, out) -> {
            Tensor in = v.eq(v); // true everywhere but NaN
            if (!Double.isNaN(min)) {
                in = in.logicalAnd(v.ge(min));
            }
            if (!Double.isNaN(max)) {
                in = in.logicalAnd(v.le(max));
            }
            return in.to(v.dtype());
        });
    }

    /** A bound that is given (not NaN) and not a whole number. */
    static boolean fractional(double bound) {
        return !Double.isNaN(bound) && bound != Math.rint(bound);
    }

    /** Rounding and sign: piecewise constant, so the gradient is zero. */
    public static Tensor piecewiseConstant(UnaryOp op, Tensor x) {
        return unary(op, 0, 0, x, op.name().charAt(0) + op.name().substring(1).toLowerCase() + "Backward0", ZERO);
    }
}
