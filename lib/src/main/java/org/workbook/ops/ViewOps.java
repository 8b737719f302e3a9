package org.workbook.ops;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Tensor;

/**
 * Views share storage with their input: only shape, strides and offset change.
 * Their gradients: reshape the gradient back, permute it back, sum it over
 * broadcast dims, or (for slicing) write it into zeros through the same view.
 */
public final class ViewOps {
    private ViewOps() { }

    /** A view of x with a new layout, recording {@code back} as its gradient rule. */
    static Tensor view(Tensor x, int[] shape, int[] strides, int offset, String name, UnaryOperator<Tensor> back) {
        Tensor out = Tensor.asStrided(x, shape, strides, offset);
        out.markViewOf(x);
        if (Node.needed(x)) {
            out.setGradFn(new Node(name, x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {back.apply(g)};
                }
            });
        }
        return out;
    }

    /** Gradient of a sub-view: zeros of the input's shape, with g written through the same view. */
    static UnaryOperator<Tensor> scatterBack(Tensor x, UnaryOperator<Tensor> sameView) {
        int[] in = x.shapeArray().clone();
        return g -> {
            Tensor z = Tensor.zeros(g.dtype(), g.device(), in);
            try (var s = GradMode.noGrad()) {
                sameView.apply(z).copy_(g);
            }
            return z;
        };
    }

    /** Replaces one -1 by the size that makes the element counts agree. */
    public static int[] inferSize(int[] shape, int numel) {
        int[] out = shape.clone();
        int neg = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (neg >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred (-1) in shape "
                        + Arrays.toString(shape));
                }
                neg = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + out[i] + " in " + Arrays.toString(shape));
            } else {
                known *= out[i];
            }
        }
        if (neg >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("shape '" + Arrays.toString(shape) + "' is invalid for input of size "
                    + numel);
            }
            out[neg] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("shape '" + Arrays.toString(shape) + "' is invalid for input of size "
                + numel);
        }
        return out;
    }

    /** Strides making {@code newShape} a view of the given layout, or null (torch's computeStride). */
    static int[] computeStride(int[] oldShape, int[] oldStride, int[] newShape) {
        if (Shapes.numel(oldShape) == 0 || oldShape.length == 0) {
            return Shapes.contiguousStrides(newShape);
        }
        int[] ns = new int[newShape.length];
        int viewD = newShape.length - 1;
        long chunkBase = oldStride[oldStride.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int d = oldShape.length - 1; d >= 0; d--) {
            tensorNumel *= oldShape[d];
            if (d == 0 || (oldShape[d - 1] != 1 && oldStride[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    ns[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBase = oldStride[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? ns : null;
    }

    public static Tensor view(Tensor x, int... shape0) {
        int[] shape = inferSize(shape0, x.numel());
        int[] st = computeStride(x.shapeArray(), x.strideArray(), shape);
        if (st == null) {
            throw new IllegalStateException("view size is not compatible with input tensor's size and stride (shape "
                + Arrays.toString(x.shapeArray()) + ", strides " + Arrays.toString(x.strideArray()) + ": at least one "
                + "dimension spans across two contiguous subspaces). Use reshape(...) instead, or contiguous() first.");
        }
        int[] in = x.shapeArray().clone();
        return view(x, shape, st, x.offset(), "ViewBackward0", g -> g.reshape(in));
    }

    public static Tensor reshape(Tensor x, int... shape0) {
        int[] shape = inferSize(shape0, x.numel());
        int[] st = computeStride(x.shapeArray(), x.strideArray(), shape);
        if (st != null) {
            int[] in = x.shapeArray().clone();
            // torch 1.13 records a reshape that can view as ReshapeAliasBackward0, one that copies as
            // UnsafeViewBackward0 (over the copy's CloneBackward0); the names show in printed grad_fns.
            return view(x, shape, st, x.offset(), "ReshapeAliasBackward0", g -> g.reshape(in));
        }
        Tensor c = x.contiguous();
        int[] in = c.shapeArray().clone();
        return view(c, shape, Shapes.contiguousStrides(shape), c.offset(), "UnsafeViewBackward0", g -> g.reshape(in));
    }

    public static Tensor permute(Tensor x, int... dims0) {
        return permute(x, "PermuteBackward0", dims0);
    }

    /** permute recorded under {@code name}: torch names t() and transpose() nodes apart from permute's. */
    private static Tensor permute(Tensor x, String name, int... dims0) {
        int n = x.ndim();
        if (dims0.length != n) {
            throw new IllegalArgumentException("permute: number of dimensions in the tensor input does not match the "
                + "length of the desired ordering of dimensions i.e. input.dim() = " + n + " is not equal to len(dims) = "
                + dims0.length);
        }
        int[] dims = new int[n];
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            dims[i] = Shapes.normDim(dims0[i], n);
            if (seen[dims[i]]) {
                throw new IllegalArgumentException("permute(): duplicate dims are not allowed: " + Arrays.toString(dims0));
            }
            seen[dims[i]] = true;
        }
        int[] shape = new int[n];
        int[] st = new int[n];
        int[] inv = new int[n];
        for (int i = 0; i < n; i++) {
            shape[i] = x.shapeArray()[dims[i]];
            st[i] = x.strideArray()[dims[i]];
            inv[dims[i]] = i;
        }
        return view(x, shape, st, x.offset(), name, g -> g.permute(inv));
    }

    public static Tensor transpose(Tensor x, int d0, int d1) {
        int n = x.ndim();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (n == 0) {
            Shapes.normDim(d0, 0);
            Shapes.normDim(d1, 0);
            return view(x, new int[0], new int[0], x.offset(), "TransposeBackward0", g -> g); // recorded, as torch
        }
        int a = Shapes.normDim(d0, n);
        int b = Shapes.normDim(d1, n);
        p[a] = b;
        p[b] = a;
        return permute(x, "TransposeBackward0", p);
    }

    /** A matrix transposed (vectors and scalars as they are), recorded as torch's TBackward0. */
    public static Tensor t(Tensor x) {
        if (x.ndim() > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + x.ndim()
                + "D (use transpose(d0, d1) or permute)");
        }
        // torch records t() of a vector or scalar too (TBackward0), though nothing moves.
        return x.ndim() < 2 ? view(x, x.shapeArray().clone(), x.strideArray().clone(), x.offset(), "TBackward0",
            g -> g) : permute(x, "TBackward0", 1, 0);
    }

    public static Tensor expand(Tensor x, int... shape0) {
        int[] shape = shape0.clone();
        int off = shape.length - x.ndim();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (i < off) {
                    throw new IllegalArgumentException("expand: -1 is not allowed in a leading, non-existing dimension "
                        + i + " (target " + Arrays.toString(shape0) + ")");
                }
                shape[i] = x.shapeArray()[i - off];
            }
        }
        int[] st = Shapes.expandStrides(x.shapeArray(), x.strideArray(), shape);
        int[] in = x.shapeArray().clone();
        return view(x, shape, st, x.offset(), "ExpandBackward0", g -> Grads.sumTo(g, in));
    }

    public static Tensor unsqueeze(Tensor x, int dim0) {
        int n = x.ndim();
        int dim = Shapes.normDim(dim0, n + 1);
        int[] shape = new int[n + 1];
        int[] st = new int[n + 1];
        for (int i = 0, j = 0; i <= n; i++) {
            if (i == dim) {
                shape[i] = 1;
                st[i] = dim < n ? x.strideArray()[dim] * x.shapeArray()[dim] : 1;
            } else {
                shape[i] = x.shapeArray()[j];
                st[i] = x.strideArray()[j++];
            }
        }
        int[] in = x.shapeArray().clone();
        return view(x, shape, st, x.offset(), "UnsqueezeBackward0", g -> g.reshape(in));
    }

    /** Removes size-1 dims: all of them (dims empty) or the ones given (others left alone, as torch). */
    public static Tensor squeeze(Tensor x, int... dims) {
        int n = x.ndim();
        boolean[] drop = new boolean[n];
        if (dims.length == 0) {
            for (int i = 0; i < n; i++) {
                drop[i] = x.shapeArray()[i] == 1;
            }
        } else {
            for (int d : dims) {
                int k = Shapes.normDim(d, n);
                // A 0-d tensor accepts dim 0 / -1 (as torch) but has no dim to drop.
                if (n > 0) {
                    drop[k] = x.shapeArray()[k] == 1;
                }
            }
        }
        int m = 0;
        for (boolean b : drop) {
            m += b ? 0 : 1;
        }
        int[] shape = new int[m];
        int[] st = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (!drop[i]) {
                shape[j] = x.shapeArray()[i];
                st[j++] = x.strideArray()[i];
            }
        }
        int[] in = x.shapeArray().clone();
        String name = dims.length == 0 ? "SqueezeBackward0" : "SqueezeBackward1"; // torch's names for the two forms
        return view(x, shape, st, x.offset(), name, g -> g.reshape(in));
    }

    /** Index {@code i} along {@code dim}, removing that dim (torch's select). */
    public static Tensor select(Tensor x, int dim0, int i0) {
        if (x.ndim() == 0) {
            // normDim accepts 0 and -1 for a 0-d tensor (fine for reductions), but there is nothing to select from.
            throw new IndexOutOfBoundsException("select() cannot be applied to a 0-dim tensor.");
        }
        int dim = Shapes.normDim(dim0, x.ndim());
        int size = x.shapeArray()[dim];
        int i = i0 < 0 ? i0 + size : i0;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select(): index " + i0 + " out of range for tensor of size "
                + Arrays.toString(x.shapeArray()) + " at dimension " + dim);
        }
        int n = x.ndim();
        int[] shape = new int[n - 1];
        int[] st = new int[n - 1];
        for (int k = 0, j = 0; k < n; k++) {
            if (k != dim) {
                shape[j] = x.shapeArray()[k];
                st[j++] = x.strideArray()[k];
            }
        }
        int off = x.offset() + i * x.strideArray()[dim];
        return view(x, shape, st, off, "SelectBackward0", scatterBack(x, z -> z.select(dim, i)));
    }

    /** x[start:stop:step] along dim (Python's bounds; the step must be positive, as torch). */
    public static Tensor slice(Tensor x, int dim0, org.workbook.tensor.Slice s) {
        if (s.step() != null && s.step() <= 0) {
            throw new IllegalArgumentException("step must be greater than zero (torch tensors cannot be sliced "
                + "backwards; use flip(), or index with a reversed arange)");
        }
        if (x.ndim() == 0) {
            throw new IndexOutOfBoundsException("slice() cannot be applied to a 0-dim tensor.");
        }
        int dim = Shapes.normDim(dim0, x.ndim());
        int[] r = s.resolve(x.shapeArray()[dim]);
        int[] shape = x.shapeArray().clone();
        int[] st = x.strideArray().clone();
        shape[dim] = r[1];
        st[dim] = x.strideArray()[dim] * r[2];
        int off = r[1] == 0 ? x.offset() : x.offset() + r[0] * x.strideArray()[dim];
        return view(x, shape, st, off, "SliceBackward0", scatterBack(x, z -> z.slice(dim, s)));
    }

    /** A new size-1 axis at dim (None in an index). */
    static Tensor newAxis(Tensor x, int dim) {
        return unsqueeze(x, dim);
    }
}
