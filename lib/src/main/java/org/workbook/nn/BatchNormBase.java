package org.workbook.nn;

import org.workbook.autograd.GradMode;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * What BatchNorm1d and BatchNorm2d share, as torch's _BatchNorm: weight (ones) and bias
 * (zeros) when affine; buffers running_mean (zeros), running_var (ones) and
 * num_batches_tracked when tracking. In train() the batch's statistics normalise and
 * the running ones move by momentum (or, with momentum null, become the cumulative
 * average); in eval() the running ones normalise.
 */
public abstract class BatchNormBase extends Module {
    public final Parameter weight;
    public final Parameter bias;
    public final Tensor runningMean;
    public final Tensor runningVar;
    public final Tensor numBatchesTracked;
    private final int features;
    private final double eps;
    private final Double momentum;

    protected BatchNormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): num_features must "
                + "be positive (the number of channels of the input, dim 1)");
        }
        features = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        weight = affine ? new Parameter(Tensors.ones(numFeatures)) : null;
        bias = affine ? new Parameter(Tensors.zeros(numFeatures)) : null;
        runningMean = trackRunningStats ? buffer("running_mean", Tensors.zeros(numFeatures)) : null;
        runningVar = trackRunningStats ? buffer("running_var", Tensors.ones(numFeatures)) : null;
        numBatchesTracked = trackRunningStats ? buffer("num_batches_tracked", Tensor.zeros(DType.INT64)) : null;
    }

    /** Throws torch's "expected 4D input (got 3D input)" style error when x has the wrong rank. */
    protected abstract void checkInputDim(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        checkInputDim(x);
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && numBatchesTracked != null) {
            try (GradMode.Scope s = GradMode.noGrad()) {
                numBatchesTracked.add_(1L);
            }
            if (momentum == null) {
                factor = 1.0 / numBatchesTracked.longItem();
            }
        }
        boolean useBatchStats = isTraining() || runningMean == null;
        return F.batchNorm(x, useBatchStats && !isTraining() ? null : runningMean,
            useBatchStats && !isTraining() ? null : runningVar, weight, bias, useBatchStats, factor, eps);
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + PyFloat.repr(eps) + ", momentum=" + (momentum == null ? "None"
            : PyFloat.repr(momentum)) + ", affine=" + (weight != null ? "True" : "False") + ", track_running_stats="
            + (runningMean != null ? "True" : "False");
    }
}
