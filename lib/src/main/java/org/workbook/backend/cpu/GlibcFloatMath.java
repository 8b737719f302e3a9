package org.workbook.backend.cpu;

/**
 * The C library's {@code expf}, {@code logf} and {@code log1pf} (GNU libc 2.36, x86-64 with FMA),
 * and the scalar formulas of torch's float32 sigmoid and softplus kernels built on them: the formulas
 * torch runs on what its vector loop leaves over ({@link TorchTails}); torch's binary cross-entropy
 * uses logf on every element ({@link CpuBce}). Ported step for step, so the same bits:
 * checked against the C library for all 2^32 float inputs when ported; {@code GlibcGoldenTest}
 * replays outputs of the C library and of PyTorch 1.13 (bench/golden/gen_glibc_math.py).
 *
 * <p>{@code expf} is glibc's table method (Szabolcs Nagy's, from Arm's optimized routines): x / ln 2
 * split into k/32 + r, 2^(k/32) from a 32-entry table, 2^(r/32) a cubic, all in double, rounded to
 * float once; within 0.502 ulp. glibc's x86-64 build picks a copy compiled with FMA on CPUs that
 * have it, where the compiler fused the reduction's multiply into both adds that use it (without
 * those fusions a few inputs differ). {@code log1pf} is fdlibm's float log1p (Sun, 1993) as
 * glibc 2.36 ships it, plain float arithmetic; within 1 ulp. Newer glibc (2.41) replaced log1pf with a
 * correctly rounded one, which differs in the last bit on a few inputs.
 *
 * <pre>{@code
 * jshell> GlibcFloatMath.expf(1f)
 * $1 ==> 2.7182817
 * jshell> GlibcFloatMath.sigmoid(2f)
 * $2 ==> 0.8807971
 * }</pre>
 */
final class GlibcFloatMath {
    private GlibcFloatMath() { }

    /** 2^(i/32) as a double's bits, less i << 47 (glibc's __exp2f_data.tab). */
    private static final long[] TAB = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double N = 32;
    private static final double INV_LN2_N = 0x1.71547652b82fep+0 * N;
    private static final double SHIFT = 0x1.8p+52;
    private static final double C0 = 0x1.c6af84b912394p-5 / N / N / N;
    private static final double C1 = 0x1.ebfce50fac4f3p-3 / N / N;
    private static final double C2 = 0x1.62e42ff0c52d6p-1 / N;
    private static final int TOP_88 = Float.floatToRawIntBits(88f) >>> 20;
    private static final int TOP_INF = Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> 20;

