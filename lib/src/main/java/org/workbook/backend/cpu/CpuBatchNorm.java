package org.workbook.backend.cpu;

import org.workbook.tensor.Tensor;

/**
 * Batch normalisation's elementwise passes on the CPU over a contiguous [N, C, L] (L the
 * product of the trailing dims), one pass each way with per-channel constants, as torch's CPU
 * kernels: the forward is y = x·α + β with α = invstd·weight, β = bias - mean·α; the backward
 * sums Σg and Σg·x per channel in one pass (in double, so Σg·(x - mean) = Σg·x - mean·Σg loses
 * nothing a float result would keep) and writes gx = (g - Σg/M - (x - mean)·k)·invstd·weight with
 * k = Σg·(x - mean)·invstd²/M in a second. Composed from primitives the same work was five
 * temporaries and passes each way. Rows (one sample's channel) are spread over threads.
 */
final class CpuBatchNorm {
    private CpuBatchNorm() { }

    static void forward(Tensor x, Tensor mean, Tensor invstd, Tensor weight, Tensor bias, Tensor y) {
        int n = x.size(0);
        int c = x.size(1);
        int l = x.numel() / (n * c);
        double[] alpha = new double[c];
        double[] beta = new double[c];
        for (int ch = 0; ch < c; ch++) {
            alpha[ch] = at(invstd, ch) * (weight == null ? 1 : at(weight, ch));
            beta[ch] = (bias == null ? 0 : at(bias, ch)) - at(mean, ch) * alpha[ch];
        }
        Object xs = x.storage().array();
        Object ys = y.storage().array();
        if (xs instanceof float[] xf) {
            // float32: one pass per sample over its C·L positions with the constants spread per position,
            // a long loop whatever L is (a CNN's later layers have 1 to 49 elements per channel)
            float[] yf = (float[]) ys;
            float[] a = perPosition(alpha, l);
            float[] b = perPosition(beta, l);
            int p = c * l;
            Parallel.range(p, Parallel.threadsFor(x.numel()), (lo, hi) -> {
                for (int i = 0; i < n; i++) {
                    int xo = x.offset() + i * p;
                    int yo = y.offset() + i * p;
                    if (Simd.ENABLED) {
                        SimdChannels.affine(xf, xo, a, b, yf, yo, lo, hi);
                    } else {
                        for (int j = lo; j < hi; j++) {
                            yf[yo + j] = xf[xo + j] * a[j] + b[j];
                        }
                    }
                }
            });
            return;
        }
        Parallel.range(n * c, Parallel.threadsFor(x.numel()), (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int xo = x.offset() + row * l;
                int yo = y.offset() + row * l;
                int ch = row % c;
                double[] xd = (double[]) xs;
                double[] yd = (double[]) ys;
                double a = alpha[ch];
                double b = beta[ch];
                for (int i = 0; i < l; i++) {
                    yd[yo + i] = xd[xo + i] * a + b;
                }
            }
        });
    }

    /** Each channel's constant (rounded to float) repeated over its l positions: [C·l]. */
    private static float[] perPosition(double[] perChannel, int l) {
        float[] e = new float[perChannel.length * l];
        for (int ch = 0; ch < perChannel.length; ch++) {
            java.util.Arrays.fill(e, ch * l, (ch + 1) * l, (float) perChannel[ch]);
        }
        return e;
    }

    static void backward(Tensor g, Tensor x, Tensor mean, Tensor invstd, Tensor weight, boolean training, Tensor gx,
                         Tensor sumG, Tensor sumGX) {
        int n = x.size(0);
        int c = x.size(1);
        int l = x.numel() / (n * c);
        double[] sg = new double[c];
        double[] sgx = new double[c];
        PositionSums.sums(g, x, sg, sgx);
        Object gs = g.storage().array();
        Object xs = x.storage().array();
        long count = (long) n * l;
        double[] mg = new double[c];
        double[] k = new double[c];
        double[] scale = new double[c];
        double[] mu = new double[c];
        for (int ch = 0; ch < c; ch++) {
            mu[ch] = at(mean, ch);
            double is = at(invstd, ch);
            double dotp = sgx[ch] - mu[ch] * sg[ch]; // Σg·(x - mean)
            sumG.storage().setDouble(sumG.offset() + ch, sg[ch]);
            sumGX.storage().setDouble(sumGX.offset() + ch, dotp * is);
            mg[ch] = training ? sg[ch] / count : 0;
            k[ch] = training ? dotp * is * is / count : 0;
            scale[ch] = is * (weight == null ? 1 : at(weight, ch));
        }
        if (gx == null) {
            return;
        }
        Object out = gx.storage().array();
        if (out instanceof float[] of) {
            float[] gf = (float[]) gs;
            float[] xf = (float[]) xs;
            float[] mE = perPosition(mu, l);
            float[] kE = perPosition(k, l);
            float[] gmE = perPosition(mg, l);
            float[] scE = perPosition(scale, l);
            int p = c * l;
            Parallel.range(p, Parallel.threadsFor(x.numel()), (lo, hi) -> {
                for (int i = 0; i < n; i++) {
                    int go = g.offset() + i * p;
                    int xo = x.offset() + i * p;
                    int oo = gx.offset() + i * p;
                    if (Simd.ENABLED) {
                        SimdChannels.backward(gf, go, xf, xo, gmE, mE, kE, scE, of, oo, lo, hi);
                    } else {
                        for (int j = lo; j < hi; j++) {
                            of[oo + j] = (gf[go + j] - gmE[j] - (xf[xo + j] - mE[j]) * kE[j]) * scE[j];
                        }
                    }
                }
            });
            return;
        }
        Parallel.range(n * c, Parallel.threadsFor(x.numel()), (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int ch = row % c;
                int go = g.offset() + row * l;
                int xo = x.offset() + row * l;
                int oo = gx.offset() + row * l;
                double[] od = (double[]) out;
                double[] gd = (double[]) gs;
                double[] xd = (double[]) xs;
                for (int i = 0; i < l; i++) {
                    od[oo + i] = (gd[go + i] - mg[ch] - (xd[xo + i] - mu[ch]) * k[ch]) * scale[ch];
                }
            }
        });
    }

    private static double at(Tensor t, int i) {
        return t.storage().getDouble(t.offset() + i);
    }
}
