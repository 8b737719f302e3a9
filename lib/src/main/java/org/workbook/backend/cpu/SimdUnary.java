package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.workbook.backend.UnaryOp;

/**
 * One-input ops through the Vector API on contiguous runs: float32 exp and sigmoid (the
 * {@link FloatMath#exp(float)} and {@link FloatMath#sigmoid(float)} algorithms lane by lane, so
 * the same bits: within 1.01 and 2.5 ulps, see {@code SimdExpAccuracyTest}) and relu; float32
 * log and tanh, and float64 exp and log, through {@link SimdDoubleMath} (the steps of
 * {@link DoubleMath} lane by lane, so again the scalar kernels' bits: float32 log and
 * tanh within 0.5 ulp of StrictMath's value (so equal to {@code (float) Math.log/tanh} but
 * in rare ties), float64 exp and log within 1 ulp of StrictMath,
 * all measured in {@code DoubleMathAccuracyTest}; torch's SLEEF kernels are within 1 ulp);
 * float32 pow with a scalar exponent other than torch's shortcut ones (which MathOps.pow
 * computes by multiplications and square roots, loops C2 vectorises) as e^(p log|x|) in double
 * lanes, within 0.5 ulp of StrictMath.pow. Other runs, and other ops, stay with the scalar
 * kernels, which C2 already vectorises where the loop is simple. Loaded only when
 * {@link Simd#ENABLED}.
 */
final class SimdUnary {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;

    private SimdUnary() { }

    /** op's SIMD kernel over float runs, or null; {@code scalar} takes the strided runs; p1 is POW_SCALAR's exponent. */
    static Kernel floats(UnaryOp op, double p1, Kernel scalar) {
        switch (op) {
            case POW_SCALAR: return !DoubleMath.powByLogs(p1) ? null : (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= F.length()) {
                    SimdDoubleMath.powFloats((float[]) a, ao, (float[]) o, oo, n, p1);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            case EXP: case SIGMOID: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= F.length()) {
                    expOrSigmoid((float[]) a, ao, (float[]) o, oo, n, op == UnaryOp.SIGMOID);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            case RELU: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= F.length()) {
                    relu((float[]) a, ao, (float[]) o, oo, n);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            case LOG: case TANH: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= F.length()) {
                    SimdDoubleMath.floats(op, (float[]) a, ao, (float[]) o, oo, n);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            default: return null;
        }
    }

    /** op's SIMD kernel over double runs, or null. */
    static Kernel doubles(UnaryOp op, Kernel scalar) {
        switch (op) {
            case RELU: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= D.length()) {
                    relu((double[]) a, ao, (double[]) o, oo, n);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            case EXP: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= D.length()) {
                    SimdDoubleMath.exp((double[]) a, ao, (double[]) o, oo, n);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            case LOG: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= D.length()) {
                    SimdDoubleMath.log((double[]) a, ao, (double[]) o, oo, n);
                } else {
                    scalar.run(a, ao, as, b, bo, bs, o, oo, os, n);
                }
            };
            default: return null;
        }
    }

    /** z[zo + i] = e^x[xo + i]. */
    static void exp(float[] x, int xo, float[] z, int zo, int n) {
        expOrSigmoid(x, xo, z, zo, n, false);
    }

    /**
     * z[zo + i] = e^x[xo + i], or 1 / (1 + e^-x[xo + i]) when {@code sigmoid}: FloatMath's steps on
     * whole vectors (no fma, so the same bits). The steps are written in the loop, not in a helper
     * taking a vector (see SimdSum's comment); C2 takes the loop-invariant branches out of the loop.
     */
    static void expOrSigmoid(float[] x, int xo, float[] z, int zo, int n, boolean sigmoid) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int e = F.loopBound(n); i < e; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            if (sigmoid) {
                v = v.neg();
            }
            // Math.max/min semantics lane by lane: NaN stays NaN, as in the scalar form.
            v = v.min(89f).max(-104f);
            FloatVector t = v.mul(LOG2E).add(ROUND);
            FloatVector fn = t.sub(ROUND);
            FloatVector r = v.sub(fn.mul(LN2_HI)).sub(fn.mul(LN2_LO));
            FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f);
            p = p.mul(r).add(8.3334519073E-3f);
            p = p.mul(r).add(4.1665795894E-2f);
            p = p.mul(r).add(1.6666665459E-1f);
            p = p.mul(r).add(5.0000001201E-1f);
            FloatVector er = p.mul(r).mul(r).add(r).add(1f);
            // 2^n in two factors, n from t's low mantissa bits (t = 1.5 * 2^23 + n).
            IntVector nv = t.reinterpretAsInts().sub(0x4B400000);
            IntVector n1 = nv.lanewise(VectorOperators.ASHR, 1);
            FloatVector f1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector f2 = nv.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector ex = er.mul(f1).mul(f2);
            (sigmoid ? one.div(ex.add(1f)) : ex).intoArray(z, zo + i);
        }
        for (; i < n; i++) {
            z[zo + i] = sigmoid ? FloatMath.sigmoid(x[xo + i]) : FloatMath.exp(x[xo + i]);
        }
    }

    /** x < 0 ? 0 : x, keeping -0. and NaN as the scalar kernel does. */
    static void relu(float[] x, int xo, float[] z, int zo, int n) {
        int i = 0;
        for (int e = F.loopBound(n); i < e; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            v.blend(0f, v.lt(0f)).intoArray(z, zo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            z[zo + i] = v < 0 ? 0 : v;
        }
    }

    static void relu(double[] x, int xo, double[] z, int zo, int n) {
        int i = 0;
        for (int e = D.loopBound(n); i < e; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
            v.blend(0d, v.lt(0d)).intoArray(z, zo + i);
        }
        for (; i < n; i++) {
            double v = x[xo + i];
            z[zo + i] = v < 0 ? 0 : v;
        }
    }
}
