package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** The hyperbolic tangent elementwise. */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
