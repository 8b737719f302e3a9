package org.workbook.backend.cpu;

import java.util.Arrays;

import org.workbook.backend.Window2d;

/**
 * im2col/col2im for {@link CpuConv}'s float32 blocks that walk samples innermost ({@link
 * Im2col#samplesInner}: a CNN's late layers, 4x4 to 1x1 outputs, blocks of 32 to 128 samples),
 * with the block's columns ordered [k][position][sample] rather than [k][sample][position]. The
 * block's input is first transposed to [C·H·W][sample] (one pass over the input, which is smaller
 * than its columns), so each column run is one contiguous copy of the block's samples and col2im
 * one contiguous run of additions into a transposed gradient, copied over gx once (no zeroing
 * pass): Im2col's walk read and wrote one element a sample apart, which C2 cannot vectorise and
 * cost a quarter of lesson 05's CNN epoch. The product's columns come in the same order, so
 * CpuConv permutes the block's output and output gradient ({@link #toSamples}, {@link
 * #fromSamples}). Each input-gradient element gets the same additions in the same order as in
 * Im2col.fold, so the same bits.
 */
final class SampleColumns {
    /**
     * Samples per tile of the transposes: one cache line of floats on the sample-innermost side,
     * the same number of streams a sample apart on the other, so each line is touched in one go
     * (a whole sample at a time wrote each line of the transposed buffer up to 16 times, far apart).
     */
    private static final int TILE = 16;

    private SampleColumns() { }

    /** Elements of the transposed-input (and transposed-gradient) buffer for blocks of up to m samples. */
    static int bufferLength(Window2d g, int m) {
        return m * g.c() * g.h() * g.w();
    }

    /**
     * Writes samples n0..n0+m of x (contiguous [N, C, H, W] at xo) as columns [k][L][m]: row r at
     * dst[co + r·ld], position p's m samples at p·m within it. xt: a {@link #bufferLength} scratch buffer.
     */
    static void unfold(float[] x, int xo, Window2d g, int n0, int m, float[] dst, int co, int ld, float[] xt) {
        int sample = g.c() * g.h() * g.w();
        for (int n1 = 0; n1 < m; n1 += TILE) {
            int nt = Math.min(TILE, m - n1);
            int src = xo + (n0 + n1) * sample;
            for (int e = 0, t = n1; e < sample; e++, t += m) {
                for (int n = 0, s = src + e; n < nt; n++, s += sample) {
                    xt[t + n] = x[s];
                }
            }
        }
        int l = g.oh() * g.ow();
        int plane = g.h() * g.w();
        int kk = g.kh() * g.kw();
        for (int r = 0; r < g.colsRows(); r++) {
            int c = r / kk;
            int i = r / g.kw() % g.kh();
            int j = r % g.kw();
            for (int p = 0, d = co + r * ld; p < l; p++, d += m) {
                int off = offset(g, i, j, p);
                if (off < 0) {
                    Arrays.fill(dst, d, d + m, 0f);
                } else {
                    System.arraycopy(xt, (c * plane + off) * m, dst, d, m);
                }
            }
        }
    }

    /**
     * Overwrites samples n0..n0+m of gx (contiguous [N, C, H, W] at xo) with the col2im of cols laid
     * out as {@link #unfold} writes them (row r at r·m·L). gt: a {@link #bufferLength} scratch buffer.
     */
    static void fold(float[] cols, Window2d g, int n0, int m, float[] gx, int xo, float[] gt) {
        int sample = g.c() * g.h() * g.w();
        Arrays.fill(gt, 0, m * sample, 0f);
        int l = g.oh() * g.ow();
        int plane = g.h() * g.w();
        int kk = g.kh() * g.kw();
        for (int r = 0; r < g.colsRows(); r++) {
            int c = r / kk;
            int i = r / g.kw() % g.kh();
            int j = r % g.kw();
            for (int p = 0, s = r * m * l; p < l; p++, s += m) {
                int off = offset(g, i, j, p);
                if (off >= 0) {
                    add(gt, (c * plane + off) * m, cols, s, m);
                }
            }
        }
        for (int n1 = 0; n1 < m; n1 += TILE) {
            int nt = Math.min(TILE, m - n1);
            int dst = xo + (n0 + n1) * sample;
            for (int e = 0, t = n1; e < sample; e++, t += m) {
                for (int n = 0, d = dst + e; n < nt; n++, d += sample) {
                    gx[d] = gt[t + n];
                }
            }
        }
    }

    /**
     * y's samples n0..n0+m ([N, O, L] at yo) from the block's product out ([O][L][m]), plus bias[oc]
     * (null: none) added in float as CpuConv's copyAdd does.
     */
    static void toSamples(float[] out, int o, int l, int n0, int m, float[] y, int yo, float[] bias) {
        int cl = m * l;
        int ys = o * l; // one sample of y
        for (int s1 = 0; s1 < m; s1 += TILE) {
            int nt = Math.min(TILE, m - s1);
            for (int oc = 0; oc < o; oc++) {
                int d0 = yo + ((n0 + s1) * o + oc) * l;
                for (int p = 0, src = oc * cl + s1; p < l; p++, src += m) {
                    if (bias == null) {
                        for (int s = 0, d = d0 + p; s < nt; s++, d += ys) {
                            y[d] = out[src + s];
                        }
                    } else {
                        float b = bias[oc];
                        for (int s = 0, d = d0 + p; s < nt; s++, d += ys) {
                            y[d] = out[src + s] + b;
                        }
                    }
                }
            }
        }
    }

    /** The block's output gradient as its product had it ([O][L][m]) from gy's samples n0..n0+m ([N, O, L] at go). */
    static void fromSamples(float[] gy, int go, int o, int l, int n0, int m, float[] gb) {
        int cl = m * l;
        int ys = o * l; // one sample of gy
        for (int s1 = 0; s1 < m; s1 += TILE) {
            int nt = Math.min(TILE, m - s1);
            for (int oc = 0; oc < o; oc++) {
                int src0 = go + ((n0 + s1) * o + oc) * l;
                for (int p = 0, d = oc * cl + s1; p < l; p++, d += m) {
                    for (int s = 0, src = src0 + p; s < nt; s++, src += ys) {
                        gb[d + s] = gy[src];
                    }
                }
            }
        }
    }

    private static void add(float[] dst, int d, float[] src, int s, int len) {
        if (Simd.ENABLED) {
            SimdAdd.addTo(dst, d, src, s, len);
        } else {
            for (int k = 0; k < len; k++) {
                dst[d + k] += src[s + k];
            }
        }
    }

    /** Where output position p = (oh, ow) reads at kernel offset (i, j) in its plane, or -1 in the padding. */
    private static int offset(Window2d g, int i, int j, int p) {
        int ih = p / g.ow() * g.sh() - g.padH() + i * g.dh();
        int iw = p % g.ow() * g.sw() - g.padW() + j * g.dw();
        return ih >= 0 && ih < g.h() && iw >= 0 && iw < g.w() ? ih * g.w() + iw : -1;
    }
}
