package org.workbook.ops;

import java.util.Arrays;
import java.util.List;

import org.workbook.autograd.Node;
import org.workbook.tensor.DType;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

/** cat and stack, with gradients that slice the output gradient back into the pieces. */
public final class Joining {
    private Joining() { }

    public static Tensor cat(List<Tensor> ts, int dim0) {
        return cat(ts, dim0, "CatBackward0");
    }

    /** cat recorded under {@code name} (stack is a cat of unsqueezed tensors, but torch calls it StackBackward0). */
    private static Tensor cat(List<Tensor> ts, int dim0, String name) {
        if (ts.isEmpty()) {
            throw new IllegalArgumentException("cat expects a non-empty list of tensors");
        }
        // torch still skips 1-d empty tensors (shape [0]) whatever the others' shapes (the legacy way to start
        // an accumulation); they still take part in dtype promotion and get an empty gradient.
        boolean[] skip = new boolean[ts.size()];
        Tensor first = null;
        for (int i = 0; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            skip[i] = t.ndim() == 1 && t.size(0) == 0;
            if (!skip[i] && first == null) {
                first = t;
            }
        }
        boolean allEmpty = first == null;
        if (allEmpty) {
            first = ts.get(0);
            Arrays.fill(skip, false);
        }
        int nd = first.ndim();
        if (nd == 0) {
            throw new IllegalArgumentException("zero-dimensional tensor (at position " + ts.indexOf(first) + ") cannot "
                + "be concatenated; use stack() or unsqueeze first");
        }
        // Only [0]-shaped tensors: torch leaves dim unchecked (cat([tensor([])], 5) is tensor([])).
        int dim = allEmpty ? 0 : Shapes.normDim(dim0, nd);
        DType dt = first.dtype();
        int total = 0;
        for (int i = 0; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            dt = DType.promote(dt, t.dtype());
            if (skip[i]) {
                continue;
            }
            if (t.ndim() != nd) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got " + nd + " and "
                    + t.ndim() + " (tensor " + i + ")");
            }
            for (int d = 0; d < nd; d++) {
                if (d != dim && t.size(d) != first.size(d)) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + dim
                        + ". Expected size " + first.size(d) + " but got size " + t.size(d) + " for tensor number " + i
                        + " in the list (shapes " + Arrays.toString(first.shapeArray()) + " and "
                        + Arrays.toString(t.shapeArray()) + ")");
                }
            }
            total += t.size(dim);
        }
        int[] shape = first.shapeArray().clone();
        shape[dim] = total;
        Tensor out = Tensor.empty(dt, Devices.common(ts.toArray(new Tensor[0])), shape);
        int[] starts = new int[ts.size()];
        int at = 0;
        for (int i = 0; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            starts[i] = at;
            if (!skip[i]) {
                out.backend().copy(t, out.slice(dim, Slice.of(at, at + t.size(dim))));
                at += t.size(dim);
            }
        }
        Tensor[] inputs = ts.toArray(new Tensor[0]);
        if (Node.needed(inputs)) {
            out.setGradFn(new Node(name, inputs) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor[] gs = new Tensor[inputs.length];
                    for (int i = 0; i < inputs.length; i++) {
                        if (!inputs[i].requiresGrad()) {
                            continue;
                        }
                        gs[i] = skip[i] ? Tensor.zeros(inputs[i].dtype(), g.device(), 0)
                            : Grads.toInput(g.slice(dim, Slice.of(starts[i], starts[i] + inputs[i].size(dim))), inputs[i]);
                    }
                    return gs;
                }
            });
        }
        return out;
    }

    public static Tensor stack(List<Tensor> ts, int dim0) {
        if (ts.isEmpty()) {
            throw new IllegalArgumentException("stack expects a non-empty list of tensors");
        }
        int[] s0 = ts.get(0).shapeArray();
        int dim = Shapes.normDim(dim0, s0.length + 1); // torch checks the dim first
        for (int i = 1; i < ts.size(); i++) {
            if (!Arrays.equals(s0, ts.get(i).shapeArray())) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                    + Arrays.toString(s0) + " at entry 0 and " + Arrays.toString(ts.get(i).shapeArray()) + " at entry " + i);
            }
        }
        Tensor[] us = new Tensor[ts.size()];
        for (int i = 0; i < us.length; i++) {
            us[i] = ts.get(i).unsqueeze(dim);
        }
        return cat(Arrays.asList(us), dim, "StackBackward0");
    }
}
