package org.workbook.check;

import java.util.Arrays;

import org.workbook.tensor.Tensor;

/**
 * Helpers for exercise check cells (import statically). Each throws an
 * {@link AssertionError} whose message says what was expected and what came out,
 * which the grader reports as the reason a check failed.
 *
 * <pre>{@code
 * jshell> checkClose(mse(tensor(1.0, 2.0), tensor(1.0, 4.0)), tensor(2.0))
 * jshell> checkClose(tensor(1.0), tensor(1.5))
 * |  Exception java.lang.AssertionError: values differ: expected tensor(1.5000) but got tensor(1.) (largest difference 0.5 at element 0; tolerance 1e-4 + 1e-4 * |expected|)
 * }</pre>
 */
public final class Checks {
    public static final double RTOL = 1e-4;
    public static final double ATOL = 1e-4;

    private Checks() { }

    /** Passes when the condition holds; otherwise fails with the message. */
    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** Equal objects (numbers, strings, lists), with both shown when they differ. */
    public static void checkEqual(Object actual, Object expected) {
        if (actual instanceof Tensor a && expected instanceof Tensor e) {
            checkShape(a, e.shapeArray());
            check(a.equal(e.to(a.dtype())), "values differ: expected " + e + " but got " + a);
            return;
        }
        // The expected value's equals decides: a submission's object could answer true to anything.
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }

    /** A number within tolerance of the expected one. */
    public static void checkClose(double actual, double expected) {
        checkClose(actual, expected, ATOL + RTOL * Math.abs(expected));
    }

    public static void checkClose(double actual, double expected, double tol) {
        if (!(Math.abs(actual - expected) <= tol)) {
            throw new AssertionError("expected " + expected + " (within " + tol + ") but got " + actual);
        }
    }

    /** Same shape, and every element within ATOL + RTOL * |expected|. */
    public static void checkClose(Tensor actual, Tensor expected) {
        checkClose(actual, expected, RTOL, ATOL);
    }

    public static void checkClose(Tensor actual, Tensor expected, double rtol, double atol) {
        if (actual == null) {
            throw new AssertionError("expected a tensor like " + expected + " but got null");
        }
        checkShape(actual, expected.shapeArray());
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        int worst = -1;
        double worstDiff = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - e[i]);
            boolean bad = Double.isNaN(a[i]) != Double.isNaN(e[i]) || d > atol + rtol * Math.abs(e[i]);
            if (bad && (worst < 0 || d > worstDiff || Double.isNaN(d))) {
                worst = i;
                worstDiff = d;
            }
        }
        if (worst >= 0) {
            throw new AssertionError("values differ: expected " + expected + " but got " + actual + " (largest "
                + "difference " + worstDiff + " at element " + worst + "; tolerance " + atol + " + " + rtol
                + " * |expected|)");
        }
    }

    /** The tensor has this shape. */
    public static void checkShape(Tensor actual, int... shape) {
        if (actual == null) {
            throw new AssertionError("expected a tensor of shape " + Arrays.toString(shape) + " but got null");
        }
        if (!Arrays.equals(actual.shapeArray(), shape)) {
            throw new AssertionError("expected shape " + Arrays.toString(shape) + " but got "
                + Arrays.toString(actual.shapeArray()));
        }
    }

    /** At least {@code min}, e.g. an accuracy the exercise asks for. */
    public static void checkAtLeast(double actual, double min, String what) {
        if (!(actual >= min)) {
            throw new AssertionError(what + " should be at least " + min + " but is " + actual);
        }
    }

    /** At most {@code max}, e.g. a loss the exercise asks to get under. */
    public static void checkAtMost(double actual, double max, String what) {
        if (!(actual <= max)) {
            throw new AssertionError(what + " should be at most " + max + " but is " + actual);
        }
    }
}
