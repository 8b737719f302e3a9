package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** x for x > 0, slope * x otherwise (default slope 0.01, as torch). */
public class LeakyReLU extends Module {
    private final double slope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        slope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + slope;
    }
}
