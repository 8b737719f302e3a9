package org.workbook.data;

import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Inputs and targets as two tensors whose first dimension counts the items,
 * as PyTorch's {@code TensorDataset(x, y)}: item {@code i} is the pair
 * {@code (x[i], y[i])}.
 *
 * <pre>{@code
 * jshell> var ds = new TensorDataset(trainX, trainY)      // [12396, 784], [12396, 1]
 * jshell> ds.get(0).x().shape()
 * $2 ==> torch.Size([784])
 * jshell> DataLoader<Pair<Tensor, Tensor>> dl = new DataLoader<>(ds, 256, true)
 * }</pre>
 *
 * A loader takes each batch's rows of both tensors at once, with one
 * index-select per tensor, instead of stacking one-row tensors.
 */
public final class TensorDataset implements Dataset<Pair<Tensor, Tensor>> {
    private final Tensor x;
    private final Tensor y;

    public TensorDataset(Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("TensorDataset needs two tensors, got " + (x == null ? "null x" : "null y"));
        }
        if (x.ndim() == 0 || y.ndim() == 0) {
            throw new IllegalArgumentException("TensorDataset needs tensors with a first dimension to index, got shapes "
                    + x.shape() + " and " + y.shape());
        }
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("TensorDataset's tensors must have as many rows: x is " + x.shape()
                    + ", y is " + y.shape() + " (" + x.size(0) + " vs " + y.size(0) + " items)");
        }
        this.x = x;
        this.y = y;
    }

    /** The inputs, all rows. */
    public Tensor x() {
        return x;
    }

    /** The targets, all rows. */
    public Tensor y() {
        return y;
    }

    @Override
    public int size() {
        return x.size(0);
    }

    @Override
    public Pair<Tensor, Tensor> get(int i) {
        Datasets.checkIndex(i, size());
        return Pair.of(x.get(i), y.get(i));
    }

    /** The rows at {@code indices} of both tensors, as a pair of new tensors. */
    @Override
    public Pair<Tensor, Tensor> getBatch(int[] indices) {
        int n = size();
        for (int i : indices) {
            Datasets.checkIndex(i, n);
        }
        return Pair.of(rows(x, indices), rows(y, indices));
    }

    /**
     * {@code t[indices]} as a new tensor. A contiguous CPU tensor outside autograd
     * (the usual data set) gets one array copy per run of consecutive rows, so a
     * batch costs about a memcpy of its bytes; anything else goes through
     * integer-tensor indexing.
     */
    static Tensor rows(Tensor t, int[] indices) {
        if (!t.isContiguous() || !t.device().isCpu() || t.requiresGrad()) {
            long[] idx = new long[indices.length];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = indices[k];
            }
            return t.get(Tensors.fromArray(idx, idx.length));
        }
        int[] shape = t.shapeArray().clone();
        int rowLen = shape[0] == 0 ? 0 : t.numel() / shape[0];
        shape[0] = indices.length;
        Tensor out = Tensor.empty(t.dtype(), shape);
        Object src = t.storage().array(), dst = out.storage().array();
        int base = t.offset(), dstBase = out.offset();
        for (int k = 0; k < indices.length; ) {
            int run = 1;
            while (k + run < indices.length && indices[k + run] == indices[k] + run) {
                run++;
            }
            System.arraycopy(src, base + indices[k] * rowLen, dst, dstBase + k * rowLen, run * rowLen);
            k += run;
        }
        return out;
    }

    @Override
    public String toString() {
        return "TensorDataset(x=" + x.shape() + " " + x.dtype() + ", y=" + y.shape() + " " + y.dtype() + ")";
    }
}
