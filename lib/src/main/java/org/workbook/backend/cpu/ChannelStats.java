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
                        for (int k = 0; k < l; k++) {
                            p += (double) x[ao + k] * y[bo + k];
                        }
                    } else {
                        double[] x = a.storage().doubles();
                        double[] y = b.storage().doubles();
                        s += sum(x, ao, l);
                        for (int k = 0; k < l; k++) {
                            p += x[ao + k] * y[bo + k];
                        }
                    }
                }
                sumA.storage().setDouble(sumA.offset() + ch, s);
                sumAB.storage().setDouble(sumAB.offset() + ch, p);
            }
        });
    }

    private static double sum(float[] x, int from, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += x[from + k];
        }
        return s;
    }

    private static double sum(double[] x, int from, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += x[from + k];
        }
        return s;
    }

    private static double squares(float[] x, int from, int len, double m) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            double d = x[from + k] - m;
            s += d * d;
        }
        return s;
    }

    private static double squares(double[] x, int from, int len, double m) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            double d = x[from + k] - m;
            s += d * d;
        }
        return s;
    }
}
