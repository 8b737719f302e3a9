package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.Node;
import org.workbook.tensor.DType;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Tensor;

/**
 * torch.matmul's rules: 1-D x 1-D is a dot product, 2-D x 2-D a matrix product,
 * a 1-D operand is treated as a row (left) or column (right) and that dim dropped
 * afterwards, and higher ranks are batches that broadcast. Gradients:
 * dA = dC Bᵀ and dB = Aᵀ dC, summed over broadcast batch dims.
 */
public final class LinAlg {
    private LinAlg() { }

    public static Tensor matmul(Tensor a0, Tensor b0) {
        Nulls.check(a0, "matmul", "input");
        Nulls.check(b0, "matmul", "other");
        // An empty product of two dtypes: torch's route returns its zeros before checking them (MatmulChecks)
        org.workbook.tensor.DType empty = MatmulChecks.check(a0, b0);
        Tensor a = empty == null ? a0 : a0.to(empty);
        Tensor b = empty == null ? b0 : b0.to(empty);
        if (a.ndim() == 1 && b.ndim() == 1) {
            return recorded("DotBackward0", a, b, () -> batched(a.unsqueeze(0), b.unsqueeze(1)).reshape(),
                g -> new Tensor[] {a.requiresGrad() ? g.mul(b) : null, b.requiresGrad() ? g.mul(a) : null});
        }
        if (a.ndim() == 2 && b.ndim() == 1) {
            return recorded("MvBackward0", a, b, () -> batched(a, b.unsqueeze(1)).squeeze(-1),
                g -> new Tensor[] {a.requiresGrad() ? g.unsqueeze(1).mul(b.unsqueeze(0)) : null,
                    b.requiresGrad() ? batched(a.t(), g.unsqueeze(1)).squeeze(-1) : null});
        }
        Tensor out;
        if (a.ndim() == 1) {
            // torch: unsqueeze, mm, then an in-place squeeze_ (printed SqueezeBackward3).
            Tensor r = batched(a.unsqueeze(0), b);
            out = ViewOps.view(r, dropDim(r.shapeArray(), r.ndim() - 2), dropDim(r.strideArray(), r.ndim() - 2),
                r.offset(), a.ndim() + b.ndim() > 3 ? "UnsafeViewBackward0" : "SqueezeBackward3",
                g -> g.unsqueeze(-2));
            return out;
        }
        if (b.ndim() == 1) {
            Tensor r = batched(a, b.unsqueeze(1));
            return unsafeView(ViewOps.view(r, dropDim(r.shapeArray(), r.ndim() - 1), dropDim(r.strideArray(),
                r.ndim() - 1), r.offset(), "SqueezeBackward1", g -> g.unsqueeze(-1)));
        }
        out = batched(a, b);
        if (a.ndim() == 2 && b.ndim() > 2 && !(b.ndim() == 3 && b.stride(2) != 1 && b.stride(0) == b.size(1) * b.size(2))) {
            // torch folds b's batch into an mm of transposes and returns output.mT().contiguous(): a copy
            // (CloneBackward0) unless the transpose is already contiguous (TransposeBackward0).
            int m = out.size(-2);
            int n = out.size(-1);
            boolean contiguous = m == 1 || n == 1 || out.numel() == 0;
            return ViewOps.view(out, out.shapeArray().clone(), out.strideArray().clone(), out.offset(),
                contiguous ? "TransposeBackward0" : "CloneBackward0", g -> g);
        }
        return a.ndim() > 2 || b.ndim() > 2 ? unsafeView(out) : out;
    }

    /** torch folds batched products into mm/bmm and views the result back: the node it prints is UnsafeViewBackward0. */
    private static Tensor unsafeView(Tensor r) {
        return ViewOps.view(r, r.shapeArray().clone(), r.strideArray().clone(), r.offset(), "UnsafeViewBackward0",
            g -> g);
    }

    private static int[] dropDim(int[] a, int d) {
        int[] out = new int[a.length - 1];
        for (int i = 0, j = 0; i < a.length; i++) {
            if (i != d) {
                out[j++] = a[i];
            }
        }
        return out;
    }

