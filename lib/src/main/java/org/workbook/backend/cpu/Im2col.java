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
 */
final class Im2col {
    private Im2col() { }

    static void im2col(Tensor x, Window2d g, Tensor cols) {
        boolean f = x.dtype() == DType.FLOAT32;
        Object src = x.storage().array();
        Object dst = cols.storage().array();
        int xo = x.offset();
        int co = cols.offset();
        int plane = g.h() * g.w();
        int l = g.oh() * g.ow();
        int rows = g.colsRows();
        long work = (long) rows * g.n() * l;
        Parallel.range(rows, Parallel.threadsFor(work), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int ch = r / (g.kh() * g.kw());
                int i = r / g.kw() % g.kh();
                int j = r % g.kw();
                int iw0 = j * g.dw() - g.padW();
                int a = firstInside(iw0, g.sw());
                int b = Math.max(a, endInside(iw0, g.sw(), g.w(), g.ow()));
                for (int n = 0; n < g.n(); n++) {
                    int base = xo + (n * g.c() + ch) * plane;
                    int d = co + (r * g.n() + n) * l;
                    for (int y = 0; y < g.oh(); y++, d += g.ow()) {
                        int ih = y * g.sh() - g.padH() + i * g.dh();
                        if (ih < 0 || ih >= g.h()) {
                            zero(dst, f, d, g.ow());
                            continue;
                        }
                        zero(dst, f, d, a);
                        copy(src, f, base + ih * g.w() + iw0 + a * g.sw(), g.sw(), dst, d + a, b - a);
                        zero(dst, f, d + b, g.ow() - b);
                    }
                }
            }
        });
    }

    static void col2im(Tensor cols, Window2d g, Tensor x) {
        boolean f = x.dtype() == DType.FLOAT32;
        Object src = cols.storage().array();
        Object dst = x.storage().array();
        int xo = x.offset();
        int co = cols.offset();
        int plane = g.h() * g.w();
        int l = g.oh() * g.ow();
        int kk = g.kh() * g.kw();
        long work = (long) g.colsRows() * g.n() * l;
        Parallel.range(g.c(), Parallel.threadsFor(work), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                for (int n = 0; n < g.n(); n++) {
                    zero(dst, f, xo + (n * g.c() + ch) * plane, plane);
                }
                for (int r = ch * kk; r < (ch + 1) * kk; r++) {
                    int i = r / g.kw() % g.kh();
                    int j = r % g.kw();
                    int iw0 = j * g.dw() - g.padW();
                    int a = firstInside(iw0, g.sw());
                    int b = Math.max(a, endInside(iw0, g.sw(), g.w(), g.ow()));
                    for (int n = 0; n < g.n(); n++) {
                        int base = xo + (n * g.c() + ch) * plane;
                        int s = co + (r * g.n() + n) * l;
                        for (int y = 0; y < g.oh(); y++, s += g.ow()) {
                            int ih = y * g.sh() - g.padH() + i * g.dh();
                            if (ih >= 0 && ih < g.h() && b > a) {
                                add(src, f, s + a, dst, base + ih * g.w() + iw0 + a * g.sw(), g.sw(), b - a);
                            }
                        }
                    }
                }
            }
        });
    }

    /** The first output column whose input column iw0 + o·s is >= 0. */
    static int firstInside(int iw0, int s) {
        return iw0 >= 0 ? 0 : (-iw0 + s - 1) / s;
    }

    /** One past the last output column (at most ow) whose input column iw0 + o·s is < w. */
    static int endInside(int iw0, int s, int w, int ow) {
        return iw0 >= w ? 0 : Math.min(ow, (w - 1 - iw0) / s + 1);
    }

    private static void zero(Object a, boolean f, int from, int len) {
        if (len <= 0) {
            return;
        }
        if (f) {
            Arrays.fill((float[]) a, from, from + len, 0f);
        } else {
            Arrays.fill((double[]) a, from, from + len, 0.0);
        }
    }

    /** dst[d + k] = src[s + k·step] for k < len. */
    private static void copy(Object src, boolean f, int s, int step, Object dst, int d, int len) {
        if (len <= 0) {
            return;
        }
        if (step == 1) {
            System.arraycopy(src, s, dst, d, len);
        } else if (f) {
            float[] from = (float[]) src;
            float[] to = (float[]) dst;
            for (int k = 0; k < len; k++) {
                to[d + k] = from[s + k * step];
            }
        } else {
            double[] from = (double[]) src;
            double[] to = (double[]) dst;
            for (int k = 0; k < len; k++) {
                to[d + k] = from[s + k * step];
            }
        }
    }

    /** dst[d + k·step] += src[s + k] for k < len. */
    private static void add(Object src, boolean f, int s, Object dst, int d, int step, int len) {
        if (f) {
            float[] from = (float[]) src;
            float[] to = (float[]) dst;
            for (int k = 0; k < len; k++) {
                to[d + k * step] += from[s + k];
            }
        } else {
            double[] from = (double[]) src;
            double[] to = (double[]) dst;
            for (int k = 0; k < len; k++) {
                to[d + k * step] += from[s + k];
            }
        }
    }
}
