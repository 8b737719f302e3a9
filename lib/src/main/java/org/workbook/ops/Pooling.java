package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * max_pool2d and avg_pool2d over the strided window views of {@link Windows}: the
 * windows [N, C, OH, OW, kh·kw] reduced by max (keeping where) or sum. Backwards add
 * the output gradient into each kernel offset's view: only where that offset held the
 * maximum (selected with where, as torch routes gradients) or divided by the window's
 * divisor. Nodes are named as torch's: MaxPool2DWithIndicesBackward0, AvgPool2DBackward0.
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
        int[] pad = bufferPadding(o, h, w, oh, ow, dh, dw);
        Tensor y;
        Tensor where = null;
        Tensor divisor = null;
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor xp = Windows.padded(input, pad[0], pad[1], pad[2], pad[3], max ? Double.NEGATIVE_INFINITY : 0.0);
            Tensor win = Windows.windows(xp, kh, kw, oh, ow, sh, sw, dh, dw).reshape(n, c, oh, ow, kh * kw);
            if (max) {
                var vi = win.max(-1);
                y = vi.values();
                where = vi.indices();
            } else {
                divisor = divisors(o, h, w, oh, ow).to(input.device(), input.dtype());
                y = win.sum(-1).div(divisor);
            }
        }
        if (Node.needed(input)) {
            Tensor at = where;
            Tensor div = divisor;
            y.setGradFn(new Node(max ? "MaxPool2DWithIndicesBackward0" : "AvgPool2DBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor grad = Tensor.zeros(g.dtype(), g.device(), n, c, h + pad[0] + pad[1], w + pad[2] + pad[3]);
                    Tensor share = max ? null : g.div(div);
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            Tensor add = max ? Grads.select(at.eq((long) i * kw + j), g) : share;
                            Windows.atOffset(grad, i, j, oh, ow, sh, sw, dh, dw).add_(add);
                        }
                    }
                    return new Tensor[] {Windows.interior(grad, pad[0], pad[2], h, w).contiguous()};
                }
            }.saves(input));
        }
        return y;
    }

    /** (top, bottom, left, right) padding of the buffer the windows are read from: ceil_mode may need extra. */
    private static int[] bufferPadding(PoolOptions o, int h, int w, int oh, int ow, int dh, int dw) {
        int ph = o.padding()[0];
        int pw = o.padding()[1];
        int bottom = Math.max(ph, (oh - 1) * o.stride()[0] + dh * (o.kernel()[0] - 1) + 1 - h - ph);
        int right = Math.max(pw, (ow - 1) * o.stride()[1] + dw * (o.kernel()[1] - 1) + 1 - w - pw);
        return new int[] {ph, bottom, pw, right};
    }

    /**
     * avg_pool2d's divisor per output position, as torch computes it: the window clipped to
     * the padded input (count_include_pad) or to the input itself, or divisor_override.
     */
    private static Tensor divisors(PoolOptions o, int h, int w, int oh, int ow) {
        double[] rows = counts(o, 0, h, oh);
        double[] cols = counts(o, 1, w, ow);
        double[] d = new double[oh * ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                d[i * ow + j] = o.divisorOverride() != 0 ? o.divisorOverride() : rows[i] * cols[j];
            }
        }
        return Tensors.fromArray(d, oh, ow);
    }

    private static double[] counts(PoolOptions o, int dim, int n, int out) {
        int k = o.kernel()[dim];
        int s = o.stride()[dim];
        int p = o.padding()[dim];
        double[] c = new double[out];
        for (int i = 0; i < out; i++) {
            int start = i * s - p;
            int end = Math.min(start + k, n + p);
            int size = end - start;
            start = Math.max(start, 0);
            end = Math.min(end, n);
            c[i] = o.countIncludePad() ? size : end - start;
        }
        return c;
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
