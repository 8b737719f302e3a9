package org.workbook.backend.cpu;

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * softmax and log_softmax over a dim that is not the last, on the CPU, with torch 1.13's arithmetic:
 * its kernels for that case ({@code _vec_softmax}, {@code _vec_logsoftmax}) walk the positions after
 * the dim ("inner" positions) eight floats (four doubles) at a time, and for each position add the
 * exponentials over the dim one after another in the tensor's own precision. So the sum is a
 * sequential float sum (not a wider or pairwise one: near 1, where log amplifies it, one ulp of the
 * sum is several ulps of a log-probability), the exponentials of whole groups of eight are SLEEF's
 * ({@link FloatMath#exp}) and those of the positions left over glibc's ({@link GlibcFloatMath#expf}),
 * as torch's vector and scalar loops compute them; the log is SLEEF's for every position. (torch's
 * log_softmax also cuts the inner positions into chunks of about 128 KB of the dim's values, but its
 * chunks are whole groups of eight, so which positions take which exp does not change.) float64
 * follows the same steps with this library's double exp and log ({@link DoubleMath}).
 *
 * <pre>{@code
 * jshell> F.logSoftmax(tensor(-0.25f, 1.75f, -1.5f).reshape(3, 1), 0)    // dim 0: comes through here
 * $1 ==> tensor([[-2.1605],
 *                [-0.1605],
 *                [-3.4105]])
 * }</pre>
 */
public final class SoftmaxOverDim {
    /** Floats in one of torch's AVX2 vectors. */
    private static final int FLOAT_LANES = 8;

    private SoftmaxOverDim() { }

    /** Whether x's softmax over dim comes through here: a CPU float tensor with elements, dim not the last. */
    public static boolean applies(Tensor x, int dim) {
        return x.backend() == CpuBackend.INSTANCE && (x.dtype() == DType.FLOAT32 || x.dtype() == DType.FLOAT64)
            && x.ndim() > 1 && x.numel() > 0 && dim < x.ndim() - 1;
    }

    /** softmax (or log_softmax) of x over dim (normalised, not the last), as a new contiguous tensor. */
    public static Tensor apply(Tensor x, int dim, boolean log) {
        Tensor in = x.isContiguous() ? x : x.contiguous();
        int[] shape = in.shapeArray();
        int n = shape[dim];
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int inner = in.numel() / outer / n;
        Tensor out = Tensor.empty(in.dtype(), in.device(), shape.clone());
        if (in.dtype() == DType.FLOAT32) {
            float[] xs = in.storage().floats();
            float[] zs = out.storage().floats();
            float[] m = new float[inner];
            float[] sum = new float[inner];
            for (int o = 0; o < outer; o++) {
                int base = o * n * inner;
                if (log) {
                    logFloats(xs, in.offset() + base, zs, base, n, inner, m, sum);
                } else {
                    softmaxFloats(xs, in.offset() + base, zs, base, n, inner, m, sum);
                }
            }
        } else {
            double[] xs = in.storage().doubles();
            double[] zs = out.storage().doubles();
            double[] m = new double[inner];
            double[] sum = new double[inner];
            for (int o = 0; o < outer; o++) {
                int base = o * n * inner;
                doubles(xs, in.offset() + base, zs, base, n, inner, log, m, sum);
            }
        }
        return out;
    }

    /**
     * One outer slice, x[xo + d * inner + p] for d < n and p < inner (z alike): softmax's groups of eight
     * start at p = 0. Each position's steps are torch's; the loops run over d outside, so rows are read
     * whole.
     */
    private static void softmaxFloats(float[] x, int xo, float[] z, int zo, int n, int inner, float[] m, float[] sum) {
        int head = inner - inner % FLOAT_LANES;
        System.arraycopy(x, xo, m, 0, inner);
        java.util.Arrays.fill(sum, 0, inner, 0f);
        for (int d = 1; d < n; d++) {
            for (int p = 0, i = xo + d * inner; p < inner; p++, i++) {
                float v = x[i];
                m[p] = v != v || m[p] != m[p] ? Float.NaN : Math.max(m[p], v);
            }
        }
        for (int d = 0; d < n; d++) {
            int r = d * inner;
            for (int p = 0; p < inner; p++) {
                float t = x[xo + r + p] - m[p];
                float e = p < head ? FloatMath.exp(t) : GlibcFloatMath.expf(t);
                z[zo + r + p] = e;
                sum[p] += e;
            }
        }
        for (int d = 0; d < n; d++) {
            int r = zo + d * inner;
            for (int p = 0; p < inner; p++) {
                z[r + p] /= sum[p];
            }
        }
    }

    /** One outer slice of log_softmax, laid out as for {@link #softmaxFloats}. */
    private static void logFloats(float[] x, int xo, float[] z, int zo, int n, int inner, float[] m, float[] sum) {
        int head = inner - inner % FLOAT_LANES;
        java.util.Arrays.fill(m, 0, inner, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(sum, 0, inner, 0f);
        for (int d = 0; d < n; d++) {
            int r = xo + d * inner;
            for (int p = 0; p < inner; p++) {
                float v = x[r + p];
                m[p] = v > m[p] ? v : m[p]; // a NaN is passed over here and makes the sum NaN below
            }
        }
        for (int d = 0; d < n; d++) {
            int r = xo + d * inner;
            for (int p = 0; p < inner; p++) {
                float t = x[r + p] - m[p];
                sum[p] += p < head ? FloatMath.exp(t) : GlibcFloatMath.expf(t);
            }
        }
        for (int p = 0; p < inner; p++) {
            sum[p] = FloatMath.log(sum[p]);
        }
        for (int d = 0; d < n; d++) {
            int r = d * inner;
            for (int p = 0; p < inner; p++) {
                z[zo + r + p] = x[xo + r + p] - m[p] - sum[p];
            }
        }
    }

    /** float64: the same sequential sums, with DoubleMath's exp and log for every position. */
    private static void doubles(double[] x, int xo, double[] z, int zo, int n, int inner, boolean log, double[] m,
                                double[] sum) {
        java.util.Arrays.fill(m, 0, inner, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(sum, 0, inner, 0);
        for (int d = 0; d < n; d++) {
            int r = xo + d * inner;
            for (int p = 0; p < inner; p++) {
                double v = x[r + p];
                // softmax propagates a NaN through its max, log_softmax passes it over: either way the sum is NaN
                m[p] = log ? (v > m[p] ? v : m[p])
                    : d == 0 ? v : v != v || m[p] != m[p] ? Double.NaN : Math.max(m[p], v);
            }
        }
        for (int d = 0; d < n; d++) {
            int r = d * inner;
            for (int p = 0; p < inner; p++) {
                double e = DoubleMath.exp(x[xo + r + p] - m[p]);
                if (!log) {
                    z[zo + r + p] = e;
                }
                sum[p] += e;
            }
        }
        for (int p = 0; log && p < inner; p++) {
            sum[p] = DoubleMath.log(sum[p]);
        }
        for (int d = 0; d < n; d++) {
            int r = d * inner;
            for (int p = 0; p < inner; p++) {
                z[zo + r + p] = log ? x[xo + r + p] - m[p] - sum[p] : z[zo + r + p] / sum[p];
            }
        }
    }
}
