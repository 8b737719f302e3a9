package org.workbook.backend.cuda;

import java.util.Arrays;

import org.workbook.tensor.Tensor;

/**
 * The WbShape and WbStrides structs of workbook.cuh for operands that share one shape.
 * Dims of size 1 are dropped and neighbouring dims merged wherever every operand
 * steps through them as one (for contiguous tensors everything merges into one dim), so
 * kernels do the least index arithmetic and 8 dims are enough for any real view.
 *
 * <pre>{@code
 * jshell> Layout.of(new int[] {2, 3, 4}, new int[][] {{12, 4, 1}, {0, 0, 1}}, new int[] {0, 0})
 * $1 ==> Layout[n=24, shape=[6, 4], strides=[[4, 1], [0, 1]]]
 * }</pre>
 */
final class Layout {
    static final int MAXDIM = 8;

    final long numel;
    final int[] shape;
    final int[][] strides;
    final int[] offsets;

    private Layout(long numel, int[] shape, int[][] strides, int[] offsets) {
        this.numel = numel;
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** The layout of tensors (all of one shape) for one elementwise kernel. */
    static Layout of(Tensor... ts) {
        int[][] strides = new int[ts.length][];
        int[] offsets = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            strides[i] = ts[i].strideArray();
            offsets[i] = ts[i].offset();
        }
        return of(ts[0].shapeArray(), strides, offsets);
    }

    static Layout of(int[] shape, int[][] strides, int[] offsets) {
        long numel = 1;
        for (int s : shape) {
            numel *= s;
        }
        int[] dims = new int[shape.length];
        int[][] st = new int[strides.length][shape.length];
        int nd = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (nd > 0 && mergeable(dims[nd - 1], st, nd - 1, shape[d], strides, d)) {
                dims[nd - 1] *= shape[d];
                for (int k = 0; k < strides.length; k++) {
                    st[k][nd - 1] = strides[k][d];
                }
            } else {
                dims[nd] = shape[d];
                for (int k = 0; k < strides.length; k++) {
                    st[k][nd] = strides[k][d];
                }
                nd++;
            }
        }
        if (nd > MAXDIM) {
            throw new IllegalArgumentException("the CUDA kernels handle views of at most " + MAXDIM + " dimensions "
                + "after merging, this one has " + nd + " (shape " + Arrays.toString(shape) + "); call "
                + ".contiguous() first");
        }
        int[][] outSt = new int[strides.length][];
        for (int k = 0; k < strides.length; k++) {
            outSt[k] = Arrays.copyOf(st[k], nd);
        }
        return new Layout(numel, Arrays.copyOf(dims, nd), outSt, offsets.clone());
    }

    /** Outer dim (size outer, strides a) then inner dim (size inner, strides b) step as one dim. */
    private static boolean mergeable(int outer, int[][] st, int od, int inner, int[][] strides, int id) {
        for (int k = 0; k < strides.length; k++) {
            if ((long) st[k][od] != (long) strides[k][id] * inner) {
                return false;
            }
        }
        return outer > 0;
    }

    /** The WbShape struct: ndim, then 8 sizes. */
    int[] shapeStruct() {
        int[] s = new int[1 + MAXDIM];
        s[0] = shape.length;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** Operand k's WbStrides struct: offset, then 8 strides. */
    int[] stridesStruct(int k) {
        int[] s = new int[1 + MAXDIM];
        s[0] = offsets[k];
        System.arraycopy(strides[k], 0, s, 1, strides[k].length);
        return s;
    }

    @Override
    public String toString() {
        return "Layout[n=" + numel + ", shape=" + Arrays.toString(shape) + ", strides="
            + Arrays.deepToString(strides) + "]";
    }
}
