package org.workbook.tensor;

import org.workbook.ops.Reductions;
import org.workbook.ops.ViewOps;

/**
 * The shape side of {@link Tensor}: views (which share storage) and reductions.
 * Kept apart from the arithmetic so each file stays readable.
 */
public abstract class TensorOps extends TensorGrad {
    TensorOps(Storage storage, int[] shape, int[] strides, int offset, Device device) {
        super(storage, shape, strides, offset, device);
    }

    private Tensor me() {
        return (Tensor) this;
    }

    // ---- views ------------------------------------------------------------------------------

    /** Same data, new shape (one size may be -1); fails like torch's when the layout does not allow it. */
    public Tensor view(int... shape) { return ViewOps.view(me(), shape); }
    /** A view when possible, otherwise a copy. */
    public Tensor reshape(int... shape) { return ViewOps.reshape(me(), shape); }
    public Tensor viewAs(Tensor other) { return view(other.shapeArray()); }
    public Tensor reshapeAs(Tensor other) { return reshape(other.shapeArray()); }
    public Tensor permute(int... dims) { return ViewOps.permute(me(), dims); }
    public Tensor transpose(int d0, int d1) { return ViewOps.transpose(me(), d0, d1); }

    /** Transpose of a matrix; vectors and scalars unchanged (torch's t()). */
    public Tensor t() { return ViewOps.t(me()); }

    /** torch's {@code .T}: all dims reversed. */
    public Tensor T() {
        int[] p = new int[ndim()];
        for (int i = 0; i < p.length; i++) {
            p[i] = p.length - 1 - i;
        }
        return permute(p);
    }

    /** Broadcasts to a larger shape without copying (stride 0); -1 keeps a size. */
    public Tensor expand(int... shape) { return ViewOps.expand(me(), shape); }
    public Tensor expandAs(Tensor other) { return expand(other.shapeArray()); }
    /** numpy's broadcast_to. */
    public Tensor broadcastTo(int... shape) { return expand(shape); }
    public Tensor unsqueeze(int dim) { return ViewOps.unsqueeze(me(), dim); }
    public Tensor squeeze() { return ViewOps.squeeze(me()); }
    public Tensor squeeze(int... dims) { return ViewOps.squeeze(me(), dims); }
    /** All dims in one; a 1-d tensor is returned as it is, as torch's flatten(). */
    public Tensor flatten() { return ndim() == 1 ? me() : reshape(-1); }

    /** Flattens dims start..end (inclusive) into one. */
    public Tensor flatten(int start, int end) {
        if (ndim() == 0) {
            Shapes.normDim(start, 1); // a scalar flattens as one dim (range [-1, 0]), as torch
            Shapes.normDim(end, 1);
            return reshape(1);
        }
        int s = Shapes.normDim(start, ndim());
        int e = Shapes.normDim(end, ndim());
        if (s == e) {
            return me(); // nothing to merge: torch returns the tensor itself
        }
        if (s > e) {
            throw new IllegalArgumentException("flatten() has invalid args: start_dim " + start + " cannot come after "
                + "end_dim " + end);
        }
        int[] out = new int[ndim() - (e - s)];
        int j = 0;
        for (int i = 0; i < ndim(); i++) {
            if (i > s && i <= e) {
                out[j - 1] *= shape[i];
            } else {
                out[j++] = shape[i];
            }
        }
        return reshape(out);
    }

    /** The slice at index i of dim, that dim removed. */
    public Tensor select(int dim, int i) { return ViewOps.select(me(), dim, i); }
    /** start:stop:step along dim. */
    public Tensor slice(int dim, Slice s) { return ViewOps.slice(me(), dim, s); }
    /** length elements from start along dim. */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shapes.normDim(dim, ndim());
        int size = shape[d];
        int st = start < 0 ? start + size : start;
        if (st < 0 || st > size) {
            throw new IndexOutOfBoundsException("start out of range (expected to be in range of [" + (-size) + ", "
                + size + "], but got " + start + ")");
        }
        if (length < 0 || st + length > size) {
            throw new IllegalArgumentException(length < 0 ? "narrow(): length must be non-negative."
                : "start (" + st + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return slice(d, Slice.of(st, st + length));
    }

    /** Sums broadcast dims away until this has {@code shape} (torch's sum_to_size). */
    public Tensor sumToSize(int... shape) { return Reductions.sumToSize(me(), shape); }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? me() : me().clone();
    }

    // ---- reductions -----------------------------------------------------------------------------

