package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Softmax along a dimension: exp(x) normalised to sum to 1. */
public class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.softmax(x, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
