package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Negative log likelihood of log-probabilities [N, C] for class indices [N]. */
public class NLLLoss implements Loss {
    @Override
    public Tensor apply(Tensor p, Tensor y) {
        return F.nllLoss(p, y);
    }

    @Override
    public String toString() {
        return "NLLLoss()";
    }
}
