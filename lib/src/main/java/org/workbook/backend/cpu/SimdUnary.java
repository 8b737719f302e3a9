package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.workbook.backend.UnaryOp;

/**
 * One-input ops through the Vector API on contiguous runs, chosen per op: float32 exp, sigmoid,
 * log, log1p and tanh through {@link SimdFloatMath} (SLEEF's float algorithms as torch runs them,
 * lane by lane: torch's bits, within 1 ulp; the sigmoid 2.5, its runs' last n mod 16 elements by
 * the C library's e^x as torch's, {@link TorchTails}), relu here; float64 exp and log
 * through {@link SimdDoubleMath} (the steps of {@link DoubleMath} lane by lane, within 1 ulp of
 * StrictMath, measured in {@code DoubleMathAccuracyTest}); float32 pow with a scalar exponent other than torch's
 * shortcut ones (which MathOps.pow computes by multiplications and square roots, loops C2
 * vectorises) as e^(p log|x|) in double lanes, within 0.5 ulp of StrictMath.pow. Either way the
 * scalar kernels' bits. Other runs, and other ops, stay with the scalar kernels, which C2
 * already vectorises where the loop is simple. Loaded only when {@link Simd#ENABLED}.
 */
final class SimdUnary {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

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
            case SIGMOID: return (a, ao, as, b, bo, bs, o, oo, os, n) ->
                TorchTails.sigmoid((float[]) a, ao, as, (float[]) o, oo, os, n, true);
            case EXP: case LOG: case LOG1P: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= F.length()) {
                    float[] x = (float[]) a;
                    float[] z = (float[]) o;
                    switch (op) {
                        case EXP: SimdFloatMath.exp(x, ao, z, oo, n); break;
                        case LOG: SimdFloatMath.log(x, ao, z, oo, n); break;
                        default: SimdFloatMath.log1p(x, ao, z, oo, n); break;
                    }
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
            case TANH: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                if (as == 1 && os == 1 && n >= F.length()) {
                    SimdFloatMath.tanh((float[]) a, ao, (float[]) o, oo, n);
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
