package org.workbook.ops;

import java.util.Arrays;

import org.workbook.tensor.Tensor;

/** Helpers the backward functions share. */
final class Grads {
    private Grads() { }

    /**
     * Sums a broadcast gradient back down to {@code shape}: over the leading dims
     * broadcasting added, and (keeping them) over dims that were 1 in the input.
     */
    static Tensor reduceTo(Tensor g, int[] shape) {
        int[] gs = g.shapeArray();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        int n = 0;
        int[] dims = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                dims[n++] = i;
            }
        }
        Tensor r = n == 0 ? g : g.sum(Arrays.copyOf(dims, n), true);
        return r.reshape(shape);
    }

    /**
     * torch's at::sum_to, which expand's backward calls: {@link #reduceTo}, but a 0-d shape always takes
     * a sum, even of a 0-d g (so a -0. gradient arrives as +0., as in torch).
     */
    static Tensor sumTo(Tensor g, int[] shape) {
        return shape.length == 0 ? g.sum() : reduceTo(g, shape);
    }

    /** The gradient converted to the input's dtype when promotion changed it (int inputs get none). */
    static Tensor toInput(Tensor g, Tensor input) {
        if (!input.dtype().isFloatingPoint()) {
            return null;
        }
        return g.dtype() == input.dtype() ? g : g.to(input.dtype());
    }

    static Tensor forInput(Tensor g, Tensor input) {
        if (input == null || !input.requiresGrad()) {
            return null;
        }
        Tensor r = reduceTo(g, input.shapeArray());
        return toInput(r, input);
    }

    /**
     * g where mask holds, else 0: how torch passes gradients through relu, clamp and max.
     * Multiplying by a 0/1 mask instead would give -0. for negative g and nan for inf g.
     */
    static Tensor select(Tensor mask, Tensor g) {
        return Tensor.where(mask, g, Tensor.scalar(0.0, g.dtype()));
    }
}
