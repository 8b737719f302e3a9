package org.workbook.backend.cpu;

import org.workbook.backend.Window2d;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * A 2-D convolution and its backward on the CPU, a block of samples at a time: the block's
 * im2col columns go into one buffer small enough to stay in cache, one BLAS product per group
 * turns them into the block's outputs, and the backward rebuilds the same columns (as torch's
 * CPU convolution does, rather than keeping columns for the whole batch alive between the
 * passes). Columns for a whole batch were megabytes of fresh memory each pass (the JVM zeroes
 * a new array, about 0.1 ms per MB, before any work), then a permuting copy of the output into
 * [N, O, OH, OW]; a block of one sample needs neither, since W·cols of one sample already is
 * its [O, OH·OW] output. Blocks hold several samples when a sample has few output positions, so
 * the products stay wide enough for BLAS to be fast (the last layers of a CNN have 1 to 16).
 * Operands are contiguous [N, C, H, W] input, [O, C/groups, kh, kw] weight, [N, O, OH, OW]
 * output; float32 or float64.
 */
final class CpuConv {
    /**
     * Columns per product a block aims at: a BLAS call costs microseconds, so the 1-, 4- or 16-column
     * products of one sample in a CNN's last layers would be mostly call (blocks of 128 to 2048 columns
     * measured alike on the lesson's CNN).
     */
    private static final int TARGET_COLS = 512;
    /** Elements of the column buffer at most (512 KB of floats), so a block's columns stay in the core's cache. */
    private static final int MAX_BUFFER = 1 << 17;

    /**
     * Copies of one float whose sum in double is exact in any order (24 significant bits plus 29),
     * so {@link #backwardConstant}'s bias gradient can be v·N·L rather than the sum channelSum adds.
     */
    private static final long EXACT_COPIES = 1L << 29;

    private CpuConv() { }

    /** Samples per block: about TARGET_COLS columns, within MAX_BUFFER, at least one. */
    static int block(Window2d g) {
        long l = Math.max(1, g.oh() * g.ow());
        long perSample = Math.max(1, g.colsRows() * l);
        long nb = Math.min((TARGET_COLS + l - 1) / l, MAX_BUFFER / perSample);
        return (int) Math.max(1, Math.min(g.n(), nb));
    }

