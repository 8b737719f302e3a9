package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The plain element-by-element reference the property tests compare against:
 * loops over multi-indices, reads single elements with {@code getDouble(i, j, ...)}
 * (checked against index formulas in the view tests), and computes in double.
 */
public final class Ref {
    private Ref() { }

    /** Calls f with every multi-index of shape, row-major; the array is reused between calls. */
    public static void forEach(int[] shape, Consumer<int[]> f) {
        for (int d : shape) {
            if (d == 0) {
                return;
            }
        }
        int[] idx = new int[shape.length];
        while (true) {
            f.accept(idx);
            int d = shape.length - 1;
            while (d >= 0) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** Element of t read at output index o under numpy broadcasting (trailing dims aligned; size 1 repeats). */
    public static double at(Tensor t, int[] o) {
        int n = t.ndim();
        int off = o.length - n;
        int[] i = new int[n];
        for (int d = 0; d < n; d++) {
            i[d] = t.size(d) == 1 ? 0 : o[off + d];
        }
        return t.getDouble(i);
    }

    /** Broadcast shape computed independently of Shapes.broadcast. */
    public static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int x = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int y = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    /** The value stored in dtype dt after converting v, as torch's casts do. */
    public static double cast(double v, DType dt) {
        switch (dt) {
            case FLOAT32: return (float) v;
            case FLOAT64: return v;
            case BOOL: return v != 0 ? 1 : 0;
            case UINT8: return ((long) v) & 0xff;
            case INT32: return (int) (long) v;
            default: return (long) v;
        }
    }

    /** True when a and e agree: both NaN, equal (infinities included), or within rtol/atol. */
    public static boolean close(double e, double a, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return e == a;
        }
        return Math.abs(a - e) <= atol + rtol * Math.abs(e);
    }

    /** Tolerance for results of dtype dt computed through a different order of operations. */
    public static double rtol(DType dt) {
        return dt == DType.FLOAT32 ? 2e-6 : dt == DType.FLOAT64 ? 1e-13 : 0;
    }

    /**
     * Asserts dtype and shape of {@code actual}, then every element against {@code expected}
     * (given the multi-index), converted to the dtype first, within rtol (absolute floor atol).
     */
    public static void check(String what, Tensor actual, DType dtype, int[] shape, ToDoubleFunction<int[]> expected,
                             double rtol, double atol) {
        assertEquals(dtype, actual.dtype(), what + ": dtype");
        assertArrayEquals(shape, actual.shapeArray(), () -> what + ": shape " + Arrays.toString(actual.shapeArray())
            + " expected " + Arrays.toString(shape));
        forEach(shape, i -> {
            double e = cast(expected.applyAsDouble(i), dtype);
            double a = actual.getDouble(i);
            if (!close(e, a, rtol, atol)) {
                fail(what + ": at " + Arrays.toString(i) + " expected " + e + " but got " + a);
            }
        });
    }

    public static void check(String what, Tensor actual, DType dtype, int[] shape, ToDoubleFunction<int[]> expected) {
        check(what, actual, dtype, shape, expected, rtol(dtype), 0);
    }

    /** Same values and shape as {@code expected} (read element by element), exactly. */
    public static void same(String what, Tensor expected, Tensor actual) {
        check(what, actual, expected.dtype(), expected.shapeArray(), expected::getDouble, 0, 0);
    }

    /** All values of t in row-major order, read element by element. */
    public static double[] values(Tensor t) {
        double[] out = new double[t.numel()];
        int[] k = {0};
        forEach(t.shapeArray(), i -> out[k[0]++] = t.getDouble(i));
        return out;
    }
}
