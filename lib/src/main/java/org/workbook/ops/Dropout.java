package org.workbook.ops;

import org.workbook.random.Generator;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * torch.nn.functional.dropout: in training, each element is zeroed with probability p
 * and the survivors scaled by 1/(1-p), so the expected value is unchanged; in
 * evaluation (or with p = 0) the input itself comes back. As torch's CPU path does, the
 * output is {@code x * noise} (MulBackward0), where noise holds 1/(1-p) (computed in x's
 * dtype) where a Bernoulli(1-p) draw is 1: on the CPU that draw is torch's own stream, a
 * float64 uniform per element from the global generator kept when below 1 - p, so a seeded
 * dropout zeroes the same elements as torch's; p = 1 draws nothing and multiplies by 0. On
 * a GPU the draws come from the device's counter-based generator.
 *
 * <pre>{@code
 * jshell> manualSeed(0); F.dropout(ones(10), 0.5)
 * $2 ==> tensor([0., 0., 2., 0., 0., 0., 2., 2., 0., 2.])
 * }</pre>
 */
public final class Dropout {
    private Dropout() { }

    public static Tensor dropout(Tensor x, double p, boolean training) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0 || x.numel() == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(Tensor.scalar(0.0, x.dtype()));
        }
        return x.mul(noise(x, 1 - p));
    }

    /** torch's noise: bernoulli_(q), then div_(q) in x's dtype. */
    private static Tensor noise(Tensor x, double q) {
        double keep = x.dtype() == DType.FLOAT32 ? (double) (1f / (float) q) : 1 / q;
        if (!x.device().isCpu()) {
            Tensor u = Tensors.rand(x.device(), x.shapeArray());
            return Tensor.where(u.lt(q), Tensor.scalar(keep, x.dtype()), Tensor.scalar(0.0, x.dtype()));
        }
        int n = x.numel();
        double[] u = new double[n];
        Generator.global().fillUniform(u, 0, n, 0, 1);
        Tensor noise = Tensor.empty(x.dtype(), x.device(), x.shapeArray());
        for (int i = 0; i < n; i++) {
            noise.storage().setDouble(i, u[i] < q ? keep : 0.0);
        }
        return noise;
    }
}
