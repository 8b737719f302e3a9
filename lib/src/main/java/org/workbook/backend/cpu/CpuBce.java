package org.workbook.backend.cpu;

/**
 * float32 binary cross-entropy's elementwise loss as PyTorch 1.13's CPU kernel computes it:
 * (y - 1) · max(log(1 - p), -100) - y · max(log(p), -100), in float, with the C library's logf on
 * every element ({@code cpu_kernel}, no vector formula): torch's bits ({@code GlibcGoldenTest}).
 * (Later torch writes log1p(-p), which keeps the loss p of a target 0 where 1 - p rounds to 1, below
 * 2^-25; 1.13 gives 0 there, and so do we.)
 *
 * <pre>{@code
 * jshell> float[] out = new float[1]; CpuBce.loss(new float[] {0.25f}, 0, new float[] {1f}, 0, out, 1); out[0]
 * $1 ==> 1.3862944
 * }</pre>
 */
public final class CpuBce {
    private CpuBce() { }

    /** out[i] = the loss of probability p[po + i] against target y[yo + i], i in [0, n). */
    public static void loss(float[] p, int po, float[] y, int yo, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float x = p[po + i];
            float t = y[yo + i];
            float l1 = GlibcFloatMath.logf(1f - x);
            float l0 = GlibcFloatMath.logf(x);
            // std::max(a, -100): a unless a < -100, so NaN stays NaN
            out[i] = (t - 1f) * (l1 < -100f ? -100f : l1) - t * (l0 < -100f ? -100f : l0);
        }
    }
}
