package org.workbook.ops;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Tensor;

/**
 * Out-of-place forms of the in-place writes that are not arithmetic (fill_, zero_,
 * copy_), so {@link InPlace} can record them: what the tensor holds afterwards, with
 * torch's node names. The old values get no gradient: they were overwritten.
 */
public final class InPlaceNodes {
    private InPlaceNodes() { }

    /** x filled with v, recorded as {@code name} (FillBackward2 for fill_, ZeroBackward0 for zero_). */
    public static Tensor filled(Tensor x, double v, String name) {
        Tensor out = Tensor.empty(x.dtype(), x.device(), x.shapeArray());
        out.backend().fill(out, v);
        if (Node.needed(x)) {
            out.setGradFn(new Node(name, x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {Tensor.zeros(g.dtype(), g.device(), g.shapeArray())};
                }
            });
        }
        return out;
    }

    /** x filled with the number the 0-d value holds, as torch's FillBackward3 (value's gradient: the sum of g). */
    public static Tensor filled(Tensor x, Tensor value) {
        Tensor out = Tensor.empty(x.dtype(), x.device(), x.shapeArray());
        out.backend().fill(out, value.item());
        if (Node.needed(x, value)) {
            out.setGradFn(new Node("FillBackward3", x, value) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gv = value.requiresGrad() ? g.sum().to(value.dtype()).to(value.device()) : null;
                    return new Tensor[] {Tensor.zeros(g.dtype(), g.device(), g.shapeArray()), gv};
                }
            });
        }
        return out;
    }

    /** src broadcast to x's shape in x's dtype, recorded as torch's CopyBackwards. */
    public static Tensor copied(Tensor x, Tensor src) {
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = Tensor.empty(x.dtype(), x.device(), x.shapeArray());
            out.backend().copy(src.to(x.device()).expand(x.shapeArray()), out);
        }
        if (Node.needed(x, src)) {
            out.setGradFn(new Node("CopyBackwards", x, src) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gs = null;
                    if (src.requiresGrad()) {
                        gs = Grads.forInput(g.to(src.device()), src);
                    }
                    return new Tensor[] {Tensor.zeros(g.dtype(), g.device(), g.shapeArray()), gs};
                }
            });
        }
        return out;
    }
}
