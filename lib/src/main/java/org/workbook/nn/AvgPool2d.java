package org.workbook.nn;

import org.workbook.ops.PoolOptions;
import org.workbook.tensor.Tensor;

/**
 * Average pooling over 2-D windows, as torch.nn.AvgPool2d (stride defaults to the kernel
 * size; padding counts in the divisor unless count_include_pad is off).
 *
 * <pre>{@code
 * jshell> new AvgPool2d(2)
 * $1 ==> AvgPool2d(kernel_size=2, stride=2, padding=0)
 * }</pre>
 */
public class AvgPool2d extends Module {
    private final PoolOptions options;

    public AvgPool2d(int kernelSize) {
        this(PoolOptions.of(kernelSize));
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(PoolOptions.of(kernelSize, stride, padding));
    }

    public AvgPool2d(PoolOptions options) {
        this.options = options;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.avgPool2d(x, options);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + value(options.kernel()) + ", stride=" + value(options.stride()) + ", padding="
            + value(options.padding());
    }

    /** An int when both dims agree (as the layer was most likely built), else torch's tuple. */
    static String value(int[] p) {
        return p[0] == p[1] ? Integer.toString(p[0]) : "(" + p[0] + ", " + p[1] + ")";
    }
}
