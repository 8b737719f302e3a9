package org.workbook.backend.cpu;

import org.workbook.tensor.DType;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/**
 * var over any dims of a contiguous float32/float64 tensor whose reduced dims are adjacent:
 * as [A, R, B] with R the reduced elements. Two passes in double, the mean first and then
 * Σ(x - mean)², so a large common offset (1e4 + N(0, 1)) costs nothing (a one-pass Σx² - n·mean²
 * would cancel it away). B == 1 (trailing dims: each output one contiguous row of R): each pass
 * in {@link #LANES} double accumulators, element i of a block of 32 to accumulator i, folded by
 * {@link #fold}, the tail added one by one, through {@link SimdMoments} when the CPU has 512-
 * or 256-bit vectors, else these scalar loops, in the same order: the same bits. B > 1 (leading or middle
 * dims): the B columns of each of the A slices summed down their R rows, position by position
 * in row order ({@link PositionSums}' kernels, as batch norm's statistics), the same order on
 * both paths. Reduced dims on both sides of one block of kept ones (a batch's per-channel variance
 * over (0, 2, 3)) go through batch norm's statistics. Any other layout answers false and
 * {@link Reduce} walks it.
 *
 * <pre>{@code
 * jshell> Tensors.tensor(new float[][] {{1, 2, 3, 4}, {10001, 10002, 10003, 10004}}).var(1)
 * $1 ==> tensor([1.6667, 1.6667])
 * }</pre>
 */
final class Moments {
    /** Logical accumulators of a row's sums. */
    static final int LANES = 32;

    private Moments() { }

    /** out = var of a over dims (dims ascending) / (count - correction); false when the layout is not handled here. */
    static boolean variance(Tensor a, int[] dims, int correction, Tensor out) {
        int k = dims.length;
        if (!a.isContiguous() || !out.isContiguous() || k == 0 || a.numel() == 0
                || !(a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64)) {
            return false;
        }
        if (dims[k - 1] - dims[0] != k - 1) {
            return around(a, dims, correction, out);
        }
        int[] shape = a.shapeArray();
        int slices = lead(shape, dims[0]);
        int b = trailing(shape, dims[k - 1] + 1);
        int r = a.numel() / slices / b; // numel > 0
        double divisor = Math.max(0, r - correction);
        Object x = a.storage().array();
        Storage o = out.storage();
        int oo = out.offset();
        if (b == 1) {
            Parallel.range(slices, Parallel.threadsFor(a.numel()), (lo, hi) -> {
                double[] scratch = new double[LANES];
                for (int row = lo; row < hi; row++) {
                    int from = a.offset() + row * r;
                    double mean = rowSum(x, from, r, 0, false, scratch) / r;
                    o.setDouble(oo + row, rowSum(x, from, r, mean, true, scratch) / divisor);
                }
            });
            return true;
        }
        Parallel.range(b, Parallel.threadsFor(a.numel()), (lo, hi) -> {
            double[] mean = new double[b];
            double[] sq = new double[b];
            for (int s = 0; s < slices; s++) {
                int from = a.offset() + s * r * b;
                java.util.Arrays.fill(mean, lo, hi, 0);
                java.util.Arrays.fill(sq, lo, hi, 0);
                PositionSums.add(x, from, b, r, mean, lo, hi);
                for (int j = lo; j < hi; j++) {
                    mean[j] /= r;
                }
                PositionSums.addSquares(x, from, b, r, mean, sq, lo, hi);
                for (int j = lo; j < hi; j++) {
                    o.setDouble(oo + s * b + j, sq[j] / divisor);
                }
            }
        });
        return true;
    }

