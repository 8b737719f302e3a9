package org.workbook.ops;

/**
 * max_pool2d/avg_pool2d's arguments, pairs as (height, width): kernel_size, stride
 * (torch's default: the kernel size), padding, dilation (max pooling only), ceil_mode,
 * and for average pooling count_include_pad and divisor_override (0: none).
 *
 * <pre>{@code
 * jshell> PoolOptions.of(2)
 * $1 ==> PoolOptions[kernel=(2, 2), stride=(2, 2), padding=(0, 0), dilation=(1, 1), ceilMode=false, ...]
 * }</pre>
 */
public record PoolOptions(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
        boolean countIncludePad, int divisorOverride) {

    public static PoolOptions of(int kernel) {
        return of(kernel, kernel, 0);
    }

    public static PoolOptions of(int kernel, int stride, int padding) {
        return new PoolOptions(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
            new int[] {1, 1}, false, true, 0);
    }

    public PoolOptions withKernel(int kh, int kw) {
        return new PoolOptions(new int[] {kh, kw}, stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    public PoolOptions withStride(int sh, int sw) {
        return new PoolOptions(kernel, new int[] {sh, sw}, padding, dilation, ceilMode, countIncludePad,
            divisorOverride);
    }

    public PoolOptions withPadding(int ph, int pw) {
        return new PoolOptions(kernel, stride, new int[] {ph, pw}, dilation, ceilMode, countIncludePad,
            divisorOverride);
    }

    public PoolOptions withDilation(int d) {
        return withDilation(d, d);
    }

    public PoolOptions withDilation(int dh, int dw) {
        return new PoolOptions(kernel, stride, padding, new int[] {dh, dw}, ceilMode, countIncludePad,
            divisorOverride);
    }

    public PoolOptions withCeilMode(boolean on) {
        return new PoolOptions(kernel, stride, padding, dilation, on, countIncludePad, divisorOverride);
    }

    public PoolOptions withCountIncludePad(boolean on) {
        return new PoolOptions(kernel, stride, padding, dilation, ceilMode, on, divisorOverride);
    }

    public PoolOptions withDivisorOverride(int d) {
        return new PoolOptions(kernel, stride, padding, dilation, ceilMode, countIncludePad, d);
    }

    /** torch's pooling_output_shape: with ceil_mode the last window may hang over, but must start inside. */
    int outSize(int dim, int n) {
        int k = kernel[dim];
        int s = stride[dim];
        int p = padding[dim];
        int d = dilation[dim];
        int out = Math.floorDiv(n + 2 * p - d * (k - 1) - 1 + (ceilMode ? s - 1 : 0), s) + 1;
        if (ceilMode && (out - 1) * s >= n + p) {
            out--;
        }
        return out;
    }

    @Override
    public String toString() {
        return "PoolOptions[kernel=" + ConvOptions.pair(kernel) + ", stride=" + ConvOptions.pair(stride)
            + ", padding=" + ConvOptions.pair(padding) + ", dilation=" + ConvOptions.pair(dilation)
            + ", ceilMode=" + ceilMode + ", countIncludePad=" + countIncludePad + ", divisorOverride="
            + divisorOverride + "]";
    }
}
