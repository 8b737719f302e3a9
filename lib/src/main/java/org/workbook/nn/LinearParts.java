package org.workbook.nn;

import java.util.Arrays;

import org.workbook.backend.cpu.CpuBackend;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * The two steps of {@link F#linear} that run every training step and cost more through the
 * general machinery than their arithmetic: adding the bias to each row of x Wᵀ, and the
 * weight's gradient gᵀ x. Both give the same values as the general ops.
 */
final class LinearParts {
    private LinearParts() { }

    /**
     * out[i, j] += bias[j] over a contiguous float32 CPU product, as out.add_(bias) computes it
     * (one float addition per element) without the broadcast in-place machinery, which cost
     * several times the additions for a 64x100 batch. False (nothing done) for any other case.
     */
    static boolean addBiasRows(Tensor out, Tensor bias) {
        int cols = out.size(1);
        if (out.backend() != CpuBackend.INSTANCE || bias.backend() != CpuBackend.INSTANCE
                || out.dtype() != DType.FLOAT32 || bias.dtype() != DType.FLOAT32 || !out.isContiguous()
                || bias.numel() != cols) {
            return false;
        }
        float[] o = out.storage().floats();
        float[] b = bias.storage().floats();
        int bo = bias.offset();
        int bs = bias.stride(0);
        int rows = out.size(0);
        float[] row = bs == 1 ? null : new float[cols];
        if (row != null) {
            for (int j = 0; j < cols; j++) {
                row[j] = b[bo + j * bs];
            }
            b = row;
            bo = 0;
        }
        for (int i = 0, base = out.offset(); i < rows; i++, base += cols) {
            for (int j = 0; j < cols; j++) {
                o[base + j] += b[bo + j];
            }
        }
        out.bumpVersion(); // as add_ would: the result has seen one in-place write
        return true;
    }

    /**
     * gᵀ x, the weight's gradient: written over the weight's spare gradient buffer when it has
     * one of the same kind (zeroGrad keeps an old gradient no one was handed), else a new
     * tensor. The same product either way: one BLAS call that overwrites its output.
     */
    static Tensor weightGrad(Tensor g, Tensor x, Tensor weight) {
        Tensor spare = weight.takeSpareGrad();
        if (spare != null && spare.device().isCpu() && g.dtype() == weight.dtype() && x.dtype() == weight.dtype()
                && spare.dtype() == weight.dtype() && spare.device().equals(x.device())
                && g.device().equals(x.device()) && spare.isContiguous() && spare.offset() == 0
                && spare.storage().length() == spare.numel()
                && Arrays.equals(spare.shapeArray(), weight.shapeArray())) {
            spare.backend().matmul(g.t(), x, spare);
            spare.bumpVersion();
            return spare;
        }
        return g.t().matmul(x);
    }
}
