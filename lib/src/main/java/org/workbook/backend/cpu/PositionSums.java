package org.workbook.backend.cpu;

import org.workbook.tensor.Tensor;

/**
 * Batch norm's per-channel sums over a contiguous [N, C, L], taken per position first: a
 * double accumulator for each of the C·L positions of a sample, to which every sample adds
 * its element (acc[j] += x[n, j]), then each channel's L accumulators summed. Across positions
 * there is no chain from one element to the next, so it runs as vectors ({@link SimdChannels},
 * float32 with the Vector API; C2 left the float-to-double loop scalar); summing a channel's
 * elements one by one is a chain of dependent double additions, and for the 4, 16 or 49 elements
 * per sample of a CNN's later layers most of its time went to loop overhead. The SIMD kernels
 * walk the samples innermost for a block of positions, so the accumulators stay in registers
 * (2-3x faster than adding each sample's row into the double arrays: no load and store of the
 * accumulators per element); the scalar loops walk the samples outermost. Each position adds its
 * samples in order either way, so both paths give the same bits. Positions are spread over threads.
 */
final class PositionSums {
    private PositionSums() { }

    /** mean [C] and biased var [C] of x, two passes in double. */
    static void stats(Tensor x, Tensor mean, Tensor var) {
        int n = x.size(0);
        int c = x.size(1);
        int l = x.numel() / (n * c);
        double count = (double) n * l;
        double[][] mq = meanAndSquares(x.storage().array(), x.offset(), n, c, l);
        for (int ch = 0; ch < c; ch++) {
            mean.storage().setDouble(mean.offset() + ch, mq[0][ch]);
            var.storage().setDouble(var.offset() + ch, mq[1][ch] / count);
        }
    }

    /**
     * Per channel of the contiguous [n, c, l] float[] or double[] x from off: {mean [c], Σ(x - mean)² [c]},
     * two passes in double (batch norm's statistics, and var over the dims around kept ones).
     */
    static double[][] meanAndSquares(Object xs, int off, int n, int c, int l) {
        int p = c * l;
        double count = (double) n * l;
        double[] acc = new double[p];
        int threads = Parallel.threadsFor((long) n * p);
        Parallel.range(p, threads, (lo, hi) -> add(xs, off, p, n, acc, lo, hi));
        double[] m = channelTotals(acc, c, l);
        double[] centre = new double[p];
        for (int ch = 0; ch < c; ch++) {
            m[ch] /= count;
            java.util.Arrays.fill(centre, ch * l, (ch + 1) * l, m[ch]);
        }
        double[] sq = new double[p];
        Parallel.range(p, threads, (lo, hi) -> addSquares(xs, off, p, n, centre, sq, lo, hi));
        return new double[][] {m, channelTotals(sq, c, l)};
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
        Parallel.range(p, Parallel.threadsFor(x.numel()),
            (lo, hi) -> addBoth(gs, g.offset(), xs, x.offset(), p, n, a, b, lo, hi));
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

    /** acc[j] = Σ over the n samples (p apart from o) of x[j], j in [lo, hi). */
    static void add(Object x, int o, int p, int n, double[] acc, int lo, int hi) {
        if (x instanceof float[] f && Simd.ENABLED) {
            SimdChannels.sumOverSamples(f, o, p, n, acc, lo, hi);
            return;
        }
        for (int i = 0; i < n; i++) {
            int so = o + i * p;
            if (x instanceof float[] f) {
                for (int j = lo; j < hi; j++) {
                    acc[j] += f[so + j];
                }
            } else {
                double[] d = (double[]) x;
                for (int j = lo; j < hi; j++) {
                    acc[j] += d[so + j];
                }
            }
        }
    }

    /** acc[j] = Σ over the samples of (x[j] - centre[j])², j in [lo, hi). */
    static void addSquares(Object x, int o, int p, int n, double[] centre, double[] acc, int lo, int hi) {
        if (x instanceof float[] f && Simd.ENABLED) {
            SimdChannels.squaresOverSamples(f, o, p, n, centre, acc, lo, hi);
            return;
        }
        for (int i = 0; i < n; i++) {
            int so = o + i * p;
            if (x instanceof float[] f) {
                for (int j = lo; j < hi; j++) {
                    double d = f[so + j] - centre[j];
                    acc[j] += d * d;
                }
            } else {
                double[] dx = (double[]) x;
                for (int j = lo; j < hi; j++) {
                    double d = dx[so + j] - centre[j];
                    acc[j] += d * d;
                }
            }
        }
    }

    /** a[j] = Σ g[j] and b[j] = Σ g[j]·x[j] over the samples: one pass over g for both sums. */
    private static void addBoth(Object g, int go, Object x, int xo, int p, int n, double[] a, double[] b,
                                int lo, int hi) {
        if (g instanceof float[] gf && Simd.ENABLED) {
            SimdChannels.bothOverSamples(gf, go, (float[]) x, xo, p, n, a, b, lo, hi);
            return;
        }
        for (int i = 0; i < n; i++) {
            int gso = go + i * p;
            int xso = xo + i * p;
            if (g instanceof float[] gf) {
                float[] xf = (float[]) x;
                for (int j = lo; j < hi; j++) {
                    double v = gf[gso + j];
                    a[j] += v;
                    b[j] += v * xf[xso + j];
                }
            } else {
                double[] gd = (double[]) g;
                double[] xd = (double[]) x;
                for (int j = lo; j < hi; j++) {
                    a[j] += gd[gso + j];
                    b[j] += gd[gso + j] * xd[xso + j];
                }
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
        Parallel.range(p, Parallel.threadsFor(t.numel()), (lo, hi) -> add(ts, t.offset(), p, n, acc, lo, hi));
        System.arraycopy(channelTotals(acc, c, l), 0, sum, 0, c);
    }
}
