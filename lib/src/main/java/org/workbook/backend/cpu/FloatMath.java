package org.workbook.backend.cpu;

/**
 * float32 e^x, sigmoid, log, log1p and tanh for the elementwise kernels, as torch's vectorised
 * CPU kernels compute them: SLEEF's {@code expf_u10}, {@code logf_u1}, {@code log1pf} and
 * {@code tanhf_u10} (the library torch links for its float vectors) ported step for step, fused
 * multiply-adds where SLEEF's AVX2 build has them, so the results are torch's bits (checked
 * against PyTorch 1.13's output on 1.4-1.6 million inputs per function across the whole float
 * range: no difference; {@code SleefGoldenTest} replays a committed sample). All within 1 ulp of
 * the true value ({@code SimdExpAccuracyTest}, {@code FloatMathAccuracyTest}), several times
 * faster than {@code (float) Math.exp/log(x)} (which work in double: about 14 ns an element here).
 * {@link SimdUnary} runs the same steps lane by lane: the same bits with or without the
 * Vector API.
 *
 * <p>log, log1p and tanh keep their intermediate values as unevaluated sums of two floats ("double-float":
 * SLEEF's {@code df} helpers), which is what makes float arithmetic accurate to 1 ulp there.
 *
 * <pre>{@code
 * jshell> FloatMath.exp(1f)
 * $1 ==> 2.7182817
 *
 * jshell> FloatMath.sigmoid(2f)
 * $2 ==> 0.8807971
 *
 * jshell> FloatMath.log(10f)
 * $3 ==> 2.3025851
 * }</pre>
 */
final class FloatMath {
    static final float R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
    static final float L2U = 0.693145751953125f;            // ln 2 = L2U + L2L: q * L2U is exact
    static final float L2L = 1.428606765330187045e-06f;
    static final float ROUND = 12582912f;                   // 1.5 * 2^23: adding it rounds to an integer
    /** SLEEF's e^r coefficients, r in [-ln2/2, ln2/2]: c0 r^5 + ... + c5, then 1 + r + r^2 (...). */
    static final float E0 = 0.000198527617612853646278381f;
    static final float E1 = 0.00139304355252534151077271f;
    static final float E2 = 0.00833336077630519866943359f;
    static final float E3 = 0.0416664853692054748535156f;
    static final float E4 = 0.166666671633720397949219f;
    /** ln 2 as a double-float, and log's odd-series coefficients in x = (m - 1) / (m + 1). */
    static final float LN2_HI = 0.69314718246459960938f;
    static final float LN2_LO = -1.904654323148236017e-09f;
    static final float G0 = 0.3027294874e+0f;
    static final float G1 = 0.3996108174e+0f;
    static final float G2 = 0.6666694880e+0f;
    /** tanh's double-float e^x: its polynomial's coefficients, highest first. */
    static final float K0 = 0.1980960224e-3f;
    static final float K1 = 0.1394256484e-2f;
    static final float K2 = 0.8333456703e-2f;
    static final float K3 = 0.4166637361e-1f;
    static final float K4 = 0.166666659414234244790680580464e+0f;
    /** Above this |x|, tanh x rounds to +-1. */
    static final float TANH_ONE = 8.664339742f;
    /** 2^64: subnormal inputs are scaled up by it before their exponent is read. */
    static final float TWO64 = 0x1p64f;
    /** SLEEF's LOG1PF_BOUND: above it log1pf returns +inf (not log x), and so does torch 1.13's log1p. */
    static final float LOG1P_BOUND = 1.0e38f;
    private static final int BLOCK = 16384;                 // 64 KB of x and z: in L2 between the two passes

    private FloatMath() { }

    /**
     * e^x (SLEEF's expf_u10). NaN stays NaN, x above 88.72 gives +inf, x below -103.97 gives 0,
     * results below 2^-126 come out subnormal as they should.
     */
    static float exp(float x) {
        return scale(expReduced(x), x);
    }