    /** forward computed unrecorded, then one node with torch's name and the given backward; saves both operands. */
    private static Tensor recorded(String name, Tensor a, Tensor b, java.util.function.Supplier<Tensor> forward,
            java.util.function.Function<Tensor, Tensor[]> back) {
        Tensor out;
        try (var s = org.workbook.autograd.GradMode.noGrad()) {
            out = forward.get();
        }
        if (Node.needed(a, b)) {
            out.setGradFn(new Node(name, a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return back.apply(g);
                }
            }.saves(a, b));
        }
        return out;
    }

    /** a (..., m, k) @ b (..., k, n) with broadcast batch dims. */
    static Tensor batched(Tensor a, Tensor b) {
        int na = a.ndim();
        int nb = b.ndim();
        int m = a.size(-2);
        int k = a.size(-1);
        int k2 = b.size(-2);
        int n = b.size(-1);
        if (k != k2) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + m + "x" + k + " and "
                + k2 + "x" + n + "); full shapes " + Arrays.toString(a.shapeArray()) + " @ "
                + Arrays.toString(b.shapeArray()) + ": the last dim of the first must equal the second-to-last of the"
                + " second (transpose one with t()?)");
        }
        int[] batch = Shapes.broadcast(Arrays.copyOf(a.shapeArray(), na - 2), Arrays.copyOf(b.shapeArray(), nb - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        DType dt = a.dtype().isFloatingPoint() ? a.dtype() : DType.INT64;
        Tensor x = a.dtype() == dt ? a : a.to(dt);
        Tensor y = b.dtype() == dt ? b : b.to(dt);
        Tensor out = Tensor.empty(dt, Devices.common(a, b), outShape);
        if (batch.length == 0) {
            out.backend().matmul(x, y, out);
        } else {
            int[] ea = Arrays.copyOf(batch, batch.length + 2);
            ea[batch.length] = m;
            ea[batch.length + 1] = k;
            int[] eb = Arrays.copyOf(batch, batch.length + 2);
            eb[batch.length] = k;
            eb[batch.length + 1] = n;
            Tensor xe = x.expand(ea);
            Tensor ye = y.expand(eb);
            int count = Shapes.numel(batch);
            int[] idx = new int[batch.length];
            for (int i = 0; i < count; i++) {
                Tensor xi = xe;
                Tensor yi = ye;
                Tensor oi = out;
                for (int d = 0; d < batch.length; d++) {
                    xi = xi.select(0, idx[d]);
                    yi = yi.select(0, idx[d]);
                    oi = oi.select(0, idx[d]);
                }
                Tensor tmp = oi.isContiguous() ? oi : Tensor.empty(dt, out.device(), m, n);
                out.backend().matmul(xi, yi, tmp);
                if (tmp != oi) {
                    oi.copy_(tmp);
                }
                for (int d = batch.length - 1; d >= 0; d--) {
                    if (++idx[d] < batch[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
        }
        if (dt != a.dtype()) {
            return out.to(a.dtype()); // int32/uint8 products are computed in int64 and keep their dtype, as torch
        }
        if (Node.needed(a, b)) {
            out.setGradFn(new Node(batch.length == 0 ? "MmBackward0" : "BmmBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor ga = a.requiresGrad() ? Grads.reduceTo(batched(g, b.transpose(-1, -2)), a.shapeArray()) : null;
                    Tensor gb = b.requiresGrad() ? Grads.reduceTo(batched(a.transpose(-1, -2), g), b.shapeArray()) : null;
                    // New tensors (a product, or its sum over batch dims): a leaf keeps one without a copy.
                    return new Tensor[] {fresh(ga), fresh(gb)};
                }
            }.saves(b.requiresGrad() ? a : null, a.requiresGrad() ? b : null));
        }
        return out;
    }

    public static Tensor mm(Tensor a, Tensor b) {
        Nulls.check(a, "mm", "input");
        Nulls.check(b, "mm", "other");
        if (a.ndim() != 2 || b.ndim() != 2) {
            throw new IllegalArgumentException("mm: both operands must be 2-D matrices, got shapes "
                + Arrays.toString(a.shapeArray()) + " and " + Arrays.toString(b.shapeArray()) + " (matmul handles other ranks)");
        }
        return matmul(a, b);
    }

    public static Tensor dot(Tensor a, Tensor b) {
        Nulls.check(a, "dot", "input");
        Nulls.check(b, "dot", "other");
        if (a.ndim() != 1 || b.ndim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.ndim() + "D and " + b.ndim()
                + "D tensors");
        }
        return matmul(a, b);
    }

    /** The outer product of two vectors: a[:, None] * b[None, :]. */
    public static Tensor outer(Tensor a, Tensor b) {
        Nulls.check(a, "outer", "input");
        Nulls.check(b, "outer", "other");
        if (a.ndim() != 1 || b.ndim() != 1) {
            throw new IllegalArgumentException("outer: 1D tensors expected, got " + a.ndim() + "D and " + b.ndim() + "D");
        }
        return a.reshape(-1, 1).mul(b); // torch 1.13's steps: b's gradient is summed from [n, 1] (-0. becomes +0.)
    }
}
