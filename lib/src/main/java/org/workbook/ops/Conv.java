package org.workbook.ops;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.LayerKernels;
import org.workbook.backend.Window2d;
import org.workbook.tensor.Tensor;

/**
 * torch.nn.functional.conv2d on NCHW tensors, by im2col and one matrix product per
 * group: the backend's im2col ({@link org.workbook.backend.WindowKernels}) copies the
 * windows of the zero-padded input into columns [groups, C/g·kh·kw, N·OH·OW], which are
 * multiplied by the weight [groups, O/g, C/g·kh·kw], and the result is laid out as
 * [N, O, OH, OW]. The backward is the same product transposed: dW = dY · colsᵀ,
 * dCols = Wᵀ · dY, and the backend's col2im sums dCols back into the input. One node,
 * ConvolutionBackward0, as torch. A backend with {@link LayerKernels} (the CPU) does the
 * forward and the backward in one call each, a few samples at a time.
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
        Window2d geo = new Window2d(n, c, input.size(2), input.size(3), kh, kw, oh, ow, pad[0], pad[2],
            o.stride()[0], o.stride()[1], o.dilation()[0], o.dilation()[1]);
        if (input.backend() instanceof LayerKernels lk && n > 0 && c > 0 && out > 0 && oh > 0 && ow > 0) {
            return fused(lk, input, weight, bias, geo, g);
        }
        Tensor cols;
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            cols = Tensor.empty(input.dtype(), input.device(), g, k, n * oh * ow);
            Windows.kernels(input).im2col(input.contiguous(), geo, cols);
            Tensor w = weight.reshape(g, out / g, k);
            // [g, O/g, N, OH·OW] -> [N, O, OH, OW]
            y = w.matmul(cols).view(g, out / g, n, oh * ow).permute(2, 0, 1, 3).reshape(n, out, oh, ow);
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
                    Tensor gx = null;
                    if (input.requiresGrad()) {
                        Tensor gcols = weight.reshape(g, out / g, k).transpose(1, 2).matmul(go).contiguous();
                        gx = Tensor.empty(input.dtype(), input.device(), input.shapeArray());
                        Windows.kernels(input).col2im(gcols, geo, gx);
                    }
                    return new Tensor[] {gx, gw, gb};
                }
            }.saves(input, weight));
        }
        return y;
    }

    private static Tensor fused(LayerKernels lk, Tensor input, Tensor weight, Tensor bias, Window2d geo, int groups) {
        Tensor x;
        Tensor w;
        Tensor y = Tensor.empty(input.dtype(), input.device(), geo.n(), weight.size(0), geo.oh(), geo.ow());
        boolean graph = Node.needed(input, weight, bias);
        Object kept;
        try (GradMode.Scope s = GradMode.noGrad()) { // contiguous copies as data, not graph
            x = input.contiguous();
            w = weight.contiguous();
            // the columns stay for the weight gradient, and go back when autograd frees the node
            kept = lk.conv2d(x, w, bias == null ? null : bias.contiguous(), geo, groups, y,
                graph && weight.requiresGrad());
        }
        if (graph) {
            y.setGradFn(new Node("ConvolutionBackward0", input, weight, bias) {
                private Object cols = kept;

                @Override
                protected void freed() {
                    if (cols != null) {
                        lk.conv2dRelease(cols);
                        cols = null;
                    }
                }

                @Override
                protected Tensor[] backward(Tensor gy) {
                    Tensor gx = input.requiresGrad() ? Tensor.empty(input.dtype(), input.device(), input.shapeArray())
                        : null;
                    Tensor gw = weight.requiresGrad() ? Tensor.empty(w.dtype(), w.device(), w.shapeArray()) : null;
                    Tensor gb = bias != null && bias.requiresGrad()
                        ? Tensor.empty(bias.dtype(), bias.device(), bias.shapeArray()) : null;
                    lk.conv2dBackward(x, w, gy, geo, groups, cols, gx, gw, gb); // gy as it comes (see LayerKernels)
                    // new arrays held by no one else: a leaf keeps them as its grad without a copy
                    return new Tensor[] {fresh(gx), fresh(gw), fresh(gb)};
                }
            }.saves(input, weight));
        }
        return y;
    }
}
