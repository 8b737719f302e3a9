package org.workbook.backend.cpu;

import org.workbook.backend.ReduceOp;
import org.workbook.tensor.DType;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/**
 * The reductions {@link Reduce} hands to the SIMD kernels when {@link Simd#ENABLED}: a
 * contiguous float32 tensor reduced over its trailing dims (each output one contiguous row)
 * or its leading dims (whole rows added up). Each method answers false for any other case,
 * which the general walk then takes.
 */
final class RowReduce {
    private RowReduce() { }

    /** max/min/argmax/argmin over the last dim of a contiguous float32 tensor through SIMD; false otherwise. */
    static boolean extremes(ReduceOp op, Tensor a, int[] dims, Tensor out) {
        boolean arg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
        if (!(arg || op == ReduceOp.MAX || op == ReduceOp.MIN) || a.dtype() != DType.FLOAT32
                || !a.isContiguous() || a.numel() == 0 || dims.length != 1 || dims[0] != a.ndim() - 1) {
            return false;
        }
        boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
        int n = a.shapeArray()[dims[0]];
        float[] x = a.storage().floats();
        Storage o = out.storage();
        for (int r = 0, rows = a.numel() / n; r < rows; r++) {
            int from = a.offset() + r * n;
            int i = SimdExtremes.argExtreme(x, from, n, max);
            if (arg) {
                o.setLong(r, i);
            } else {
                o.setDouble(r, x[from + i]);
            }
        }
        return true;
    }

    /**
     * The SIMD sums of a contiguous float32 tensor over its trailing dims (each output one
     * contiguous row) or its leading dims (the rows added up whole); false for any other
     * layout, which the general walk takes.
     */
    static boolean sum(Tensor a, int[] dims, Tensor out, boolean mean) {
        int k = dims.length;
        int nd = a.ndim();
        if (!a.isContiguous() || k == 0 || dims[k - 1] - dims[0] != k - 1 || out.dtype() != DType.FLOAT32
                || out.offset() != 0 || !out.isContiguous()) {
            return false;
        }
        int count = 1;
        for (int d : dims) {
            count *= a.shapeArray()[d];
        }
        int other = a.numel() / count;
        float[] x = a.storage().floats();
        // The output is float32 too (a sum keeps a floating dtype), contiguous from 0: written directly.
        float[] o = out.storage().floats();
        if (dims[k - 1] == nd - 1) {
            double[] scratch = new double[SimdSum.scratchLength()];
            for (int r = 0, p = a.offset(); r < other; r++, p += count) {
                double s = SimdSum.run(x, p, count, scratch);
                o[r] = (float) (mean ? Reduce.mean(s, count, true) : s);
            }
            return true;
        }
        if (dims[0] == 0) {
            double[] acc = new double[other];
            SimdSum.columns(x, a.offset(), count, other, acc);
            for (int j = 0; j < other; j++) {
                o[j] = (float) (mean ? Reduce.mean(acc[j], count, true) : acc[j]);
            }
            return true;
        }
        return false;
    }
}
