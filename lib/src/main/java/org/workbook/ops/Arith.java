package org.workbook.ops;

import org.workbook.autograd.Node;
import org.workbook.backend.BinaryOp;
import org.workbook.tensor.Tensor;

/** The differentiable binary ops, each backward written next to its forward. */
public final class Arith {
    private Arith() { }

    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary(BinaryOp.ADD, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node("AddBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {Grads.forInput(g, a), Grads.forInput(g, b)};
                }
            });
        }
        return out;
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return sub(a, b, "SubBackward0");
    }

    /** s - x for a number s ({@code 1 - x}), named as torch's node so printed grad_fns match. */
    public static Tensor rsub(Tensor x, Tensor s) {
        return sub(s, x, "RsubBackward1");
    }

    private static Tensor sub(Tensor a, Tensor b, String name) {
        Tensor out = Elementwise.binary(BinaryOp.SUB, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node(name, a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {Grads.forInput(g, a), b.requiresGrad() ? Grads.forInput(g.neg(), b) : null};
                }
            });
        }
        return out;
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary(BinaryOp.MUL, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node("MulBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {
                        a.requiresGrad() ? Grads.forInput(g.mul(b), a) : null,
                        b.requiresGrad() ? Grads.forInput(g.mul(a), b) : null};
                }
            }.saves(a.requiresGrad() ? b : null, b.requiresGrad() ? a : null));
        }
        return out;
    }

    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary(BinaryOp.DIV, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node("DivBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // d(a/b)/da = 1/b; d(a/b)/db = -a/b^2
                    return new Tensor[] {
                        a.requiresGrad() ? Grads.forInput(g.div(b), a) : null,
                        b.requiresGrad() ? Grads.forInput(g.neg().mul(a.div(b).div(b)), b) : null}; // torch's order
                }
            }.saves(b, b.requiresGrad() ? a : null));
        }
        return out;
    }

    public static Tensor pow(Tensor a, Tensor b) {
        if (Elementwise.resultType(a, b) == org.workbook.tensor.DType.BOOL) {
            org.workbook.tensor.Shapes.broadcast(a.shapeArray(), b.shapeArray()); // torch checks the shapes first
            throw new IllegalArgumentException("\"pow\" not implemented for 'Bool' (convert first, e.g. x.toLong())");
        }
        Tensor out = Elementwise.binary(BinaryOp.POW, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node("PowBackward1", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor ga = null;
                    Tensor gb = null;
                    if (a.requiresGrad()) {
                        // g * b * a^(b-1), then 0 where b == 0 (torch's convention at a == 0; chosen after the
                        // product, as torch's where, so a negative g gives +0 there, not -0).
                        // Python ints (1L, 0L): a float would promote an integer exponent to float32.
                        Tensor d = g.mul(b.mul(a.pow(b.sub(1L))));
                        ga = Grads.forInput(Tensor.where(b.eq(0L), Tensor.scalar(0.0, d.dtype()), d), a);
                    }
                    if (b.requiresGrad()) {
                        // a^b * log(a), with 0 where a == 0 and b >= 0
                        Tensor d = out.mul(a.log());
                        Tensor zero = a.eq(0L).logicalAnd(b.ge(0L));
                        gb = Grads.forInput(g.mul(Tensor.where(zero, Tensor.scalar(0.0, d.dtype()), d)), b);
                    }
                    return new Tensor[] {ga, gb};
                }
            }.saves(a, b).savesOutput(out));
        }
        return out;
    }

    /**
     * maximum/minimum: the gradient goes to the larger (smaller) input, ties split it in half,
     * and selected, as torch's {@code where(a == b, g / 2, g).masked_fill_(a < b, 0)}; with a NaN
     * neither test holds, so both inputs get g, as in torch.
     */
    public static Tensor extremum(Tensor a, Tensor b, boolean max) {
        Tensor out = Elementwise.binary(max ? BinaryOp.MAXIMUM : BinaryOp.MINIMUM, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node(max ? "MaximumBackward0" : "MinimumBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor shared = Tensor.where(a.eq(b), g.div(2L), g);
                    Tensor zero = Tensor.scalar(0.0, g.dtype());
                    return new Tensor[] {
                        a.requiresGrad() ? Grads.forInput(Tensor.where(max ? a.lt(b) : a.gt(b), zero, shared), a) : null,
                        b.requiresGrad() ? Grads.forInput(Tensor.where(max ? a.gt(b) : a.lt(b), zero, shared), b) : null};
                }
            }.saves(a, b));
        }
        return out;
    }

    /** s / x, as torch's {@code __rdiv__}: {@code x.reciprocal() * s} (so 3 / x prints MulBackward0). */
    public static Tensor rdiv(Tensor x, Tensor s) {
        return mul(MathOps.reciprocal(x), s);
    }
}
