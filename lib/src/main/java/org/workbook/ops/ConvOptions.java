package org.workbook.ops;

import java.util.Arrays;

/**
 * conv2d's keyword arguments (torch's stride, padding, dilation, groups), each pair
 * given as (height, width). {@code padding} is either numbers or torch's strings
 * "valid" (no padding) and "same" (output as large as the input; stride 1 only, any
 * odd total goes to the bottom/right as torch does).
 *
 * <pre>{@code
 * jshell> ConvOptions.of(2, 1)
 * $1 ==> ConvOptions[stride=(2, 2), padding=(1, 1), dilation=(1, 1), groups=1]
 * jshell> ConvOptions.same().withDilation(2)
 * $2 ==> ConvOptions[stride=(1, 1), padding=same, dilation=(2, 2), groups=1]
 * }</pre>
 */
public record ConvOptions(int[] stride, int[] padding, String paddingMode, int[] dilation, int groups) {
    public ConvOptions {
        stride = stride.clone();
        padding = padding == null ? null : padding.clone();
        dilation = dilation.clone();
        if (paddingMode != null && !paddingMode.equals("same") && !paddingMode.equals("valid")) {
            throw new IllegalArgumentException("Invalid padding string '" + paddingMode
                + "', should be one of {'valid', 'same'}");
        }
    }

    /** stride 1, no padding, as torch's defaults. */
    public static ConvOptions defaults() {
        return of(1, 0);
    }

    public static ConvOptions of(int stride, int padding) {
        return new ConvOptions(new int[] {stride, stride}, new int[] {padding, padding}, null, new int[] {1, 1}, 1);
    }

    public static ConvOptions of(int stride, int padding, int dilation, int groups) {
        return new ConvOptions(new int[] {stride, stride}, new int[] {padding, padding}, null,
            new int[] {dilation, dilation}, groups);
    }

    /** padding="same". */
    public static ConvOptions same() {
        return new ConvOptions(new int[] {1, 1}, null, "same", new int[] {1, 1}, 1);
    }

    /** padding="same" or "valid". */
    public static ConvOptions padding(String mode) {
        return new ConvOptions(new int[] {1, 1}, null, mode, new int[] {1, 1}, 1);
    }

    public ConvOptions withStride(int sh, int sw) {
        return new ConvOptions(new int[] {sh, sw}, padding, paddingMode, dilation, groups);
    }

    public ConvOptions withStride(int s) {
        return withStride(s, s);
    }

    public ConvOptions withPadding(int ph, int pw) {
        return new ConvOptions(stride, new int[] {ph, pw}, null, dilation, groups);
    }

    public ConvOptions withDilation(int dh, int dw) {
        return new ConvOptions(stride, padding, paddingMode, new int[] {dh, dw}, groups);
    }

    public ConvOptions withDilation(int d) {
        return withDilation(d, d);
    }

    public ConvOptions withGroups(int g) {
        return new ConvOptions(stride, padding, paddingMode, dilation, g);
    }

    /** (top, bottom, left, right) for a kernel of kh x kw. */
    int[] resolvedPadding(int kh, int kw) {
        if ("valid".equals(paddingMode)) {
            return new int[4];
        }
        if ("same".equals(paddingMode)) {
            int th = dilation[0] * (kh - 1);
            int tw = dilation[1] * (kw - 1);
            return new int[] {th / 2, th - th / 2, tw / 2, tw - tw / 2};
        }
        return new int[] {padding[0], padding[0], padding[1], padding[1]};
    }

    @Override
    public String toString() {
        return "ConvOptions[stride=" + pair(stride) + ", padding=" + (paddingMode != null ? paddingMode : pair(padding))
            + ", dilation=" + pair(dilation) + ", groups=" + groups + "]";
    }

    static String pair(int[] p) {
        return "(" + p[0] + ", " + p[1] + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvOptions c && Arrays.equals(stride, c.stride) && Arrays.equals(padding, c.padding)
            && java.util.Objects.equals(paddingMode, c.paddingMode) && Arrays.equals(dilation, c.dilation)
            && groups == c.groups;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stride) * 31 + Arrays.hashCode(dilation) + groups;
    }
}
