package org.workbook.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.workbook.autograd.GradMode;
import org.workbook.data.DataLoader;
import org.workbook.data.DataLoaders;
import org.workbook.data.Pair;
import org.workbook.display.Table;
import org.workbook.nn.Module;
import org.workbook.optim.Optimizer;
import org.workbook.optim.ParamGroup;
import org.workbook.backend.cuda.CudaMemory;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;

/**
 * Trains a model on DataLoaders, as fastai's Learner: each epoch trains on every
 * batch, validates, and adds a row to a table that fills in as it goes (epoch,
 * train_loss, valid_loss, each metric, time).
 *
 * <pre>{@code
 * jshell> var learn = new Learner(dls, new Sequential(new Linear(784, 1)), SGD::new, mnistLoss, batchAccuracy())
 * jshell> learn.fit(10, 1.0)
 * epoch  train_loss  valid_loss  batch_accuracy  time
 * 0      0.636709    0.503144    0.495584        00:00
 * ...
 * }</pre>
 * train_loss is the smoothed loss of the last batches (an exponential moving
 * average, debiased, as fastai shows); valid_loss the mean over the validation set.
 */
public class Learner {
    private final DataLoaders<?> dls;
    private final Module model;
    private final OptimizerFactory optFunc;
    private final BinaryOperator<Tensor> lossFunc;
    private final List<Metric> metrics;
    private final Recorder recorder = new Recorder();
    private Optimizer opt;
    private int epochsDone;
    private Table results;

    public Learner(DataLoaders<?> dls, Module model, OptimizerFactory optFunc, BinaryOperator<Tensor> lossFunc,
                   Metric... metrics) {
        this.dls = dls;
        this.model = model;
        this.optFunc = optFunc;
        this.lossFunc = lossFunc;
        this.metrics = List.of(metrics);
    }

    /** A learner around an optimizer that already exists (the ML course's {@code fit(net, data, ..., opt)}). */
    public Learner(DataLoaders<?> dls, Module model, Optimizer opt, BinaryOperator<Tensor> lossFunc, Metric... metrics) {
        this(dls, model, (p, lr) -> opt, lossFunc, metrics);
        this.opt = opt;
    }

    public Module model() {
        return model;
    }

    public Recorder recorder() {
        return recorder;
    }

    public Optimizer opt() {
        return opt;
    }

    /**
     * Trains for {@code epochs} epochs at learning rate {@code lr}. Like fastai's, it
     * returns nothing: the table it shows while training is the output (and stays
     * available as {@link #results()}).
     */
    public void fit(int epochs, double lr) {
        fit(epochs, step -> lr);
    }

    /** The ML course's form, keeping the optimizer's own learning rate. */
    public void fit(int epochs) {
        if (opt == null) {
            throw new IllegalStateException("fit(epochs) keeps the optimizer's learning rate, but this learner has no "
                + "optimizer yet: call fit(epochs, lr)");
        }
        fit(epochs, (DoubleUnaryOperator) null);
    }

    /**
     * fastai's one-cycle policy: the learning rate rises from lrMax/25 to lrMax over the
     * first quarter of the steps and anneals (cosine) to lrMax/1e5 over the rest.
     */
    public void fitOneCycle(int epochs, double lrMax) {
        int total = epochs * dls.train().size();
        fit(epochs, step -> OneCycle.lr(step / Math.max(1.0, total), lrMax));
    }

    /** The table of the last fit call (epoch, train_loss, valid_loss, metrics, time). */
    public Table results() {
        return results;
    }

