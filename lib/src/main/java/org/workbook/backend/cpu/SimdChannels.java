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




    /**
     * Samples per sweep over the positions: the accumulators are loaded and stored once per
     * CHUNK samples instead of once per sample (the old loop's cost), while the CHUNK rows are
     * still read front to back, few enough streams for the prefetchers. All samples innermost
     * (one block of positions down the whole batch) was faster with the batch in L2 but slower
     * from L3: 128 strided rows each a page apart defeat the prefetchers.
     */
    private static final int CHUNK = 8;

    /**
     * acc[j] += Σ over samples s in [0, n) of x[o + s·p + j], j in [lo, hi), CHUNK samples at a
     * time with the accumulators in registers. Each position adds its samples in order, as
     * PositionSums' scalar loop: the same bits.
     */
    static void sumOverSamples(float[] x, int o, int p, int n, double[] acc, int lo, int hi) {
        for (int s0 = 0; s0 < n; s0 += CHUNK) {
            int s1 = Math.min(n, s0 + CHUNK);
            int j = lo;
            for (; j + 2 * FL <= hi; j += 2 * FL) {
                DoubleVector a0 = DoubleVector.fromArray(D, acc, j);
                DoubleVector a1 = DoubleVector.fromArray(D, acc, j + DL);
                DoubleVector a2 = DoubleVector.fromArray(D, acc, j + 2 * DL);
                DoubleVector a3 = DoubleVector.fromArray(D, acc, j + 3 * DL);
                for (int s = s0, q = o + s0 * p + j; s < s1; s++, q += p) {
                    FloatVector f0 = FloatVector.fromArray(F, x, q);
                    FloatVector f1 = FloatVector.fromArray(F, x, q + FL);
                    a0 = a0.add(f0.convertShape(VectorOperators.F2D, D, 0));
                    a1 = a1.add(f0.convertShape(VectorOperators.F2D, D, 1));
                    a2 = a2.add(f1.convertShape(VectorOperators.F2D, D, 0));
                    a3 = a3.add(f1.convertShape(VectorOperators.F2D, D, 1));
                }
                a0.intoArray(acc, j);
                a1.intoArray(acc, j + DL);
                a2.intoArray(acc, j + 2 * DL);
                a3.intoArray(acc, j + 3 * DL);
            }
            for (; j < hi; j++) {
                double t = acc[j];
                for (int s = s0, q = o + s0 * p + j; s < s1; s++, q += p) {
                    t += x[q];
                }
                acc[j] = t;
            }
        }
    }

    /**
     * acc[j] += Σ over samples s of (x[o + s·p + j] - centre[j])², j in [lo, hi): PositionSums'
     * addSquares CHUNK samples at a time (accumulators and centres in registers), the same bits.
     */
    static void squaresOverSamples(float[] x, int o, int p, int n, double[] centre, double[] acc, int lo, int hi) {
        for (int s0 = 0; s0 < n; s0 += CHUNK) {
            int s1 = Math.min(n, s0 + CHUNK);
            int j = lo;
            for (; j + 2 * FL <= hi; j += 2 * FL) {
                DoubleVector c0 = DoubleVector.fromArray(D, centre, j);
                DoubleVector c1 = DoubleVector.fromArray(D, centre, j + DL);
                DoubleVector c2 = DoubleVector.fromArray(D, centre, j + 2 * DL);
                DoubleVector c3 = DoubleVector.fromArray(D, centre, j + 3 * DL);
                DoubleVector a0 = DoubleVector.fromArray(D, acc, j);
                DoubleVector a1 = DoubleVector.fromArray(D, acc, j + DL);
                DoubleVector a2 = DoubleVector.fromArray(D, acc, j + 2 * DL);
                DoubleVector a3 = DoubleVector.fromArray(D, acc, j + 3 * DL);
                for (int s = s0, q = o + s0 * p + j; s < s1; s++, q += p) {
                    FloatVector f0 = FloatVector.fromArray(F, x, q);
                    FloatVector f1 = FloatVector.fromArray(F, x, q + FL);
                    DoubleVector d0 = ((DoubleVector) f0.convertShape(VectorOperators.F2D, D, 0)).sub(c0);
                    DoubleVector d1 = ((DoubleVector) f0.convertShape(VectorOperators.F2D, D, 1)).sub(c1);
                    DoubleVector d2 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, D, 0)).sub(c2);
                    DoubleVector d3 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, D, 1)).sub(c3);
                    a0 = a0.add(d0.mul(d0));
                    a1 = a1.add(d1.mul(d1));
                    a2 = a2.add(d2.mul(d2));
                    a3 = a3.add(d3.mul(d3));
                }
                a0.intoArray(acc, j);
                a1.intoArray(acc, j + DL);
                a2.intoArray(acc, j + 2 * DL);
                a3.intoArray(acc, j + 3 * DL);
            }
            for (; j < hi; j++) {
                double t = acc[j];
                double c = centre[j];
                for (int s = s0, q = o + s0 * p + j; s < s1; s++, q += p) {
                    double d = x[q] - c;
                    t += d * d;
                }
                acc[j] = t;
            }
        }
    }

    /**
     * a[j] += Σ over samples s of g[go + s·p + j] and b[j] += Σ g·x (each product exact in double),
     * j in [lo, hi): PositionSums' addBoth CHUNK samples at a time, the same bits.
     */
    static void bothOverSamples(float[] g, int go, float[] x, int xo, int p, int n, double[] a, double[] b,
                                int lo, int hi) {
        for (int s0 = 0; s0 < n; s0 += CHUNK) {
            int s1 = Math.min(n, s0 + CHUNK);
            int j = lo;
            for (; j + FL <= hi; j += FL) {
                DoubleVector a0 = DoubleVector.fromArray(D, a, j);
                DoubleVector a1 = DoubleVector.fromArray(D, a, j + DL);
                DoubleVector b0 = DoubleVector.fromArray(D, b, j);
                DoubleVector b1 = DoubleVector.fromArray(D, b, j + DL);
                for (int s = s0, q = go + s0 * p + j, r = xo + s0 * p + j; s < s1; s++, q += p, r += p) {
                    FloatVector g0 = FloatVector.fromArray(F, g, q);
                    FloatVector x0 = FloatVector.fromArray(F, x, r);
                    DoubleVector h0 = (DoubleVector) g0.convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector h1 = (DoubleVector) g0.convertShape(VectorOperators.F2D, D, 1);
                    a0 = a0.add(h0);
                    a1 = a1.add(h1);
                    b0 = b0.add(h0.mul((DoubleVector) x0.convertShape(VectorOperators.F2D, D, 0)));
                    b1 = b1.add(h1.mul((DoubleVector) x0.convertShape(VectorOperators.F2D, D, 1)));
                }
                a0.intoArray(a, j);
                a1.intoArray(a, j + DL);
                b0.intoArray(b, j);
                b1.intoArray(b, j + DL);
            }
            for (; j < hi; j++) {
                double t = a[j];
                double u = b[j];
                for (int s = s0, q = go + s0 * p + j, r = xo + s0 * p + j; s < s1; s++, q += p, r += p) {
                    double v = g[q];
                    t += v;
                    u += v * x[r];
                }
                a[j] = t;
                b[j] = u;
            }
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
