package org.workbook.backend.cpu;

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Batch normalisation's per-channel sums on the CPU, over a contiguous [N, C, L] (L the
 * product of the trailing dims): the mean and biased variance (two passes, in double), and
 * the backward's Σa and Σa·b. Channels are spread over threads.
 */
final class ChannelStats {
    private ChannelStats() { }

    static void stats(Tensor x, Tensor mean, Tensor var) {
        int n = x.size(0);
        int c = x.size(1);
        int l = c == 0 || n == 0 ? 0 : x.numel() / (n * c);
        boolean f = x.dtype() == DType.FLOAT32;
        Parallel.range(c, Parallel.threadsFor((long) x.numel() * 2), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += f ? sum(x.storage().floats(), x.offset() + (i * c + ch) * l, l)
                        : sum(x.storage().doubles(), x.offset() + (i * c + ch) * l, l);
                }
                double m = s / ((double) n * l);
                double q = 0;
                for (int i = 0; i < n; i++) {
                    q += f ? squares(x.storage().floats(), x.offset() + (i * c + ch) * l, l, m)
                        : squares(x.storage().doubles(), x.offset() + (i * c + ch) * l, l, m);
                }
                mean.storage().setDouble(mean.offset() + ch, m);
                var.storage().setDouble(var.offset() + ch, q / ((double) n * l));
            }
        });
    }

    static void sums(Tensor a, Tensor b, Tensor sumA, Tensor sumAB) {
        int n = a.size(0);
        int c = a.size(1);
        int l = c == 0 || n == 0 ? 0 : a.numel() / (n * c);
        boolean f = a.dtype() == DType.FLOAT32;
        Parallel.range(c, Parallel.threadsFor((long) a.numel() * 2), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                double s = 0;
                double p = 0;
                for (int i = 0; i < n; i++) {
                    int ao = a.offset() + (i * c + ch) * l;
                    int bo = b.offset() + (i * c + ch) * l;
                    if (f) {
                        float[] x = a.storage().floats();
                        float[] y = b.storage().floats();
                        s += sum(x, ao, l);
                        p += dot(x, ao, y, bo, l);
                    } else {
                        double[] x = a.storage().doubles();
                        double[] y = b.storage().doubles();
                        s += sum(x, ao, l);
                        p += dot(x, ao, y, bo, l);
                    }
                }
                sumA.storage().setDouble(sumA.offset() + ch, s);
                sumAB.storage().setDouble(sumAB.offset() + ch, p);
            }
        });
    }

    // Four partial sums each: a double addition waits for the one before it, so one running sum
    // would take the adder's latency per element; four independent ones keep it busy.

    static double sum(float[] x, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += x[from + k];
            s1 += x[from + k + 1];
            s2 += x[from + k + 2];
            s3 += x[from + k + 3];
        }
        for (; k < len; k++) {
            s0 += x[from + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double sum(double[] x, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += x[from + k];
            s1 += x[from + k + 1];
            s2 += x[from + k + 2];
            s3 += x[from + k + 3];
        }
        for (; k < len; k++) {
            s0 += x[from + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double dot(float[] x, int xo, float[] y, int yo, int len) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < len; k += 2) {
            s0 += (double) x[xo + k] * y[yo + k];
            s1 += (double) x[xo + k + 1] * y[yo + k + 1];
        }
        for (; k < len; k++) {
            s0 += (double) x[xo + k] * y[yo + k];
        }
        return s0 + s1;
    }

    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < len; k += 2) {
            s0 += x[xo + k] * y[yo + k];
            s1 += x[xo + k + 1] * y[yo + k + 1];
        }
        for (; k < len; k++) {
            s0 += x[xo + k] * y[yo + k];
        }
        return s0 + s1;
    }

    private static double squares(float[] x, int from, int len, double m) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < len; k += 2) {
            double d0 = x[from + k] - m;
            double d1 = x[from + k + 1] - m;
            s0 += d0 * d0;
            s1 += d1 * d1;
        }
        for (; k < len; k++) {
            double d = x[from + k] - m;
            s0 += d * d;
        }
        return s0 + s1;
    }

    private static double squares(double[] x, int from, int len, double m) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < len; k += 2) {
            double d0 = x[from + k] - m;
            double d1 = x[from + k + 1] - m;
            s0 += d0 * d0;
            s1 += d1 * d1;
        }
        for (; k < len; k++) {
            double d = x[from + k] - m;
            s0 += d * d;
        }
        return s0 + s1;
    }
}
