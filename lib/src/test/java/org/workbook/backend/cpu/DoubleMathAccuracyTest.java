package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.backend.UnaryOp;

/**
 * {@link DoubleMath} and {@link SimdDoubleMath}: float32 pow, float64 exp and
 * log, within the documented ulp bounds of StrictMath over random inputs across the whole range
 * (any bit pattern, the finite-result range, where activations live, near 0 and 1) plus the
 * edges; special values exactly as Math; and the SIMD loops give the scalar twins' bits on
 * every input, at odd offsets and with scalar tails.
 */
class DoubleMathAccuracyTest {
    /** float32 pow: the double result rounded once, so all but rare ties are correctly rounded. */
    static final double FLOAT_ULPS = 0.5 + 1e-6;
    /** float64 exp and log against StrictMath (itself within 1 ulp of the exact value). */
    static final double DOUBLE_ULPS = 1.0;

    static final int N = 300_000;

    static float[] floatInputs(long seed) {
        Random r = new Random(seed);
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
            Math.nextUp(1f), Math.nextDown(1f), 2f, 0.5f, 9f, 9.01f, 9.1f, -9.1f, 20f, 40f, 40.01f, -104f, -103.99f,
            1e-8f, -1e-8f, 0.17f, -0.17f, 0.35f, 0.55f, 88f, -88f};
        float[] x = new float[N + edges.length];
        for (int i = 0; i < N; i++) {
            switch (i % 5) {
                case 0: x[i] = Float.intBitsToFloat(r.nextInt()); break;
                case 1: x[i] = (float) r.nextGaussian(); break;
                case 2: x[i] = (float) (r.nextGaussian() * 1e-3); break;
                case 3: x[i] = (float) (r.nextDouble() * 40 - 20); break;
                default: x[i] = (float) (1 + r.nextGaussian() * 1e-4); break;
            }
        }
        System.arraycopy(edges, 0, x, N, edges.length);
        return x;
    }

    static double[] doubleInputs(long seed, boolean forExp) {
        Random r = new Random(seed);
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, Math.nextUp(1.0),
            Math.nextDown(1.0), 2.0, 0.5, Math.E, 709.782712893384, 709.7827128933841, 709.79, 710.0, -708.39,
            -745.1332191019411, -745.1332191019412, -745.2, -746.0, -1e-300, 1e-300, 0.34657359027997264};
        double[] x = new double[N + edges.length];
        for (int i = 0; i < N; i++) {
            switch (i % 5) {
                case 0: x[i] = Double.longBitsToDouble(r.nextLong()); break;
                case 1: x[i] = r.nextGaussian(); break;
                case 2: x[i] = r.nextGaussian() * 1e-6; break;
                case 3: x[i] = forExp ? r.nextDouble() * 1455 - 745.1 : Math.abs(r.nextGaussian()) * 1e3; break;
                default: x[i] = 1 + r.nextGaussian() * 1e-5; break;
            }
        }
        System.arraycopy(edges, 0, x, N, edges.length);
        return x;
    }

    /** |got - exact| in float ulps at the exact value (subnormal or overflowing results: in MIN_VALUE units). */
    static double floatUlps(float got, double exact) {
        if (Double.isNaN(exact)) {
            return Float.isNaN(got) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(exact) || Float.isInfinite(got)) {
            return got == exact ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - exact) / Math.ulp((float) Math.max(Math.abs(exact), Float.MIN_NORMAL));
    }

    static double doubleUlps(double got, double want) {
        if (Double.isNaN(want) || Double.isInfinite(want) || Double.isInfinite(got)) {
            return Double.compare(got, want) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double d = Math.abs(got - want);
        return d == 0 ? 0 : d / Math.ulp(Math.max(Math.abs(want), Double.MIN_NORMAL));
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"EXP", "LOG"})
    void doubleOpsAreWithinTheBoundAndSimdGivesTheScalarBits(UnaryOp op) {
        boolean isExp = op == UnaryOp.EXP;
        DoubleUnaryOperator scalar = isExp ? DoubleMath::exp : DoubleMath::log;
        DoubleUnaryOperator strict = isExp ? StrictMath::exp : StrictMath::log;
        double[] x = doubleInputs(op.ordinal(), isExp);
        double[] z = new double[x.length + 5];
        if (isExp) {
            SimdDoubleMath.exp(x, 0, z, 5, x.length);
        } else {
            SimdDoubleMath.log(x, 0, z, 5, x.length);
        }
        double worst = 0;
        double at = 0;
        for (int i = 0; i < x.length; i++) {
            double want = scalar.applyAsDouble(x[i]);
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(z[5 + i]),
                op + "(" + x[i] + "): SIMD " + z[5 + i] + ", scalar " + want);
            double u = doubleUlps(want, strict.applyAsDouble(x[i]));
            if (u > worst) {
                worst = u;
                at = x[i];
            }
        }
        assertTrue(worst <= DOUBLE_ULPS, op + " is " + worst + " ulps from StrictMath at x = " + at);
    }

    static final double[] EXPONENTS = {1.7, -0.3, 4, 5, -3, 10, 0.25, 2.5, -1.5, 1e-3, 37.5, -7, 100, -0.75};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
    void floatPowIsWithinTheBoundAndSimdGivesTheScalarBits(int which) {
        double p = EXPONENTS[which];
        assertTrue(DoubleMath.powByLogs(p));
        float[] x = floatInputs(100 + which);
        float[] z = new float[x.length + 1];
        SimdDoubleMath.powFloats(x, 0, z, 1, x.length, p);
        double worst = 0;
        float at = 0;
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            float want = DoubleMath.powf(x[i], p);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(z[1 + i]),
                "pow(" + x[i] + ", " + p + "): SIMD " + z[1 + i] + ", scalar " + want);
            double exact = StrictMath.pow(x[i], p);
            float rounded = (float) exact;
            double u = Float.isInfinite(rounded) || (rounded == 0 && exact != 0) || Double.isNaN(exact)
                ? (Float.floatToIntBits(want) == Float.floatToIntBits(rounded) ? 0 : Double.POSITIVE_INFINITY)
                : floatUlps(want, exact);
            if (u > worst) {
                worst = u;
                at = x[i];
            }
            differ += Float.floatToIntBits(want) == Float.floatToIntBits((float) CMath.pow(x[i], p)) ? 0 : 1;
        }
        assertTrue(worst <= FLOAT_ULPS, "pow(x, " + p + ") is " + worst + " ulps off at x = " + at);
        assertTrue(differ <= 2, "pow(x, " + p + ") differs from (float) C's pow in " + differ + " of " + x.length);
        // C's special cases exactly (the kernel used (float) CMath.pow before).
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f, -2.5f, -0.5f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (float v : special) {
            assertEquals(Float.floatToIntBits((float) CMath.pow(v, p)), Float.floatToIntBits(DoubleMath.powf(v, p)),
                "pow(" + v + ", " + p + ")");
        }
    }

    @Test
    void specialValuesAreMathsAndTorchs() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(Double.NEGATIVE_INFINITY, DoubleMath.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, DoubleMath.log(-0.0));
        assertTrue(Double.isNaN(DoubleMath.log(-1e-300)));
        assertTrue(Double.isNaN(DoubleMath.log(Double.NEGATIVE_INFINITY)));
        assertTrue(Double.isNaN(DoubleMath.log(Double.NaN)));
        assertEquals(inf, DoubleMath.log(inf));
        assertEquals(0.0, DoubleMath.log(1.0));
        assertEquals(-744.4400719213812, DoubleMath.log(Double.MIN_VALUE));
        assertEquals(inf, DoubleMath.exp(inf));
        assertEquals(0.0, DoubleMath.exp(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, DoubleMath.exp(-0.0));
        assertEquals(Double.MIN_VALUE, DoubleMath.exp(-745.1332191019411));
        assertEquals(inf, DoubleMath.exp(709.79));
        assertTrue(Double.isNaN(DoubleMath.exp(Double.NaN)));
    }
}
