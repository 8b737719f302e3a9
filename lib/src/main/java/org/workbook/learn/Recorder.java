package org.workbook.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.workbook.plot.Figure;
import org.workbook.plot.Plot;

/**
 * What training recorded: every batch's loss, and per epoch the table's values
 * (train_loss, valid_loss, each metric), for plotting like fastai's recorder.
 *
 * <pre>{@code
 * jshell> learn.recorder().values("accuracy")
 * $1 ==> [0.9432, 0.9597, 0.9671]
 * jshell> learn.recorder().plotMetric("accuracy")      // a line per epoch
 * }</pre>
 */
public final class Recorder {
    private final List<Double> batchLosses = new ArrayList<>();
    private final Map<String, List<Double>> epochValues = new LinkedHashMap<>();

    void addBatchLoss(double loss) {
        batchLosses.add(loss);
    }

    void addEpoch(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            epochValues.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    public List<Double> batchLosses() {
        return Collections.unmodifiableList(batchLosses);
    }

    /** The per-epoch values of one column ("train_loss", "valid_loss", a metric's name). */
    public List<Double> values(String column) {
        List<Double> v = epochValues.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no recorded column '" + column + "'; recorded: " + epochValues.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    public List<String> columns() {
        return new ArrayList<>(epochValues.keySet());
    }

    /** Training and validation loss per epoch. */
    public Figure plotLoss() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train_loss", toArray(values("train_loss")));
        series.put("valid_loss", toArray(values("valid_loss")));
        return Plot.plotLines(series, "epoch", "loss");
    }

    /** One metric per epoch (e.g. the accuracy curve of the chapter-4 simple net). */
    public Figure plotMetric(String name) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put(name, toArray(values(name)));
        return Plot.plotLines(series, "epoch", name);
    }

    /** The loss of every batch, in order. */
    public Figure plotBatchLosses() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("loss", toArray(batchLosses));
        return Plot.plotLines(series, "batch", "loss");
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
