package org.workbook.backend;

/**
 * Where the sliding windows of a 2-D convolution or pooling lie on an input [N, C, H, W]:
 * output position (oh, ow) reads, at kernel offset (i, j), input row oh·sh - padH + i·dh and
 * column ow·sw - padW + j·dw; positions outside the input are padding (zero for a
 * convolution, skipped by max pooling). Only the top and left padding place the windows;
 * the output size (oh, ow) already says how far they reach.
 *
 * <pre>{@code
 * jshell> new Window2d(64, 8, 28, 28, 3, 3, 14, 14, 1, 1, 2, 2, 1, 1).colsRows()
 * $1 ==> 72
 * }</pre>
 */
public record Window2d(int n, int c, int h, int w, int kh, int kw, int oh, int ow, int padH, int padW, int sh,
                       int sw, int dh, int dw) {
    public Window2d {
        if (n < 0 || c < 0 || h < 0 || w < 0 || kh <= 0 || kw <= 0 || oh < 0 || ow < 0 || sh <= 0 || sw <= 0
            || dh <= 0 || dw <= 0) {
            throw new IllegalArgumentException("Window2d: sizes must be >= 0 and kernel, stride, dilation > 0, got "
                + this);
        }
    }

    /** Rows of the im2col matrix: C·kh·kw. */
    public int colsRows() {
        return c * kh * kw;
    }

    /** Columns of the im2col matrix: N·OH·OW. */
    public int colsCols() {
        return n * oh * ow;
    }
}
