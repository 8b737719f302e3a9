package org.workbook.nn;

import org.workbook.tensor.Tensor;

/**
 * Average pooling to a fixed output size whatever the input's, as torch.nn.AdaptiveAvgPool2d;
 * {@code new AdaptiveAvgPool2d(1)} is the global average pool at the end of a CNN.
 *
 * <pre>{@code
 * jshell> new AdaptiveAvgPool2d(1).apply(ones(2, 3, 7, 5)).shape()
 * $1 ==> torch.Size([2, 3, 1, 1])
 * }</pre>
 */
public class AdaptiveAvgPool2d extends Module {
    private final int oh;
    private final int ow;

    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        oh = outH;
        ow = outW;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.adaptiveAvgPool2d(x, oh, ow);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + AvgPool2d.value(new int[] {oh, ow});
    }
}
