package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Tensor;

/**
 * torch.nn.functional.pad in "constant" mode: {@code pad} lists (before, after) pairs
 * starting from the last dim, as torch; negative amounts crop. The input lands in a
 * block of a new tensor filled with the value; the backward reads that block back.
 *
 * <pre>{@code
 * jshell> F.pad(ones(1, 2), new int[] {1, 2})
 * $1 ==> tensor([[0., 1., 1., 0., 0.]])
 * }</pre>
 */
public final class Padding {
    private Padding() { }

    public static Tensor pad(Tensor x, int[] pad, double value) {
        if (pad.length % 2 != 0) {
            throw new IllegalArgumentException("Padding length must be divisible by 2 (pairs of before, after)");
        }
        if (pad.length / 2 > x.ndim()) {
            throw new IllegalArgumentException("Padding length too large: " + pad.length + " values pad "
                + pad.length / 2 + " dims, but the input has " + x.ndim());
        }
        int nd = x.ndim();
        int[] shape = x.shapeArray().clone();
        int[] before = new int[nd];
        for (int i = 0; i < pad.length / 2; i++) {
            int d = nd - 1 - i;
            before[d] = pad[2 * i];
            shape[d] += pad[2 * i] + pad[2 * i + 1];
            if (shape[d] < 0) {
                throw new IllegalArgumentException("The input size " + x.size(d) + ", plus negative padding "
                    + pad[2 * i] + " and " + pad[2 * i + 1] + " resulted in a negative output size, which is invalid."
                    + " Check dimension " + d + " of your input.");
            }
        }
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = Tensor.empty(x.dtype(), x.device(), shape);
            out.fill_(value);
            block(out, x, before).copy_(block(x, out, negate(before)));
        }
        if (Node.needed(x)) {
            out.setGradFn(new Node("ConstantPadNdBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = Tensor.zeros(g.dtype(), g.device(), x.shapeArray());
                    block(gx, g, negate(before)).copy_(block(g, gx, before));
                    return new Tensor[] {gx};
                }
            });
        }
        return out;
    }

    /** The part of {@code t} that overlaps {@code other} when other starts at {@code start} inside t. */
    private static Tensor block(Tensor t, Tensor other, int[] start) {
        Tensor v = t;
        for (int d = 0; d < t.ndim(); d++) {
            int from = Math.max(start[d], 0);
            int to = Math.min(t.size(d), start[d] + other.size(d));
            v = v.narrow(d, from, Math.max(to - from, 0));
        }
        return v;
    }

    private static int[] negate(int[] a) {
        return Arrays.stream(a).map(v -> -v).toArray();
    }
}
