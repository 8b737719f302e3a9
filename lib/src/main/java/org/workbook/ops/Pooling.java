package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.Window2d;
import org.workbook.backend.WindowKernels;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * max_pool2d and avg_pool2d by the backend's pooling loops ({@link WindowKernels}): each
 * window clipped to the input, max keeping the position of its maximum (torch's indices),
 * avg dividing by torch's divisor (count_include_pad, divisor_override, ceil_mode's clipped
 * windows). Backwards route each output gradient to its window's maximum, or spread it,
 * divided, over the window. Nodes are named as torch's: MaxPool2DWithIndicesBackward0,
 * AvgPool2DBackward0.
 *
 * <pre>{@code
 * jshell> F.maxPool2d(arange(16).view(1, 1, 4, 4).toFloat(), 2)
 * $1 ==> tensor([[[[ 5.,  7.],
 *           [13., 15.]]]])
 * }</pre>
 */
public final class Pooling {
    private Pooling() { }

    public static Tensor maxPool2d(Tensor x, PoolOptions o) {
        return pool(x, o, true);
    }

    public static Tensor avgPool2d(Tensor x, PoolOptions o) {
        return pool(x, o, false);
    }

    private static Tensor pool(Tensor input, PoolOptions o, boolean max) {
        if (input.ndim() == 3) {
            return pool(input.unsqueeze(0), o, max).squeeze(0);
        }
        String name = max ? "max_pool2d" : "avg_pool2d";
        check(input, o, name);
        int n = input.size(0);
        int c = input.size(1);
        int h = input.size(2);
        int w = input.size(3);
        int kh = o.kernel()[0];
        int kw = o.kernel()[1];
        int oh = o.outSize(0, h);
        int ow = o.outSize(1, w);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("Given input size: (" + c + "x" + h + "x" + w + "). Calculated output "
                + "size: (" + c + "x" + oh + "x" + ow + "). Output size is too small (use a smaller kernel or add "
                + "padding)");
        }
        int sh = o.stride()[0];
        int sw = o.stride()[1];
        int dh = max ? o.dilation()[0] : 1;
        int dw = max ? o.dilation()[1] : 1;
        Window2d geo = new Window2d(n, c, h, w, kh, kw, oh, ow, o.padding()[0], o.padding()[1], sh, sw, dh, dw);
        WindowKernels kernels = Windows.kernels(input);
        Tensor y = Tensor.empty(input.dtype(), input.device(), n, c, oh, ow);
        Tensor where = max ? Tensor.empty(DType.INT64, input.device(), n, c, oh, ow) : null;
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor xc = input.contiguous();
            if (max) {
                kernels.maxPool(xc, geo, y, where);
            } else {
                kernels.avgPool(xc, geo, o.countIncludePad(), o.divisorOverride(), y);
            }
        }
        if (Node.needed(input)) {
            Tensor at = where;
            y.setGradFn(new Node(max ? "MaxPool2DWithIndicesBackward0" : "AvgPool2DBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = Tensor.empty(g.dtype(), g.device(), n, c, h, w);
                    if (max) {
                        kernels.maxPoolBackward(g.contiguous(), at, geo, gx);
                    } else {
                        kernels.avgPoolBackward(g.contiguous(), geo, o.countIncludePad(), o.divisorOverride(), gx);
                    }
                    return new Tensor[] {gx};
                }
            }.saves(input));
        }
        return y;
    }

    private static void check(Tensor x, PoolOptions o, String name) {
        if (x.ndim() != 4) {
            throw new IllegalArgumentException("non-empty 3D or 4D (batch mode) tensor expected for input, but got "
                + "a " + x.ndim() + "-D tensor of shape " + Arrays.toString(x.shapeArray()) + " (" + name
                + " takes [N, C, H, W] or [C, H, W])");
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + name + "\" not implemented for '"
                + Reductions.kernelTypeName(x.dtype()) + "' (convert first: x.toFloat())");
        }
        for (int i = 0; i < 2; i++) {
            if (o.kernel()[i] <= 0) {
                throw new IllegalArgumentException("kernel size should be greater than zero, but got kH: "
                    + o.kernel()[0] + " kW: " + o.kernel()[1]);
            }
            if (o.stride()[i] <= 0) {
                throw new IllegalArgumentException("stride should be greater than zero, but got dH: " + o.stride()[0]
                    + " dW: " + o.stride()[1]);
            }
            if (o.dilation()[i] <= 0) {
                throw new IllegalArgumentException("dilation should be greater than zero, but got dilationH: "
                    + o.dilation()[0] + " dilationW: " + o.dilation()[1]);
            }
            if (o.padding()[i] < 0 || o.padding()[i] > o.kernel()[i] / 2) {
                throw new IllegalArgumentException("pad should be at most half of kernel size, but got pad="
                    + o.padding()[i] + " and kernel_size=" + o.kernel()[i]);
            }
        }
    }
}
