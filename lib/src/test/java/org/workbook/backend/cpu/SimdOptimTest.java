package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SimdOptim}'s Adam step against its scalar form (torch's operations, which
 * {@code OptimGoldenTest} holds to torch's bits), bit for bit in w, m and v. The vector loop
 * divides sqrt(v) by sqrt(bc2) through the reciprocal and one exact-residual correction, so this
 * feeds what that could get wrong: values across the whole float range (moments from 0 to
 * near overflow, whose square roots span 2^-75 to 2^64), zeros of both signs, infinities and
 * NaN, and the bias corrections a user's betas can give (1, powers of two, tiny, zero), with
 * eps 0 (a zero's sign then decides the update's) and with weight decay.
 */
class SimdOptimTest {
    static IntStream seeds() {
        return IntStream.range(0, 48);
    }

    static float any(Random r) {
        switch (r.nextInt(8)) {
            case 0: return 0f;
            case 1: return (float) r.nextGaussian() * 1e-3f;
            case 2: return (float) r.nextGaussian();
            case 3: return Float.intBitsToFloat(r.nextInt(0x7F800000)) * (r.nextBoolean() ? 1 : -1); // any finite
            case 4: return (float) r.nextGaussian() * 1e18f;
            case 5: return Float.MIN_VALUE * r.nextInt(1000);
            case 6: return r.nextInt(50) == 0 ? (r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NaN) : -0f;
            default: return (float) r.nextGaussian() * 1e-20f;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void adamGivesTheScalarBits(int seed) {
        assertTrue(Simd.ENABLED, Simd.describe());
        Random r = new Random(911 + seed);
        int n = 1 + r.nextInt(3000);
        float[] w = new float[n];
        float[] g = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = any(r);
            g[i] = any(r);
            m[i] = any(r);
            // a second moment is what Adam's own steps leave: never negative (-0 only from a user's state)
            v[i] = Math.abs(any(r)) * (r.nextInt(100) == 0 ? -1 : 1);
        }
        float[] bc2s = {1f, 0.5f, 0.25f, 0.031622775f, (float) Math.sqrt(1 - Math.pow(0.999, 1 + r.nextInt(5000))),
            (float) (r.nextDouble() * 1e-3), 1e-20f, 0x1p-126f, 1e-40f, 0f, (float) r.nextDouble()};
        float fbc2 = bc2s[seed % bc2s.length];
        boolean decay = seed % 3 == 0;
        float fwd = decay ? 0.01f : 0f;
        float b1 = seed % 4 == 0 ? 0.9f : (float) r.nextDouble();
        float b2 = seed % 4 == 0 ? 0.999f : (float) r.nextDouble();
        float eps = seed % 5 == 0 ? 0f : 1e-8f;
        float step = (float) -(1e-3 / (1 - Math.pow(b1, 1 + r.nextInt(10))));

        float[] ws = w.clone();
        float[] ms = m.clone();
        float[] vs = v.clone();
        for (int i = 0; i < n; i++) {
            // Adam's scalar loop (optim.Adam without the Vector API)
            float d = decay ? Math.fma(ws[i], fwd, g[i]) : g[i];
            ms[i] = Math.fma(d, 1 - b1, ms[i] * b1);
            vs[i] = Math.fma((1 - b2) * d, d, vs[i] * b2);
            float denom = (float) Math.sqrt(vs[i]) / fbc2 + eps;
            ws[i] = ws[i] + step * ms[i] / denom;
        }
        SimdOptim.adam(w, g, m, v, decay, fwd, b1, 1 - b1, b2, 1 - b2, fbc2, eps, step);
        for (int i = 0; i < n; i++) {
            String at = "element " + i + " of " + n + " (g " + g[i] + ", v " + vs[i] + ", sqrt(bc2) " + fbc2 + ")";
            assertEquals(Float.floatToIntBits(ms[i]), Float.floatToIntBits(m[i]), "m at " + at);
            assertEquals(Float.floatToIntBits(vs[i]), Float.floatToIntBits(v[i]), "v at " + at);
            assertEquals(Float.floatToIntBits(ws[i]), Float.floatToIntBits(w[i]), "w at " + at);
        }
    }
    /**
     * A million parameters over Adam's first steps with torch's defaults (every bias correction
     * they meet), gradients of every scale a layer sees: the same bits as the scalar step in every
     * element of w, m and v after each step.
     */
    @org.junit.jupiter.api.Test
    void aMillionParametersOverTwelveStepsGiveTheScalarBits() {
        Random r = new Random(5);
        int n = 1 << 20;
        float[] w = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) r.nextGaussian() * 0.05f;
        }
        float[] ws = w.clone();
        float[] ms = m.clone();
        float[] vs = v.clone();
        float[] g = new float[n];
        for (int step = 1; step <= 12; step++) {
            for (int i = 0; i < n; i++) {
                g[i] = (float) (r.nextGaussian() * Math.pow(10, -8 + r.nextInt(9)));
            }
            float fbc2 = (float) Math.sqrt(1 - Math.pow(0.999, step));
            float fstep = (float) -(1e-3 / (1 - Math.pow(0.9, step)));
            for (int i = 0; i < n; i++) {
                ms[i] = Math.fma(g[i], 0.1f, ms[i] * 0.9f);
                vs[i] = Math.fma(0.001f * g[i], g[i], vs[i] * 0.999f);
                ws[i] = ws[i] + fstep * ms[i] / ((float) Math.sqrt(vs[i]) / fbc2 + 1e-8f);
            }
            SimdOptim.adam(w, g, m, v, false, 0f, 0.9f, 0.1f, 0.999f, 0.001f, fbc2, 1e-8f, fstep);
            for (int i = 0; i < n; i++) {
                if (Float.floatToIntBits(ws[i]) != Float.floatToIntBits(w[i])
                        || Float.floatToIntBits(vs[i]) != Float.floatToIntBits(v[i])) {
                    assertEquals(ws[i], w[i], "w at element " + i + " after step " + step + " (v " + vs[i] + ")");
                    assertEquals(vs[i], v[i], "v at element " + i + " after step " + step);
                }
            }
        }
    }
}
