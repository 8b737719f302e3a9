package org.workbook.ops;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * torch.nn.functional.dropout: in training, each element is zeroed with probability p
 * and the survivors scaled by 1/(1-p), so the expected value is unchanged; in
 * evaluation (or with p = 0) the input itself comes back. The mask is drawn from the
 * global generator (the same stream as rand(), not torch's bernoulli stream).
 *
 * <pre>{@code
 * jshell> F.dropout(ones(4), 0.5, false)
 * $1 ==> tensor([1., 1., 1., 1.])
 * }</pre>
 */
public final class Dropout {
    private Dropout() { }

    public static Tensor dropout(Tensor x, double p, boolean training) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        Tensor scale;
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor keep = Tensors.rand(x.device(), x.shapeArray()).ge(p);
            scale = p == 1 ? Tensor.zeros(x.dtype(), x.device(), x.shapeArray())
                : Tensor.where(keep, Tensor.scalar(1 / (1 - p), x.dtype()), Tensor.scalar(0.0, x.dtype()));
            y = x.mul(scale);
        }
        if (Node.needed(x)) {
            Tensor m = scale;
            y.setGradFn(new Node("NativeDropoutBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.mul(m)};
                }
            });
        }
        return y;
    }
}