    /**
     * y = conv2d(x, w) + bias (bias may be null). With keep, what the backward's weight gradient
     * needs to get the columns back cheaply goes into a buffer from {@link ColumnPool} and is
     * returned (the batch's phase split on the phase walk, else its columns); else null.
     */
    static Object forward(Tensor x, Tensor w, Tensor bias, Window2d g, int groups, Tensor y, boolean keep) {
        boolean f = x.dtype() == DType.FLOAT32;
        int l = g.oh() * g.ow();
        int k = g.colsRows();
        int kg = k / groups;
        int o = w.size(0);
        int og = o / groups;
        int nb = block(g);
        Object xs = x.storage().array();
        Object ws = w.storage().array();
        Object ys = y.storage().array();
        float[] phases = phases(g, f, nb);
        // What the backward gets: on the phase walk the batch's phase split (the input's size; the columns
        // are 2.25 times it at stride 2, megabytes written and read back from memory), else its columns,
        // with one row more: netlib checks that a block's whole leading-dimension box lies in the array,
        // which for the last block's slice reaches a row's width past the end.
        boolean split = keep && phases != null;
        boolean wholeCols = keep && !split;
        Object kept = split ? ColumnPool.take(true, PhaseWindows.bufferLength(g, g.n()))
            : wholeCols ? ColumnPool.take(f, (k + 1) * g.n() * l) : null;
        float[] xt = transposed(g, f, nb);
        float[] fb = xt != null && bias != null ? floats(bias) : null;
        Object cols = wholeCols ? kept : alloc(f, k * nb * l);
        Object out = nb > 1 ? alloc(f, o * nb * l) : null;
        for (int n0 = 0; n0 < g.n(); n0 += nb) {
            int m = Math.min(nb, g.n() - n0);
            int cl = m * l;
            // the block's columns: a slice of the whole batch's when kept, else the block buffer itself
            int ld = wholeCols ? g.n() * l : cl;
            int cOff = wholeCols ? n0 * l : 0;
            boolean inner = inner(xt, g, m);
            if (inner) {
                SampleColumns.unfold(x.storage().floats(), x.offset(), g, n0, m, (float[]) cols, cOff, ld, xt);
            } else if (split) {
                PhaseWindows.split(x.storage().floats(), x.offset(), g, n0, m, (float[]) kept, n0);
                PhaseWindows.columns(g, m, (float[]) kept, n0, (float[]) cols, 0, cl);
            } else {
                unfold(x, g, n0, m, cols, cOff, ld, phases);
            }
            // One sample: the product lands in y itself, on top of the bias (beta 1). Several: in out
            // ([O, m·L]), then spread over the samples with the bias added.
            boolean direct = out == null;
            Object target = direct ? ys : out;
            int tOff = direct ? y.offset() + n0 * o * l : 0;
            // The bias first, under the product (beta 1): for one sample in y itself, for a block on the
            // phase walk in out's rows ([O, m·L], each row one fill), which then are plain copies into y.
            boolean under = bias != null && (direct || !inner);
            if (under) {
                int len = direct ? l : cl;
                for (int oc = 0; oc < o; oc++) {
                    fill(target, tOff + oc * len, len, bias.storage().getDouble(bias.offset() + oc));
                }
            }
            double beta = under ? 1 : 0;
            for (int gr = 0; gr < groups; gr++) {
                Gemm.gemm(false, false, og, cl, kg, ws, w.offset() + gr * og * kg, kg, cols, cOff + gr * kg * ld, ld,
                    beta, target, tOff + gr * og * cl, cl);
            }
            if (inner) {
                SampleColumns.toSamples((float[]) out, o, l, n0, m, (float[]) ys, y.offset(), fb);
            } else if (!direct) {
                for (int s = 0; s < m; s++) {
                    for (int oc = 0; oc < o; oc++) {
                        System.arraycopy(out, oc * cl + s * l, ys, y.offset() + ((n0 + s) * o + oc) * l, l);
                    }
                }
            }
        }
        release(wholeCols ? null : cols, out, phases, xt);
        return kept;
    }

    /**
     * The gradients of {@link #forward} for output gradient gy: gx [N, C, H, W], gw (the weight's
     * shape) and gb [O], each null when not wanted; all overwritten. kept: what the forward
     * returned (the batch's phase split or columns), or null to rebuild the columns from x.
     */
    static void backward(Tensor x, Tensor w, Tensor gy, Window2d g, int groups, Object kept, Tensor gx, Tensor gw,
                         Tensor gb) {
        if (gy.isContiguous()) {
            backwardContiguous(x, w, gy, g, groups, kept, gx, gw, gb, false, 0);
            return;
        }
        boolean f = x.dtype() == DType.FLOAT32;
        if (f && gy.numel() > 0 && broadcast(gy) && (long) g.n() * g.oh() * g.ow() < EXACT_COPIES) {
            backwardConstant(x, w, gy.storage().getDouble(gy.offset()), g, groups, kept, gx, gw, gb);
            return;
        }
        // A gradient with other strides goes into a pooled buffer, not a fresh contiguous copy: the JVM
        // zeroes a new array before it is written.
        Object buf = ColumnPool.take(f, gy.numel());
        Tensor dense = f ? Tensors.fromArray((float[]) buf, gy.shapeArray())
            : Tensors.fromArray((double[]) buf, gy.shapeArray());
        if (broadcast(gy)) {
            fill(buf, 0, gy.numel(), gy.numel() == 0 ? 0 : gy.storage().getDouble(gy.offset()));
        } else {
            Copy.copy(gy, dense);
        }
        try {
            backwardContiguous(x, w, dense, g, groups, kept, gx, gw, gb, false, 0);
        } finally {
            ColumnPool.give(buf);
        }
    }

