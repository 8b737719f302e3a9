package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Binary cross-entropy of raw scores (sigmoid inside, stably). */
public class BCEWithLogitsLoss implements Loss {
    @Override
    public Tensor apply(Tensor p, Tensor y) {
        return F.binaryCrossEntropyWithLogits(p, y);
    }

    @Override
    public String toString() {
        return "BCEWithLogitsLoss()";
    }
}
