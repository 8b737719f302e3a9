package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * log_softmax over the rows of a contiguous float32 [rows, cols] block, and its backward,
 * without temporaries: y = (x - max) - log(sum(exp(x - max))), torch's three passes per row
 * (max; sum of exp; write). The exp of the middle pass only feeds the sum, which is at least
 * 1 (the max's own term), so it may be cheaper than {@link FloatMath#exp(float)}: fused
 * multiply-adds, and arguments below -87.3 (whose terms are below 1.2e-38, nothing next to
 * 1) clamped there so one power of two scales every lane; within 2 ulps of e^x on the rest.
 * The sum adds floats in float only eight vectors deep, then in double. Rows narrower than
 * two vectors (the lesson-8 output layer: 10 classes) are done as one block: x - max row by
 * row, one vector exp over the whole block, then the row sums, so the exp still runs
 * 16 lanes wide. The backward dx = g - exp(y) * sum(g) takes exp from {@link SimdFloatMath}
 * (the composed ops' bits). Each kernel is a method that passes only arrays and numbers:
 * see {@link SimdSum} for why no vector crosses a method boundary. Callers branch on
 * {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
public final class SimdSoftmax {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as two double vectors hold: a float vector widens to parts 0 and 1. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;   // 1.5 * 2^23: adding it rounds to an integer
    private static final float LOW = -87.33654f;    // e^LOW = 2^-126, the smallest normal float

    private SimdSoftmax() { }

    /** y[r, :] = log_softmax(x[r, :]) for x at offset xo, y at 0. */
    public static void logSoftmax(float[] x, int xo, float[] y, int rows, int cols) {
        if (cols < 2 * L) {
            narrow(x, xo, y, rows, cols);
            return;
        }
        double[] scratch = new double[D.length()];
        for (int r = 0; r < rows; r++) {
            int p = xo + r * cols;
            float m = SimdExtremes.extreme(x, p, cols, true);
            double s = expSum(x, p, m, cols, null, 0, scratch);
            write(x, p, m, (float) Math.log((float) s), y, r * cols, cols);
        }
    }

    /** Rows narrower than two vectors: the row steps scalar, the exp once over the whole block (in y). */
    private static void narrow(float[] x, int xo, float[] y, int rows, int cols) {
        float[] m = new float[rows];
        for (int r = 0, p = xo, q = 0; r < rows; r++, p += cols, q += cols) {
            float mr = x[p];
            for (int i = 1; i < cols; i++) {
                mr = Math.max(mr, x[p + i]);
            }
            m[r] = mr;
            for (int i = 0; i < cols; i++) {
                y[q + i] = x[p + i] - mr;
            }
        }
        expSum(y, 0, 0f, rows * cols, y, 0, new double[D.length()]);
        for (int r = 0, p = xo, q = 0; r < rows; r++, p += cols, q += cols) {
            double s = 0;
            for (int i = 0; i < cols; i++) {
                s += y[q + i];
            }
            float logSum = (float) Math.log((float) s);
            float mr = m[r];
            for (int i = 0; i < cols; i++) {
                y[q + i] = (x[p + i] - mr) - logSum;
            }
        }
    }

    /**
     * The sum of e^(x[p + i] - m) over i in [0, n), every x - m <= 0 (or NaN); also stored at
     * z[zo + i] when z is not null. Float accumulation eight vectors deep, then double.
     */
    private static double expSum(float[] x, int p, float m, int n, float[] z, int zo, double[] scratch) {
        FloatVector mv = FloatVector.broadcast(F, m);
        FloatVector nHi = FloatVector.broadcast(F, -LN2_HI);
        FloatVector nLo = FloatVector.broadcast(F, -LN2_LO);
        FloatVector c4 = FloatVector.broadcast(F, 8.3334519073E-3f);
        FloatVector c3 = FloatVector.broadcast(F, 4.1665795894E-2f);
        FloatVector c2 = FloatVector.broadcast(F, 1.6666665459E-1f);
        FloatVector c1 = FloatVector.broadcast(F, 5.0000001201E-1f);
        DoubleVector d0 = DoubleVector.zero(D);
        DoubleVector d1 = d0;
        int i = 0;
        // Chunks of eight vectors: each lane adds at most eight terms in float before the widening.
        for (int e = F.loopBound(n); i < e; ) {
            FloatVector acc = FloatVector.zero(F);
            for (int stop = Math.min(e, i + 8 * L); i < stop; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, p + i).sub(mv);
                if (v.lt(LOW).anyTrue()) {
                    // only then: the lanewise max (Math.max's NaN and -0 rules) is several instructions
                    v = v.max(LOW);
                }
                FloatVector t = v.fma(LOG2E, ROUND);
                FloatVector fn = t.sub(ROUND);
                FloatVector r = fn.fma(nLo, fn.fma(nHi, v));
                FloatVector q = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
                q = q.fma(r, c4);
                q = q.fma(r, c3);
                q = q.fma(r, c2);
                q = q.fma(r, c1);
                FloatVector er = q.fma(r.mul(r), r).add(1f);
                // t = 1.5 * 2^23 + n, n >= -126 after the clamp: 2^n is one normal float.
                FloatVector ex = er.mul(t.reinterpretAsInts().add(127 - 0x4B400000).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
                if (z != null) {
                    ex.intoArray(z, zo + i);
                }
                acc = acc.add(ex);
            }
            d0 = d0.add(acc.convertShape(VectorOperators.F2D, D, 0));
            d1 = d1.add(acc.convertShape(VectorOperators.F2D, D, 1));
        }
        d0.add(d1).intoArray(scratch, 0);
        double s = 0;
        for (double v : scratch) {
            s += v;
        }
        for (; i < n; i++) {
            float e = expScalar(x[p + i] - m);
            if (z != null) {
                z[zo + i] = e;
            }
            s += e;
        }
        return s;
    }

    /** One lane of {@link #expSum}'s exp, the same steps (Math.fma is exact as the vector fma is). */
    private static float expScalar(float x) {
        float v = Math.max(x, LOW);
        float t = Math.fma(v, LOG2E, ROUND);
        float fn = t - ROUND;
        float r = Math.fma(fn, -LN2_LO, Math.fma(fn, -LN2_HI, v));
        float q = Math.fma(r, 1.9875691500E-4f, 1.3981999507E-3f);
        q = Math.fma(q, r, 8.3334519073E-3f);
        q = Math.fma(q, r, 4.1665795894E-2f);
        q = Math.fma(q, r, 1.6666665459E-1f);
        q = Math.fma(q, r, 5.0000001201E-1f);
        float er = Math.fma(q, r * r, r) + 1f;
        return er * Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127 - 0x4B400000) << 23);
    }

    /** y[q + i] = (x[p + i] - m) - logSum: the composed ops' two roundings. */
    private static void write(float[] x, int p, float m, float logSum, float[] y, int q, int n) {
        int i = 0;
        for (int e = F.loopBound(n); i < e; i += L) {
            FloatVector.fromArray(F, x, p + i).sub(m).sub(logSum).intoArray(y, q + i);
        }
        for (; i < n; i++) {
            y[q + i] = (x[p + i] - m) - logSum;
        }
    }

    /** dx[r, :] = g[r, :] - exp(y[r, :]) * sum(g[r, :]), all contiguous from offset 0. */
    public static void logSoftmaxBackward(float[] g, float[] y, float[] dx, int rows, int cols) {
        SimdFloatMath.exp(y, 0, dx, 0, rows * cols);
        double[] scratch = new double[SimdSum.scratchLength()];
        for (int r = 0, p = 0; r < rows; r++, p += cols) {
            float sg = (float) SimdSum.run(g, p, cols, scratch);
            if (sg == 0f && allNegativeZero(g, p, cols)) {
                sg = -0f; // torch sums the row from its first element: -0. stays -0. (then g - e * sg is +0.)
            }
            subScaled(g, dx, p, sg, cols);
        }
    }

    /** Whether every x[p + i], i < n, is -0. (then a sum that starts from the first element is -0.). */
    static boolean allNegativeZero(float[] x, int p, int n) {
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(x[p + i]) != 0x80000000) {
                return false;
            }
        }
        return n > 0;
    }

    /** dx[p + i] = g[p + i] - dx[p + i] * s. */
    private static void subScaled(float[] g, float[] dx, int p, float s, int n) {
        int i = 0;
        for (int e = F.loopBound(n); i < e; i += L) {
            FloatVector.fromArray(F, g, p + i).sub(FloatVector.fromArray(F, dx, p + i).mul(s)).intoArray(dx, p + i);
        }
        for (; i < n; i++) {
            dx[p + i] = g[p + i] - dx[p + i] * s;
        }
    }
}
