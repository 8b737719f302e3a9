package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** 1 / (1 + exp(-x)) elementwise. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
