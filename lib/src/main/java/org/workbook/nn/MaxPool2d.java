package org.workbook.nn;

import org.workbook.ops.PoolOptions;
import org.workbook.tensor.Tensor;

/**
 * Max pooling over 2-D windows, as torch.nn.MaxPool2d (stride defaults to the kernel size).
 *
 * <pre>{@code
 * jshell> new MaxPool2d(2)
 * $1 ==> MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
 * }</pre>
 */
public class MaxPool2d extends Module {
    private final PoolOptions options;

    public MaxPool2d(int kernelSize) {
        this(PoolOptions.of(kernelSize));
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(PoolOptions.of(kernelSize, stride, padding));
    }

    public MaxPool2d(PoolOptions options) {
        this.options = options;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.maxPool2d(x, options);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + AvgPool2d.value(options.kernel()) + ", stride=" + AvgPool2d.value(options.stride())
            + ", padding=" + AvgPool2d.value(options.padding()) + ", dilation=" + AvgPool2d.value(options.dilation())
            + ", ceil_mode=" + (options.ceilMode() ? "True" : "False");
    }
}
