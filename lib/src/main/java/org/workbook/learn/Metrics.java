package org.workbook.learn;

import org.workbook.tensor.Tensor;

/**
 * The metrics the lessons use, with fastai's names.
 *
 * <pre>{@code
 * jshell> accuracy().value(tensor(new double[][] {{0.1, 0.9}, {0.8, 0.2}}), tensor(1, 1))
 * $1 ==> 0.5
 * }</pre>
 */
public final class Metrics {
    private Metrics() { }

    /** Share of rows whose largest score is at the target class. */
    public static Metric accuracy() {
        return Metric.of("accuracy", Metrics::accuracy);
    }

    /** 1 - accuracy. */
    public static Metric errorRate() {
        return Metric.of("error_rate", (p, t) -> accuracy(p, t).rsub(1.0));
    }

    /** For one output per sample: sigmoid(pred) > 0.5 compared with targets 0/1 (the chapter-4 metric). */
    public static Metric batchAccuracy() {
        return Metric.of("batch_accuracy", Metrics::batchAccuracy);
    }

    public static Tensor accuracy(Tensor preds, Tensor targets) {
        Tensor cls = preds.argmax(-1);
        return cls.eq(targets.reshape(cls.shapeArray()).toLong()).toFloat().mean();
    }

    public static Tensor batchAccuracy(Tensor preds, Tensor targets) {
        Tensor correct = preds.sigmoid().gt(0.5).eq(targets.reshape(preds.shapeArray()).bool());
        return correct.toFloat().mean();
    }
}
