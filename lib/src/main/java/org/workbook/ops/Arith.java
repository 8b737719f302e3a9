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
            });
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
                        b.requiresGrad() ? Grads.forInput(g.mul(a).div(b.mul(b)).neg(), b) : null};
                }
            });
        }
        return out;
    }

    public static Tensor pow(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary(BinaryOp.POW, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node("PowBackward1", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor ga = null;
                    Tensor gb = null;
                    if (a.requiresGrad()) {
                        // b * a^(b-1), with 0 where b == 0 (torch's convention at a == 0)
                        Tensor d = b.mul(a.pow(b.sub(1.0)));
                        ga = Grads.forInput(g.mul(Tensor.where(b.eq(0.0), Tensor.scalar(0.0, d.dtype()), d)), a);
                    }
                    if (b.requiresGrad()) {
                        // a^b * log(a), with 0 where a == 0 and b >= 0
                        Tensor d = out.mul(a.log());
                        Tensor zero = a.eq(0.0).logicalAnd(b.ge(0.0));
                        gb = Grads.forInput(g.mul(Tensor.where(zero, Tensor.scalar(0.0, d.dtype()), d)), b);
                    }
                    return new Tensor[] {ga, gb};
                }
            });
        }
        return out;
    }

    /** maximum/minimum: the gradient goes to the larger (smaller) input; ties split it in half, as torch. */
    public static Tensor extremum(Tensor a, Tensor b, boolean max) {
        Tensor out = Elementwise.binary(max ? BinaryOp.MAXIMUM : BinaryOp.MINIMUM, a, b);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node(max ? "MaximumBackward0" : "MinimumBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor aWins = max ? a.gt(b) : a.lt(b);
                    Tensor tie = a.eq(b);
                    Tensor wa = aWins.to(g.dtype()).add(tie.to(g.dtype()).mul(0.5));
                    Tensor wb = wa.neg().add(1.0);
                    return new Tensor[] {
                        a.requiresGrad() ? Grads.forInput(g.mul(wa), a) : null,
                        b.requiresGrad() ? Grads.forInput(g.mul(wb), b) : null};
                }
            });
        }
        return out;
    }
}
