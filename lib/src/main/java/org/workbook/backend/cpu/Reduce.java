package org.workbook.backend.cpu;

import org.workbook.backend.ReduceOp;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/**
 * Reductions over any set of dimensions of a strided tensor. The kept dimensions
 * are walked with an odometer; the reduced ones are merged into one strided run
 * when the layout allows (the usual case: reducing trailing dims of a contiguous
 * tensor), else their offsets are listed once and reused for every output.
 * Floating sums accumulate in double, integral ones in long.
 */
final class Reduce {
    private Reduce() { }

    /** The reduced part of a tensor: either one run (n, stride) or a list of offsets. */
    private static final class Plan {
        int[] kShape;
        int[] kStride;
        int count;
        int runStride;
        int[] offsets; // null when the reduced elements form one strided run
    }

    private static Plan plan(Tensor a, int[] dims) {
        int[] shape = a.shapeArray();
        int[] st = a.strideArray();
        boolean[] red = new boolean[shape.length];
        for (int d : dims) {
            red[d] = true;
        }
        int nk = shape.length - dims.length;
        Plan p = new Plan();
        p.kShape = new int[nk];
        p.kStride = new int[nk];
        int[] rShape = new int[dims.length];
        int[] rStride = new int[dims.length];
        int ki = 0;
        int ri = 0;
        for (int i = 0; i < shape.length; i++) {
            if (red[i]) {
                rShape[ri] = shape[i];
                rStride[ri++] = st[i];
            } else {
                p.kShape[ki] = shape[i];
                p.kStride[ki++] = st[i];
            }
        }
        // Merge reduced dims laid out back to back; drop size-1 ones.
        int[] ms = new int[dims.length];
        int[] mst = new int[dims.length];
        int m = 0;
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            count *= rShape[i];
            if (rShape[i] == 1) {
                continue;
            }
            if (m > 0 && mst[m - 1] == rStride[i] * rShape[i]) {
                ms[m - 1] *= rShape[i];
                mst[m - 1] = rStride[i];
            } else {
                ms[m] = rShape[i];
                mst[m++] = rStride[i];
            }
        }
        p.count = (int) count;
        if (m <= 1) {
            p.runStride = m == 0 ? 0 : mst[0];
        } else {
            p.offsets = new int[p.count];
            int[] idx = new int[m];
            int off = 0;
            for (int j = 0; j < p.count; j++) {
                p.offsets[j] = off;
                for (int d = m - 1; d >= 0; d--) {
                    idx[d]++;
                    off += mst[d];
                    if (idx[d] < ms[d]) {
                        break;
                    }
                    off -= mst[d] * ms[d];
                    idx[d] = 0;
                }
            }
        }
        return p;
    }

    /** Calls body(outIndex, base offset in a) for each output element, in row-major order. */
    private static void forEachOutput(Tensor a, Plan p, java.util.function.IntBinaryOperator body) {
        int nk = p.kShape.length;
        int nOut = 1;
        for (int d : p.kShape) {
            nOut *= d;
        }
        int[] idx = new int[nk];
        int base = a.offset();
        for (int j = 0; j < nOut; j++) {
            body.applyAsInt(j, base);
            for (int d = nk - 1; d >= 0; d--) {
                idx[d]++;
                base += p.kStride[d];
                if (idx[d] < p.kShape[d]) {
                    break;
                }
                base -= p.kStride[d] * p.kShape[d];
                idx[d] = 0;
            }
        }
    }

    private static int at(Plan p, int base, int i) {
        return p.offsets == null ? base + i * p.runStride : base + p.offsets[i];
    }

    static void reduce(ReduceOp op, Tensor a, int[] dims, Tensor out) {
        if ((op == ReduceOp.SUM || op == ReduceOp.MEAN) && a.dtype().isFloatingPoint() && a.numel() > 0) {
            sumFloating(a, dims, out, op == ReduceOp.MEAN);
            return;
        }
        if (Simd.ENABLED && RowReduce.extremes(op, a, dims, out)) {
            return;
        }
        Plan p = plan(a, dims);
        Storage s = a.storage();
        Storage o = out.storage();
        boolean integral = a.dtype().isIntegral();
        float[] f = s.dtype() == org.workbook.tensor.DType.FLOAT32 ? s.floats() : null;
        int n = p.count;
        forEachOutput(a, p, (j, base) -> {
            switch (op) {
                case SUM: case MEAN:
                    if (integral && op == ReduceOp.SUM) {
                        long acc = 0;
                        for (int i = 0; i < n; i++) { acc += s.getLong(at(p, base, i)); }
                        o.setLong(j, acc);
                    } else {
                        double acc = 0;
                        if (f != null && p.offsets == null) {
                            int rs = p.runStride;
                            for (int i = 0; i < n; i++) { acc += f[base + i * rs]; }
                        } else {
                            for (int i = 0; i < n; i++) { acc += s.getDouble(at(p, base, i)); }
                        }
                        o.setDouble(j, op == ReduceOp.MEAN ? acc / n : acc);
                    }
                    break;
                case PROD:
                    if (integral) {
                        long acc = 1;
                        for (int i = 0; i < n; i++) { acc *= s.getLong(at(p, base, i)); }
                        o.setLong(j, acc);
                    } else {
                        double acc = 1;
                        for (int i = 0; i < n; i++) { acc *= s.getDouble(at(p, base, i)); }
                        o.setDouble(j, acc);
                    }
                    break;
                case MAX: case MIN: case ARGMAX: case ARGMIN: {
                    boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
                    int best = 0;
                    if (integral) {
                        // Compared as longs: through double, int64 values past 2^53 could tie or swap.
                        long lb = s.getLong(at(p, base, 0));
                        for (int i = 1; i < n; i++) {
                            long v = s.getLong(at(p, base, i));
                            if (max ? v > lb : v < lb) {
                                lb = v;
                                best = i;
                            }
                        }
                        o.setLong(j, op == ReduceOp.MAX || op == ReduceOp.MIN ? lb : best);
                        break;
                    }
                    double bv = s.getDouble(at(p, base, 0));
                    for (int i = 1; i < n && bv == bv; i++) {
                        double v = s.getDouble(at(p, base, i));
                        // NaN wins, as in torch; ties keep the first index.
                        if (v != v || (max ? v > bv : v < bv)) {
                            bv = v;
                            best = i;
                        }
                    }
                    if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
                        o.setLong(j, best);
                    } else {
                        o.setDouble(j, bv);
                    }
                    break;
                }
                case ALL: {
                    boolean r = true;
                    for (int i = 0; i < n && r; i++) { r = s.getDouble(at(p, base, i)) != 0; }
                    o.setLong(j, r ? 1 : 0);
                    break;
                }
                case ANY: {
                    boolean r = false;
                    for (int i = 0; i < n && !r; i++) { r = s.getDouble(at(p, base, i)) != 0; }
                    o.setLong(j, r ? 1 : 0);
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown reduction " + op);
            }
            return 0;
        });
    }

    /**
     * Floating sums by walking the input in memory order with the accumulator's
     * stride 0 on reduced dims: summing over rows (dim 0) becomes row-by-row
     * additions into a double buffer the JIT vectorises, and summing along a
     * contiguous last dim a straight run.
     */
    private static void sumFloating(Tensor a, int[] dims, Tensor out, boolean mean) {
        if (Simd.ENABLED && a.dtype() == org.workbook.tensor.DType.FLOAT32 && RowReduce.sum(a, dims, out, mean)) {
            return;
        }
        int[] shape = a.shapeArray();
        int nd = shape.length;
        boolean[] red = new boolean[nd];
        int count = 1;
        for (int d : dims) {
            red[d] = true;
            count *= shape[d];
        }
        int[] accStride = new int[nd];
        int s = 1;
        for (int i = nd - 1; i >= 0; i--) {
            if (!red[i]) {
                accStride[i] = s;
                s *= shape[i];
            }
        }
        double[] acc = new double[s];
        boolean simd = Simd.ENABLED;
        if (a.dtype() == org.workbook.tensor.DType.FLOAT32) {
            float[] x = a.storage().floats();
            StridedLoop.forEachSerial(shape, accStride, 0, a.strideArray(), a.offset(), (o0, s0, o1, s1, o2, s2, n) -> {
                if (s0 == 0 && s1 == 1) {
                    acc[o0] += simd ? SimdSum.run(x, o1, n) : run(x, o1, n);
                } else if (s0 == 0) {
                    double t = 0;
                    for (int i = 0; i < n; i++) { t += x[o1 + i * s1]; }
                    acc[o0] += t;
                } else if (s0 == 1 && s1 == 1) {
                    if (simd) {
                        SimdSum.addTo(acc, o0, x, o1, n);
                    } else {
                        for (int i = 0; i < n; i++) { acc[o0 + i] += x[o1 + i]; }
                    }
                } else {
                    for (int i = 0; i < n; i++) { acc[o0 + i * s0] += x[o1 + i * s1]; }
                }
            });
        } else {
            double[] x = a.storage().doubles();
            StridedLoop.forEachSerial(shape, accStride, 0, a.strideArray(), a.offset(), (o0, s0, o1, s1, o2, s2, n) -> {
                if (s0 == 0 && s1 == 1) {
                    acc[o0] += simd ? SimdSum.run(x, o1, n) : run(x, o1, n);
                } else if (s0 == 0) {
                    double t = 0;
                    for (int i = 0; i < n; i++) { t += x[o1 + i * s1]; }
                    acc[o0] += t;
                } else if (s0 == 1 && s1 == 1) {
                    if (simd) {
                        SimdSum.addTo(acc, o0, x, o1, n);
                    } else {
                        for (int i = 0; i < n; i++) { acc[o0 + i] += x[o1 + i]; }
                    }
                } else {
                    for (int i = 0; i < n; i++) { acc[o0 + i * s0] += x[o1 + i * s1]; }
                }
            });
        }
        Storage o = out.storage();
        boolean single = out.dtype() == org.workbook.tensor.DType.FLOAT32;
        for (int j = 0; j < acc.length; j++) {
            o.setDouble(j, mean ? mean(acc[j], count, single) : acc[j]);
        }
    }

    /**
     * A mean as torch's CPU mean takes it: the sum in the output's dtype, then divided in it (a float32
     * sum past 3.4e38 is inf, and so is its mean; and the quotient is rounded once from the float sum).
     */
    static double mean(double sum, int count, boolean float32) {
        return float32 ? (double) ((float) sum / (float) count) : sum / count;
    }

    /**
     * x[from] + ... + x[from + n - 1] in eight independent double accumulators. One accumulator
     * makes every add wait for the previous one (4 cycles); eight keep the adders busy: about 3x
     * faster on x.sum(1) of a 256 x 784 batch. The order of the additions changes, the precision
     * (double) does not.
     */
    static double run(float[] x, int from, int n) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int i = from;
        int end = from + n;
        for (; i + 8 <= end; i += 8) {
            a0 += x[i];
            a1 += x[i + 1];
            a2 += x[i + 2];
            a3 += x[i + 3];
            a4 += x[i + 4];
            a5 += x[i + 5];
            a6 += x[i + 6];
            a7 += x[i + 7];
        }
        for (; i < end; i++) {
            a0 += x[i];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    static double run(double[] x, int from, int n) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int i = from;
        int end = from + n;
        for (; i + 8 <= end; i += 8) {
            a0 += x[i];
            a1 += x[i + 1];
            a2 += x[i + 2];
            a3 += x[i + 3];
            a4 += x[i + 4];
            a5 += x[i + 5];
            a6 += x[i + 6];
            a7 += x[i + 7];
        }
        for (; i < end; i++) {
            a0 += x[i];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    /**
     * Two-pass variance (mean first, then squared deviations), divided by n - correction:
     * {@link Moments} for contiguous float tensors reduced over adjacent dims, else this walk.
     */
    static void variance(Tensor a, int[] dims, int correction, Tensor out) {
        if (Moments.variance(a, dims, correction, out)) {
            return;
        }
        Plan p = plan(a, dims);
        Storage s = a.storage();
        Storage o = out.storage();
        int n = p.count;
        forEachOutput(a, p, (j, base) -> {
            double mean = 0;
            for (int i = 0; i < n; i++) { mean += s.getDouble(at(p, base, i)); }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = s.getDouble(at(p, base, i)) - mean;
                ss += d * d;
            }
            o.setDouble(j, ss / Math.max(0, n - correction));
            return 0;
        });
    }
}
