package org.workbook.ops;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Tensor;

/**
 * torch.nn.functional.conv2d on NCHW tensors, by im2col and one matrix product per
 * group: the windows of the zero-padded input are copied into columns
 * [groups, C/g·kh·kw, N·OH·OW] (a strided view, see {@link Windows}), multiplied by the
 * weight [groups, O/g, C/g·kh·kw], and the result is laid out as [N, O, OH, OW]. The
 * backward is the same product transposed: dW = dY · colsᵀ, dCols = Wᵀ · dY, and col2im
 * adds dCols back into the input one kernel offset at a time. One node,
 * ConvolutionBackward0, as torch.
 *
 * <pre>{@code
 * jshell> F.conv2d(ones(1, 1, 4, 4), ones(1, 1, 3, 3), null, ConvOptions.of(1, 0))
 * $1 ==> tensor([[[[9., 9.],
 *           [9., 9.]]]])
 * }</pre>
 */
public final class Conv {
    private Conv() { }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, ConvOptions o) {
        if (input.ndim() == 3) { // unbatched [C, H, W], as torch
            return conv2d(input.unsqueeze(0), weight, bias, o).squeeze(0);
        }
        ConvChecks.check(input, weight, bias, o);
        int n = input.size(0);
        int c = input.size(1);
        int g = o.groups();
        int out = weight.size(0);
        int kh = weight.size(2);
        int kw = weight.size(3);
        int[] pad = o.resolvedPadding(kh, kw);
        int oh = Windows.outSize(input.size(2), pad[0] + pad[1], kh, o.stride()[0], o.dilation()[0]);
        int ow = Windows.outSize(input.size(3), pad[2] + pad[3], kw, o.stride()[1], o.dilation()[1]);
        int k = c / g * kh * kw;
        Tensor cols;
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor xp = Windows.padded(input, pad[0], pad[1], pad[2], pad[3], 0.0);
            // [N, C, OH, OW, kh, kw] -> [g, C/g, kh, kw, N, OH, OW] -> columns [g, K, N*L] (the copy is the im2col)
            cols = Windows.windows(xp, kh, kw, oh, ow, o.stride()[0], o.stride()[1], o.dilation()[0], o.dilation()[1])
                .reshape(n, g, c / g, oh, ow, kh, kw).permute(1, 2, 5, 6, 0, 3, 4).reshape(g, k, n * oh * ow);
            Tensor w = weight.reshape(g, out / g, k);
            y = w.matmul(cols).view(g, out / g, n, oh, ow).permute(2, 0, 1, 3, 4).reshape(n, out, oh, ow);
            if (bias != null) {
                y.add_(bias.view(1, out, 1, 1));
            }
        }
        if (Node.needed(input, weight, bias)) {
            Tensor colsKept = cols;
            y.setGradFn(new Node("ConvolutionBackward0", input, weight, bias) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    // dY as [g, O/g, N*L], the layout of the forward's product
                    Tensor go = gy.reshape(n, g, out / g, oh * ow).permute(1, 2, 0, 3).reshape(g, out / g, n * oh * ow);
                    Tensor gw = weight.requiresGrad()
                        ? go.matmul(colsKept.transpose(1, 2)).reshape(weight.shapeArray()) : null;
                    // go is contiguous [g, O/g, N*L]: the bias gradient is one inner-dim reduction of it
                    Tensor gb = bias != null && bias.requiresGrad() ? go.sum(2).reshape(out) : null;
                    Tensor gx = input.requiresGrad() ? col2im(weight.reshape(g, out / g, k).transpose(1, 2).matmul(go),
                        input, kh, kw, oh, ow, pad, o) : null;
                    return new Tensor[] {gx, gw, gb};
                }
            }.saves(input, weight));
        }
        return y;
    }

    /** Adds columns [g, C/g·kh·kw, N·OH·OW] back into an input-shaped gradient (overlaps summed). */
    private static Tensor col2im(Tensor gcols, Tensor input, int kh, int kw, int oh, int ow, int[] pad, ConvOptions o) {
        int n = input.size(0);
        int c = input.size(1);
        int h = input.size(2);
        int w = input.size(3);
        int g = o.groups();
        Tensor grad = Tensor.zeros(input.dtype(), input.device(), n, c, h + pad[0] + pad[1], w + pad[2] + pad[3]);
        // dCols viewed as [g, C/g, kh, kw, N, OH, OW]; each kernel offset's slab, seen as [N, g, C/g, OH, OW],
        // is added straight into the input positions it was read from (no reordering copy)
        Tensor per = gcols.view(g, c / g, kh, kw, n, oh, ow);
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                Tensor target = Windows.atOffset(grad, i, j, oh, ow, o.stride()[0], o.stride()[1], o.dilation()[0],
                    o.dilation()[1]);
                target.view(n, g, c / g, oh, ow).add_(per.select(2, i).select(2, j).permute(2, 0, 1, 3, 4));
            }
        }
        return Windows.interior(grad, pad[0], pad[2], h, w).contiguous();
    }
}