    /** e^x as glibc's expf: inf above 88.72, 0 below -103.97, NaN stays NaN. */
    static float expf(float x) {
        int bits = Float.floatToRawIntBits(x);
        int abstop = (bits >>> 20) & 0x7ff;
        if (abstop >= TOP_88) {
            if (bits == 0xff800000) {
                return 0f;
            }
            if (abstop >= TOP_INF) {
                return x + x;
            }
            if (x > 0x1.62e42ep6f) {
                return Float.POSITIVE_INFINITY;
            }
            if (x < -0x1.9fe368p6f) {
                return 0f;
            }
        }
        double xd = x;
        // x * 32 / ln 2 = k + r, k an integer (the shift's rounding: ties to even), |r| <= 1/2; the
        // multiply fused into both adds, as the compiler did.
        double kd = Math.fma(INV_LN2_N, xd, SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = Math.fma(INV_LN2_N, xd, -kd);
        // e^x = 2^(k/32) * 2^(r/32), the latter ~ C0 r^3 + C1 r^2 + C2 r + 1
        double s = Double.longBitsToDouble(TAB[(int) (ki & 31)] + (ki << 47));
        double z = Math.fma(C0, r, C1);
        double r2 = r * r;
        double y = Math.fma(C2, r, 1.0);
        y = Math.fma(z, r2, y);
        return (float) (y * s);
    }

    private static final float LN2_HI = 6.9313812256e-01f;
    private static final float LN2_LO = 9.0580006145e-06f;
    private static final float LP1 = 6.6666668653e-01f;
    private static final float LP2 = 4.0000000596e-01f;
    private static final float LP3 = 2.8571429849e-01f;
    private static final float LP4 = 2.2222198546e-01f;
    private static final float LP5 = 1.8183572590e-01f;
    private static final float LP6 = 1.5313838422e-01f;
    private static final float LP7 = 1.4798198640e-01f;

    /** log(1 + x) as glibc 2.36's log1pf: -inf at -1, NaN below, -0 at -0. */
    static float log1pf(float x) {
        int hx = Float.floatToRawIntBits(x);
        int ax = hx & 0x7fffffff;
        int k = 1;
        int hu = 0;
        float f = 0;
        float c = 0;
        if (hx < 0x3ed413d7) {                       // x < 0.41422
            if (ax >= 0x3f800000) {                  // x <= -1
                return x == -1f ? Float.NEGATIVE_INFINITY : Float.NaN;
            }
            if (ax < 0x31000000) {                   // |x| < 2^-29
                return ax < 0x24800000 ? x : x - x * x * 0.5f;
            }
            if (hx > 0 || hx <= 0xbe95f61f) {        // -0.2929 < x < 0.41422
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7f800000) {
            return x + x;
        }
        if (k != 0) {
            float u;
            if (hx < 0x5a000000) {
                u = 1f + x;
                hu = Float.floatToRawIntBits(u);
                k = (hu >> 23) - 127;
                c = k > 0 ? 1f - (u - x) : x - (u - 1f); // the rounding error of 1 + x
                c /= u;
            } else {
                u = x;
                hu = Float.floatToRawIntBits(u);
                k = (hu >> 23) - 127;
                c = 0;
            }
            hu &= 0x007fffff;
            if (hu < 0x3504f7) {
                u = Float.intBitsToFloat(hu | 0x3f800000);   // u in [1, sqrt 2)
            } else {
                k += 1;
                u = Float.intBitsToFloat(hu | 0x3f000000);   // u / 2
                hu = (0x00800000 - hu) >> 2;
            }
            f = u - 1f;
        }
        float hfsq = 0.5f * f * f;
        if (hu == 0) {                               // |f| < 2^-20
            if (f == 0f) {
                if (k == 0) {
                    return 0f;
                }
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            float r = hfsq * (1f - 0.6666667f * f);
            return k == 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        float s = f / (2f + f);
        float z = s * s;
        float r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        if (k == 0) {
            return f - (hfsq - s * (hfsq + r));
        }
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    /** 1/c and log(c) for c near the middle of each of 16 intervals of [0.7, 1.4) (glibc's __logf_data.tab). */
    private static final double[] INVC = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
    };
    private static final double[] LOGC = {
        -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
        -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
        0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2,
    };
    private static final double LN2 = 0x1.62e42fefa39efp-1;
    private static final double A0 = -0x1.00ea348b88334p-2;
    private static final double A1 = 0x1.5575b0be00b6ap-2;
    private static final double A2 = -0x1.ffffef20a4123p-2;

    /**
     * log(x) as glibc's logf (the same author's table method: x = 2^k z, z/c - 1 = r with c from a
     * 16-entry table, log1p(r) a cubic, all in double; within 0.82 ulp): -inf at 0, NaN below.
     */
    static float logf(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0f;
        }
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0) {
            // below 2^-126, inf or NaN
            if (ix * 2 == 0) {
                return Float.NEGATIVE_INFINITY;
            }
            if (ix == 0x7f800000) {
                return x;
            }
            if ((ix & 0x80000000) != 0 || Integer.compareUnsigned(ix * 2, 0xff000000) >= 0) {
                return Float.NaN;
            }
            ix = Float.floatToRawIntBits(x * 0x1p23f) - (23 << 23);   // a subnormal, normalised
        }
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> 19) % 16;
        int k = tmp >> 23;
        double z = Float.intBitsToFloat(ix - (tmp & 0x1ff << 23));
        double r = Math.fma(z, INVC[i], -1.0);
        double y0 = Math.fma(k, LN2, LOGC[i]);
        double r2 = r * r;
        double y = Math.fma(A1, r, A2);
        y = Math.fma(A0, r2, y);
        return (float) Math.fma(y, r2, y0 + r);
    }

    /** torch's scalar float sigmoid: 1 / (1 + expf(-x)). */
    static float sigmoid(float x) {
        return 1f / (1f + expf(-x));
    }

    /** torch's scalar float softplus: x where x beta > threshold, else log1pf(expf(x beta)) / beta. */
    static float softplus(float x, float beta, float threshold) {
        return x * beta > threshold ? x : log1pf(expf(x * beta)) / beta;
    }

    /** torch's scalar float softplus gradient: g where x beta > threshold, else g z / (z + 1), z = expf(x beta). */
    static float softplusGrad(float g, float x, float beta, float threshold) {
        float z = expf(x * beta);
        return x * beta > threshold ? g : g * z / (z + 1f);
    }
}
