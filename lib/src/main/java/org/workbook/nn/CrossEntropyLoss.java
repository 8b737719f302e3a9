package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** logSoftmax then NLL, on raw scores [N, C]. */
public class CrossEntropyLoss implements Loss {
    @Override
    public Tensor apply(Tensor p, Tensor y) {
        return F.crossEntropy(p, y);
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss()";
    }
}
