package org.workbook.backend.cpu;

import org.workbook.backend.Window2d;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Max and average pooling on the CPU, one plane (sample, channel) at a time, as torch's
 * CPU kernels loop: each window clipped to the input, a NaN taking the maximum, the
 * average's divisor by torch's rule. Values are read as double (exact for float32);
 * averages sum in double. Planes are spread over threads.
 */
final class Pool2d {
    private Pool2d() { }

    static void maxPool(Tensor x, Window2d g, Tensor y, Tensor indices) {
        boolean f = x.dtype() == DType.FLOAT32;
        long[] idx = indices.storage().longs();
        int plane = g.h() * g.w();
        int l = g.oh() * g.ow();
        planes(g, (p, xo, yo) -> {
            for (int oy = 0; oy < g.oh(); oy++) {
                int h0 = oy * g.sh() - g.padH();
                for (int ox = 0; ox < g.ow(); ox++) {
                    int w0 = ox * g.sw() - g.padW();
                    int hs = h0;
                    while (hs < 0) {
                        hs += g.dh();
                    }
                    int ws = w0;
                    while (ws < 0) {
                        ws += g.dw();
                    }
                    // a window with no element inside the input (dilation past a 1-pixel edge) keeps -inf, -1
                    int best = hs < g.h() && ws < g.w() ? hs * g.w() + ws : -1;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < g.kh(); i++) {
                        int ih = h0 + i * g.dh();
                        if (ih < 0 || ih >= g.h()) {
                            continue;
                        }
                        for (int j = 0; j < g.kw(); j++) {
                            int iw = w0 + j * g.dw();
                            if (iw < 0 || iw >= g.w()) {
                                continue;
                            }
                            double v = read(x, f, x.offset() + xo + ih * g.w() + iw);
                            if (v > max || v != v) {
                                max = v;
                                best = ih * g.w() + iw;
                            }
                        }
                    }
                    write(y, f, y.offset() + yo + oy * g.ow() + ox, max);
                    idx[indices.offset() + yo + oy * g.ow() + ox] = best;
                }
            }
        }, plane, l);
    }

    static void maxPoolBackward(Tensor gy, Tensor indices, Window2d g, Tensor gx) {
        boolean f = gx.dtype() == DType.FLOAT32;
        long[] idx = indices.storage().longs();
        int plane = g.h() * g.w();
        int l = g.oh() * g.ow();
        planes(g, (p, xo, yo) -> {
            clear(gx, f, gx.offset() + xo, plane);
            for (int k = 0; k < l; k++) {
                long i = idx[indices.offset() + yo + k];
                if (i < 0) {
                    continue;
                }
                int at = gx.offset() + xo + (int) i;
                write(gx, f, at, read(gx, f, at) + read(gy, f, gy.offset() + yo + k));
            }
        }, plane, l);
    }

    static void avgPool(Tensor x, Window2d g, boolean countIncludePad, int divisorOverride, Tensor y) {
        boolean f = x.dtype() == DType.FLOAT32;
        int plane = g.h() * g.w();
        int l = g.oh() * g.ow();
        planes(g, (p, xo, yo) -> {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int[] win = window(g, oy, ox);
                    double s = 0;
                    for (int ih = win[0]; ih < win[1]; ih++) {
                        for (int iw = win[2]; iw < win[3]; iw++) {
                            s += read(x, f, x.offset() + xo + ih * g.w() + iw);
                        }
                    }
                    write(y, f, y.offset() + yo + oy * g.ow() + ox, s / divisor(win, countIncludePad, divisorOverride));
                }
            }
        }, plane, l);
    }

    static void avgPoolBackward(Tensor gy, Window2d g, boolean countIncludePad, int divisorOverride, Tensor gx) {
        boolean f = gx.dtype() == DType.FLOAT32;
        int plane = g.h() * g.w();
        int l = g.oh() * g.ow();
        planes(g, (p, xo, yo) -> {
            clear(gx, f, gx.offset() + xo, plane);
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int[] win = window(g, oy, ox);
                    double share = read(gy, f, gy.offset() + yo + oy * g.ow() + ox)
                        / divisor(win, countIncludePad, divisorOverride);
                    for (int ih = win[0]; ih < win[1]; ih++) {
                        for (int iw = win[2]; iw < win[3]; iw++) {
                            int at = gx.offset() + xo + ih * g.w() + iw;
                            write(gx, f, at, read(gx, f, at) + share);
                        }
                    }
                }
            }
        }, plane, l);
    }

    /**
     * torch's average window for output (oy, ox): rows [h0, h1), columns [w0, w1) clipped to the
     * input, and the size of the window clipped to the padded input only (count_include_pad).
     */
    static int[] window(Window2d g, int oy, int ox) {
        int hs = oy * g.sh() - g.padH();
        int ws = ox * g.sw() - g.padW();
        int he = Math.min(hs + g.kh(), g.h() + g.padH());
        int we = Math.min(ws + g.kw(), g.w() + g.padW());
        int padded = (he - hs) * (we - ws);
        return new int[] {Math.max(hs, 0), Math.min(he, g.h()), Math.max(ws, 0), Math.min(we, g.w()), padded};
    }

    private static double divisor(int[] win, boolean countIncludePad, int divisorOverride) {
        if (divisorOverride != 0) {
            return divisorOverride;
        }
        return countIncludePad ? win[4] : (win[1] - win[0]) * (win[3] - win[2]);
    }

    @FunctionalInterface
    private interface PlaneBody {
        /** Plane p (sample·C + channel), its input offset xo and output offset yo (from the tensors' own offsets). */
        void run(int p, int xo, int yo);
    }

    private static void planes(Window2d g, PlaneBody body, int plane, int l) {
        int count = g.n() * g.c();
        long work = (long) count * l * g.kh() * g.kw();
        Parallel.range(count, Parallel.threadsFor(work), (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                body.run(p, p * plane, p * l);
            }
        });
    }

    private static double read(Tensor t, boolean f, int i) {
        return f ? t.storage().floats()[i] : t.storage().doubles()[i];
    }

    private static void write(Tensor t, boolean f, int i, double v) {
        if (f) {
            t.storage().floats()[i] = (float) v;
        } else {
            t.storage().doubles()[i] = v;
        }
    }

    private static void clear(Tensor t, boolean f, int from, int len) {
        if (f) {
            java.util.Arrays.fill(t.storage().floats(), from, from + len, 0f);
        } else {
            java.util.Arrays.fill(t.storage().doubles(), from, from + len, 0.0);
        }
    }
}
