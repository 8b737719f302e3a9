package org.workbook.tensor;

import java.util.Arrays;

/** Shape arithmetic on plain {@code int[]}: numel, strides, dims, broadcasting. */
public final class Shapes {
    private Shapes() { }

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A tensor of shape " + Arrays.toString(shape) + " has " + n
                + " elements; at most " + Integer.MAX_VALUE + " fit in one tensor.");
        }
        return (int) n;
    }

    /** Row-major (C-contiguous) strides for {@code shape}. */
    public static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    /** A dimension index made non-negative, or PyTorch's IndexError wording when out of range. */
    public static int normDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-r)
                + ", " + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /**
     * A dimension that must exist (size(d), stride(d), shape().get(d)): unlike {@link #normDim},
     * which lets a 0-d tensor take dim 0 or -1 as torch's reductions do, a 0-d tensor has none.
     */
    public static int existingDim(int dim, int rank) {
        if (rank == 0) {
            throw new IndexOutOfBoundsException("Dimension specified as " + dim + " but tensor has no dimensions");
        }
        return normDim(dim, rank);
    }

    /**
     * The broadcast shape of {@code a} and {@code b} with numpy's rules: align the
     * trailing dimensions; each pair must be equal or one of them 1.
     */
    public static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("The size of tensor a (" + da + ") must match the size of tensor b ("
                    + db + ") at non-singleton dimension " + i + ". Shapes: a " + Arrays.toString(a) + ", b "
                    + Arrays.toString(b) + ". Broadcasting aligns trailing dimensions; each pair must be equal or 1 "
                    + "(add a dimension with get(\":, None\") or reshape one operand).");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides of a tensor of {@code shape}/{@code strides} viewed as {@code target} (0 for broadcast dims). */
    public static int[] expandStrides(int[] shape, int[] strides, int[] target) {
        int off = target.length - shape.length;
        if (off < 0) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + target.length
                + ") must be greater or equal to the number of dimensions in the tensor (" + shape.length + ")");
        }
        int[] out = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            if (i < off) {
                out[i] = 0;
            } else if (shape[i - off] == target[i]) {
                out[i] = shape[i - off] == 1 ? 0 : strides[i - off];
            } else if (shape[i - off] == 1) {
                out[i] = 0;
            } else {
                throw new IllegalArgumentException("The expanded size of the tensor (" + target[i]
                    + ") must match the existing size (" + shape[i - off] + ") at non-singleton dimension " + i
                    + ".  Target sizes: " + Arrays.toString(target) + ".  Tensor sizes: " + Arrays.toString(shape));
            }
        }
        return out;
    }

    /** Sorted, normalised, duplicate-checked reduction dims. */
    public static int[] normDims(int[] dims, int rank) {
        int[] out = new int[dims.length];
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int i = 0; i < dims.length; i++) {
            out[i] = normDim(dims[i], rank);
            if (seen[out[i]]) {
                throw new IllegalArgumentException("dim " + out[i] + " appears multiple times in the list of dims "
                    + Arrays.toString(dims));
            }
            seen[out[i]] = true;
        }
        Arrays.sort(out);
        return out;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
