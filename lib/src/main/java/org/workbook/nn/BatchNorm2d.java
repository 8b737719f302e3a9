package org.workbook.nn;

import org.workbook.tensor.Tensor;

/**
 * Batch normalisation of [N, C, H, W] per channel, as torch.nn.BatchNorm2d (eps 1e-5,
 * momentum 0.1 by default).
 *
 * <pre>{@code
 * jshell> new BatchNorm2d(8)
 * $1 ==> BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
 * }</pre>
 */
public class BatchNorm2d extends BatchNormBase {
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** momentum null: running statistics are the cumulative average, as torch's momentum=None. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor x) {
        if (x.ndim() != 4) {
            throw new IllegalArgumentException("expected 4D input (got " + x.ndim() + "D input) (BatchNorm2d takes "
                + "images [N, C, H, W]; BatchNorm1d takes [N, C] or [N, C, L])");
        }
    }
}
