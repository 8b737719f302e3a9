package org.workbook.backend.cpu;

/**
 * exp and log in double, and float32 pow computed in double and rounded once: the
 * scalar twins of {@link SimdDoubleMath}'s vector loops, step for step (plain multiplies and
 * adds in the same order, no fma, no table look-ups), so a kernel gives the same bits whether
 * or not the JVM has the Vector API, and whether a run is contiguous or strided.
 *
 * <ul>
 * <li>{@link #exp(double)}: fdlibm's {@code e_exp.c} (Remez rational approximation of e^r on
 * |r| <= ln2/2 after Cody-Waite reduction) with the 2^k scaling in two factors, so gradual
 * underflow rounds once. Measured within 1 ulp of StrictMath's exp ({@code DoubleMathAccuracyTest};
 * fdlibm's own analysis bounds the error below 1 ulp).
 * <li>{@link #log(double)}: fdlibm's {@code e_log.c} in musl's branch-free form (m in
 * [sqrt(2)/2, sqrt(2)), log(m) = 2 atanh(s) by a degree-14 polynomial). Measured within
 * 1 ulp of StrictMath's log.
 * <li>{@link #powf(float, double)}: e^(p log|x|) in double, rounded once, with C's signs and NaNs:
 * measured within 0.5 ulp of StrictMath's pow, and equal to {@code (float) CMath.pow} on 10^6
 * random inputs for each of nine exponents tried.
 * </ul>
 * (float32 exp, log, log1p and tanh are {@link FloatMath}'s: SLEEF's float algorithms, torch's bits.)
 * Special values as torch and Math: NaN stays NaN, log(+-0) = -inf, log(x < 0) = NaN,
 * log(+inf) = +inf, exp(+-inf) = +inf/0; log scales a
 * subnormal input up by 2^54 first, and a subnormal exp result is rounded once.
 *
 * <pre>{@code
 * jshell> DoubleMath.log(Math.E)
 * $1 ==> 1.0
 * }</pre>
 */
final class DoubleMath {
    static final double INVLN2 = 1.44269504088896338700e+00;
    /** ln 2 split so that k * LN2_HI is exact for |k| < 2^20. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double P1 = 1.66666666666666019037e-01;
    static final double P2 = -2.77777777770155933842e-03;
    static final double P3 = 6.61375632143793436117e-05;
    static final double P4 = -1.65339022054652515390e-06;
    static final double P5 = 4.13813679705723846039e-08;
    /** 1.5 * 2^52: adding it rounds to an integer (half to even, as Math.rint); its bits end in that integer. */
    static final double ROUND = 0x1.8p52;
    static final long ROUND_BITS = 0x4338000000000000L;
    /** exp's argument range: below, the result is 0; above, +inf; within, the exponent k is in [-1076, 1024]. */
    static final double EXP_LO = -746.0;
    static final double EXP_HI = 710.0;

    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    /** Added to the high word, it carries into the exponent exactly when the mantissa is >= sqrt(2). */
    static final long LOG_SHIFT = (0x3ff00000L - 0x3fe6a09eL) << 32;
    static final long LOG_BASE = 0x3fe6a09eL << 32;
    static final long MANTISSA = 0x000fffffffffffffL;
    /** 2^52 with the biased exponent in its low bits, less the bias: the exponent as a double. */
    static final long TWO52_BITS = 0x4330000000000000L;
    static final double TWO52_BIAS = 0x1p52 + 1023;
    /** The same for a subnormal input, scaled by 2^54 first. */
    static final double TWO52_BIAS_SUB = 0x1p52 + 1023 + 54;
    static final long SIGN = 0x8000000000000000L;

    private DoubleMath() { }

