package org.workbook.backend.cpu;

import java.util.Arrays;

import org.workbook.backend.Window2d;

/**
 * im2col and col2im for a block of samples through the input's stride phases (space-to-depth),
 * float32. With stride s, the input element a window reads at kernel offset (i, j) for output
 * (y, x) lies in phase plane ((i·d - pad) mod s, (j·d - pad) mod s) of the input, at row
 * y + floor((i·d - pad)/s) and column x + floor((j·d - pad)/s): every kernel offset reads one
 * phase plane shifted. When a phase plane is exactly as wide as the output (a "same"-padded
 * convolution: 28x28 -> 14x14 at stride 2), the shifted plane is one contiguous run of memory,
 * so a column row of a sample is a single System.arraycopy instead of a stride-2 gather per
 * output row of 7 or 14 elements (whose loop overhead cost more than the copying), and col2im's
 * row is one vectorisable run of additions. Elements a shift moves across a row's edge (the
 * padding) are zeroed after the copy; before the additions they are set to -0.0, which adds
 * nothing to anything, so each input element receives its additions in the same order as
 * {@link Im2col#fold} gives them, and the same bits. Splitting the input into phases (and
 * the gradient back) is one strided pass, where the gather it replaces read each element
 * about kh·kw/(sh·sw) times.
 */
final class PhaseWindows {
    private PhaseWindows() { }

    /** Whether a phase plane is as wide as the output, which the contiguous runs need. */
    static boolean applies(Window2d g) {
        return g.ow() == ceilDiv(g.w(), g.sw()) && g.oh() > 0 && g.ow() > 0;
    }

    /** The length of a phase buffer for blocks of up to nb samples. */
    static int bufferLength(Window2d g, int nb) {
        return nb * g.c() * g.sh() * g.sw() * ph(g) * g.ow() + 2 * slack(g);
    }

    /**
     * Whether the split and its way back go through {@link SimdPhases}' permutations: stride 2 both
     * ways on an even-sized image (every phase exactly a quarter of it).
     */
    private static boolean permutes(Window2d g) {
        return Simd.ENABLED && g.sh() == 2 && g.sw() == 2 && g.h() % 2 == 0 && g.w() % 2 == 0;
    }

    private static int ph(Window2d g) {
        return ceilDiv(g.h(), g.sh());
    }

