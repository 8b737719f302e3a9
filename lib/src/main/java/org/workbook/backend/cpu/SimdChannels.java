package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch norm's per-position loops ({@link PositionSums}, {@link CpuBatchNorm}) through the Vector
 * API, float32: C2 leaves a float-to-double accumulation scalar (measured 3x slower), and a loop
 * over two float[] parameters too (they might be one array). The same arithmetic in the same order
 * as the scalar loops (no fused multiply-add), so the same bits. Callers branch on
 * {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
final class SimdChannels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int DL = D.length();
    /**
     * The one float species (as in every SIMD class): a float vector widens as parts 0 and 1 of
     * {@code convertShape(F2D, D, part)}, two double vectors. A half-width float species would be
     * a second vector shape in the JVM, which leaves later-compiled kernels boxing their vectors
     * (see {@link SimdSum}): it did, in the full bench JVM, once the conv cases had run.
     */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();

    private SimdChannels() { }

    /** acc[j] += x[o + j] for j in [lo, hi). */
    static void add(float[] x, int o, double[] acc, int lo, int hi) {
        int j = lo;
        for (int e = lo + F.loopBound(hi - lo); j < e; j += FL) {
            FloatVector f = FloatVector.fromArray(F, x, o + j);
            DoubleVector.fromArray(D, acc, j).add(f.convertShape(VectorOperators.F2D, D, 0)).intoArray(acc, j);
            DoubleVector.fromArray(D, acc, j + DL).add(f.convertShape(VectorOperators.F2D, D, 1))
                .intoArray(acc, j + DL);
        }
        for (; j < hi; j++) {
            acc[j] += x[o + j];
        }
    }

    /** a[j] += g[go + j] and b[j] += g[go + j]·x[xo + j] (exact in double) for j in [lo, hi). */
    static void addBoth(float[] g, int go, float[] x, int xo, double[] a, double[] b, int lo, int hi) {
        int j = lo;
        for (int e = lo + F.loopBound(hi - lo); j < e; j += FL) {
            FloatVector gf = FloatVector.fromArray(F, g, go + j);
            FloatVector xf = FloatVector.fromArray(F, x, xo + j);
            DoubleVector g0 = (DoubleVector) gf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector g1 = (DoubleVector) gf.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector.fromArray(D, a, j).add(g0).intoArray(a, j);
            DoubleVector.fromArray(D, a, j + DL).add(g1).intoArray(a, j + DL);
            DoubleVector.fromArray(D, b, j).add(g0.mul((DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0)))
                .intoArray(b, j);
            DoubleVector.fromArray(D, b, j + DL).add(g1.mul((DoubleVector) xf.convertShape(VectorOperators.F2D, D, 1)))
                .intoArray(b, j + DL);
        }
        for (; j < hi; j++) {
            double v = g[go + j];
            a[j] += v;
            b[j] += v * x[xo + j];
        }
    }

    /** acc[j] += (x[o + j] - centre[j])² for j in [lo, hi). */
    static void addSquares(float[] x, int o, double[] centre, double[] acc, int lo, int hi) {
        int j = lo;
        for (int e = lo + F.loopBound(hi - lo); j < e; j += FL) {
            FloatVector f = FloatVector.fromArray(F, x, o + j);
            DoubleVector d0 = ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0))
                .sub(DoubleVector.fromArray(D, centre, j));
            DoubleVector d1 = ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1))
                .sub(DoubleVector.fromArray(D, centre, j + DL));
            DoubleVector.fromArray(D, acc, j).add(d0.mul(d0)).intoArray(acc, j);
            DoubleVector.fromArray(D, acc, j + DL).add(d1.mul(d1)).intoArray(acc, j + DL);
        }
        for (; j < hi; j++) {
            double d = x[o + j] - centre[j];
            acc[j] += d * d;
        }
    }

    /** y[yo + j] = x[xo + j]·a[j] + b[j] for j in [lo, hi). */
    static void affine(float[] x, int xo, float[] a, float[] b, float[] y, int yo, int lo, int hi) {
        int j = lo;
        for (int e = lo + F.loopBound(hi - lo); j < e; j += FL) {
            FloatVector.fromArray(F, x, xo + j).mul(FloatVector.fromArray(F, a, j))
                .add(FloatVector.fromArray(F, b, j)).intoArray(y, yo + j);
        }
        for (; j < hi; j++) {
            y[yo + j] = x[xo + j] * a[j] + b[j];
        }
    }

    /** out[oo + j] = (g[go + j] - gm[j] - (x[xo + j] - m[j])·k[j])·sc[j] for j in [lo, hi). */
    static void backward(float[] g, int go, float[] x, int xo, float[] gm, float[] m, float[] k, float[] sc,
                         float[] out, int oo, int lo, int hi) {
        int j = lo;
        for (int e = lo + F.loopBound(hi - lo); j < e; j += FL) {
            FloatVector xm = FloatVector.fromArray(F, x, xo + j).sub(FloatVector.fromArray(F, m, j))
                .mul(FloatVector.fromArray(F, k, j));
            FloatVector.fromArray(F, g, go + j).sub(FloatVector.fromArray(F, gm, j)).sub(xm)
                .mul(FloatVector.fromArray(F, sc, j)).intoArray(out, oo + j);
        }
        for (; j < hi; j++) {
            out[oo + j] = (g[go + j] - gm[j] - (x[xo + j] - m[j]) * k[j]) * sc[j];
        }
    }
}