    /** e^x: within 1 ulp of StrictMath measured; NaN stays NaN, overflow gives +inf, underflow rounds to subnormal or 0. */
    static double exp(double x) {
        // Out of [EXP_LO, EXP_HI] (and +-inf) the steps give garbage that the last line replaces:
        // comparing at the end costs less than clamping first, which made C2's vector loop 5x slower.
        double t = x * INVLN2 + ROUND;
        double y = 1.0 + expm1Reduced(x, t - ROUND); // fdlibm's 1 - ((lo - rc / (2 - c)) - hi), the same value
        long n = Double.doubleToRawLongBits(t) - ROUND_BITS;
        long n1 = ((n + 2048) >>> 1) - 1024; // floor(n / 2) with a logical shift (AVX2 has no 64-bit arithmetic one)
        double e = y * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n - n1 + 1023) << 52);
        return x > EXP_HI ? Double.POSITIVE_INFINITY : x < EXP_LO ? 0.0 : e;
    }

    /**
     * e^r - 1 for r = v - k ln2 (|r| <= ln2 / 2), fdlibm's rational form with r's two parts kept
     * apart: r + rc / (2 - c), c = r - r^2 (P1 + ... + P5 r^8). Accurate relative to e^r - 1, also near 0.
     */
    private static double expm1Reduced(double v, double k) {
        double hi = v - k * LN2_HI;
        double lo = k * LN2_LO;
        double r = hi - lo;
        double rr = r * r;
        double c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
        return hi - (lo - (r * c) / (2.0 - c));
    }

    /** log x: within 1 ulp of StrictMath measured; log(+-0) = -inf, log(x < 0) = NaN, log(+inf) = +inf, NaN stays NaN. */
    static double log(double x) {
        boolean sub = x < 0x1p-1022;
        double xs = sub ? x * 0x1p54 : x;
        double bias = sub ? TWO52_BIAS_SUB : TWO52_BIAS;
        long bits = Double.doubleToRawLongBits(xs) + LOG_SHIFT;
        double dk = Double.longBitsToDouble(TWO52_BITS | (bits >>> 52)) - bias;
        double f = Double.longBitsToDouble((bits & MANTISSA) + LOG_BASE) - 1.0;
        double hfsq = 0.5 * f * f;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double y = s * (hfsq + (t2 + t1)) + dk * LN2_LO - hfsq + f + dk * LN2_HI;
        if (!(x < Double.POSITIVE_INFINITY)) {
            return x; // NaN or +inf
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return x < 0 ? Double.NaN : y;
    }

    /**
     * Whether float32 pow(x, p) goes through {@link #powForFloat}: a finite exponent other than 0
     * and torch's shortcut exponents (1, 2, 3, 0.5, -0.5, -1, -2: MathOps.pow computes those by
     * multiplications and square roots; the kernel keeps C's pow for them, as before).
     */
    static boolean powByLogs(double p) {
        return Double.isFinite(p) && p != 0 && p != 1 && p != 2 && p != 3 && p != 0.5 && p != -0.5 && p != -1
            && p != -2;
    }

    static boolean isOddInteger(double p) {
        return p == Math.rint(p) && Math.abs(p) < 0x1p53 && (((long) p) & 1) != 0;
    }

    /**
     * (float) pow(x, p) as C's pow: e^(p log|x|) in double (relative error below 1e-13 wherever
     * the float result is finite and nonzero, so the correctly rounded float but in rare ties:
     * {@code DoubleMathAccuracyTest}), the sign for odd integer p, NaN for a negative finite x
     * and a non-integer p. Other exponents: {@link CMath#pow} rounded.
     */
    static float powf(float x, double p) {
        if (!powByLogs(p)) {
            return (float) CMath.pow(x, p);
        }
        return (float) powForFloat(x, p, p == Math.rint(p), isOddInteger(p));
    }

    /** pow(v, p) for a float v and a {@link #powByLogs} exponent p, to double precision near 1e-13. */
    static double powForFloat(double v, double p, boolean integer, boolean odd) {
        double r = exp(p * log(Math.abs(v)));
        if (odd) {
            // r >= 0 (or NaN): v's sign copied on, -0 and -inf included (pow(-0, 3) = -0)
            return Double.longBitsToDouble(Double.doubleToRawLongBits(r) | (Double.doubleToRawLongBits(v) & SIGN));
        }
        if (!integer && v < 0 && v > Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        return r;
    }
}