    /** Room before and after the planes for the widest column shift, so a shifted run stays inside the array. */
    private static int slack(Window2d g) {
        int s = 1;
        for (int j = 0; j < g.kw(); j++) {
            s = Math.max(s, Math.abs(Math.floorDiv(j * g.dw() - g.padW(), g.sw())) + 1);
        }
        return s;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * buf's phase planes [slots, C, sh, sw, Hp, Wp], slots slot..slot+m, from samples n0.. of x (zero
     * where a phase runs past the image), walking each image row once in memory order (all its phases
     * together: a strided walk per phase cost twice as much). buf: {@link #bufferLength}(g, slot + m)
     * at least; {@link CpuConv} keeps a whole batch's split for the backward (slot n0).
     */
    static void split(float[] x, int xo, Window2d g, int n0, int m, float[] buf, int slot) {
        int hp = ph(g);
        int wp = g.ow();
        int sh = g.sh();
        int sw = g.sw();
        int w = g.w();
        int planes = hp * wp;
        int slack = slack(g) + slot * g.c() * sh * sw * planes; // where slot 0's planes start
        if (g.h() % sh != 0 || w % sw != 0) {
            // some phases run past the image: those elements read as padding, 0
            Arrays.fill(buf, slack, slack + m * g.c() * sh * sw * planes, 0f);
        }
        if (permutes(g)) {
            int end = slack + m * g.c() * sh * sw * planes;
            for (int s = 0; s < m; s++) {
                for (int c = 0; c < g.c(); c++) {
                    SimdPhases.split(x, xo + ((n0 + s) * g.c() + c) * g.h() * w, g.h(), w, buf,
                        slack + (s * g.c() + c) * sh * sw * planes, planes, end);
                }
            }
            return;
        }
        for (int s = 0; s < m; s++) {
            for (int c = 0; c < g.c(); c++) {
                int at = slack + (s * g.c() + c) * sh * sw * planes;
                int src = xo + ((n0 + s) * g.c() + c) * g.h() * w;
                for (int h = 0; h < g.h(); h++) {
                    int row = at + h % sh * sw * planes + h / sh * wp; // phase (h mod sh, 0), row h / sh
                    int from = src + h * w;
                    if (sw == 2) {
                        int pairs = w / 2;
                        for (int xx = 0; xx < pairs; xx++) {
                            buf[row + xx] = x[from + 2 * xx];
                            buf[row + planes + xx] = x[from + 2 * xx + 1];
                        }
                        if (w % 2 != 0) {
                            buf[row + pairs] = x[from + w - 1];
                        }
                    } else {
                        for (int col = 0; col < w; col++) {
                            buf[row + col % sw * planes + col / sw] = x[from + col];
                        }
                    }
                }
            }
        }
    }

    /** The columns of samples n0..n0+m into dst: row r at co + r·ld, sample s of it at s·L further. */
    static void unfold(float[] x, int xo, Window2d g, int n0, int m, float[] dst, int co, int ld, float[] buf) {
        split(x, xo, g, n0, m, buf, 0);
        columns(g, m, buf, 0, dst, co, ld);
    }

    /**
     * The columns of the m samples {@link #split} put in buf's slots slot..slot+m, into dst as
     * {@link #unfold} writes them.
     */
    static void columns(Window2d g, int m, float[] buf, int slot, float[] dst, int co, int ld) {
        int slack = slack(g) + slot * g.c() * g.sh() * g.sw() * ph(g) * g.ow();
        int l = g.oh() * g.ow();
        int ow = g.ow();
        int hp = ph(g);
        int kk = g.kh() * g.kw();
        for (int r = 0; r < g.colsRows(); r++) {
            Shift t = new Shift(g, r / kk, r / g.kw() % g.kh(), r % g.kw(), hp);
            for (int s = 0; s < m; s++) {
                int d = co + r * ld + s * l;
                int plane = t.plane(g, s, hp, slack);
                // (most rows of a kernel offset need no zeros at all: tests, not empty fills and loops)
                if (t.y0 > 0) {
                    Arrays.fill(dst, d, d + t.y0 * ow, 0f);
                }
                if (t.y1 < g.oh()) {
                    Arrays.fill(dst, d + t.y1 * ow, d + l, 0f);
                }
                if (t.y1 > t.y0) {
                    System.arraycopy(buf, plane + (t.y0 + t.dy) * ow + t.dx, dst, d + t.y0 * ow, (t.y1 - t.y0) * ow);
                    if (t.x1 == t.x0 + 1) {
                        for (int y = t.y0, at = d + t.y0 * ow + t.x0; y < t.y1; y++, at += ow) {
                            dst[at] = 0f;
                        }
                    } else if (t.x1 > t.x0) {
                        for (int y = t.y0; y < t.y1; y++) {
                            Arrays.fill(dst, d + y * ow + t.x0, d + y * ow + t.x1, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * gx for samples n0..n0+m (overwritten) = col2im of the columns src (laid out as unfold writes
     * them with ld = m·L, from offset 0); src's padding elements are overwritten (it is scratch).
     */
    static void fold(float[] src, Window2d g, int n0, int m, float[] gx, int xo, float[] buf) {
        Arrays.fill(buf, 0f);
        int slack = slack(g);
        int l = g.oh() * g.ow();
        int ow = g.ow();
        int hp = ph(g);
        int kk = g.kh() * g.kw();
        for (int r = 0; r < g.colsRows(); r++) {
            Shift t = new Shift(g, r / kk, r / g.kw() % g.kh(), r % g.kw(), hp);
            for (int s = 0; s < m; s++) {
                int d = (r * m + s) * l;
                int plane = t.plane(g, s, hp, slack);
                if (t.y1 <= t.y0) {
                    continue;
                }
                if (t.x1 == t.x0 + 1) {
                    for (int y = t.y0, at = d + t.y0 * ow + t.x0; y < t.y1; y++, at += ow) {
                        src[at] = -0.0f;
                    }
                } else if (t.x1 > t.x0) {
                    for (int y = t.y0; y < t.y1; y++) {
                        Arrays.fill(src, d + y * ow + t.x0, d + y * ow + t.x1, -0.0f);
                    }
                }
                int to = plane + (t.y0 + t.dy) * ow + t.dx;
                int from = d + t.y0 * ow;
                int len = (t.y1 - t.y0) * ow;
                if (Simd.ENABLED) {
                    SimdAdd.addTo(buf, to, src, from, len);
                } else {
                    for (int k = 0; k < len; k++) {
                        buf[to + k] += src[from + k];
                    }
                }
            }
        }
        // back from the phases: every image element is exactly one phase element; image rows in memory order
        int planes = hp * ow;
        int sh = g.sh();
        int sw = g.sw();
        int w = g.w();
        if (permutes(g)) {
            int end = xo + (n0 + m) * g.c() * g.h() * w;
            for (int s = 0; s < m; s++) {
                for (int c = 0; c < g.c(); c++) {
                    SimdPhases.merge(buf, slack + (s * g.c() + c) * sh * sw * planes, planes, g.h(), w, gx,
                        xo + ((n0 + s) * g.c() + c) * g.h() * w, end);
                }
            }
            return;
        }
        for (int s = 0; s < m; s++) {
            for (int c = 0; c < g.c(); c++) {
                int at = slack + (s * g.c() + c) * sh * sw * planes;
                int dst = xo + ((n0 + s) * g.c() + c) * g.h() * w;
                for (int h = 0; h < g.h(); h++) {
                    int row = at + h % sh * sw * planes + h / sh * ow;
                    int to = dst + h * w;
                    if (sw == 2) {
                        int pairs = w / 2;
                        for (int xx = 0; xx < pairs; xx++) {
                            gx[to + 2 * xx] = buf[row + xx];
                            gx[to + 2 * xx + 1] = buf[row + planes + xx];
                        }
                        if (w % 2 != 0) {
                            gx[to + w - 1] = buf[row + pairs];
                        }
                    } else {
                        for (int col = 0; col < w; col++) {
                            gx[to + col] = buf[row + col % sw * planes + col / sw];
                        }
                    }
                }
            }
        }
    }

    /**
     * Where kernel offset (i, j) of channel c reads: phase (py, px), shift (dy, dx), the output rows
     * [y0, y1) whose input row is inside the phase plane, and the output columns [x0, x1) a shift
     * pushes across the plane's edge (padding; empty when dx is 0).
     */
    private static final class Shift {
        final int c;
        final int py;
        final int px;
        final int dy;
        final int dx;
        final int y0;
        final int y1;
        final int x0;
        final int x1;

        Shift(Window2d g, int c, int i, int j, int hp) {
            this.c = c;
            int oi = i * g.dh() - g.padH();
            int oj = j * g.dw() - g.padW();
            py = Math.floorMod(oi, g.sh());
            px = Math.floorMod(oj, g.sw());
            dy = Math.floorDiv(oi, g.sh());
            dx = Math.floorDiv(oj, g.sw());
            y0 = Math.min(g.oh(), Math.max(0, -dy));
            y1 = Math.max(y0, Math.min(g.oh(), hp - dy));
            x0 = dx < 0 ? 0 : Math.max(0, g.ow() - dx);
            x1 = dx < 0 ? Math.min(g.ow(), -dx) : g.ow();
        }

        int plane(Window2d g, int s, int hp, int slack) {
            return slack + (((s * g.c() + c) * g.sh() + py) * g.sw() + px) * hp * g.ow();
        }
    }
}
