package org.workbook.backend;

import org.workbook.tensor.DType;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/**
 * The primitives a device implements; everything else in the library (broadcasting,
 * type promotion, autograd, indexing) lowers to these, as tinygrad does. Operands
 * arrive already broadcast (expanded views with stride 0) and already in the
 * compute dtype, so a backend only loops.
 */
public interface Backend {
    Storage allocate(DType dtype, int n);

    /** out = op(a); a and out have the same shape; dtype of a (or bool for nothing here). */
    void unary(UnaryOp op, double p1, double p2, Tensor a, Tensor out);

    /** out = a op b; a, b expanded to out's shape and of one dtype; out is bool for predicates. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** dst = src converted to dst's dtype; src expanded to dst's shape. */
    void copy(Tensor src, Tensor dst);

    void fill(Tensor dst, double value);

    /** out = cond ? a : b; all expanded to out's shape; a, b, out of one dtype. */
    void where(Tensor cond, Tensor a, Tensor b, Tensor out);

    /**
     * Reduces {@code a} over {@code dims} (sorted, distinct) into {@code out}, a contiguous
     * tensor of a's shape with those dims removed. {@code correction} is for VAR-like ops.
     */
    void reduce(ReduceOp op, Tensor a, int[] dims, Tensor out);

    /** Variance over dims with Bessel's correction {@code correction} (1 = unbiased). */
    void variance(Tensor a, int[] dims, int correction, Tensor out);

    /** out (m x n) = a (m x k) @ b (k x n), 2-D operands of one floating or int64 dtype. */
    void matmul(Tensor a, Tensor b, Tensor out);

    /** out = src.index_select(dim, index); out contiguous of the selected shape. */
    void indexSelect(Tensor src, int dim, long[] index, Tensor out);

    /** dst.index_add_(dim, index, src): rows of src added into dst's selected rows. */
    void indexAdd(Tensor dst, int dim, long[] index, Tensor src);
}
