package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.Node;
import org.workbook.backend.ReduceOp;
import org.workbook.tensor.DType;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.ValuesIndices;

/**
 * Reductions over all elements, one dim or several (negative dims, keepdim), with
 * their gradients: sum and mean spread the gradient back evenly; var/std by the
 * deviation from the mean; max/min send it to the chosen element.
 */
public final class Reductions {
    private Reductions() { }

    /** All dims when none are given. */
    static int[] dimsOrAll(Tensor a, int[] dims) {
        if (dims == null || dims.length == 0) {
            int[] all = new int[a.ndim()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] d = Shapes.normDims(dims, a.ndim());
        // A 0-d tensor takes dim 0 / -1 (torch.tensor(3.).sum(0) is allowed) but has no dims to reduce.
        return a.ndim() == 0 ? new int[0] : d;
    }

    static int[] reducedShape(int[] shape, int[] dims, boolean keepdim) {
        boolean[] red = new boolean[shape.length];
        for (int d : dims) {
            red[d] = true;
        }
        int[] out = new int[keepdim ? shape.length : shape.length - dims.length];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!red[i]) {
                out[j++] = shape[i];
            } else if (keepdim) {
                out[j++] = 1;
            }
        }
        return out;
    }

    static int count(int[] shape, int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= shape[d];
        }
        return n;
    }

    /** The raw reduction into a fresh tensor of dtype {@code outType}. */
    static Tensor raw(ReduceOp op, Tensor a, int[] dims, boolean keepdim, DType outType) {
        Tensor out = Tensor.empty(outType, a.device(), reducedShape(a.shapeArray(), dims, false));
        a.backend().reduce(op, a, dims, out);
        return keepdim ? out.reshape(reducedShape(a.shapeArray(), dims, true)) : out;
    }

    /** Expands a reduced gradient back over the input's shape. */
    static Tensor expandBack(Tensor g, int[] inShape, int[] dims, boolean keepdim) {
        Tensor k = keepdim ? g : g.reshape(reducedShape(inShape, dims, true));
        return k.expand(inShape);
    }

    public static Tensor sum(Tensor a, int[] dims0, boolean keepdim) {
        int[] dims = dimsOrAll(a, dims0);
        DType t = a.dtype().isFloatingPoint() ? a.dtype() : DType.INT64;
        Tensor out = raw(ReduceOp.SUM, a, dims, keepdim, t);
        if (Node.needed(a)) {
            int[] in = a.shapeArray().clone();
            out.setGradFn(new Node("SumBackward" + (dims0 == null ? "0" : "1"), a) { // sum(dims), [] too: SumBackward1
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {expandBack(g, in, dims, keepdim)};
                }
            });
        }
        return out;
    }

    /** g summed over broadcast dims down to shape (torch's sum_to_size). */
    public static Tensor sumToSize(Tensor g, int[] shape) {
        Shapes.broadcast(shape, g.shapeArray()); // names both shapes when shape cannot broadcast to g's
        return Grads.reduceTo(g, shape);
    }

    /** torch's name of a dtype in kernel messages ("Long", "Bool"). */
    public static String kernelTypeName(DType t) {
        switch (t) {
            case BOOL: return "Bool";
            case UINT8: return "Byte";
            case INT32: return "Int";
            case INT64: return "Long";
            case FLOAT32: return "Float";
            default: return "Double";
        }
    }

    /** Mean of a floating tensor; torch refuses integers and bools (convert first: x.toFloat().mean()). */
    public static Tensor mean(Tensor a, int[] dims0, boolean keepdim) {
        if (!a.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a "
                + "floating point or complex dtype. Got: " + kernelTypeName(a.dtype()) + " (convert first: "
                + "x.toFloat().mean())");
        }
        int[] dims = dimsOrAll(a, dims0);
        Tensor out = raw(ReduceOp.MEAN, a, dims, keepdim, a.dtype().toFloatingPoint());
        if (Node.needed(a)) {
            int[] in = a.shapeArray().clone();
            int n = count(in, dims);
            // mean() is torch's MeanBackward0, mean(dims) (an empty list too) MeanBackward1, which in torch 1.13
            // saves its input: a second backward without retain_graph, or an in-place change of the input,
            // then raises there as in torch.
            Node node = new Node("MeanBackward" + (dims0 == null ? "0" : "1"), a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {expandBack(g.div((double) n), in, dims, keepdim)};
                }
            };
            out.setGradFn(dims0 == null ? node : node.saves(a));
        }
        return out;
    }

    /** Variance with Bessel's correction (1 = unbiased, torch's default). */
    public static Tensor var(Tensor a, int[] dims0, int correction, boolean keepdim) {
        return Variance.var(a, dims0, correction, keepdim);
    }

    public static Tensor std(Tensor a, int[] dims, int correction, boolean keepdim) {
        return Variance.std(a, dims, correction, keepdim);
    }

    public static Tensor prod(Tensor a, int[] dims0, boolean keepdim) {
        int[] dims = dimsOrAll(a, dims0);
        Tensor out = raw(ReduceOp.PROD, a, dims, keepdim, a.dtype().isFloatingPoint() ? a.dtype() : DType.INT64);
        if (Node.needed(a)) {
            boolean whole = dims0 == null || dims0.length == 0;
            int dim = whole || a.ndim() == 0 ? -1 : dims[0];
            int[] in = a.shapeArray().clone();
            out.setGradFn(new Node("ProdBackward" + (whole ? "0" : "1"), a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gk = whole ? g : keepdim ? g : g.reshape(reducedShape(in, dims, true));
                    Tensor rk = whole ? out : keepdim ? out : out.reshape(reducedShape(in, dims, true));
                    return new Tensor[] {ProdBackward.of(gk, a, rk, dim)};
                }
            }.saves(a).savesOutput(out));
        }
        return out;
    }

    /**
     * max/min/argmax/argmin have no identity: they need elements along the reduced dim. Only that dim
     * matters (torch: zeros(0, 2).max(1) is fine and empty; zeros(0, 2).max(0) is an error).
     */
    private static void checkNonEmpty(Tensor a, String what, int dim) {
        if (dim >= 0 && a.ndim() > 0) {
            if (a.size(dim) == 0) {
                throw new IllegalArgumentException(what + "(): Expected reduction dim " + dim + " to have non-zero "
                    + "size. (Shape " + Arrays.toString(a.shapeArray()) + ": the operation has no identity.)");
            }
        } else if (a.numel() == 0) {
            throw new IllegalArgumentException(what + "(): Expected reduction dim to be specified for input.numel() == 0."
                + " (Shape " + Arrays.toString(a.shapeArray()) + ": specify the reduction dim with the 'dim' argument.)");
        }
    }

    /** max() / min() over all elements; ties share the gradient evenly, as torch. */
    public static Tensor extremum(Tensor a, boolean max) {
        checkNonEmpty(a, max ? "max" : "min", -1);
        Tensor out = ZeroTies.signed(a, raw(max ? ReduceOp.MAX : ReduceOp.MIN, a, dimsOrAll(a, null), false,
            a.dtype()), max);
        if (Node.needed(a)) {
            out.setGradFn(new Node(max ? "MaxBackward1" : "MinBackward1", a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // torch's evenly_distribute_backward: g / count selected into the ties (NaN: the NaNs).
                    Tensor mask = Double.isNaN(out.item()) ? a.ne(a) : a.eq(out);
                    Tensor share = g.div(mask.sum().to(g.dtype()));
                    return new Tensor[] {Grads.select(mask, share.expand(a.shapeArray()))};
                }
            }.saves(a).savesOutput(out));
        }
        return out;
    }

    /** max(dim) / min(dim): values and the index of the first extreme element along dim. */
    public static ValuesIndices extremum(Tensor a, int dim0, boolean keepdim, boolean max) {
        int dim = Shapes.normDim(dim0, a.ndim());
        checkNonEmpty(a, max ? "max" : "min", a.ndim() == 0 ? -1 : dim);
        int[] dims = a.ndim() == 0 ? new int[0] : new int[] {dim};
        Tensor idx = raw(max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, a, dims, keepdim, DType.INT64);
        Tensor values;
        try (var s = org.workbook.autograd.GradMode.noGrad()) {
            values = raw(max ? ReduceOp.MAX : ReduceOp.MIN, a, dims, keepdim, a.dtype());
        }
        if (Node.needed(a) && a.ndim() == 0) {
            values.setGradFn(new Node(max ? "MaxBackward0" : "MinBackward0", a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.reshape()};
                }
            }.saves(idx));
        } else if (Node.needed(a)) {
            int[] in = a.shapeArray().clone();
            values.setGradFn(new Node(max ? "MaxBackward0" : "MinBackward0", a) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // One-hot along dim: positions equal to the chosen index get the gradient.
                    int[] view = new int[in.length];
                    Arrays.fill(view, 1);
                    view[dim] = in[dim];
                    Tensor positions = Tensor.arange(in[dim]).reshape(view).to(g.device());
                    Tensor chosen = expandBack(idx, in, dims, keepdim);
                    Tensor hot = positions.eq(chosen);
                    return new Tensor[] {Grads.select(hot, expandBack(g, in, dims, keepdim))};
                }
            }.saves(idx));
        }
        return new ValuesIndices(values, idx, max ? "max" : "min");
    }

    public static Tensor arg(Tensor a, Integer dim, boolean keepdim, boolean max) {
        if (dim == null) {
            checkNonEmpty(a, max ? "argmax" : "argmin", -1);
            checkBoolArg(a, max);
            Tensor flat = a.reshape(-1);
            return raw(max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, flat, new int[] {0}, false, DType.INT64);
        }
        int d = Shapes.normDim(dim, a.ndim());
        checkNonEmpty(a, max ? "argmax" : "argmin", a.ndim() == 0 ? -1 : d);
        // torch has no bool kernel; it only notices when one runs: not for a size-1 dim, nor an empty result.
        if (a.ndim() == 0 || a.size(d) != 1 && a.numel() != 0) {
            checkBoolArg(a, max);
        }
        return raw(max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, a, a.ndim() == 0 ? new int[0] : new int[] {d}, keepdim,
            DType.INT64);
    }

    private static void checkBoolArg(Tensor a, boolean max) {
        if (a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("\"" + (max ? "argmax" : "argmin") + "_cpu\" not implemented for "
                + "'Bool' (convert the mask first, e.g. x.toLong())");
        }
    }

    public static Tensor allAny(Tensor a, int[] dims0, boolean keepdim, boolean all) {
        return raw(all ? ReduceOp.ALL : ReduceOp.ANY, a, dimsOrAll(a, dims0), keepdim, DType.BOOL);
    }
}