    /**
     * The reduced dims on both sides of one block of kept ones, [N, C, L] reduced over N and L (a
     * batch's per-channel variance over dims (0, 2, 3)): {@link PositionSums#meanAndSquares}, as
     * batch norm's statistics. False when the kept dims are not one block.
     */
    private static boolean around(Tensor a, int[] dims, int correction, Tensor out) {
        int[] shape = a.shapeArray();
        int k0 = 0;
        while (k0 < dims.length && dims[k0] == k0) {
            k0++; // dims [0, k0) reduced, then the kept block from k0
        }
        int k1 = dims[k0]; // the kept block is [k0, k1); non-adjacent dims leave k0 < dims.length
        if (dims[dims.length - 1] != shape.length - 1) {
            return false; // a kept dim at the end
        }
        for (int i = k0; i < dims.length; i++) {
            if (dims[i] != k1 + i - k0) {
                return false; // a kept dim after the block
            }
        }
        int n = lead(shape, k0);
        int l = trailing(shape, k1);
        int c = a.numel() / n / l;
        double divisor = Math.max(0, n * l - correction);
        double[][] mq = PositionSums.meanAndSquares(a.storage().array(), a.offset(), n, c, l);
        for (int ch = 0; ch < c; ch++) {
            out.storage().setDouble(out.offset() + ch, mq[1][ch] / divisor);
        }
        return true;
    }

    /** The product of shape[0, to). */
    private static int lead(int[] shape, int to) {
        int p = 1;
        for (int d = 0; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    /** The product of shape[from, rank). */
    private static int trailing(int[] shape, int from) {
        int p = 1;
        for (int d = from; d < shape.length; d++) {
            p *= shape[d];
        }
        return p;
    }

    /** Σ x (squares false) or Σ (x - centre)² over x[from, from + n), a float[] or double[]. */
    private static double rowSum(Object x, int from, int n, double centre, boolean squares, double[] acc) {
        if (Simd.ENABLED && SimdMoments.WIDE) {
            if (x instanceof float[] f) {
                return squares ? SimdMoments.squares(f, from, n, centre, acc) : SimdMoments.sum(f, from, n, acc);
            }
            double[] d = (double[]) x;
            return squares ? SimdMoments.squares(d, from, n, centre, acc) : SimdMoments.sum(d, from, n, acc);
        }
        if (Simd.ENABLED && SimdMoments.NARROW) {
            if (x instanceof float[] f) {
                return squares ? SimdMoments.squares256(f, from, n, centre, acc) : SimdMoments.sum256(f, from, n, acc);
            }
            double[] d = (double[]) x;
            return squares ? SimdMoments.squares256(d, from, n, centre, acc) : SimdMoments.sum256(d, from, n, acc);
        }
        java.util.Arrays.fill(acc, 0);
        int i = from;
        int end = from + n;
        if (x instanceof float[] f) {
            for (; i + LANES <= end; i += LANES) {
                for (int m = 0; m < LANES; m++) {
                    double d = squares ? f[i + m] - centre : f[i + m];
                    acc[m] += squares ? d * d : d;
                }
            }
        } else {
            double[] v = (double[]) x;
            for (; i + LANES <= end; i += LANES) {
                for (int m = 0; m < LANES; m++) {
                    double d = squares ? v[i + m] - centre : v[i + m];
                    acc[m] += squares ? d * d : d;
                }
            }
        }
        double s = fold(acc);
        for (; i < end; i++) {
            double d = squares ? (x instanceof float[] f ? f[i] : ((double[]) x)[i]) - centre
                : (x instanceof float[] f ? f[i] : ((double[]) x)[i]);
            s += squares ? d * d : d;
        }
        return s;
    }

    /**
     * The 32 accumulators to one sum, in the order of the vector code: lane m of the four
     * 8-lane vectors added as (v0 + v1) + (v2 + v3), then the eight lanes from 0 to 7.
     */
    static double fold(double[] acc) {
        double s = 0;
        for (int m = 0; m < 8; m++) {
            s += (acc[m] + acc[8 + m]) + (acc[16 + m] + acc[24 + m]);
        }
        return s;
    }
}
