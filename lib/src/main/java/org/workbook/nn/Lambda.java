package org.workbook.nn;

import java.util.function.UnaryOperator;

import org.workbook.tensor.Tensor;

/** A plain function as a layer (fastai's Lambda), so it can sit in a Sequential. */
public class Lambda extends Module {
    private final UnaryOperator<Tensor> fn;

    public Lambda(UnaryOperator<Tensor> fn) {
        this.fn = fn;
    }

    @Override
    public Tensor forward(Tensor x) {
        return fn.apply(x);
    }
}
