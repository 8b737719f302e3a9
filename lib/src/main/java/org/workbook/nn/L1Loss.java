package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Mean absolute error. */
public class L1Loss implements Loss {
    @Override
    public Tensor apply(Tensor p, Tensor y) {
        return F.l1Loss(p, y);
    }

    @Override
    public String toString() {
        return "L1Loss()";
    }
}
