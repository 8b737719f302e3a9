package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Floating sums through the Vector API. float32 values are added in float only in
 * short groups (along a row at most eight vectors deep per accumulator, then the eight
 * accumulators pairwise: ten roundings; down a column eight rows pairwise: three), then
 * widened into double accumulators, so a sum's error stays within a few float ulps of the
 * sum of magnitudes whatever its length: below torch's float cascade sum and far below a
 * naive float loop ({@code SumAccuracyTest}); float64 sums stay in double. The lanes are
 * added in a fixed order at the end (not {@code reduceLanes}, whose order may differ
 * between compiled and interpreted code), so a sum gives the same bits every time.
 *
 * <p>Why the kernels are written this way: on JDK 17 every lane operation of the Vector API
 * ({@code FloatVector.add}, {@code fromArray}...) reaches its shape's implementation through an
 * abstract method, which C2 binds using the type profile of that JDK method, a profile shared by
 * every caller in the JVM. When a kernel is compiled while that profile is missing (the tiered
 * policy ran the callers at tier 2, C1 without profiling, because the C2 queue was long: a busy
 * machine, or a long-running JVM compiling many other ops) or mixed (another vector shape used
 * elsewhere: a half-width float species to widen floats, as SimdChannels once had, did it in
 * the bench's JVM once the conv cases had run), the calls stay virtual, every vector is boxed
 * into a heap object, and the kernel runs 5 to 40 times slower for the rest of the JVM's life (x.sum(1) of 256x784: 10 µs or
 * 50-400 µs, run to run; {@code -XX:Tier3DelayOn=100000} made it disappear). So: one vector
 * shape everywhere (the preferred one, as every SIMD class here), no vector crossing a method
 * boundary of ours (a helper that takes or returns a vector is one more call that may not be
 * inlined, "already compiled into a big method" or past {@code NodeCountInliningCutoff}), and
 * small loop bodies ({@code OneVectorShapeTest} checks the first rule in the sources).
 * Loaded only when {@link Simd#ENABLED}.
 */
final class SimdSum {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    /** Twice as many floats as D has doubles (same shape): parts 0 and 1 widen to two double vectors. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();

    private SimdSum() { }

    /** x[from] + ... + x[from + n - 1]; {@link #run(float[], int, int, double[])} without a scratch array. */
    static double run(float[] x, int from, int n) {
        return run(x, from, n, new double[L]);
    }

    /** The scratch length {@link #run(float[], int, int, double[])} needs. */
    static int scratchLength() {
        return L;
    }

    /**
     * x[from] + ... + x[from + n - 1]. Eight float vector accumulators (eight add chains and
     * loads in flight: an L2-resident row streams at close to the cache's bandwidth) take at
     * most eight vectors each, then are folded pairwise and widened into two double
     * accumulators: the float part's error is at most 10 roundings of the block's magnitude
     * sum, the rest is in double. A remainder of four vectors is folded pairwise alone.
     * {@code scratch} (at least {@link #scratchLength()} doubles) receives the lanes, so a
     * caller summing many rows allocates once.
     */
    static double run(float[] x, int from, int n, double[] scratch) {
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
            for (int stop = Math.min(end, i + 7 * 8 * FL); i + 8 * FL <= stop; i += 8 * FL) {
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
        for (; i + 4 * FL <= end; i += 4 * FL) {
            FloatVector f = FloatVector.fromArray(F, x, i).add(FloatVector.fromArray(F, x, i + FL))
                .add(FloatVector.fromArray(F, x, i + 2 * FL).add(FloatVector.fromArray(F, x, i + 3 * FL)));
            d0 = d0.add(f.convertShape(VectorOperators.F2D, D, 0));
            d1 = d1.add(f.convertShape(VectorOperators.F2D, D, 1));
        }
        for (; i + FL <= end; i += FL) {
            FloatVector f = FloatVector.fromArray(F, x, i);
            d0 = d0.add(f.convertShape(VectorOperators.F2D, D, 0));
            d1 = d1.add(f.convertShape(VectorOperators.F2D, D, 1));
        }
        d0.add(d1).intoArray(scratch, 0);
        double sum = 0;
        for (int k = 0; k < L; k++) {
            sum += scratch[k];
        }
        for (; i < end; i++) {
            sum += x[i];
        }
        return sum;
    }

    /**
     * acc[j] = sum over r of x[off + r * cols + j], j in [0, cols): a sum over the rows of a
     * contiguous [rows, cols] block, by adding whole rows: eight at a time pairwise in float
     * (three roundings), then into the double accumulators; the last rows one by one.
     * {@code acc} must start at zero.
     */
    static void columns(float[] x, int off, int rows, int cols, double[] acc) {
        int r = 0;
        int c = cols;
        for (; r + 16 <= rows; r += 16) {
            int p = off + r * cols;
            int j = 0;
            for (int e = cols - FL; j <= e; j += FL) {
                int q = p + j;
                FloatVector s0 = FloatVector.fromArray(F, x, q).add(FloatVector.fromArray(F, x, q + c))
                    .add(FloatVector.fromArray(F, x, q + 2 * c).add(FloatVector.fromArray(F, x, q + 3 * c)));
                FloatVector s1 = FloatVector.fromArray(F, x, q + 4 * c).add(FloatVector.fromArray(F, x, q + 5 * c))
                    .add(FloatVector.fromArray(F, x, q + 6 * c).add(FloatVector.fromArray(F, x, q + 7 * c)));
                FloatVector s2 = FloatVector.fromArray(F, x, q + 8 * c).add(FloatVector.fromArray(F, x, q + 9 * c))
                    .add(FloatVector.fromArray(F, x, q + 10 * c).add(FloatVector.fromArray(F, x, q + 11 * c)));
                FloatVector s3 = FloatVector.fromArray(F, x, q + 12 * c).add(FloatVector.fromArray(F, x, q + 13 * c))
                    .add(FloatVector.fromArray(F, x, q + 14 * c).add(FloatVector.fromArray(F, x, q + 15 * c)));
                FloatVector f = s0.add(s1).add(s2.add(s3));
                DoubleVector.fromArray(D, acc, j).add(f.convertShape(VectorOperators.F2D, D, 0)).intoArray(acc, j);
                DoubleVector.fromArray(D, acc, j + L).add(f.convertShape(VectorOperators.F2D, D, 1))
                    .intoArray(acc, j + L);
            }
            for (; j < cols; j++) {
                int q = p + j;
                double t = 0;
                for (int k = 0; k < 16; k += 8) {
                    int u = q + k * c;
                    t += ((x[u] + x[u + c]) + (x[u + 2 * c] + x[u + 3 * c]))
                        + ((x[u + 4 * c] + x[u + 5 * c]) + (x[u + 6 * c] + x[u + 7 * c]));
                }
                acc[j] += t;
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
        double[] t = new double[L];
        a0.add(a1).add(a2.add(a3)).intoArray(t, 0);
        double s = 0;
        for (double v : t) {
            s += v;
        }
        for (; i < end; i++) {
            s += x[i];
        }
        return s;
    }

    /** acc[ao + i] += x[xo + i] for i in [0, n): one row of a sum over rows. */
    static void addTo(double[] acc, int ao, float[] x, int xo, int n) {
        int i = 0;
        for (int e = n - FL; i <= e; i += FL) {
            FloatVector f = FloatVector.fromArray(F, x, xo + i);
            DoubleVector.fromArray(D, acc, ao + i).add(f.convertShape(VectorOperators.F2D, D, 0)).intoArray(acc, ao + i);
            DoubleVector.fromArray(D, acc, ao + i + L).add(f.convertShape(VectorOperators.F2D, D, 1))
                .intoArray(acc, ao + i + L);
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
