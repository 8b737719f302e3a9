package org.workbook.backend.cpu;

import org.workbook.tensor.Tensor;

/**
 * index_select and its adjoint index_add_, the two primitives behind integer-tensor
 * indexing, embedding-style gathers and their gradients. Each selected slice is
 * copied with the strided loop, so any layout works.
 */
final class Gather {
    private Gather() { }

    static void indexSelect(Tensor src, int dim, long[] index, Tensor out) {
        int size = src.size(dim);
        if (dim == 0 && src.isContiguous() && out.isContiguous() && src.dtype() == out.dtype()) {
            // Whole rows of a contiguous tensor: one arraycopy each (batches gathered by index).
            int row = size == 0 ? 0 : src.numel() / size;
            Object from = src.storage().array();
            Object to = out.storage().array();
            for (int i = 0; i < index.length; i++) {
                int j = checked(index[i], size, dim);
                System.arraycopy(from, src.offset() + j * row, to, out.offset() + i * row, row);
            }
            return;
        }
        for (int i = 0; i < index.length; i++) {
            int j = checked(index[i], size, dim);
            Copy.copy(src.select(dim, j), out.select(dim, i));
        }
    }

    static void indexAdd(Tensor dst, int dim, long[] index, Tensor src) {
        int size = dst.size(dim);
        for (int i = 0; i < index.length; i++) {
            int j = checked(index[i], size, dim);
            Tensor d = dst.select(dim, j);
            CpuBackend.INSTANCE.binary(org.workbook.backend.BinaryOp.ADD, d, src.select(dim, i), d);
        }
    }

    private static int checked(long idx, int size, int dim) {
        long j = idx < 0 ? idx + size : idx;
        if (j < 0 || j >= size) {
            throw new IndexOutOfBoundsException("index " + idx + " is out of bounds for dimension " + dim
                + " with size " + size);
        }
        return (int) j;
    }
}
