package org.workbook.backend.cpu;

/**
 * float32 softplus on the CPU as torch's float32 kernel computes it: x where x beta > threshold,
 * else log1p(e^(x beta)) / beta, in float with beta and threshold rounded to float; e^ and log1p
 * SLEEF's ({@link FloatMath}) on each run's head and the C library's ({@link GlibcFloatMath}) on its
 * last n mod 16 elements and on strided inputs, as torch's vector and scalar formulas
 * ({@link TorchTails}): torch's bits (no difference from PyTorch 1.13 on 1.6 million inputs and
 * the short, strided and sliced cases of {@code GlibcGoldenTest}), within 2 ulps where e^(x beta) is
 * finite. Like torch's, it gives inf where e^(x beta) overflows (beta x above 88.72, reachable only
 * with a threshold above 88), though the true value is finite. The backward likewise, torch's float
 * kernel's steps. The heads lane by lane through the Vector API ({@link SimdFloatMath#softplus},
 * {@link SimdFloatMath#softplusBackward}) when {@link Simd#ENABLED}, so the same bits either way.
 *
 * <pre>{@code
 * jshell> CpuSoftplus.softplusf(0f, 1, 20)
 * $1 ==> 0.6931472
 * }</pre>
 */
public final class CpuSoftplus {
    private CpuSoftplus() { }

    /**
     * z[zo + i] = softplus(x[xo + i]) for i in [0, n), the elements laid out in runs of {@code run}
     * (torch's inner runs, {@link TorchTails#innerRun}; 0: x was strided, every element takes torch's
     * scalar formula): each run's head through SLEEF's steps, its last run mod 16 through the C
     * library's, as torch's kernel.
     */
    public static void floats(float[] x, int xo, float[] z, int zo, int n, int run, double beta, double threshold) {
        float b = (float) beta;
        float t = (float) threshold;
        TorchTails.forEachRun(n, run, (r0, len, head) -> {
            int xr = xo + r0;
            int zr = zo + r0;
            if (head > 0 && Simd.ENABLED) {
                SimdFloatMath.softplus(x, xr, z, zr, head, b, t);
            } else {
                for (int i = 0; i < head; i++) {
                    z[zr + i] = softplusf(x[xr + i], b, t);
                }
            }
            for (int i = head; i < len; i++) {
                z[zr + i] = GlibcFloatMath.softplus(x[xr + i], b, t);
            }
        });
    }

    /**
     * gx[i] = the gradient of softplus for x[xo + i], given the output's gradient g[go + i], as
     * torch's float32 backward kernel computes it: g where x beta > threshold, else (g e^(x beta)) /
     * (e^(x beta) + 1), in float, e^ SLEEF's on each run's head and the C library's on the rest, as
     * {@link #floats}. gx may be g (in place).
     */
    public static void backwardFloats(float[] g, int go, float[] x, int xo, float[] gx, int n, int run, double beta,
            double threshold) {
        float b = (float) beta;
        float t = (float) threshold;
        TorchTails.forEachRun(n, run, (r0, len, head) -> {
            if (head > 0 && Simd.ENABLED) {
                SimdFloatMath.softplusBackward(g, go + r0, x, xo + r0, gx, r0, head, b, t);
            } else {
                for (int i = r0; i < r0 + head; i++) {
                    gx[i] = softplusGrad(g[go + i], x[xo + i], b, t);
                }
            }
            for (int i = r0 + head; i < r0 + len; i++) {
                gx[i] = GlibcFloatMath.softplusGrad(g[go + i], x[xo + i], b, t);
            }
        });
    }

    /** One element of {@link #backwardFloats}'s heads: the scalar twin of the vector loop. */
    static float softplusGrad(float g, float x, float beta, float threshold) {
        float y = x * beta;
        float z = FloatMath.exp(y);
        return y > threshold ? g : g * z / (z + 1f);
    }

    /** softplus(x) for one float on a run's head: the scalar twin of the vector loop, step for step. */
    static float softplusf(float x, float beta, float threshold) {
        return x * beta > threshold ? x : FloatMath.log1p(FloatMath.exp(x * beta)) / beta;
    }
}
