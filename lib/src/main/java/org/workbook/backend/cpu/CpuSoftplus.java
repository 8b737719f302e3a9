package org.workbook.backend.cpu;

/**
 * float32 softplus on the CPU, torch's formula (x where beta x > threshold, else
 * log(1 + e^(beta x)) / beta) evaluated in double and rounded once, as
 * max(y, 0) + log1p(e^-|y|) with y = beta x: no overflow, and log1p from {@link DoubleMath}'s
 * log by the exact-correction trick log(u) e / (u - 1), u = 1 + e. The same arithmetic through
 * the Vector API ({@link SimdDoubleMath#softplus}) when {@link Simd#ENABLED}, so the same bits
 * either way. Where torch's float32 kernel overflows (e^(beta x) above 3.4e38, reachable only
 * with a threshold above 88) this gives inf as torch does, though the true value is finite.
 *
 * <pre>{@code
 * jshell> CpuSoftplus.softplusf(0f, 1, 20)
 * $1 ==> 0.6931472
 * }</pre>
 */
public final class CpuSoftplus {
    /** The largest float y whose float e^y is finite: above it torch's float32 softplus is inf. */
    static final double EXP_LIMIT = 88.72283935546875;

    private CpuSoftplus() { }

    /** z[zo + i] = softplus(x[xo + i]) for i in [0, n). */
    public static void floats(float[] x, int xo, float[] z, int zo, int n, double beta, double threshold) {
        if (Simd.ENABLED) {
            SimdDoubleMath.softplus(x, xo, z, zo, n, beta, threshold);
            return;
        }
        for (int i = 0; i < n; i++) {
            z[zo + i] = softplusf(x[xo + i], beta, threshold);
        }
    }

    /** softplus(x) for one float: the scalar twin of the vector loop, step for step. */
    static float softplusf(float x, double beta, double threshold) {
        double v = x;
        double y = v * beta;
        double e = DoubleMath.exp(-Math.abs(y));
        double u = e + 1.0;
        double lp = u == 1.0 ? e : DoubleMath.log(u) * e / (u - 1.0);
        double sp = ((y < 0.0 ? 0.0 : y) + lp) / beta;
        return y > threshold ? x : y > EXP_LIMIT ? Float.POSITIVE_INFINITY : (float) sp;
    }
}
