package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The SIMD float32 sums' accumulation order: over long random rows (and columns), the
 * error against the exact sum (BigDecimal) stays within 8 float ulps of the sum of
 * magnitudes, whatever the length (torch's cascade sum: about log2(n) ulps; a naive
 * float loop: up to n), and below a naive float loop's error on every long row.
 */
class SumAccuracyTest {
    static double exact(float[] x, int from, int n, int step) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            s = s.add(new BigDecimal(x[from + i * step]));
        }
        return s.round(MathContext.DECIMAL128).doubleValue();
    }

    static double magnitude(float[] x, int from, int n, int step) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[from + i * step]);
        }
        return s;
    }

    static float[] data(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // Positive-biased values make the naive float sum drift, as a loss over a batch does.
            x[i] = (float) (r.nextGaussian() + (seed % 2 == 0 ? 1.0 : 0.01));
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 100, 784, 1000, 4099, 100_000, 1_000_003})
    void rowSumsStayWithinAFewUlpsOfTheMagnitude(int n) {
        for (long seed = 0; seed < 4; seed++) {
            float[] x = data(seed * 31 + n, n + 3);
            double want = exact(x, 3, n, 1);
            double got = (float) SimdSum.run(x, 3, n);
            float naive = 0;
            for (int i = 0; i < n; i++) {
                naive += x[3 + i];
            }
            double bound = 8 * Math.ulp(1f) * magnitude(x, 3, n, 1) + Math.ulp((float) want);
            double err = Math.abs(got - want);
            assertTrue(err <= bound, "n=" + n + ": error " + err + " > " + bound);
            if (n >= 100_000) {
                assertTrue(err <= Math.abs(naive - want), "n=" + n + ": error " + err
                    + " not below the naive float sum's " + Math.abs(naive - want));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 5, 64, 257, 10_000})
    void columnSumsStayWithinAFewUlpsOfTheMagnitude(int rows) {
        int cols = 37;
        float[] x = data(rows, rows * cols + 2);
        double[] acc = new double[cols];
        SimdSum.columns(x, 2, rows, cols, acc);
        for (int j = 0; j < cols; j++) {
            double want = exact(x, 2 + j, rows, cols);
            double bound = 3 * Math.ulp(1f) * magnitude(x, 2 + j, rows, cols) + 1e-300;
            assertTrue(Math.abs(acc[j] - want) <= bound, "column " + j + " of " + rows + " rows");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 100, 4097})
    void doubleRunsMatchAnExactSum(int n) {
        Random r = new Random(n);
        double[] x = new double[n + 1];
        BigDecimal s = BigDecimal.ZERO;
        double mag = 0;
        for (int i = 1; i <= n; i++) {
            x[i] = r.nextGaussian();
            s = s.add(new BigDecimal(x[i]));
            mag += Math.abs(x[i]);
        }
        assertEquals(s.doubleValue(), SimdSum.run(x, 1, n), 4 * Math.ulp(1.0) * mag + 1e-300);
    }
    /**
     * x.sum(-1) and x.mean(-1) of a contiguous float32 tensor (here a slice, so from an offset)
     * give each row exactly SimdSum.run's bits, for rows shorter than a vector, many rows, and
     * summed over two trailing dims.
     */
    @ParameterizedTest
    @CsvSource({"0,5", "1,1", "1,784", "2,7", "63,17", "64,16", "65,15", "130,784", "257,33", "3,1000", "129,48"})
    void rowSumsOfATensorGiveEachRowsRunBitForBit(int rows, int n) {
        float[] x = data(rows * 7L + n, (rows + 2) * n);
        Tensor t = Tensors.fromArray(x, rows + 2, n).narrow(0, 1, rows);
        float[] sums = t.sum(1).toFloatArray();
        float[] means = t.mean(1).toFloatArray();
        float[] sums2 = n % 4 == 0 ? t.view(rows, 4, n / 4).sum(1, 2).toFloatArray() : sums;
        assertEquals(rows, sums.length);
        for (int r = 0; r < rows; r++) {
            double want = SimdSum.run(x, (r + 1) * n, n);
            assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits(sums[r]), "row " + r);
            // torch's CPU mean: the float32 sum, divided in float32
            assertEquals(Float.floatToIntBits((float) want / n), Float.floatToIntBits(means[r]), "mean of row " + r);
            assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits(sums2[r]), "row " + r + " as 4 x n/4");
        }
    }
}
