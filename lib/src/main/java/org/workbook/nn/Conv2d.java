package org.workbook.nn;

import org.workbook.ops.ConvOptions;
import org.workbook.tensor.Tensor;

/**
 * A 2-D convolution layer, as torch.nn.Conv2d: weight [out, in/groups, kH, kW] and bias
 * [out], both uniform in ±1/√fan_in with fan_in = in/groups·kH·kW (torch's default
 * kaiming_uniform with a = √5, drawn from the same generator in the same order).
 *
 * <pre>{@code
 * jshell> new Conv2d(1, 8, 3, 2, 1)
 * $1 ==> Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
 * jshell> new Conv2d(1, 8, 3, 2, 1).apply(zeros(64, 1, 28, 28)).shape()
 * $2 ==> torch.Size([64, 8, 14, 14])
 * }</pre>
 */
public class Conv2d extends Module {
    public final Parameter weight;
    public final Parameter bias;
    private final int in;
    private final int out;
    private final int[] kernel;
    private final ConvOptions options;

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, true);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, ConvOptions.of(stride, padding), bias);
    }

    /** Every option: {@code new Conv2d(4, 8, 3, ConvOptions.same().withGroups(2), true)}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, ConvOptions options, boolean bias) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, options, bias);
    }

    public Conv2d(int inChannels, int outChannels, int[] kernelSize, ConvOptions options, boolean bias) {
        int g = options.groups();
        if (g <= 0) {
            throw new IllegalArgumentException("groups must be a positive integer");
        }
        if (inChannels % g != 0) {
            throw new IllegalArgumentException("in_channels must be divisible by groups");
        }
        if (outChannels % g != 0) {
            throw new IllegalArgumentException("out_channels must be divisible by groups");
        }
        if ("same".equals(options.paddingMode()) && (options.stride()[0] != 1 || options.stride()[1] != 1)) {
            throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
        }
        in = inChannels;
        out = outChannels;
        kernel = kernelSize.clone();
        this.options = options;
        int fanIn = inChannels / g * kernel[0] * kernel[1];
        double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0;
        weight = new Parameter(Linear.uniform(bound, outChannels, inChannels / g, kernel[0], kernel[1]));
        this.bias = bias ? new Parameter(Linear.uniform(bound, outChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.conv2d(x, weight, bias, options);
    }

    /** torch's extra_repr: stride always, the rest only when not the default. */
    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder(in + ", " + out + ", kernel_size=" + pair(kernel) + ", stride="
            + pair(options.stride()));
        if (options.paddingMode() != null) {
            s.append(", padding=").append(options.paddingMode());
        } else if (options.padding()[0] != 0 || options.padding()[1] != 0) {
            s.append(", padding=").append(pair(options.padding()));
        }
        if (options.dilation()[0] != 1 || options.dilation()[1] != 1) {
            s.append(", dilation=").append(pair(options.dilation()));
        }
        if (options.groups() != 1) {
            s.append(", groups=").append(options.groups());
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        return s.toString();
    }

    static String pair(int[] p) {
        return "(" + p[0] + ", " + p[1] + ")";
    }
}
