package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Mean squared error. */
public class MSELoss implements Loss {
    @Override
    public Tensor apply(Tensor p, Tensor y) {
        return F.mseLoss(p, y);
    }

    @Override
    public String toString() {
        return "MSELoss()";
    }
}
