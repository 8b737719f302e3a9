package org.workbook.ops;

import org.workbook.tensor.Tensor;

/**
 * The sliding windows of a 2-D convolution or pooling as strided views, the one idea
 * behind im2col and col2im here: for a contiguous padded input [N, C, Hp, Wp], the
 * element at kernel offset (i, j) of output position (oh, ow) lives at row
 * oh·s + i·d and column ow·s + j·d. Viewing the storage with those strides gathers
 * every window without a copy (the copy that follows is the im2col); adding a
 * gradient into the same views, one kernel offset at a time, is col2im. Views and
 * in-place adds are backend primitives, so this runs on every device unchanged.
 */
final class Windows {
    private Windows() { }

    /** Output size along one dim: floor((n + padBefore + padAfter - d(k-1) - 1) / s) + 1, torch's formula. */
    static int outSize(int n, int padTotal, int k, int s, int d) {
        return Math.floorDiv(n + padTotal - d * (k - 1) - 1, s) + 1;
    }

    /**
     * x [N, C, H, W] copied into a contiguous [N, C, H + top + bottom, W + left + right] filled with
     * {@code fill} around it (zeros for convolutions, -inf for max pooling).
     */
    static Tensor padded(Tensor x, int top, int bottom, int left, int right, double fill) {
        if (top == 0 && bottom == 0 && left == 0 && right == 0 && x.isContiguous()) {
            return x;
        }
        int n = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        Tensor out = Tensor.empty(x.dtype(), x.device(), n, c, h + top + bottom, w + left + right);
        if (top + bottom + left + right > 0) {
            out.fill_(fill);
        }
        interior(out, top, left, h, w).copy_(x);
        return out;
    }

    /** The [N, C, h, w] block of a contiguous [N, C, Hp, Wp] tensor that starts at (top, left). */
    static Tensor interior(Tensor p, int top, int left, int h, int w) {
        int hp = p.size(2);
        int wp = p.size(3);
        return Tensor.asStrided(p, new int[] {p.size(0), p.size(1), h, w}, new int[] {p.size(1) * hp * wp, hp * wp, wp, 1},
            p.offset() + top * wp + left);
    }

    /**
     * The view [N, C, OH, OW] of a contiguous padded [N, C, Hp, Wp] holding, for every output
     * position, the element at kernel offset (i, j).
     */
    static Tensor atOffset(Tensor p, int i, int j, int oh, int ow, int sh, int sw, int dh, int dw) {
        int hp = p.size(2);
        int wp = p.size(3);
        return Tensor.asStrided(p, new int[] {p.size(0), p.size(1), oh, ow},
            new int[] {p.size(1) * hp * wp, hp * wp, sh * wp, sw}, p.offset() + i * dh * wp + j * dw);
    }

    /**
     * All windows of a contiguous padded [N, C, Hp, Wp] as the view [N, C, OH, OW, kh, kw]
     * (pooling reduces its last two dims).
     */
    static Tensor windows(Tensor p, int kh, int kw, int oh, int ow, int sh, int sw, int dh, int dw) {
        int hp = p.size(2);
        int wp = p.size(3);
        return Tensor.asStrided(p, new int[] {p.size(0), p.size(1), oh, ow, kh, kw},
            new int[] {p.size(1) * hp * wp, hp * wp, sh * wp, sw, dh * wp, dw}, p.offset());
    }
}