    /**
     * z[i] = e^x[i] for i in [from, to): the kernels' contiguous path. Two passes per block:
     * the polynomial alone is a loop C2 vectorises (float arithmetic and fma only), the
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
     * float add and a float division): torch's bits. Within 2.5 ulps (1.99 measured, just below
     * 0.5, in {@code SimdExpAccuracyTest}); the sigmoid computed in double and rounded once
     * would be closer to the true value but gave torch's bits for only 65 % of N(0, 16) inputs.
     * NaN stays NaN; x below -88.7 gives 0, as torch's (e^-x overflows to inf), x above 17 gives 1.
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

    /**
     * e^r where r = x - n ln 2, n = rint(x / ln 2) (x clamped to [-104, 100]: below, the result
     * rounds to 0 and above it is inf either way, and n stays small enough for {@link #scale}).
     */
    private static float expReduced(float x) {
        float v = Math.max(-104f, Math.min(100f, x));
        float q = (v * R_LN2 + ROUND) - ROUND;
        float s = Math.fma(q, -L2L, Math.fma(q, -L2U, v));
        float u = Math.fma(E0, s, E1);
        u = Math.fma(u, s, E2);
        u = Math.fma(u, s, E3);
        u = Math.fma(u, s, E4);
        u = Math.fma(u, s, 0.5f);
        return 1f + Math.fma(s * s, u, s);
    }

