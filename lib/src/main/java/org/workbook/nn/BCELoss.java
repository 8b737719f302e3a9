package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Binary cross-entropy of probabilities. */
public class BCELoss implements Loss {
    @Override
    public Tensor apply(Tensor p, Tensor y) {
        return F.binaryCrossEntropy(p, y);
    }

    @Override
    public String toString() {
        return "BCELoss()";
    }
}