    /**
     * The backward for a float32 output gradient whose every element is v (out.sum()'s one value
     * expanded): every block's gradient, as the products take it ([O, m·L]), is the same block of v,
     * so one block is filled once instead of the whole gradient written out (a megabyte a step in
     * the benchmark's conv layer) and copied block by block. The same products on the same values:
     * the bits of the contiguous gradient's backward.
     */
    private static void backwardConstant(Tensor x, Tensor w, double v, Window2d g, int groups, Object kept, Tensor gx,
                                         Tensor gw, Tensor gb) {
        int len = w.size(0) * block(g) * g.oh() * g.ow();
        float[] buf = (float[]) ColumnPool.take(true, len);
        java.util.Arrays.fill(buf, 0, len, (float) v);
        try {
            backwardContiguous(x, w, Tensors.fromArray(buf, len), g, groups, kept, gx, gw, gb, true, v);
        } finally {
            ColumnPool.give(buf);
        }
    }

    /** Whether every element of t is its first one (all strides 0: a value expanded). */
    private static boolean broadcast(Tensor t) {
        for (int d = 0; d < t.ndim(); d++) {
            if (t.stride(d) != 0 && t.size(d) > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * constant false: gy is the contiguous output gradient [N, O, OH, OW]. true: every element of the
     * gradient is v, and gy is one block of it as the products take it ([O, nb·L]), for every block.
     */
    private static void backwardContiguous(Tensor x, Tensor w, Tensor gy, Window2d g, int groups, Object kept,
                                           Tensor gx, Tensor gw, Tensor gb, boolean constant, double v) {
        boolean f = x.dtype() == DType.FLOAT32;
        int l = g.oh() * g.ow();
        int k = g.colsRows();
        int kg = k / groups;
        int o = w.size(0);
        int og = o / groups;
        int nb = block(g);
        int plane = g.h() * g.w();
        Object gys = gy.storage().array();
        Object ws = w.storage().array();
        float[] phases = phases(g, f, nb);
        // kept: the forward's phase split on the phase walk (see forward), else the batch's columns
        boolean split = kept != null && phases != null;
        boolean wholeCols = kept != null && !split;
        Object cols = gw == null ? null : wholeCols ? kept : alloc(f, k * nb * l);
        Object gcols = gx != null ? alloc(f, k * nb * l) : null;
        Object gblock = nb > 1 && !constant ? alloc(f, o * nb * l) : null;
        float[] xt = transposed(g, f, nb);
        double[] bsum = gb != null ? new double[o] : null;
        if (bsum != null && !constant) {
            PositionSums.channelSum(gy, bsum);
        } else if (bsum != null) {
            // channelSum's sum of N·L copies of a float, exact in double below EXACT_COPIES (0.0 + : its -0.0 is 0.0)
            java.util.Arrays.fill(bsum, 0.0 + v * ((long) g.n() * l));
        }
        for (int n0 = 0; n0 < g.n(); n0 += nb) {
            int m = Math.min(nb, g.n() - n0);
            int cl = m * l;
            // the block's output gradient as the forward's product had it: [O, m·L]
            Object gyb = gys;
            int gyOff = gy.offset() + n0 * o * l;
            boolean inner = inner(xt, g, m);
            if (constant) {
                gyOff = 0; // the block of v: its first m·L columns of each row, whatever the block
            } else if (inner) {
                SampleColumns.fromSamples((float[]) gys, gy.offset(), o, l, n0, m, (float[]) gblock);
                gyb = gblock;
                gyOff = 0;
            } else if (gblock != null) {
                for (int s = 0; s < m; s++) {
                    for (int oc = 0; oc < o; oc++) {
                        System.arraycopy(gys, gy.offset() + ((n0 + s) * o + oc) * l, gblock, oc * cl + s * l, l);
                    }
                }
                gyb = gblock;
                gyOff = 0;
            }
            if (gw != null) {
                int ld = wholeCols ? g.n() * l : cl;
                int cOff = wholeCols ? n0 * l : 0;
                if (split) {
                    PhaseWindows.columns(g, m, (float[]) kept, n0, (float[]) cols, 0, ld);
                } else if (kept == null && inner) {
                    SampleColumns.unfold(x.storage().floats(), x.offset(), g, n0, m, (float[]) cols, 0, ld, xt);
                } else if (kept == null) {
                    unfold(x, g, n0, m, cols, 0, ld, phases);
                }
                for (int gr = 0; gr < groups; gr++) {
                    Gemm.gemm(false, true, og, kg, cl, gyb, gyOff + gr * og * cl, cl, cols, cOff + gr * kg * ld, ld,
                        n0 == 0 ? 0 : 1, gw.storage().array(), gw.offset() + gr * og * kg, kg);
                }
            }
            if (gx != null) {
                for (int gr = 0; gr < groups; gr++) {
                    Gemm.gemm(true, false, kg, cl, og, ws, w.offset() + gr * og * kg, kg, gyb, gyOff + gr * og * cl,
                        cl, 0, gcols, gr * kg * cl, cl);
                }
                if (inner) {
                    SampleColumns.fold((float[]) gcols, g, n0, m, (float[]) gx.storage().array(), gx.offset(), xt);
                } else if (phases != null) {
                    PhaseWindows.fold((float[]) gcols, g, n0, m, (float[]) gx.storage().array(), gx.offset(), phases);
                } else {
                    fill(gx.storage().array(), gx.offset() + n0 * g.c() * plane, m * g.c() * plane, 0);
                    Im2col.fold(gcols, 0, g, n0, m, gx.storage().array(), gx.offset(), 0, g.c());
                }
            }
        }
        release(wholeCols ? null : cols, gcols, gblock, phases, xt);
        if (bsum != null) {
            for (int oc = 0; oc < o; oc++) {
                gb.storage().setDouble(gb.offset() + oc, bsum[oc]);
            }
        }
    }

    /**
     * The phase buffer when blocks go through the input's stride phases ({@link PhaseWindows}: float32,
     * a "same"-padded geometry, output rows long enough that walking samples innermost does not win).
     */
    private static float[] phases(Window2d g, boolean f, int nb) {
        return f && PhaseWindows.applies(g) && !Im2col.samplesInner(g, nb)
            ? (float[]) ColumnPool.take(true, PhaseWindows.bufferLength(g, nb)) : null;
    }

    /**
     * The transposed-input buffer when blocks walk samples innermost through {@link SampleColumns}
     * (float32 only; float64 keeps Im2col's walk), else null.
     */
    private static float[] transposed(Window2d g, boolean f, int nb) {
        return f && Im2col.samplesInner(g, nb) ? (float[]) ColumnPool.take(true, SampleColumns.bufferLength(g, nb))
            : null;
    }

    /** Whether a block of m samples goes through {@link SampleColumns} (decided per block: a short last one may not). */
    private static boolean inner(float[] xt, Window2d g, int m) {
        return xt != null && Im2col.samplesInner(g, m);
    }

    private static float[] floats(Tensor bias) {
        float[] b = new float[bias.numel()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) bias.storage().getDouble(bias.offset() + i);
        }
        return b;
    }

    private static void unfold(Tensor x, Window2d g, int n0, int m, Object cols, int cOff, int ld, float[] phases) {
        if (phases != null) {
            PhaseWindows.unfold(x.storage().floats(), x.offset(), g, n0, m, (float[]) cols, cOff, ld, phases);
        } else {
            Im2col.unfold(x.storage().array(), x.offset(), g, n0, m, cols, cOff, ld, 0, g.colsRows());
        }
    }

    /** A scratch buffer from the pool (any contents: every user overwrites what it reads). */
    private static Object alloc(boolean f, int len) {
        return ColumnPool.take(f, len);
    }

    /** Gives scratch buffers back to the pool (nulls skipped). */
    private static void release(Object... buffers) {
        for (Object b : buffers) {
            if (b != null) {
                ColumnPool.give(b);
            }
        }
    }

    private static void fill(Object a, int from, int len, double v) {
        if (a instanceof float[] x) {
            java.util.Arrays.fill(x, from, from + len, (float) v);
        } else {
            java.util.Arrays.fill((double[]) a, from, from + len, v);
        }
    }
}