    public Tensor sum() { return Reductions.sum(me(), null, false); }
    public Tensor sum(int... dims) { return Reductions.sum(me(), dims, false); }
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(me(), dims, keepdim); }
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(me(), new int[] {dim}, keepdim); }
    public Tensor mean() { return Reductions.mean(me(), null, false); }
    public Tensor mean(int... dims) { return Reductions.mean(me(), dims, false); }
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(me(), dims, keepdim); }
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(me(), new int[] {dim}, keepdim); }
    /** Unbiased variance (divides by n - 1), as torch. */
    public Tensor var() { return Reductions.var(me(), null, 1, false); }
    public Tensor var(int... dims) { return Reductions.var(me(), dims, 1, false); }
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(me(), dims, unbiased ? 1 : 0, keepdim); }
    /** Unbiased standard deviation, as torch. */
    public Tensor std() { return Reductions.std(me(), null, 1, false); }
    public Tensor std(int... dims) { return Reductions.std(me(), dims, 1, false); }
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.std(me(), dims, unbiased ? 1 : 0, keepdim); }
    public Tensor prod() { return Reductions.prod(me(), null, false); }
    public Tensor prod(int dim, boolean keepdim) { return Reductions.prod(me(), new int[] {dim}, keepdim); }
    /** The largest element (a 0-d tensor). */
    public Tensor max() { return Reductions.extremum(me(), true); }
    /** Largest values along dim and their indices. */
    public ValuesIndices max(int dim) { return Reductions.extremum(me(), dim, false, true); }
    public ValuesIndices max(int dim, boolean keepdim) { return Reductions.extremum(me(), dim, keepdim, true); }
    public Tensor min() { return Reductions.extremum(me(), false); }
    public ValuesIndices min(int dim) { return Reductions.extremum(me(), dim, false, false); }
    public ValuesIndices min(int dim, boolean keepdim) { return Reductions.extremum(me(), dim, keepdim, false); }
    /** Index of the largest element of the flattened tensor. */
    public Tensor argmax() { return Reductions.arg(me(), null, false, true); }
    public Tensor argmax(int dim) { return Reductions.arg(me(), dim, false, true); }
    public Tensor argmax(int dim, boolean keepdim) { return Reductions.arg(me(), dim, keepdim, true); }
    public Tensor argmin() { return Reductions.arg(me(), null, false, false); }
    public Tensor argmin(int dim) { return Reductions.arg(me(), dim, false, false); }
    public Tensor argmin(int dim, boolean keepdim) { return Reductions.arg(me(), dim, keepdim, false); }
    public Tensor all() { return Reductions.allAny(me(), null, false, true); }
    public Tensor all(int dim) { return Reductions.allAny(me(), new int[] {dim}, false, true); }
    public Tensor any() { return Reductions.allAny(me(), null, false, false); }
    public Tensor any(int dim) { return Reductions.allAny(me(), new int[] {dim}, false, false); }

    /** Indices of the non-zero elements: an [n, ndim] int64 tensor (torch's nonzero()). */
    public Tensor nonzero() {
        Tensor[] cols = nonzero(true);
        if (cols.length == 0) {
            return Tensor.empty(DType.INT64, numel() != 0 && ((Tensor) this).item() != 0 ? 1 : 0, 0);
        }
        return Tensor.stack(java.util.Arrays.asList(cols), 1);
    }

    /** nonzero(as_tuple=True): one int64 index tensor per dimension. */
    public Tensor[] nonzero(boolean asTuple) {
        if (!device.isCpu()) {
            // The count decides the output's size, so the host needs the values anyway.
            Tensor[] onHost = me().cpu().nonzero(asTuple);
            for (int d = 0; d < onHost.length; d++) {
                onHost[d] = onHost[d].to(device);
            }
            return onHost;
        }
        Tensor flat = me().contiguous();
        int n = numel();
        int nd = ndim();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (flat.storage.getDouble(flat.offset + i) != 0) {
                count++;
            }
        }
        long[][] idx = new long[nd][count];
        int[] strides = Shapes.contiguousStrides(shape);
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (flat.storage.getDouble(flat.offset + i) != 0) {
                int rem = i;
                for (int d = 0; d < nd; d++) {
                    idx[d][c] = rem / strides[d];
                    rem %= strides[d];
                }
                c++;
            }
        }
        Tensor[] out = new Tensor[nd];
        for (int d = 0; d < nd; d++) {
            out[d] = Tensors.fromArray(idx[d], count);
        }
        return out;
    }
}
