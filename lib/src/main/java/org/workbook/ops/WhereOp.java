package org.workbook.ops;

import org.workbook.autograd.Node;
import org.workbook.tensor.DType;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Tensor;

/** where(cond, a, b): a where cond holds, else b; the gradient follows the same choice. */
public final class WhereOp {
    private WhereOp() { }

    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Nulls.check(cond, "where", "condition");
        Nulls.check(a, "where", "input");
        Nulls.check(b, "where", "other");
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with "
                + "dtype " + cond.dtype().torchName() + " (compare first, e.g. x.gt(0))");
        }
        int[] shape = Shapes.broadcast(Shapes.broadcast(cond.shapeArray(), a.shapeArray()), b.shapeArray());
        DType dt = Elementwise.resultType(a, b);
        Tensor out = Tensor.empty(dt, Devices.common(cond, a, b), shape);
        out.backend().where(cond.expand(shape), Elementwise.as(a, dt).expand(shape), Elementwise.as(b, dt).expand(shape),
            out);
        if (Node.needed(a, b)) {
            out.setGradFn(new Node("WhereBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor zero = Tensor.scalar(0.0, g.dtype());
                    return new Tensor[] {
                        a.requiresGrad() ? Grads.forInput(where(cond, g, zero), a) : null,
                        b.requiresGrad() ? Grads.forInput(where(cond, zero, g), b) : null};
                }
            }.saves(cond));
        }
        return out;
    }
}
