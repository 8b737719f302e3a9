package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The fused log_softmax kernels against a float64 reference over seeded random shapes: narrow
 * rows (the block path, below two vectors) and wide ones, a single column, rows at an offset,
 * values spread wide enough that some terms fall below the exp's clamp (e^-87.3), and rows with
 * NaN, +-inf and signed zeros, which must give what the composed ops give.
 */
class SimdSoftmaxTest {
    /** log_softmax of one row in double: the reference. */
    static double[] reference(float[] x, int p, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[p + i]);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(x[p + i] - m);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[p + i] - m - Math.log(s);
        }
        return y;
    }

    @Test
    void forwardIsWithinTwoUlpsOfAFloat64ReferenceOnRandomShapes() {
        assumeTrue(Simd.ENABLED, "the SIMD kernels are off in this JVM");
        Random r = new Random(16);
        int[] widths = {1, 2, 10, 15, 16, 17, 31, 32, 33, 100, 784, 1000};
        for (int cols : widths) {
            for (int trial = 0; trial < 4; trial++) {
                int rows = 1 + r.nextInt(9);
                int off = r.nextInt(3);
                double spread = trial == 3 ? 60 : 1 + 4 * r.nextDouble();
                float[] x = new float[off + rows * cols];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * spread);
                }
                float[] y = new float[rows * cols];
                SimdSoftmax.logSoftmax(x, off, y, rows, cols);
                for (int row = 0; row < rows; row++) {
                    double[] want = reference(x, off + row * cols, cols);
                    for (int i = 0; i < cols; i++) {
                        float got = y[row * cols + i];
                        // Two roundings of (x - m) - logSum plus logSum's own: within 2 ulps of the larger operand.
                        double tol = 2 * Math.ulp((float) Math.max(Math.abs(want[i]), Math.log(cols) + 1e-3)) + 1e-7;
                        assertEquals(want[i], got, tol, "cols=" + cols + " row " + row + " col " + i);
                    }
                }
            }
        }
    }

    @Test
    void specialValuesGiveTheComposedOpsResults() {
        assumeTrue(Simd.ENABLED, "the SIMD kernels are off in this JVM");
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        for (int cols : new int[] {3, 40}) {
            float[][] rows = {
                row(cols, 0f, nan), row(cols, 1f, inf), row(cols, 1f, -inf), row(cols, -inf, -inf), row(cols, -0f, 0f)};
            for (float[] x : rows) {
                float[] y = new float[cols];
                SimdSoftmax.logSoftmax(x, 0, y, 1, cols);
                double[] want = reference(x, 0, cols);
                for (int i = 0; i < cols; i++) {
                    if (Double.isNaN(want[i])) {
                        assertTrue(Float.isNaN(y[i]), "cols=" + cols + ": NaN expected at " + i + ", got " + y[i]);
                    } else {
                        assertEquals(want[i], y[i], 1e-6, "cols=" + cols + " at " + i);
                    }
                }
            }
        }
    }

    /** A row of `fill` with `special` at positions 0 and cols / 2. */
    private static float[] row(int cols, float fill, float special) {
        float[] x = new float[cols];
        java.util.Arrays.fill(x, fill);
        x[0] = special;
        x[cols / 2] = special;
        return x;
    }

    @Test
    void backwardMatchesTheComposedFormula() {
        assumeTrue(Simd.ENABLED, "the SIMD kernels are off in this JVM");
        Random r = new Random(7);
        for (int cols : new int[] {1, 10, 33, 784}) {
            int rows = 1 + r.nextInt(5);
            float[] x = new float[rows * cols];
            float[] g = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian() * 3;
                g[i] = (float) r.nextGaussian();
            }
            float[] y = new float[x.length];
            SimdSoftmax.logSoftmax(x, 0, y, rows, cols);
            float[] dx = new float[x.length];
            SimdSoftmax.logSoftmaxBackward(g, y, dx, rows, cols);
            for (int row = 0; row < rows; row++) {
                double sg = 0;
                double mag = 0;
                for (int i = 0; i < cols; i++) {
                    sg += g[row * cols + i];
                    mag += Math.abs(g[row * cols + i]);
                }
                for (int i = 0; i < cols; i++) {
                    int k = row * cols + i;
                    double want = g[k] - Math.exp(y[k]) * sg;
                    assertEquals(want, dx[k], 4 * Math.ulp((float) mag) + 1e-6, "cols=" + cols + " at " + k);
                }
            }
        }
    }
}
