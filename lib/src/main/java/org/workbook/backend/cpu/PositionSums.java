package org.workbook.backend.cpu;

import org.workbook.tensor.Tensor;

/**
 * Batch norm's per-channel sums over a contiguous [N, C, L], taken per position first: a
 * double accumulator for each of the C·L positions of a sample, to which every sample adds
 * its row elementwise (acc[j] += x[n, j]), then each channel's L accumulators summed. The
 * elementwise loop has no chain from one element to the next, so it runs as vectors
 * ({@link SimdChannels}, float32 with the Vector API; C2 left the float-to-double loop scalar);
 * summing a channel's elements one by one is a chain of dependent double additions, and for the
 * 4, 16 or 49 elements per sample of a CNN's later layers most of its time went to loop overhead.
 * Each position adds its samples in order, so both paths give the same bits. Positions are
 * spread over threads.
 */
final class PositionSums {
    private PositionSums() { }

    /** mean [C] and biased var [C] of x, two passes in double. */
    static void stats(Tensor x, Tensor mean, Tensor var) {
        int n = x.size(0);
        int c = x.size(1);
        int l = x.numel() / (n * c);
        int p = c * l;
        double count = (double) n * l;
        double[] acc = new double[p];
        Object xs = x.storage().array();
        int threads = Parallel.threadsFor(x.numel());
        Parallel.range(p, threads, (lo, hi) -> {
            for (int i = 0; i < n; i++) {
                add(xs, x.offset() + i * p, acc, lo, hi);
            }
        });
        double[] m = channelTotals(acc, c, l);
        double[] centre = new double[p];
        for (int ch = 0; ch < c; ch++) {
            m[ch] /= count;
            java.util.Arrays.fill(centre, ch * l, (ch + 1) * l, m[ch]);
        }
        double[] sq = new double[p];
        Parallel.range(p, threads, (lo, hi) -> {
            for (int i = 0; i < n; i++) {
                addSquares(xs, x.offset() + i * p, centre, sq, lo, hi);
            }
        });
        double[] q = channelTotals(sq, c, l);
        for (int ch = 0; ch < c; ch++) {
            mean.storage().setDouble(mean.offset() + ch, m[ch]);
            var.storage().setDouble(var.offset() + ch, q[ch] / count);
        }
    }

    /** Per channel of a and b [N, C, ...]: sumA [C] = Σa and sumAB [C] = Σa·b (the backend's channelSums). */
    static void sums(Tensor a, Tensor b, Tensor sumA, Tensor sumAB) {
        int c = a.size(1);
        double[] s = new double[c];
        double[] p = new double[c];
        sums(a, b, s, p);
        for (int ch = 0; ch < c; ch++) {
            sumA.storage().setDouble(sumA.offset() + ch, s[ch]);
            sumAB.storage().setDouble(sumAB.offset() + ch, p[ch]);
        }
    }

    /** Per channel: sumG = Σg and sumGX = Σg·x (into the arrays, of length C). */
    static void sums(Tensor g, Tensor x, double[] sumG, double[] sumGX) {
        int n = x.size(0);
        int c = x.size(1);
        int l = x.numel() / (n * c);
        int p = c * l;
        double[] a = new double[p];
        double[] b = new double[p];
        Object gs = g.storage().array();
        Object xs = x.storage().array();
        Parallel.range(p, Parallel.threadsFor(x.numel()), (lo, hi) -> {
            for (int i = 0; i < n; i++) {
                addBoth(gs, g.offset() + i * p, xs, x.offset() + i * p, a, b, lo, hi);
            }
        });
        System.arraycopy(channelTotals(a, c, l), 0, sumG, 0, c);
        System.arraycopy(channelTotals(b, c, l), 0, sumGX, 0, c);
    }

    private static double[] channelTotals(double[] acc, int c, int l) {
        double[] t = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int k = 0; k < l; k++) {
                s += acc[ch * l + k];
            }
            t[ch] = s;
        }
        return t;
    }

    private static void add(Object x, int o, double[] acc, int lo, int hi) {
        if (x instanceof float[] f && Simd.ENABLED) {
            SimdChannels.add(f, o, acc, lo, hi);
        } else if (x instanceof float[] f) {
            for (int j = lo; j < hi; j++) {
                acc[j] += f[o + j];
            }
        } else {
            double[] d = (double[]) x;
            for (int j = lo; j < hi; j++) {
                acc[j] += d[o + j];
            }
        }
    }

    private static void addSquares(Object x, int o, double[] centre, double[] acc, int lo, int hi) {
        if (x instanceof float[] f && Simd.ENABLED) {
            SimdChannels.addSquares(f, o, centre, acc, lo, hi);
        } else if (x instanceof float[] f) {
            for (int j = lo; j < hi; j++) {
                double d = f[o + j] - centre[j];
                acc[j] += d * d;
            }
        } else {
            double[] dx = (double[]) x;
            for (int j = lo; j < hi; j++) {
                double d = dx[o + j] - centre[j];
                acc[j] += d * d;
            }
        }
    }

    /** a[j] += g[j] and b[j] += g[j]·x[j]: one pass over g for both sums. */
    private static void addBoth(Object g, int go, Object x, int xo, double[] a, double[] b, int lo, int hi) {
        if (g instanceof float[] gf && Simd.ENABLED) {
            SimdChannels.addBoth(gf, go, (float[]) x, xo, a, b, lo, hi);
        } else if (g instanceof float[] gf) {
            float[] xf = (float[]) x;
            for (int j = lo; j < hi; j++) {
                double v = gf[go + j];
                a[j] += v;
                b[j] += v * xf[xo + j];
            }
        } else {
            double[] gd = (double[]) g;
            double[] xd = (double[]) x;
            for (int j = lo; j < hi; j++) {
                a[j] += gd[go + j];
                b[j] += gd[go + j] * xd[xo + j];
            }
        }
    }

    /** Σ per channel of a contiguous [N, C, ...] (a convolution's bias gradient), into sum [C]. */
    static void channelSum(Tensor t, double[] sum) {
        int n = t.size(0);
        int c = t.size(1);
        int l = t.numel() / (n * c);
        int p = c * l;
        double[] acc = new double[p];
        Object ts = t.storage().array();
        Parallel.range(p, Parallel.threadsFor(t.numel()), (lo, hi) -> {
            for (int i = 0; i < n; i++) {
                add(ts, t.offset() + i * p, acc, lo, hi);
            }
        });
        System.arraycopy(channelTotals(acc, c, l), 0, sum, 0, c);
    }
}
