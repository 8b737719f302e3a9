package org.workbook.nn;

import org.workbook.tensor.Tensor;

/**
 * Zeroes each element with probability p in training mode and scales the rest by
 * 1/(1-p); in eval mode it passes its input through, as torch.nn.Dropout.
 *
 * <pre>{@code
 * jshell> new Dropout(0.25)
 * $1 ==> Dropout(p=0.25, inplace=False)
 * }</pre>
 */
public class Dropout extends Module {
    private final double p;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.dropout(x, p, isTraining());
    }

    @Override
    protected String extraRepr() {
        return "p=" + PyFloat.repr(p) + ", inplace=False";
    }
}
