package org.workbook.nn;

import org.workbook.random.Generator;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * y = x Wᵀ + b, with W of shape [out, in] and PyTorch's default initialisation:
 * weight and bias uniform in ±1/√in (kaiming_uniform with a = √5).
 *
 * <pre>{@code
 * jshell> var lin = new Linear(784, 1)
 * jshell> lin.weight.shape() + " " + lin.bias.shape()
 * $2 ==> torch.Size([1, 784]) torch.Size([1])
 * }</pre>
 */
public class Linear extends Module {
    public final Parameter weight;
    public final Parameter bias;
    private final int in;
    private final int out;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear(" + inFeatures + ", " + outFeatures + "): sizes must be >= 0");
        }
        in = inFeatures;
        out = outFeatures;
        double bound = inFeatures > 0 ? 1.0 / Math.sqrt(inFeatures) : 0;
        weight = new Parameter(uniform(bound, outFeatures, inFeatures));
        this.bias = bias ? new Parameter(uniform(bound, outFeatures)) : null;
    }

    static Tensor uniform(double bound, int... shape) {
        Tensor t = Tensors.zeros(shape);
        Generator.global().fillUniform(t.storage().floats(), 0, t.numel(), -bound, bound);
        return t;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x == null) {
            throw new NullPointerException("Linear.forward: the input x is null");
        }
        if (x.size(-1) != in) {
            // Images (3 or more dims) usually need flattening; a 2-d input has the wrong feature
            // count, most often because the layer before gives another size (a Sequential's mismatch).
            String fix = x.ndim() > 2 ? " (flatten images first, e.g. x.view(x.size(0), -1))"
                : " (the layer before this one gives " + x.size(-1) + " features: make them match, e.g. Linear("
                    + x.size(-1) + ", " + out + ") here, or change the layer before to give " + in + ")";
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied: Linear expects inputs with "
                + in + " features in the last dim, got shape " + java.util.Arrays.toString(x.shapeArray()) + fix);
        }
        return F.linear(x, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + in + ", out_features=" + out + ", bias=" + (bias != null ? "True" : "False");
    }
}
