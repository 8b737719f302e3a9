package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.workbook.tensor.DType;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Shared machinery of the gradcheck tests: seeded random shapes and values kept away from
 * non-differentiable points, non-contiguous layouts, and one assertion that runs
 * {@link Gradcheck} and then checks every gradient's shape and dtype.
 */
public final class GradAssert {
    private GradAssert() { }

    /** How an input reaches the op: as is, transposed from a swapped leaf, or every other element. */
    public enum Layout {
        CONTIGUOUS, TRANSPOSED, STRIDED;

        /** The leaf's shape for a logical shape. */
        public int[] leafShape(int[] shape) {
            int[] s = shape.clone();
            int n = s.length;
            if (this == TRANSPOSED && n >= 2) {
                s[n - 1] = shape[n - 2];
                s[n - 2] = shape[n - 1];
            } else if (this == STRIDED && n >= 1) {
                s[n - 1] = 2 * shape[n - 1];
            }
            return s;
        }

        /** The logical (non-contiguous) view of a leaf made with {@link #leafShape}. */
        public Tensor view(Tensor leaf) {
            int n = leaf.ndim();
            if (this == TRANSPOSED && n >= 2) {
                return leaf.transpose(-1, -2);
            }
            if (this == STRIDED && n >= 1) {
                return leaf.slice(-1, Slice.of(null, null, 2));
            }
            return leaf;
        }
    }

    /** A random shape of rank lo..hi with sizes 1..maxSize. */
    /** JUnit arguments (item, layout, seed) for every item in every layout, seeds counting up from firstSeed. */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyLayout(
            java.util.List<?> items, int firstSeed) {
        java.util.List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        int seed = firstSeed;
        for (Object item : items) {
            for (Layout layout : Layout.values()) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(item, layout, seed++));
            }
        }
        return out.stream();
    }

    public static int[] shape(Random r, int lo, int hi, int maxSize) {
        int[] s = new int[lo + r.nextInt(hi - lo + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + r.nextInt(maxSize);
        }
        return s;
    }

    /** A shape that broadcasts to {@code s}: some leading dims dropped, some sizes set to 1. */
    public static int[] broadcastable(Random r, int[] s) {
        int drop = s.length == 0 ? 0 : r.nextInt(s.length + 1);
        int[] b = Arrays.copyOfRange(s, drop, s.length);
        for (int i = 0; i < b.length; i++) {
            if (r.nextInt(3) == 0) {
                b[i] = 1;
            }
        }
        return b;
    }

    /** float64 values uniform in [lo, hi], each at least {@code margin} away from every point in {@code avoid}. */
    public static Tensor values(Random r, int[] shape, double lo, double hi, double margin, double... avoid) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x;
            do {
                x = lo + (hi - lo) * r.nextDouble();
            } while (near(x, margin, avoid));
            v[i] = x;
        }
        return Tensors.fromArray(v, shape);
    }

    private static boolean near(double x, double margin, double[] avoid) {
        for (double a : avoid) {
            if (Math.abs(x - a) < margin) {
                return true;
            }
        }
        return false;
    }

    /** Distinct values (a shuffled ramp with gaps of 0.1 and more): max/min have one winner. */
    public static Tensor distinct(Random r, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = -1 + 0.25 * i + 0.1 * r.nextDouble();
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensors.fromArray(v, shape);
    }

    /** Gradcheck of a one-input function on {@code x} reached through {@code layout}. */
    public static void check(String what, Layout layout, UnaryOperator<Tensor> fn, Tensor x) {
        Tensor leaf = leafFor(layout, x);
        check(what + " [" + layout + "]", xs -> fn.apply(layout.view(xs[0])), leaf);
    }

    /** A leaf whose {@code layout.view} has x's shape and values. */
    public static Tensor leafFor(Layout layout, Tensor x) {
        Tensor leaf = Tensor.zeros(DType.FLOAT64, layout.leafShape(x.shapeArray()));
        layout.view(leaf).copy_(x);
        return leaf;
    }

    /**
     * Analytic against numeric gradients in float64; then the same function once more in float64
     * and in float32 with a weighted-sum backward, asserting every input got a gradient of its
     * own shape and dtype.
     */
    public static void check(String what, Function<Tensor[], Tensor> fn, Tensor... inputs) {
        Gradcheck.Result r = Gradcheck.check(fn, inputs);
        if (!r.ok()) {
            throw new AssertionError(what + ": " + r + " (input shapes " + shapes(inputs) + ")");
        }
        assertGradShapes(what, DType.FLOAT64, fn, inputs);
        assertGradShapes(what, DType.FLOAT32, fn, inputs);
    }

    public static void assertGradShapes(String what, DType dtype, Function<Tensor[], Tensor> fn, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = inputs[i].detach().to(dtype).contiguous().clone().requiresGrad_();
        }
        Tensor out = fn.apply(xs);
        Tensor w = Tensors.arange(out.numel()).to(out.dtype()).reshape(out.shapeArray()).add(1.0);
        out.mul(w).sum().backward();
        for (int i = 0; i < xs.length; i++) {
            Tensor g = xs[i].grad();
            assertNotNull(g, what + ": input " + i + " got no gradient (" + dtype + ")");
            assertArrayEquals(xs[i].shapeArray(), g.shapeArray(), what + ": gradient " + i + " has shape "
                + Arrays.toString(g.shapeArray()) + ", its input " + Arrays.toString(xs[i].shapeArray()));
            assertEquals(dtype, g.dtype(), what + ": gradient " + i + " dtype");
        }
    }

    public static String shapes(Tensor... ts) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : ts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Arrays.toString(t.shapeArray()));
        }
        return sb.toString();
    }
}
