package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Max(0, x) elementwise. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