    /** Trains with lr given as a function of the step number (null: keep the optimizer's). */
    private void fit(int epochs, DoubleUnaryOperator schedule) {
        if (opt == null) {
            opt = optFunc.create(model.parameters(), schedule.applyAsDouble(0));
        }
        List<String> cols = new ArrayList<>(List.of("epoch", "train_loss", "valid_loss"));
        metrics.forEach(m -> cols.add(m.name()));
        cols.add("time");
        Progress progress = new Progress(cols);
        progress.start();
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            double smooth = trainEpoch(progress, schedule, step, t0);
            step += dls.train().size();
            Map<String, Double> valid = validate(progress, t0);
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("train_loss", smooth);
            row.putAll(valid);
            recorder.addEpoch(row);
            List<Object> cells = new ArrayList<>();
            cells.add(epochsDone++);
            cells.addAll(row.values());
            cells.add(Progress.mmss((System.nanoTime() - t0) / 1e9));
            progress.row(cells.toArray());
        }
        progress.finish();
        results = progress.table();
    }

    private double trainEpoch(Progress progress, DoubleUnaryOperator schedule, int step0, long t0) {
        model.train();
        DataLoader<?> dl = dls.train();
        int n = dl.size();
        int i = 0;
        double avg = 0;
        int count = 0;
        Device device = model.device(); // once per epoch: finding parameters is reflection
        for (Object batch : dl) {
            checkInterrupted();
            if (schedule != null) {
                double lr = schedule.applyAsDouble(step0 + i);
                for (ParamGroup g : opt.paramGroups()) {
                    g.set("lr", lr);
                }
            }
            double l;
            // On a GPU, the step's temporaries go back to the cache when it ends, not at the next GC.
            try (CudaMemory.Scope s = device.isCuda() ? CudaMemory.scope() : null) {
                Tensor[] xy = split(batch, device);
                Tensor loss = lossFunc.apply(model.apply(xy[0]), xy[1]);
                loss.backward();
                opt.step();
                opt.zeroGrad();
                l = loss.item();
            }
            recorder.addBatchLoss(l);
            // fastai's AvgSmoothLoss: EMA with beta 0.98, divided by 1 - beta^count to remove the start-up bias.
            count++;
            avg = 0.98 * avg + 0.02 * l;
            i++;
            progress.batch("train", i, n, t0);
        }
        return count == 0 ? Double.NaN : avg / (1 - Math.pow(0.98, count));
    }

    private Map<String, Double> validate(Progress progress, long t0) {
        model.eval();
        DataLoader<?> dl = dls.valid();
        double lossSum = 0;
        double[] metricSums = new double[metrics.size()];
        long seen = 0;
        int i = 0;
        try (GradMode.Scope s = GradMode.noGrad()) {
            Device device = model.device();
            for (Object batch : dl) {
                checkInterrupted();
                int bs;
                try (CudaMemory.Scope scope = device.isCuda() ? CudaMemory.scope() : null) {
                    Tensor[] xy = split(batch, device);
                    Tensor preds = model.apply(xy[0]);
                    bs = xy[1].ndim() == 0 ? 1 : xy[1].size(0);
                    lossSum += lossFunc.apply(preds, xy[1]).item() * bs;
                    for (int m = 0; m < metrics.size(); m++) {
                        metricSums[m] += metrics.get(m).value(preds, xy[1]) * bs;
                    }
                }
                seen += bs;
                progress.batch("valid", ++i, dl.size(), t0);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("valid_loss", lossSum / seen);
        for (int m = 0; m < metrics.size(); m++) {
            out.put(metrics.get(m).name(), metricSums[m] / seen);
        }
        return out;
    }

    /** Predictions and targets over a whole loader, concatenated (fastai's get_preds). */
    public Pair<Tensor, Tensor> getPreds(DataLoader<?> dl) {
        model.eval();
        List<Tensor> ps = new ArrayList<>();
        List<Tensor> ys = new ArrayList<>();
        try (GradMode.Scope s = GradMode.noGrad()) {
            Device device = model.device();
            for (Object batch : dl) {
                checkInterrupted();
                Tensor[] xy = split(batch, device);
                ps.add(model.apply(xy[0]));
                ys.add(xy[1]);
            }
        }
        return Pair.of(Tensor.cat(ps, 0), Tensor.cat(ys, 0));
    }

    /** getPreds over the validation set. */
    public Pair<Tensor, Tensor> getPreds() {
        return getPreds(dls.valid());
    }

    /** The model's output for a batch of inputs, in eval mode and without a graph. */
    public Tensor predict(Tensor x) {
        model.eval();
        try (GradMode.Scope s = GradMode.noGrad()) {
            return model.apply(x.to(model.device()));
        }
    }

    static void checkInterrupted() {
        if (Thread.interrupted()) {
            throw new CancellationException("training interrupted; the model keeps the weights it had reached");
        }
    }

    /** The batch's (x, y), moved to the model's device as fastai's DataLoaders do. */
    private static Tensor[] split(Object batch, Device d) {
        if (batch instanceof Pair<?, ?> p && p.first() instanceof Tensor x && p.second() instanceof Tensor y) {
            return new Tensor[] {x.to(d), y.to(d)};
        }
        throw new IllegalArgumentException("a Learner needs batches of (x, y) tensors, got " + (batch == null ? "null"
            : batch.getClass().getSimpleName() + " " + batch) + "; build the loaders from a TensorDataset or pairs");
    }
}
