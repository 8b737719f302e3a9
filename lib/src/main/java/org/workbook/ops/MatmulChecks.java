package org.workbook.ops;

import java.util.Arrays;

import org.workbook.tensor.DType;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Tensor;

/**
 * The errors torch's matmul gives, in its order and words. torch 1.13 routes a product by the
 * operands' ranks (dot, mv, mm, a fold of the batch dims into one mm/mv, or an expanded bmm),
 * and each route reports its own shapes: a student comparing with PyTorch sees the same
 * message. A hint in our words follows after the torch text.
 */
final class MatmulChecks {
    private static final String HINT = " (the last dim of the first operand must equal the second-to-last of the "
        + "second; transpose one with t() or mT, or reshape)";

    private MatmulChecks() { }

    /**
     * torch's checks for a @ b; returns null, or, for an empty product (no rows, no columns or an empty
     * inner dim) of two dtypes, the dtype torch's route gives its zeros: the routes return before their
     * dtype check, mm with its first operand's dtype, mv with the vector's, bmm with the second's.
     */
    static DType check(Tensor a, Tensor b) {
        int d1 = a.ndim();
        int d2 = b.ndim();
        int[] s1 = a.shapeArray();
        int[] s2 = b.shapeArray();
        if (d1 == 0 || d2 == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are "
                + d1 + "D and " + d2 + "D (use mul() for a product with a scalar)");
        }
        if (d1 == 1 && d2 == 1) {
            if (a.dtype() != b.dtype()) {
                throw new IllegalArgumentException("dot : expected both vectors to have same dtype, but found "
                    + name(a.dtype()) + " and " + name(b.dtype()));
            }
            if (s1[0] != s2[0]) {
                throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + s1[0] + "] and src ["
                    + s2[0] + "] to have the same number of elements, but got " + s1[0] + " and " + s2[0]
                    + " elements respectively");
            }
            return null;
        } else if (d1 == 2 && d2 == 1) {
            return mv(s1, s2, a.dtype(), b.dtype());
        } else if (d1 == 1 && d2 == 2) {
            return mm(new int[] {1, s1[0]}, s2, a.dtype(), b.dtype());
        } else if (d1 == 2 && d2 == 2) {
            return mm(s1, s2, a.dtype(), b.dtype());
        } else if (shouldFold(a, d2) || shouldFold(b, d1)) {
            // torch folds the batch dims of the >= 3-d operand into rows of one mm/mv (transposing when the
            // batched operand is the second).
            boolean transpose = d2 > d1;
            int[] t1 = transpose ? mT(s2) : s1;
            int[] t2 = !transpose ? s2 : d1 == 2 ? mT(s1) : s1;
            DType dt1 = transpose ? b.dtype() : a.dtype();
            DType dt2 = transpose ? a.dtype() : b.dtype();
            int rows = Shapes.numel(Arrays.copyOf(t1, t1.length - 1));
            int[] folded = {rows, t1[t1.length - 1]};
            return t2.length == 2 ? mm(folded, t2, dt1, dt2) : mv(folded, t2, dt1, dt2);
        } else {
            int n = d1 > 1 ? s1[d1 - 2] : 1;
            int m1 = s1[d1 - 1];
            int m2 = d2 > 1 ? s2[d2 - 2] : s2[0];
            int[] batch = Shapes.broadcast(Arrays.copyOf(s1, Math.max(d1 - 2, 0)), Arrays.copyOf(s2, Math.max(d2 - 2, 0)));
            int count = Shapes.numel(batch);
            if (m1 != m2) {
                throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: ["
                    + count + ", " + m1 + "] but got: [" + count + ", " + m2 + "]." + HINT);
            }
            int p = d2 > 1 ? s2[d2 - 1] : 1;
            if (count == 0 || n == 0 || m1 == 0 || p == 0) {
                return a.dtype() == b.dtype() ? null : b.dtype();
            }
            sameType(a.dtype(), b.dtype());
            return null;
        }
    }

    /** torch 1.13's should_fold: a >= 3-d operand meets a 1-d or 2-d one (unless its last two dims are transposed). */
    private static boolean shouldFold(Tensor t, int otherDims) {
        int d = t.ndim();
        if (d < 3 || (otherDims != 1 && otherDims != 2)) {
            return false;
        }
        int[] st = t.strideArray();
        int[] sz = t.shapeArray();
        return !(d == 3 && otherDims == 2 && st[2] != 1 && st[0] == sz[1] * sz[2]);
    }

    private static DType mm(int[] s1, int[] s2, DType dt1, DType dt2) {
        if (s1[1] != s2[0]) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + s1[0] + "x" + s1[1]
                + " and " + s2[0] + "x" + s2[1] + ")" + HINT);
        }
        if (s1[0] == 0 || s1[1] == 0 || s2[1] == 0) {
            return dt1 == dt2 ? null : dt1;
        }
        sameType(dt1, dt2);
        return null;
    }

    private static DType mv(int[] s1, int[] v, DType dt1, DType dt2) {
        if (s1[1] != v[0]) {
            throw new IllegalArgumentException("size mismatch, got " + s1[0] + ", " + s1[0] + "x" + s1[1] + ","
                + v[0] + HINT);
        }
        if (s1[0] == 0 || s1[1] == 0) {
            return dt1 == dt2 ? null : dt2;
        }
        sameType(dt1, dt2);
        return null;
    }

    private static void sameType(DType expected, DType found) {
        if (expected != found) {
            throw new IllegalArgumentException("expected scalar type " + name(expected) + " but found " + name(found)
                + " (matmul needs one dtype: convert one operand, e.g. toFloat())");
        }
    }

    private static String name(DType t) {
        return Reductions.kernelTypeName(t);
    }

    private static int[] mT(int[] s) {
        int[] r = s.clone();
        if (r.length >= 2) {
            r[r.length - 1] = s[s.length - 2];
            r[r.length - 2] = s[s.length - 1];
        }
        return r;
    }
}
