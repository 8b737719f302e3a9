package org.workbook.backend.cpu;

/**
 * float32 e^x and the sigmoid for the elementwise kernels, several times faster than
 * through {@code (float) Math.exp(x)} (which works in double: about 14 ns an element here).
 * Cephes' expf: Cody-Waite range reduction, a degree-5 minimax polynomial for e^r,
 * scaling by 2^n. Within 1.01 ulp of the true value over the whole float range,
 * like torch's own (SLEEF, 1 ulp). Plain float arithmetic, no fma: Java gives the
 * same bits on every machine, and the array form below gives the same bits as
 * the scalar one.
 *
 * <pre>{@code
 * jshell> FloatMath.exp(1f)
 * $1 ==> 2.7182817
 *
 * jshell> FloatMath.sigmoid(2f)
 * $2 ==> 0.8807971
 * }</pre>
 */
final class FloatMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;      // ln 2 split so n * LN2_HI is exact
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;          // 1.5 * 2^23: adding it rounds to an integer
    private static final int BLOCK = 16384;                 // 64 KB of x and z: in L2 between the two passes

    private FloatMath() { }

    /**
     * e^x. NaN stays NaN, +inf and x > 88.72 give +inf, -inf and x < -103.97 give 0,
     * results below 2^-126 come out subnormal as they should.
     */
    static float exp(float x) {
        return scale(expReduced(x), x);
    }

    /**
     * z[i] = e^x[i] for i in [from, to): the kernels' contiguous path. Two passes per block:
     * the polynomial alone is a loop JDK 17's C2 vectorises (float arithmetic only), the
     * scaling by 2^n needs float/int bit moves it does not, so it runs as a second, short
     * scalar loop. About 2 ns an element against 4 for the scalar form.
     */
    static void exp(float[] x, float[] z, int from, int to) {
        if (x == z) {
            // In place: pass 1 would overwrite the x that pass 2 reads.
            for (int i = from; i < to; i++) {
                z[i] = exp(x[i]);
            }
            return;
        }
        for (int b = from; b < to; b += BLOCK) {
            int e = Math.min(to, b + BLOCK);
            // x and z indexed by the same i: with two different offsets C2 would not vectorise.
            for (int i = b; i < e; i++) {
                z[i] = expReduced(x[i]);
            }
            for (int i = b; i < e; i++) {
                z[i] = scale(z[i], x[i]);
            }
        }
    }

    /**
     * 1 / (1 + e^-x) in float, as torch's vectorised float kernel computes it (its SLEEF exp, a
     * float add and a float division), e^-x from {@link #exp(float)}: within 2.5 ulps (1.99
     * measured, just below 0.5, in {@code SimdExpAccuracyTest}), and on N(0, 16) inputs torch
     * 1.13's bits for 99.3 % of them (the sigmoid computed in double and rounded once gave them
     * for 65 %). NaN stays NaN; x below -88.7 gives 0, as torch's (e^-x overflows to inf), x
     * above 17 gives 1.
     */
    static float sigmoid(float x) {
        return 1f / (1f + scale(expReduced(-x), -x));
    }

    /** z[i] = sigmoid(x[i]) for i in [from, to): {@link #exp(float[], float[], int, int)}'s two passes. */
    static void sigmoid(float[] x, float[] z, int from, int to) {
        if (x == z) {
            for (int i = from; i < to; i++) {
                z[i] = sigmoid(x[i]);
            }
            return;
        }
        for (int b = from; b < to; b += BLOCK) {
            int e = Math.min(to, b + BLOCK);
            for (int i = b; i < e; i++) {
                z[i] = expReduced(-x[i]);
            }
            for (int i = b; i < e; i++) {
                z[i] = 1f / (1f + scale(z[i], -x[i]));
            }
        }
    }

    /** e^r where r = x - n ln 2, n = round(x / ln 2) (x clamped to [-104, 89]). */
    private static float expReduced(float x) {
        float v = Math.max(-104f, Math.min(89f, x));
        float fn = (v * LOG2E + ROUND) - ROUND;
        float r = v - fn * LN2_HI - fn * LN2_LO;                // |r| <= ln(2) / 2
        float p = 1.9875691500E-4f;
        p = p * r + 1.3981999507E-3f;
        p = p * r + 8.3334519073E-3f;
        p = p * r + 4.1665795894E-2f;
        p = p * r + 1.6666665459E-1f;
        p = p * r + 5.0000001201E-1f;
        return p * r * r + r + 1f;
    }

    /** p * 2^n for the n of x. Two factors, so n from -150 to 129 needs no special case. */
    private static float scale(float p, float x) {
        // Clamp as expReduced does; comparisons leave NaN untouched (and p is NaN then).
        float v = x < -104f ? -104f : x;
        v = v > 89f ? 89f : v;
        int n = Float.floatToRawIntBits(v * LOG2E + ROUND) - 0x4B400000;
        int n1 = n >> 1;
        // The product overflows to inf, or rounds to a subnormal or 0, by itself.
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n - n1 + 127) << 23);
    }
}
