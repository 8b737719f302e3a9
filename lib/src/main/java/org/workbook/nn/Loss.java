package org.workbook.nn;

import java.util.function.BinaryOperator;

import org.workbook.tensor.Tensor;

/**
 * A loss: (predictions, targets) to a scalar tensor. Any lambda of that shape is
 * one too, e.g. the lessons' hand-written {@code mnistLoss}.
 */
@FunctionalInterface
public interface Loss extends BinaryOperator<Tensor> {
    /** The loss of predictions against targets. */
    @Override
    Tensor apply(Tensor predictions, Tensor targets);
}
