package org.workbook.ops;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.UnaryOp;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.backend.cpu.Simd;
import org.workbook.backend.cpu.SimdGrad;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/** The differentiable unary ops; each derivative sits beside its forward. */
public final class MathOps {
    private MathOps() { }

    /** What a unary node keeps for its backward, as torch's: its input, its output, or nothing. */
    private enum Keeps { SELF, OUT, NOTHING }

    private static final Keeps SAVES_OUT = Keeps.OUT;

    private static Tensor unary(UnaryOp op, double p1, double p2, Tensor x, String name, Derivative d) {
        return unary(op, p1, p2, x, name, d, d == ZERO ? Keeps.NOTHING : Keeps.SELF);
    }

    /** Applies op and, when recording, attaches a node whose backward is {@code g * deriv(x, out)}. */
    private static Tensor unary(UnaryOp op, double p1, double p2, Tensor x, String name, Derivative d, Keeps keeps) {
        Tensor out = Elementwise.unary(op, p1, p2, x);
        if (d != null && Node.needed(x) && x.dtype().isFloatingPoint()) {
            Node node = new Node(name, x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // Zero derivatives give +0 everywhere, as torch's zeros_like (g * 0 would print -0.).
                    return new Tensor[] {Grads.toInput(d == ZERO ? Tensor.zeros(g.dtype(), g.device(), g.shapeArray())
                        : g.mul(d.of(x, out)), x)};
                }
            };
            if (keeps == Keeps.SELF) {
                node.saves(x);
            } else if (keeps == Keeps.OUT) {
                node.savesOutput(out);
            }
            out.setGradFn(node);
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
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("\"abs_cpu\" not implemented for 'Bool' (abs of a mask is the mask "
                + "itself; convert with toLong() or toFloat() if you need numbers)");
        }
        return unary(UnaryOp.ABS, 0, 0, x, "AbsBackward0", (v, out) -> v.sign());
    }

    public static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, 0, 0, x, "ExpBackward0", (v, out) -> out, SAVES_OUT);
    }

    public static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, 0, 0, x, "LogBackward0", (v, out) -> v.reciprocal());
    }

    public static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, 0, 0, x, "SqrtBackward0", (v, out) -> out.mul(2.0).reciprocal(), SAVES_OUT);
    }

    public static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, 0, 0, x, "SigmoidBackward0", (v, out) -> out.mul(out.neg().add(1.0)), SAVES_OUT);
    }

    public static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, 0, 0, x, "TanhBackward0", (v, out) -> out.mul(out).neg().add(1.0), SAVES_OUT);
    }

    /** max(x, 0), keeping -0. as torch; the gradient is selected where the output is positive, never multiplied. */
    public static Tensor relu(Tensor x) {
        checkNotBool(x, "relu");
        Tensor out = Elementwise.unary(UnaryOp.RELU, 0, 0, x);
        if (Node.needed(x) && x.dtype().isFloatingPoint()) {
            out.setGradFn(new Node("ReluBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // torch's threshold_backward: 0 where the output is <= 0, else g (a nan output passes g).
                    if (Simd.ENABLED && out.backend() == CpuBackend.INSTANCE && out.dtype() == DType.FLOAT32
                            && g.dtype() == DType.FLOAT32 && java.util.Arrays.equals(g.shapeArray(), out.shapeArray())
                            && out.isContiguous()) {
                        Tensor gc = g.contiguous();
                        Tensor dx = Tensor.empty(DType.FLOAT32, out.device(), out.shapeArray());
                        SimdGrad.reluBackward(out.storage().floats(), out.offset(), gc.storage().floats(), gc.offset(),
                            dx.storage().floats(), out.numel());
                        return new Tensor[] {fresh(dx)}; // new, held by no one: a leaf x keeps it as its grad
                    }
                    return new Tensor[] {Grads.select(out.le(0L).logicalNot(), g)};
                }
            }.savesOutput(out));
        }
        return out;
    }

    /** torch refuses some ops on bool tensors with this message. */
    public static void checkNotBool(Tensor x, String op) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Boolean inputs not supported for " + op + " (convert the mask first, "
                + "e.g. x.toFloat())");
        }
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("\"leaky_relu_cpu\" not implemented for '"
                + Reductions.kernelTypeName(x.dtype()) + "' (convert first: x.toFloat())");
        }
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
        return unary(UnaryOp.RECIPROCAL, 0, 0, x, "ReciprocalBackward0", (v, out) -> out.mul(out).neg(), SAVES_OUT);
    }

    public static Tensor log1p(Tensor x) {
        return unary(UnaryOp.LOG1P, 0, 0, x, "Log1PBackward0", (v, out) -> v.add(1.0).reciprocal());
    }

    public static Tensor expm1(Tensor x) {
        return unary(UnaryOp.EXPM1, 0, 0, x, "Expm1Backward0", (v, out) -> out.add(1.0), SAVES_OUT);
    }

    /**
     * x ** e for a Python number e ({@code pythonFloat}: a float, which makes an integer tensor
     * float32). Floating tensors use torch's shortcuts for the common exponents (x*x for 2,
     * sqrt for 0.5, 1/x for -1, ...), so the bits match torch's.
     */
    public static Tensor pow(Tensor x, double e, boolean pythonFloat) {
        if (!x.dtype().isFloatingPoint()) {
            if (pythonFloat) {
                return pow(x.toFloat(), e, true);
            }
            checkIntegerExponent(x, (long) e);
            return Elementwise.unary(UnaryOp.POW_SCALAR, e, 0, x.dtype() == DType.BOOL ? x.toLong() : x);
        }
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = powForward(x, e);
        }
        if (Node.needed(x)) {
            out.setGradFn(new Node("PowBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    if (e == 0) {
                        return new Tensor[] {Tensor.zeros(g.dtype(), g.device(), g.shapeArray())};
                    }
                    return new Tensor[] {Grads.toInput(g.mul(powForward(x, e - 1).mul(e)), x)};
                }
            }.saves(x));
        }
        return out;
    }

    private static Tensor powForward(Tensor x, double e) {
        if (e == 2) {
            return Elementwise.unary(UnaryOp.SQUARE, 0, 0, x);
        } else if (e == 3) {
            return Elementwise.unary(UnaryOp.SQUARE, 0, 0, x).mul(x);
        } else if (e == 0.5) {
            return Elementwise.unary(UnaryOp.SQRT, 0, 0, x);
        } else if (e == -0.5) {
            return Elementwise.unary(UnaryOp.RECIPROCAL, 0, 0, Elementwise.unary(UnaryOp.SQRT, 0, 0, x));
        } else if (e == -1) {
            return Elementwise.unary(UnaryOp.RECIPROCAL, 0, 0, x);
        } else if (e == -2) {
            return Elementwise.unary(UnaryOp.RECIPROCAL, 0, 0, Elementwise.unary(UnaryOp.SQUARE, 0, 0, x));
        }
        return Elementwise.unary(UnaryOp.POW_SCALAR, e, 0, x);
    }

    /** torch refuses an integer tensor to a negative integer number's power. */
    public static void checkIntegerExponent(Tensor x, long e) {
        if (e < 0 && !x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed. (Use a float "
                + "exponent, x.pow(" + e + ".0), or convert first: x.toFloat().pow(" + e + "))");
        }
    }

    /**
     * Clamps into [min, max] (NaN = no bound); Python float bounds ({@code pythonFloat}) make an
     * integer tensor float32, as torch. min > max sets everything to max, as torch. The gradient
     * is selected where min <= x <= max (never multiplied by a mask: inf * 0 would be nan).
     */
    public static Tensor clamp(Tensor x, double min, double max, boolean pythonFloat) {
        if (!x.dtype().isFloatingPoint() && pythonFloat) {
            return clamp(x.toFloat(), min, max, true);
        }
        Tensor out = Elementwise.unary(UnaryOp.CLAMP, min, max, x);
        if (Node.needed(x) && x.dtype().isFloatingPoint()) {
            out.setGradFn(new Node("ClampBackward1", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor in = x.eq(x); // true everywhere but NaN
                    if (!Double.isNaN(min)) {
                        in = in.logicalAnd(x.ge(min));
                    }
                    if (!Double.isNaN(max)) {
                        in = in.logicalAnd(x.le(max));
                    }
                    return new Tensor[] {Grads.select(in, g)};
                }
            }.saves(x));
        }
        return out;
    }

    /** A bound that is given (not NaN) and not a whole number. */
    static boolean fractional(double bound) {
        return !Double.isNaN(bound) && bound != Math.rint(bound);
    }

    /** Rounding and sign: piecewise constant, so the gradient is zero. */
    public static Tensor piecewiseConstant(UnaryOp op, Tensor x) {
        if (x.dtype() == DType.BOOL) {
            if (op == UnaryOp.SIGN) {
                return x.clone(); // sign of a bool is the bool, as torch
            }
            throw new IllegalArgumentException("\"" + op.name().toLowerCase() + "_vml_cpu\" not implemented for 'Bool' "
                + "(convert first: x.toFloat())");
        }
        return unary(op, 0, 0, x, op.name().charAt(0) + op.name().substring(1).toLowerCase() + "Backward0", ZERO);
    }
}
