package org.workbook.nn;

import org.workbook.tensor.Tensor;

/**
 * log(1 + exp(beta x)) / beta elementwise, and x itself where beta x > threshold (torch's
 * nn.Softplus; defaults beta 1, threshold 20).
 *
 * <pre>{@code
 * jshell> new Softplus()
 * $1 ==> Softplus(beta=1, threshold=20)
 * jshell> new Softplus().forward(tensor(0.0, 30.0))
 * $2 ==> tensor([ 0.6931, 30.0000])
 * }</pre>
 */
public class Softplus extends Module {
    private final double beta;
    private final double threshold;
    private final boolean defaults;

    public Softplus() {
        this(1, 20, true);
    }

    public Softplus(double beta, double threshold) {
        this(beta, threshold, false);
    }

    private Softplus(double beta, double threshold, boolean defaults) {
        this.beta = beta;
        this.threshold = threshold;
        this.defaults = defaults;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.softplus(x, beta, threshold);
    }

    /** As torch prints it: its integer defaults as integers, given values as Python floats. */
    @Override
    protected String extraRepr() {
        return defaults ? "beta=1, threshold=20" : "beta=" + PyFloat.repr(beta) + ", threshold=" + PyFloat.repr(threshold);
    }
}
