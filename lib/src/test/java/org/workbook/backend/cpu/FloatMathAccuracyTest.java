package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * float32 log, log1p and tanh ({@link FloatMath}, SLEEF's algorithms) and softplus ({@link CpuSoftplus}):
 * within their documented bounds of the true value over random inputs across the whole float range
 * (any bit pattern, near 0 and 1, subnormals, the log1p bound), special values as torch's, and the
 * SIMD loops ({@link SimdFloatMath}) give the scalar twins' bits at odd offsets, with scalar
 * tails, with huge log1p inputs inside vector lanes, and in place.
 */
class FloatMathAccuracyTest {
    /** SLEEF's logf_u1, log1pf and tanhf_u10 claim 1 ulp. */
    static final double LOG_ULPS = 1.0;
    /** tanh: 1 ulp, and a hair: near 0 it may give the float next to x, 1 ulp from x, while tanh x is just below x. */
    static final double TANH_ULPS = 1.0 + 1e-6;
    /**
     * softplus of the float y = x beta (as torch rounds it): log1p's ulp, e^y's ulp (its relative
     * error carried over at most 1:1), and the division's half.
     */
    static final double SOFTPLUS_ULPS = 2.5;
    static final int N = 300_000;

    static float[] inputs(long seed, boolean log1p) {
        Random r = new Random(seed);
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, Math.nextUp(1f),
            Math.nextDown(1f), Math.nextDown(-1f), Math.nextUp(-1f), 0.75f, Math.nextDown(0.75f), 1.5f,
            Math.nextDown(1.5f), 2f, 1e38f, Math.nextUp(1e38f), 3e38f, 1e-30f, -1e-30f, 1e-40f, -0.5f, 88.7f};
        float[] x = new float[N + edges.length];
        for (int i = 0; i < N; i++) {
            switch (i % 6) {
                case 0: x[i] = Float.intBitsToFloat(r.nextInt()); break;
                case 1: x[i] = Float.intBitsToFloat(r.nextInt(0x7f800000)); break;    // every positive float
                case 2: x[i] = (float) Math.abs(r.nextGaussian()); break;
                case 3: x[i] = (float) (r.nextGaussian() * 1e-4); break;
                case 4: x[i] = (float) (1 + r.nextGaussian() * 1e-3); break;
                default: x[i] = log1p ? (float) (r.nextDouble() * 2 - 1) : Float.intBitsToFloat(r.nextInt(0x00800000));
            }
        }
        System.arraycopy(edges, 0, x, N, edges.length);
        return x;
    }

    /** |got - exact| in float ulps at the exact value (MIN_VALUE units below MIN_NORMAL). */
    static double ulps(float got, double exact) {
        if (Double.isNaN(exact) || Double.isInfinite(exact)) {
            return Double.compare(got, exact) == 0 || (Double.isNaN(exact) && Float.isNaN(got)) ? 0
                : Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - exact) / Math.ulp((float) Math.max(Math.abs(exact), Float.MIN_NORMAL));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void logAndLog1pAreWithinOneUlpAndSimdGivesTheScalarBits(boolean log1p) {
        assertTrue(Simd.ENABLED, Simd.describe());
        float[] x = inputs(log1p ? 2 : 1, log1p);
        float[] z = new float[x.length + 5];
        if (log1p) {
            SimdFloatMath.log1p(x, 0, z, 5, x.length);
        } else {
            SimdFloatMath.log(x, 0, z, 5, x.length);
        }
        String name = log1p ? "log1p" : "log";
        double worst = 0;
        float at = 0;
        for (int i = 0; i < x.length; i++) {
            float want = log1p ? FloatMath.log1p(x[i]) : FloatMath.log(x[i]);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(z[5 + i]),
                name + "(" + x[i] + "): SIMD " + z[5 + i] + ", scalar " + want);
            if (log1p && x[i] > FloatMath.LOG1P_BOUND) {
                assertEquals(Float.POSITIVE_INFINITY, want, "log1p(" + x[i] + ") past SLEEF's bound: inf, as torch's");
                continue;
            }
            double u = ulps(want, log1p ? StrictMath.log1p(x[i]) : StrictMath.log(x[i]));
            if (u > worst) {
                worst = u;
                at = x[i];
            }
        }
        assertTrue(worst <= LOG_ULPS, name + " is " + worst + " ulps off at x = " + at);
    }

    @org.junit.jupiter.api.Test
    void tanhIsWithinOneUlpAndSimdGivesTheScalarBits() {
        Random r = new Random(3);
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 8.664339742f, Math.nextUp(8.664339742f),
            -8.664339742f, 9f, 1e-30f, -1e-30f, 0.5f, -0.5f, 1f, -1f, 20f, -89f};
        float[] x = new float[N + edges.length];
        for (int i = 0; i < N; i++) {
            switch (i % 4) {
                case 0: x[i] = Float.intBitsToFloat(r.nextInt()); break;
                case 1: x[i] = (float) (r.nextGaussian() * 3); break;
                case 2: x[i] = (float) (r.nextGaussian() * 1e-3); break;
                default: x[i] = (float) (r.nextDouble() * 20 - 10);
            }
        }
        System.arraycopy(edges, 0, x, N, edges.length);
        float[] z = new float[x.length + 3];
        SimdFloatMath.tanh(x, 0, z, 3, x.length);
        double worst = 0;
        float at = 0;
        for (int i = 0; i < x.length; i++) {
            float want = FloatMath.tanh(x[i]);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(z[3 + i]),
                "tanh(" + x[i] + "): SIMD " + z[3 + i] + ", scalar " + want);
            double u = ulps(want, StrictMath.tanh(x[i]));
            if (u > worst) {
                worst = u;
                at = x[i];
            }
        }
        assertTrue(worst <= TANH_ULPS, "tanh is " + worst + " ulps off at x = " + at);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(z[3 + N + 1]));
        assertEquals(Float.MIN_VALUE, z[3 + N + 2]);
        assertEquals(-1f, z[3 + N + 6]);
        assertTrue(Float.isNaN(z[3 + N + 7]));
        assertEquals(1f, z[3 + N + 13]);
        float[] inPlace = x.clone();
        SimdFloatMath.tanh(inPlace, 0, inPlace, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(z[3 + i]), Float.floatToIntBits(inPlace[i]), "in place at " + x[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void specialValuesAreTorchs(boolean simd) {
        float[] x = {0f, -0f, -1f, Math.nextDown(-1f), Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, 1f, Float.MAX_VALUE, 2e38f, (float) Math.E, 10f, 1e-30f, 0.5f, 3f};
        float[] lg = new float[x.length];
        float[] lp = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            lg[i] = FloatMath.log(x[i]);
            lp[i] = FloatMath.log1p(x[i]);
        }
        if (simd) {
            assertTrue(Simd.ENABLED, Simd.describe());
            SimdFloatMath.log(x, 0, lg, 0, x.length);
            SimdFloatMath.log1p(x, 0, lp, 0, x.length);
        }
        assertEquals(Float.NEGATIVE_INFINITY, lg[0]);
        assertEquals(Float.NEGATIVE_INFINITY, lg[1]);
        assertTrue(Float.isNaN(lg[2]) && Float.isNaN(lg[4]) && Float.isNaN(lg[6]));
        assertEquals(Float.POSITIVE_INFINITY, lg[5]);
        assertEquals(-103.27893f, lg[7]);
        assertEquals(0f, lg[8]);
        assertEquals(88.72284f, lg[9]);
        assertEquals(0.99999994f, lg[11]);          // (float) e is below e; SLEEF's 1-ulp answer, as torch's
        assertEquals(2.3025851f, lg[12]);
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(lp[0]));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(lp[1]));
        assertEquals(Float.NEGATIVE_INFINITY, lp[2]);
        assertTrue(Float.isNaN(lp[3]) && Float.isNaN(lp[4]) && Float.isNaN(lp[6]));
        assertEquals(Float.POSITIVE_INFINITY, lp[5]);
        assertEquals(0f, lp[7]);                       // torch 1.13 too: x / (2 + x) underflows
        assertEquals(0.6931472f, lp[8]);
        assertEquals(Float.POSITIVE_INFINITY, lp[9]);  // past 1e38: inf, SLEEF's and so torch 1.13's answer
        assertEquals(Float.POSITIVE_INFINITY, lp[10]);
        assertEquals(1e-30f, lp[13]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 15, 16, 17, 100})
    void hugeLog1pInputsInsideVectorLanesAndInPlace(int at) {
        Random r = new Random(at);
        float[] x = new float[133];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        x[at] = 3e38f;
        x[at + 5] = Float.POSITIVE_INFINITY;
        float[] z = new float[x.length];
        SimdFloatMath.log1p(x, 0, z, 0, x.length);
        float[] inPlace = x.clone();
        SimdFloatMath.log1p(inPlace, 0, inPlace, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(FloatMath.log1p(x[i])), Float.floatToIntBits(z[i]), "at " + i);
            assertEquals(Float.floatToIntBits(z[i]), Float.floatToIntBits(inPlace[i]), "in place at " + i);
        }
        assertEquals(Float.POSITIVE_INFINITY, z[at]); // torch 1.13's log1p(3e38)
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 0.5, 2.5, -1.5, 0.1})
    void softplusIsWithinItsBoundAndSimdGivesTheScalarBits(double beta) {
        float b = (float) beta;
        float threshold = 20f;
        Random r = new Random(Double.doubleToLongBits(beta));
        float[] x = new float[50_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (i % 3 == 0 ? r.nextGaussian() * 30 : i % 3 == 1 ? r.nextGaussian() * 3 : r.nextDouble() * 200 - 100);
        }
        float[] z = new float[x.length + 2];
        SimdFloatMath.softplus(x, 0, z, 2, x.length, b, threshold);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < x.length; i++) {
            float want = CpuSoftplus.softplusf(x[i], b, threshold);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(z[2 + i]),
                "softplus(" + x[i] + ", " + beta + "): SIMD " + z[2 + i] + ", scalar " + want);
            // torch's float32 kernel rounds x beta to float first: that y is the input measured from.
            float y = x[i] * b;
            if (y > threshold || y > 88 || y < -87) {
                continue; // x itself, or e^y at the edge of float's range (0 or inf, as torch's)
            }
            double exact = Math.max(y, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(y)));
            double u = ulps(want, exact / b);
            if (u > worst) {
                worst = u;
                worstAt = x[i];
            }
        }
        assertTrue(worst <= SOFTPLUS_ULPS, "softplus is " + worst + " ulps off at x = " + worstAt);
    }
}
