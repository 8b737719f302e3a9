package org.workbook.learn;

import org.workbook.tensor.Tensor;

/**
 * A validation metric averaged over batches weighted by their size, as fastai's
 * AvgMetric: {@code value(preds, targets)} gives one batch's value.
 */
public interface Metric {
    /** The column name in the training table, e.g. "accuracy". */
    String name();

    /** This batch's value (a mean over its samples). */
    double value(Tensor preds, Tensor targets);

    /** A metric from a name and a function of (preds, targets) returning a 0-d tensor. */
    static Metric of(String name, java.util.function.BiFunction<Tensor, Tensor, Tensor> fn) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double value(Tensor p, Tensor t) {
                return fn.apply(p, t).item();
            }
        };
    }
}
