package org.workbook.nn;

import org.workbook.tensor.Tensor;

/**
 * Batch normalisation of [N, C] or [N, C, L] per feature, as torch.nn.BatchNorm1d.
 *
 * <pre>{@code
 * jshell> new BatchNorm1d(10)
 * $1 ==> BatchNorm1d(10, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
 * }</pre>
 */
public class BatchNorm1d extends BatchNormBase {
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor x) {
        if (x.ndim() != 2 && x.ndim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + x.ndim() + "D input) (BatchNorm1d "
                + "takes [N, C] or [N, C, L]; images [N, C, H, W] need BatchNorm2d)");
        }
    }
}
