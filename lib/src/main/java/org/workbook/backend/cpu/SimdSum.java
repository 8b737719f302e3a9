package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Floating sums through the Vector API. float32 values are added in float only in
 * short groups (at most 32 values pairwise-and-four-deep along a row, four down a column),
 * then widened into double accumulators, so a sum's error stays within a few float ulps
 * of the sum of magnitudes whatever its length: below torch's float cascade sum and far
 * below a naive float loop ({@code SumAccuracyTest}); float64 sums stay in double. Several
 * vector accumulators keep the adds of consecutive vectors independent; the lanes are
 * added in a fixed order at the end (not {@code reduceLanes}, whose order may differ
 * between compiled and interpreted code), so a sum gives the same bits every time.
 * Loaded only when {@link Simd#ENABLED}.
 */
final class SimdSum {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    /** As many floats as D has doubles: one load, then one widening to a full double vector. */
    private static final VectorSpecies<Float> FH =
        VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** Twice as many floats as D has doubles: parts 0 and 1 widen to two double vectors. */
    private static final VectorSpecies<Float> F =
        VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize()));
    private static final int FL = F.length();

    private SimdSum() { }

    private static DoubleVector widen(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FH, x, i).convertShape(VectorOperators.F2D, D, 0);
    }

    /**
     * x[from] + ... + x[from + n - 1]. Eight float vector accumulators (eight add chains keep
     * both adders busy) take at most four vectors each, so a lane adds at most four floats in
     * float before the eight are folded pairwise and widened into double accumulators: the
     * float part's error is at most 7 ulps of the block's magnitude sum, the rest is in double.
     */
    static double run(float[] x, int from, int n) {
        int i = from;
        int end = from + n;
        DoubleVector d0 = DoubleVector.zero(D);
        DoubleVector d1 = d0;
        while (i + 8 * FL <= end) {
            FloatVector a0 = FloatVector.fromArray(F, x, i);
            FloatVector a1 = FloatVector.fromArray(F, x, i + FL);
            FloatVector a2 = FloatVector.fromArray(F, x, i + 2 * FL);
            FloatVector a3 = FloatVector.fromArray(F, x, i + 3 * FL);
            FloatVector a4 = FloatVector.fromArray(F, x, i + 4 * FL);
            FloatVector a5 = FloatVector.fromArray(F, x, i + 5 * FL);
            FloatVector a6 = FloatVector.fromArray(F, x, i + 6 * FL);
            FloatVector a7 = FloatVector.fromArray(F, x, i + 7 * FL);
            i += 8 * FL;
            for (int stop = Math.min(end, i + 3 * 8 * FL); i + 8 * FL <= stop; i += 8 * FL) {
                a0 = a0.add(FloatVector.fromArray(F, x, i));
                a1 = a1.add(FloatVector.fromArray(F, x, i + FL));
                a2 = a2.add(FloatVector.fromArray(F, x, i + 2 * FL));
                a3 = a3.add(FloatVector.fromArray(F, x, i + 3 * FL));
                a4 = a4.add(FloatVector.fromArray(F, x, i + 4 * FL));
                a5 = a5.add(FloatVector.fromArray(F, x, i + 5 * FL));
                a6 = a6.add(FloatVector.fromArray(F, x, i + 6 * FL));
                a7 = a7.add(FloatVector.fromArray(F, x, i + 7 * FL));
            }
            FloatVector f = a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7)));
            d0 = d0.add(f.convertShape(VectorOperators.F2D, D, 0));
            d1 = d1.add(f.convertShape(VectorOperators.F2D, D, 1));
        }
        for (; i + FL <= end; i += FL) {
            FloatVector f = FloatVector.fromArray(F, x, i);
            d0 = d0.add(f.convertShape(VectorOperators.F2D, D, 0));
            d1 = d1.add(f.convertShape(VectorOperators.F2D, D, 1));
        }
        double sum = lanes(d0.add(d1));
        for (; i < end; i++) {
            sum += x[i];
        }
        return sum;
    }

    /**
     * acc[j] = sum over r of x[off + r * cols + j], j in [0, cols): a sum over the rows of a
     * contiguous [rows, cols] block, by adding whole rows, four at a time in float
     * ((x0 + x1) + (x2 + x3): two roundings) and then into the double accumulators.
     */
    static void columns(float[] x, int off, int rows, int cols, double[] acc) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int p = off + r * cols;
            int j = 0;
            for (int e = cols - FL; j <= e; j += FL) {
                FloatVector f = FloatVector.fromArray(F, x, p + j).add(FloatVector.fromArray(F, x, p + cols + j))
                    .add(FloatVector.fromArray(F, x, p + 2 * cols + j).add(FloatVector.fromArray(F, x, p + 3 * cols + j)));
                DoubleVector.fromArray(D, acc, j).add(f.convertShape(VectorOperators.F2D, D, 0)).intoArray(acc, j);
                DoubleVector.fromArray(D, acc, j + L).add(f.convertShape(VectorOperators.F2D, D, 1)).intoArray(acc, j + L);
            }
            for (; j < cols; j++) {
                acc[j] += (x[p + j] + x[p + cols + j]) + (x[p + 2 * cols + j] + x[p + 3 * cols + j]);
            }
        }
        for (; r < rows; r++) {
            addTo(acc, 0, x, off + r * cols, cols);
        }
    }

    static double run(double[] x, int from, int n) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = from;
        int end = from + n;
        for (; i + 4 * L <= end; i += 4 * L) {
            a0 = a0.add(DoubleVector.fromArray(D, x, i));
            a1 = a1.add(DoubleVector.fromArray(D, x, i + L));
            a2 = a2.add(DoubleVector.fromArray(D, x, i + 2 * L));
            a3 = a3.add(DoubleVector.fromArray(D, x, i + 3 * L));
        }
        for (; i + L <= end; i += L) {
            a0 = a0.add(DoubleVector.fromArray(D, x, i));
        }
        double s = lanes(a0.add(a1).add(a2.add(a3)));
        for (; i < end; i++) {
            s += x[i];
        }
        return s;
    }

    /** The lanes of v added first to last. */
    private static double lanes(DoubleVector v) {
        double[] t = new double[L];
        v.intoArray(t, 0);
        double s = 0;
        for (double d : t) {
            s += d;
        }
        return s;
    }

    /** acc[ao + i] += x[xo + i] for i in [0, n): one row of a sum over rows. */
    static void addTo(double[] acc, int ao, float[] x, int xo, int n) {
        int i = 0;
        for (int e = n - L; i <= e; i += L) {
            DoubleVector.fromArray(D, acc, ao + i).add(widen(x, xo + i)).intoArray(acc, ao + i);
        }
        for (; i < n; i++) {
            acc[ao + i] += x[xo + i];
        }
    }

    static void addTo(double[] acc, int ao, double[] x, int xo, int n) {
        int i = 0;
        for (int e = n - L; i <= e; i += L) {
            DoubleVector.fromArray(D, acc, ao + i).add(DoubleVector.fromArray(D, x, xo + i)).intoArray(acc, ao + i);
        }
        for (; i < n; i++) {
            acc[ao + i] += x[xo + i];
        }
    }
}
