package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.ops.Reductions;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * var and std over random shapes (0-d, empty, size-1 dims, rows with and without a tail of the
 * 32-lane blocks, leading, middle and trailing dims, non-contiguous views, negative dims,
 * keepdim, corrections up to past the count) in float32 and float64, against the exact variance
 * of the same values (BigDecimal: the mean to 80 digits, the rest exact): float64 results within
 * 1e-13 relative and no worse than one accumulator per pass, float32 within one float ulp of the
 * exact value rounded. Half the cases add 1e4 to N(0, 1) data, where a one-pass Σx² - n·mean² in
 * double loses digits past the bound (checked, so the data is hard).
 */
class VarianceAccuracyTest {
    private static final MathContext MC = new MathContext(80);
    private static final int[] SIZES = {0, 1, 1, 2, 3, 5, 7, 16, 31, 32, 33, 47, 64, 70, 100};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void matchesTheExactVarianceOnRandomShapes(long seed) {
        Random rnd = new Random(seed);
        double worstNew = 0;
        double worstNaive = 0;
        double worstSequential = 0;
        for (int c = 0; c < 60; c++) {
            int rank = rnd.nextInt(5);
            int[] shape = new int[rank];
            long numel = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = SIZES[rnd.nextInt(SIZES.length)];
                if (numel * shape[d] > 30_000) {
                    shape[d] = 1;
                }
                numel *= shape[d];
            }
            DType dt = rnd.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            boolean offset = rnd.nextBoolean();
            Tensor x = data(rnd, shape, dt, offset);
            if (rank >= 2 && rnd.nextInt(3) == 0) {
                x = x.transpose(0, rank - 1); // a non-contiguous view
            }
            if (rank >= 1 && x.size(0) > 2 && rnd.nextInt(4) == 0) {
                x = x.narrow(0, 1, x.size(0) - 2); // an offset view
            }
            int[] dims = dims(rnd, rank);
            int correction = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextInt(2);
            boolean keepdim = rnd.nextBoolean();
            String what = Arrays.toString(x.shapeArray()) + " " + dt + " dims " + Arrays.toString(dims) + " correction "
                + correction + (offset ? " offset 1e4" : "");
            double[][] groups = groups(x, dims);
            Tensor var = Reductions.var(x, dims, correction, keepdim);
            Tensor std = Reductions.std(x, dims, correction, keepdim);
            assertArrayEquals(expectedShape(x.shapeArray(), dims, keepdim), var.shapeArray(), what);
            assertEquals(dt, var.dtype(), what);
            assertEquals(dt, std.dtype(), what);
            double[] gv = var.toDoubleArray();
            double[] gs = std.toDoubleArray();
            assertEquals(groups.length, gv.length, what);
            for (int j = 0; j < groups.length; j++) {
                double exact = exact(groups[j], correction);
                check(exact, gv[j], dt, what + " var[" + j + "]");
                check(Math.sqrt(exact), gs[j], dt, what + " std[" + j + "]");
                if (Double.isFinite(exact) && exact > 0 && dt == DType.FLOAT64) {
                    worstNew = Math.max(worstNew, Math.abs(gv[j] - exact) / exact);
                    double seq = sequential(groups[j], correction);
                    worstSequential = Math.max(worstSequential, Math.abs(seq - exact) / exact);
                    if (offset && groups[j].length > 8) {
                        worstNaive = Math.max(worstNaive, Math.abs(naive(groups[j], correction) - exact) / exact);
                    }
                }
            }
        }
        System.out.printf("seed %d: worst relative error of var (float64) %.2e; the previous one-accumulator two passes"
            + " %.2e; a naive one-pass on the offset data %.2e%n", seed, worstNew, worstSequential, worstNaive);
        assertTrue(worstNaive == 0 || worstNaive > 1e-13, "the offset data should defeat a one-pass formula");
        assertTrue(worstNew <= Math.max(worstSequential, 1e-15), "no less accurate than one accumulator per pass");
    }

    private static void check(double exact, double got, DType dt, String what) {
        if (!Double.isFinite(exact)) {
            assertEquals(exact, got, what); // inf for n < correction, NaN for 0 / 0, as torch
            return;
        }
        if (dt == DType.FLOAT64) {
            assertTrue(Math.abs(got - exact) <= 1e-13 * exact + Double.MIN_NORMAL, what + ": " + got + " vs " + exact);
        } else {
            float want = (float) exact;
            assertTrue(Math.abs(got - want) <= Math.ulp(want), what + ": " + got + " vs " + want);
        }
    }

    static Tensor data(Random rnd, int[] shape, DType dt, boolean offset) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (offset ? 1e4 : 0) + rnd.nextGaussian();
        }
        Tensor t = Tensors.fromArray(v, shape);
        return dt == DType.FLOAT32 ? t.toFloat() : t;
    }

    static int[] dims(Random rnd, int rank) {
        if (rank == 0 || rnd.nextInt(5) == 0) {
            return null; // all
        }
        List<Integer> ds = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (rnd.nextInt(3) == 0) {
                ds.add(rnd.nextBoolean() ? d : d - rank); // negative dims count from the end
            }
        }
        if (ds.isEmpty()) {
            ds.add(rnd.nextInt(rank));
        }
        return ds.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] expectedShape(int[] shape, int[] dims, boolean keepdim) {
        boolean[] red = reduced(shape.length, dims);
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (!red[d]) {
                out.add(shape[d]);
            } else if (keepdim) {
                out.add(1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean[] reduced(int rank, int[] dims) {
        boolean[] red = new boolean[rank];
        if (dims == null) {
            Arrays.fill(red, true);
        } else {
            for (int d : dims) {
                red[d < 0 ? d + rank : d] = true;
            }
        }
        return red;
    }

    /** The values of each output element, output elements in row-major order. */
    static double[][] groups(Tensor x, int[] dims) {
        int[] shape = x.shapeArray();
        boolean[] red = reduced(shape.length, dims);
        double[] v = x.toDoubleArray();
        int outs = 1;
        int count = 1;
        for (int d = 0; d < shape.length; d++) {
            if (red[d]) {
                count *= shape[d];
            } else {
                outs *= shape[d];
            }
        }
        double[][] g = new double[outs][count];
        int[] fill = new int[outs];
        int[] idx = new int[shape.length];
        for (double value : v) {
            int o = 0;
            for (int d = 0; d < shape.length; d++) {
                if (!red[d]) {
                    o = o * shape[d] + idx[d];
                }
            }
            g[o][fill[o]++] = value;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return g;
    }

    /**
     * Σ(x - mean)² / max(0, n - correction), the mean to 80 digits and the squares exact; NaN or inf
     * where the divisor or n is 0.
     */
    static double exact(double[] v, int correction) {
        int n = v.length;
        double divisor = Math.max(0, n - correction);
        if (n == 0) {
            return Double.NaN;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (double d : v) {
            sum = sum.add(new BigDecimal(d));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MC);
        BigDecimal ss = BigDecimal.ZERO;
        for (double d : v) {
            BigDecimal e = new BigDecimal(d).subtract(mean);
            ss = ss.add(e.multiply(e));
        }
        if (divisor == 0) {
            return ss.signum() == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return ss.divide(BigDecimal.valueOf(divisor), MC).doubleValue();
    }

    /** The two passes with one accumulator each, in element order (the kernels' arithmetic before the 32 lanes). */
    private static double sequential(double[] v, int correction) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        double q = 0;
        for (double d : v) {
            q += (d - m) * (d - m);
        }
        return q / Math.max(0, v.length - correction);
    }

    private static double naive(double[] v, int correction) {
        double s = 0;
        double q = 0;
        for (double d : v) {
            s += d;
            q += d * d;
        }
        return (q - s * s / v.length) / Math.max(0, v.length - correction);
    }
}