    /** p * 2^n for the n of x, in two factors (SLEEF's ldexp2), so n from -150 to 145 needs no special case. */
    private static float scale(float p, float x) {
        // Clamp as expReduced does; comparisons leave NaN untouched (and p is NaN then).
        float v = x < -104f ? -104f : x;
        v = v > 100f ? 100f : v;
        int n = Float.floatToRawIntBits(v * R_LN2 + ROUND) - 0x4B400000;
        int n1 = n >> 1;
        // The product overflows to inf, or rounds to a subnormal or 0, by itself.
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n - n1 + 127) << 23);
    }

    /**
     * The natural log (SLEEF's logf_u1): x = 2^e m with m in [0.75, 1.5), then
     * log m = 2 atanh((m - 1) / (m + 1)) as a double-float. log(0) = -inf, log(x < 0) = NaN.
     */
    static float log(float d) {
        float x = d < Float.MIN_NORMAL ? d * TWO64 : d;
        int e = ((Float.floatToRawIntBits(x * (1f / 0.75f)) >>> 23) & 0xff) - 0x7f;
        float m = Float.intBitsToFloat(Float.floatToRawIntBits(x) - (e << 23));
        float ef = d < Float.MIN_NORMAL ? e - 64 : e;
        // (m - 1) and (m + 1) as double-floats (SLEEF's dfadd2): hi + lo exactly.
        float nh = -1f + m;
        float nv = nh - -1f;
        float nl = (-1f - (nh - nv)) + (m - nv);
        float dh = 1f + m;
        float dv = dh - 1f;
        float dl = (1f - (dh - dv)) + (m - dv);
        float r = logSeries(ef, nh, nl, dh, dl);
        if (d == Float.POSITIVE_INFINITY) {
            r = Float.POSITIVE_INFINITY;
        }
        if (d < 0 || d != d) {
            r = Float.NaN;
        }
        return d == 0 ? Float.NEGATIVE_INFINITY : r;
    }

    /**
     * log(1 + x) (SLEEF's log1pf), exact near 0: 1 + x = 2^e m is split without forming 1 + x
     * (m = x 2^-e + (2^-e - 1) in one fma). log1p(-1) = -inf, below -1 NaN, -0. stays -0., above
     * 1e38 +inf (SLEEF's bound, torch's answer there).
     */
    static float log1p(float d) {
        float dp1 = d + 1f;
        boolean o = dp1 < Float.MIN_NORMAL;
        float y = o ? dp1 * TWO64 : dp1;
        int e = ((Float.floatToRawIntBits(y * (1f / 0.75f)) >>> 23) & 0xff) - 0x7f;
        float t = Float.intBitsToFloat(0x3f800000 - (e << 23));
        float m = Math.fma(d, t, t - 1f);
        float ef = o ? e - 64 : e;
        // m / (2 + m): the numerator is exact, the denominator a double-float (SLEEF's dfadd).
        float dh = 2f + m;
        float dl = (2f - dh) + m;
        float r = logSeries(ef, m, 0f, dh, dl);
        if (!(d <= LOG1P_BOUND)) {
            r = d > LOG1P_BOUND ? Float.POSITIVE_INFINITY : d; // SLEEF's, so torch 1.13's, answer; NaN stays NaN
        }
        if (-1f > d) {
            r = Float.NaN;
        }
        if (d == -1f) {
            r = Float.NEGATIVE_INFINITY;
        }
        return d == 0f ? d : r; // -0. stays -0. (SLEEF's last step); +0. computes to +0. anyway
    }

    /**
     * tanh x (SLEEF's tanhf_u10): e^|x| as a double-float d (SLEEF's expk2f), then
     * (d - 1/d) / (d + 1/d) in double-float arithmetic, the sign of x put back. +-0 stays, |x| above
     * 8.66 gives +-1, NaN stays NaN.
     */
    static float tanh(float x) {
        float y = Math.abs(x);
        // e^y = 2^q e^s with s = y - q ln2 as a double-float (sh, sl): SLEEF's dfadd2, twice.
        float q = (y * R_LN2 + ROUND) - ROUND;
        float b = q * -L2U;
        float sh = y + b;
        float v = sh - y;
        float sl = (y - (sh - v)) + (b - v);
        b = q * -L2L;
        float s2 = sh + b;
        v = s2 - sh;
        sl = ((sh - (s2 - v)) + (b - v)) + sl;
        sh = s2;
        float u = Math.fma(Math.fma(Math.fma(K0, sh, K1), sh, K2), sh, K3);
        // t = s u + K4, then s t + 1/2 (dfmul, dfadd2), then s + s^2 t (dfsqu, dfmul, dfadd2), then 1 + t.
        float mh = sh * u;
        float ml = Math.fma(sl, u, Math.fma(sh, u, -mh));
        float th = mh + K4;
        v = th - mh;
        float tl = ((mh - (th - v)) + (K4 - v)) + ml;
        mh = sh * th;
        ml = Math.fma(sh, tl, Math.fma(sl, th, Math.fma(sh, th, -mh)));
        th = mh + 0.5f;
        v = th - mh;
        tl = ((mh - (th - v)) + (0.5f - v)) + ml;
        float qh = sh * sh;
        float ql = Math.fma(sh + sh, sl, Math.fma(sh, sh, -qh));
        mh = qh * th;
        ml = Math.fma(qh, tl, Math.fma(ql, th, Math.fma(qh, th, -mh)));
        float ah = sh + mh;
        v = ah - sh;
        float al = ((sh - (ah - v)) + (mh - v)) + (sl + ml);
        float eh = 1f + ah;
        float el = ((1f - eh) + ah) + al;
        int n = (int) q;
        int n1 = n >> 1;
        float p1 = Float.intBitsToFloat((n1 + 127) << 23);
        float p2 = Float.intBitsToFloat((n - n1 + 127) << 23);
        eh = eh * p1 * p2;
        el = el * p1 * p2;
        // 1 / e^y as a double-float (dfrec), then (e - 1/e) / (e + 1/e) (dfadd twice, dfdiv).
        float rh = 1f / eh;
        float rl = rh * Math.fma(-el, rh, Math.fma(-eh, rh, 1f));
        float nh = eh - rh;
        float nl = (((eh - nh) - rh) + el) - rl;
        float dh = eh + rh;
        float dl = (((eh - dh) + rh) + el) + rl;
        float t = 1f / dh;
        float xh = nh * t;
        float xl = Math.fma(xh, Math.fma(-dl, t, Math.fma(-dh, t, 1f)), Math.fma(nl, t, Math.fma(t, nh, -xh)));
        float r = xh + xl;
        if (y > TANH_ONE || r != r) {
            r = 1f;
        }
        return x != x ? x : Math.copySign(r, x);
    }

    /**
     * e ln2 + 2 atanh(n / d) for double-floats n = nh + nl, d = dh + dl (|n / d| <= 0.2): SLEEF's
     * dfdiv, then the series x (2 + x^2 (G2 + x^2 (G1 + x^2 G0))) added into e ln2 as double-floats.
     */
    private static float logSeries(float ef, float nh, float nl, float dh, float dl) {
        float sh = LN2_HI * ef;
        float sl = Math.fma(LN2_LO, ef, Math.fma(LN2_HI, ef, -sh));
        float t = 1f / dh;
        float xh = nh * t;
        float u = Math.fma(t, nh, -xh);
        float v = Math.fma(-dl, t, Math.fma(-dh, t, 1f));
        float xl = Math.fma(xh, v, Math.fma(nl, t, u));
        float x2 = xh * xh;
        float p = Math.fma(Math.fma(G0, x2, G1), x2, G2);
        float ah = xh * 2f;
        float al = xl * 2f;
        float s1 = sh + ah;
        float s1l = (((sh - s1) + ah) + sl) + al;
        float w = x2 * xh * p;
        float s2 = s1 + w;
        return s2 + (((s1 - s2) + w) + s1l);
    }
}
