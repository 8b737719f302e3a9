package org.workbook.backend.cpu;

import java.util.Arrays;

import org.workbook.backend.Window2d;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * im2col and col2im on the CPU: tight loops over contiguous arrays, one output row of a
 * window row at a time. The columns are [C, kh, kw, N, OH, OW]: row r = (c, i, j) holds, for
 * every sample and output position, the input element at kernel offset (i, j), so one BLAS
 * product per group consumes them as they lie. Each row's valid output columns (those whose
 * input column is inside the image) are found once, so the inner loop is a plain copy with
 * the stride's step and no bounds test. Rows (im2col) and channels (col2im, whose rows of one
 * channel write the same planes) are spread over threads.
 *
 * <p>{@link #unfold} and {@link #fold} do the same for a block of samples on raw arrays:
 * {@link CpuConv} walks the batch a few samples at a time through one small buffer that stays
 * in cache, instead of columns for the whole batch. Each is written once per element type so
 * the JIT compiles a float loop with no type test inside (an Object-typed copy per window row
 * cost more than the copying).
 */
final class Im2col {
    private Im2col() { }

    static void im2col(Tensor x, Window2d g, Tensor cols) {
        Object src = x.storage().array();
        Object dst = cols.storage().array();
        long work = (long) g.colsRows() * g.n() * g.oh() * g.ow();
        Parallel.range(g.colsRows(), Parallel.threadsFor(work),
            (lo, hi) -> unfold(src, x.offset(), g, 0, g.n(), dst, cols.offset(), g.colsCols(), lo, hi));
    }

    static void col2im(Tensor cols, Window2d g, Tensor x) {
        boolean f = x.dtype() == DType.FLOAT32;
        Object src = cols.storage().array();
        Object dst = x.storage().array();
        int plane = g.h() * g.w();
        long work = (long) g.colsRows() * g.n() * g.oh() * g.ow();
        Parallel.range(g.c(), Parallel.threadsFor(work), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                for (int n = 0; n < g.n(); n++) {
                    int from = x.offset() + (n * g.c() + ch) * plane;
                    if (f) {
                        Arrays.fill((float[]) dst, from, from + plane, 0f);
                    } else {
                        Arrays.fill((double[]) dst, from, from + plane, 0.0);
                    }
                }
            }
            fold(src, cols.offset(), g, 0, g.n(), dst, x.offset(), lo, hi);
        });
    }

    /**
     * Columns rows r0..r1 for samples n0..n0+nb: row r starts at co + r·ld, sample n0 + s of it at
     * s·OH·OW further (ld = nb·OH·OW for a block's own buffer, N·OH·OW for a slice of the whole
     * batch's columns); xo is where sample 0 of x starts.
     */
    static void unfold(Object src, int xo, Window2d g, int n0, int nb, Object dst, int co, int ld, int r0, int r1) {
        if (src instanceof float[] s) {
            unfold(s, xo, g, n0, nb, (float[]) dst, co, ld, r0, r1);
        } else {
            unfold((double[]) src, xo, g, n0, nb, (double[]) dst, co, ld, r0, r1);
        }
    }

    /** Adds the columns of channels c0..c1 (laid out as {@link #unfold} writes them) into x; no zeroing. */
    static void fold(Object src, int co, Window2d g, int n0, int nb, Object dst, int xo, int c0, int c1) {
        if (src instanceof float[] s) {
            fold(s, co, g, n0, nb, (float[]) dst, xo, c0, c1);
        } else {
            fold((double[]) src, co, g, n0, nb, (double[]) dst, xo, c0, c1);
        }
    }

    /**
     * Whether a block walks samples innermost: when a sample's output rows are short (the 4x4, 2x2,
     * 1x1 outputs of a CNN's last layers) and the block has many samples, a window row of one sample
     * is a copy of one to four elements whose bookkeeping costs more than the copy; across samples
     * the same element lies one sample further on, so the inner loop is long and has no test.
     */
    static boolean samplesInner(Window2d g, int nb) {
        return nb >= 2 * g.ow();
    }

    /** Where output position p = (oh, ow) reads at kernel offset (i, j) in its plane, or -1 in the padding. */
    private static int offset(Window2d g, int i, int j, int p) {
        int ih = p / g.ow() * g.sh() - g.padH() + i * g.dh();
        int iw = p % g.ow() * g.sw() - g.padW() + j * g.dw();
        return ih >= 0 && ih < g.h() && iw >= 0 && iw < g.w() ? ih * g.w() + iw : -1;
    }

    private static void unfold(float[] src, int xo, Window2d g, int n0, int nb, float[] dst, int co, int ld, int r0,
                               int r1) {
        if (samplesInner(g, nb)) {
            int l = g.oh() * g.ow();
            int plane = g.h() * g.w();
            int sample = g.c() * plane;
            for (int r = r0; r < r1; r++) {
                int kk = g.kh() * g.kw();
                int base = xo + (n0 * g.c() + r / kk) * plane;
                int i = r / g.kw() % g.kh();
                int j = r % g.kw();
                for (int p = 0; p < l; p++) {
                    int off = offset(g, i, j, p);
                    int d = co + r * ld + p;
                    if (off < 0) {
                        for (int n = 0; n < nb; n++) {
                            dst[d + n * l] = 0f;
                        }
                    } else {
                        for (int n = 0, s = base + off; n < nb; n++, s += sample) {
                            dst[d + n * l] = src[s];
                        }
                    }
                }
            }
            return;
        }
        int plane = g.h() * g.w();
        int ow = g.ow();
        int sw = g.sw();
        for (int r = r0; r < r1; r++) {
            int ch = r / (g.kh() * g.kw());
            int i = r / g.kw() % g.kh();
            int iw0 = r % g.kw() * g.dw() - g.padW();
            int a = firstInside(iw0, sw);
            int b = Math.max(a, endInside(iw0, sw, g.w(), ow));
            int d = co + r * ld;
            for (int n = n0; n < n0 + nb; n++) {
                int base = xo + (n * g.c() + ch) * plane + iw0;
                for (int y = 0; y < g.oh(); y++, d += ow) {
                    int ih = y * g.sh() - g.padH() + i * g.dh();
                    if (ih < 0 || ih >= g.h()) {
                        Arrays.fill(dst, d, d + ow, 0f);
                        continue;
                    }
                    for (int k = 0; k < a; k++) {
                        dst[d + k] = 0f;
                    }
                    int s = base + ih * g.w();
                    if (sw == 1) {
                        System.arraycopy(src, s + a, dst, d + a, b - a);
                    } else if (sw == 2) { // a constant step: C2 unrolls this one
                        for (int k = a; k < b; k++) {
                            dst[d + k] = src[s + 2 * k];
                        }
                    } else {
                        for (int k = a; k < b; k++) {
                            dst[d + k] = src[s + k * sw];
                        }
                    }
                    for (int k = b; k < ow; k++) {
                        dst[d + k] = 0f;
                    }
                }
            }
        }
    }

    private static void unfold(double[] src, int xo, Window2d g, int n0, int nb, double[] dst, int co, int ld,
                               int r0, int r1) {
        int plane = g.h() * g.w();
        int ow = g.ow();
        int sw = g.sw();
        for (int r = r0; r < r1; r++) {
            int ch = r / (g.kh() * g.kw());
            int i = r / g.kw() % g.kh();
            int iw0 = r % g.kw() * g.dw() - g.padW();
            int a = firstInside(iw0, sw);
            int b = Math.max(a, endInside(iw0, sw, g.w(), ow));
            int d = co + r * ld;
            for (int n = n0; n < n0 + nb; n++) {
                int base = xo + (n * g.c() + ch) * plane + iw0;
                for (int y = 0; y < g.oh(); y++, d += ow) {
                    int ih = y * g.sh() - g.padH() + i * g.dh();
                    if (ih < 0 || ih >= g.h()) {
                        Arrays.fill(dst, d, d + ow, 0.0);
                        continue;
                    }
                    for (int k = 0; k < a; k++) {
                        dst[d + k] = 0.0;
                    }
                    int s = base + ih * g.w();
                    for (int k = a; k < b; k++) {
                        dst[d + k] = src[s + k * sw];
                    }
                    for (int k = b; k < ow; k++) {
                        dst[d + k] = 0.0;
                    }
                }
            }
        }
    }

    private static void fold(float[] src, int co, Window2d g, int n0, int nb, float[] dst, int xo, int c0, int c1) {
        if (samplesInner(g, nb)) {
            int l = g.oh() * g.ow();
            int plane = g.h() * g.w();
            int sample = g.c() * plane;
            int kk = g.kh() * g.kw();
            for (int r = c0 * kk; r < c1 * kk; r++) {
                int base = xo + (n0 * g.c() + r / kk) * plane;
                int i = r / g.kw() % g.kh();
                int j = r % g.kw();
                for (int p = 0; p < l; p++) {
                    int off = offset(g, i, j, p);
                    if (off >= 0) {
                        int s = co + r * nb * l + p;
                        for (int n = 0, d = base + off; n < nb; n++, d += sample) {
                            dst[d] += src[s + n * l];
                        }
                    }
                }
            }
            return;
        }
        int plane = g.h() * g.w();
        int ow = g.ow();
        int sw = g.sw();
        int l = g.oh() * ow;
        int kk = g.kh() * g.kw();
        for (int r = c0 * kk; r < c1 * kk; r++) {
            int ch = r / kk;
            int i = r / g.kw() % g.kh();
            int iw0 = r % g.kw() * g.dw() - g.padW();
            int a = firstInside(iw0, sw);
            int b = Math.max(a, endInside(iw0, sw, g.w(), ow));
            if (b <= a) {
                continue;
            }
            for (int n = n0; n < n0 + nb; n++) {
                int base = xo + (n * g.c() + ch) * plane + iw0;
                int s = co + (r * nb + n - n0) * l;
                for (int y = 0; y < g.oh(); y++, s += ow) {
                    int ih = y * g.sh() - g.padH() + i * g.dh();
                    if (ih >= 0 && ih < g.h()) {
                        int d = base + ih * g.w();
                        if (sw == 2) { // a constant step: C2 unrolls this one
                            for (int k = a; k < b; k++) {
                                dst[d + 2 * k] += src[s + k];
                            }
                        } else {
                            for (int k = a; k < b; k++) {
                                dst[d + k * sw] += src[s + k];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void fold(double[] src, int co, Window2d g, int n0, int nb, double[] dst, int xo, int c0,
                             int c1) {
        int plane = g.h() * g.w();
        int ow = g.ow();
        int sw = g.sw();
        int l = g.oh() * ow;
        int kk = g.kh() * g.kw();
        for (int r = c0 * kk; r < c1 * kk; r++) {
            int ch = r / kk;
            int i = r / g.kw() % g.kh();
            int iw0 = r % g.kw() * g.dw() - g.padW();
            int a = firstInside(iw0, sw);
            int b = Math.max(a, endInside(iw0, sw, g.w(), ow));
            if (b <= a) {
                continue;
            }
            for (int n = n0; n < n0 + nb; n++) {
                int base = xo + (n * g.c() + ch) * plane + iw0;
                int s = co + (r * nb + n - n0) * l;
                for (int y = 0; y < g.oh(); y++, s += ow) {
                    int ih = y * g.sh() - g.padH() + i * g.dh();
                    if (ih >= 0 && ih < g.h()) {
                        int d = base + ih * g.w();
                        for (int k = a; k < b; k++) {
                            dst[d + k * sw] += src[s + k];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column iw0 + o·s is >= 0. */
    static int firstInside(int iw0, int s) {
        return iw0 >= 0 ? 0 : (-iw0 + s - 1) / s;
    }

    /** One past the last output column (at most ow) whose input column iw0 + o·s is < w. */
    static int endInside(int iw0, int s, int w, int ow) {
        return iw0 >= w ? 0 : Math.min(ow, (w - 1 - iw0) / s + 1);
    }
}
