package org.workbook.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.DType;
import org.workbook.tensor.Index;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

/**
 * numpy-style indexing. Integers, slices, None and ... make a view; integer and
 * boolean tensors (advanced indices) gather a copy. Several integer tensors
 * broadcast together (e.g. {@code x.get(arange(n), target)} picks one element per
 * row); their result dims go where numpy puts them.
 */
public final class Indexing {
    private Indexing() { }

    /**
     * x[items] = value (value broadcast to the indexed shape), recorded by autograd as torch does:
     * through a view for basic indices (CopySlices), as IndexPutBackward0 for advanced ones
     * ({@link IndexAssignment}).
     */
    public static void set(Tensor x, Object[] items0, Tensor value0) {
        IndexAssignment.set(x, items0, value0);
    }

    /** The ':' an index leaves implicit for trailing dims: no view is recorded for it (torch's neither). */
    private static final Slice FILL = new Slice(null, null, null);

    /** The items with ... expanded and bool masks turned into integer index tensors. */
    static List<Object> normalise(Tensor x, Object[] items0) {
        List<Object> items = new ArrayList<>();
        for (Object o : items0) {
            if (o instanceof Tensor t && t.dtype() == DType.BOOL) {
                if (t.ndim() == 0) {
                    throw new IllegalArgumentException("a 0-d bool index is not supported; use where(...) instead");
                }
                Tensor[] nz = t.nonzero(true);
                items.addAll(Arrays.asList(nz));
            } else if (o instanceof int[] a) {
                items.add(Tensor.fromArray(Arrays.stream(a).asLongStream().toArray(), a.length));
            } else if (o instanceof Long l) {
                items.add(Math.toIntExact(l));
            } else if (o == null) {
                items.add(Index.NONE);
            } else {
                items.add(o);
            }
        }
        int consuming = 0;
        int ell = -1;
        for (int i = 0; i < items.size(); i++) {
            Object o = items.get(i);
            if (o == Index.ELLIPSIS) {
                if (ell >= 0) {
                    throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
                }
                ell = i;
            } else if (o != Index.NONE) {
                consuming++;
            }
        }
        if (consuming > x.ndim()) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + x.ndim() + " (got "
                + consuming + " index items for shape " + Arrays.toString(x.shapeArray()) + ")");
        }
        checkMasks(x, items0, consuming);
        List<Object> full = new ArrayList<>(items);
        int fill = x.ndim() - consuming;
        if (ell >= 0) {
            full.remove(ell);
            for (int k = 0; k < fill; k++) {
                full.add(ell, FILL);
            }
        } else {
            for (int k = 0; k < fill; k++) {
                full.add(FILL);
            }
        }
        return full;
    }

    /** A bool mask must have the shape of the dims it covers (torch's IndexError), or it picks wrong elements. */
    private static void checkMasks(Tensor x, Object[] items0, int consuming) {
        int pos = 0;
        for (Object o : items0) {
            if (o == Index.ELLIPSIS) {
                pos += x.ndim() - consuming;
            } else if (o instanceof Tensor t && t.dtype() == DType.BOOL) {
                for (int j = 0; j < t.ndim(); j++) {
                    if (t.shapeArray()[j] != x.shapeArray()[pos + j]) {
                        throw new IndexOutOfBoundsException("The shape of the mask " + Arrays.toString(t.shapeArray())
                            + " at index " + j + " does not match the shape of the indexed tensor "
                            + Arrays.toString(x.shapeArray()) + " at index " + (pos + j));
                    }
                }
                pos += t.ndim();
            } else if (o != Index.NONE && o != null) {
                pos++;
            }
        }
    }

    public static Tensor get(Tensor x, Object... items0) {
        return index(x, items0, false);
    }

    /**
     * x[items0], for reading or (setitem) as the place an assignment writes. torch skips a slice that
     * keeps a whole dim, written 0:size (or :size) with no step: when writing always, when reading
     * inside a tuple of index items (x[None, :4] of a 4-row x is an UnsqueezeBackward0 only), not for
     * a lone slice (x[:4] is a SliceBackward0); a ':' (its stop is Python's maxsize) is always recorded.
     * Where nothing is left to apply, a read gets an alias of x (AliasBackward0) and a write x itself
     * (x[:4] = v of a 4-row x is a plain copy_, CopyBackwards, not CopySlices).
     */
    static Tensor index(Tensor x, Object[] items0, boolean setitem) {
        if (items0.length == 1 && items0[0] == Index.ELLIPSIS) {
            return setitem ? x : alias(x);
        }
        List<Object> items = normalise(x, items0);
        boolean tuple = setitem || items0.length > 1;
        // Basic part first: a view. Tensor items keep their dim for the gather that follows.
        Tensor v = x;
        int d = 0;
        int src = 0; // the dim of x an item applies to: errors name it (x[0, 5] is dim 1, as torch), not v's
        List<Integer> advDims = new ArrayList<>();
        List<Integer> advSrc = new ArrayList<>();
        List<Tensor> advIdx = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof Integer i) {
                int size = v.size(d);
                if (i < -size || i >= size) {
                    throw new IndexOutOfBoundsException("index " + i + " is out of bounds for dimension " + src
                        + " with size " + size);
                }
                v = ViewOps.select(v, d, i);
                src++;
            } else if (o instanceof Slice s) {
                // torch records every slice written in the index, x[:] and x[..., :] too (SliceBackward0);
                // only the ':' left implicit for trailing dims is not there.
                v = s == FILL || tuple && keepsWholeDim(s, v.size(d)) ? v : ViewOps.slice(v, d, s);
                d++;
                src++;
            } else if (o == Index.NONE) {
                v = ViewOps.unsqueeze(v, d);
                d++;
            } else if (o instanceof Tensor t) {
                if (t.dtype().isFloatingPoint()) {
                    throw new IllegalArgumentException("tensors used as indices must be long, int, byte or bool "
                        + "tensors, got " + t.dtype().torchName() + " (convert with toLong())");
                }
                advDims.add(d);
                advSrc.add(src);
                advIdx.add(t);
                d++;
                src++;
            } else {
                throw new IllegalArgumentException("unsupported index item " + o + " of type "
                    + o.getClass().getSimpleName() + ": use int, Slice, Index.NONE, Index.ELLIPSIS or a Tensor");
            }
        }
        if (!advIdx.isEmpty()) {
            return gather(v, advDims, advIdx, advSrc);
        }
        return v == x && !setitem ? alias(x) : v;
    }

    private static Tensor alias(Tensor x) {
        return ViewOps.view(x, x.shapeArray().clone(), x.strideArray().clone(), x.offset(), "AliasBackward0", g -> g);
    }

    /** torch's applySlice shortcut: start 0, step 1 and a stop written equal to the dim's size. */
    private static boolean keepsWholeDim(Slice s, int size) {
        return (s.start() == null || s.start() == 0) && (s.step() == null || s.step() == 1) && s.stop() != null
            && s.stop() == size;
    }

    /**
     * Advanced indexing over dims {@code dims} of v with integer index tensors (broadcast together),
     * recorded as one IndexBackward0 node as torch's: the gradient is added back at the picked places.
     */
    private static Tensor gather(Tensor v, List<Integer> dims, List<Tensor> idx, List<Integer> srcDims) {
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = gatherValues(v, dims, idx, srcDims);
        }
        if (Node.needed(v)) {
            out.setGradFn(new Node("IndexBackward0", v) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // Gathering is linear: its gradient is the gradient of the same gather of a zero leaf.
                    Tensor leaf = Tensor.zeros(g.dtype(), g.device(), v.shapeArray()).requiresGrad_();
                    try (var on = GradMode.enableGrad()) {
                        gatherValues(leaf, dims, idx, srcDims).backward(g);
                    }
                    return new Tensor[] {leaf.grad()};
                }
            }.saves());
        }
        return out;
    }

    private static Tensor gatherValues(Tensor v, List<Integer> dims, List<Tensor> idx, List<Integer> srcDims) {
        int[] b = idx.get(0).shapeArray();
        for (Tensor t : idx) {
            b = org.workbook.tensor.Shapes.broadcast(b, t.shapeArray());
        }
        int k = dims.size();
        int n = v.ndim();
        boolean adjacent = dims.get(k - 1) - dims.get(0) == k - 1;
        // Move the indexed dims to the front, then flatten them into one.
        int[] perm = new int[n];
        int p = 0;
        for (int dd : dims) {
            perm[p++] = dd;
        }
        for (int i = 0; i < n; i++) {
            if (!dims.contains(i)) {
                perm[p++] = i;
            }
        }
        Tensor moved = v.permute(perm);
        int[] rest = Arrays.copyOfRange(moved.shapeArray(), k, n);
        int rows = 1;
        for (int i = 0; i < k; i++) {
            rows *= moved.shapeArray()[i];
        }
        int[] flatShape = new int[rest.length + 1];
        flatShape[0] = rows;
        System.arraycopy(rest, 0, flatShape, 1, rest.length);
        Tensor flat = moved.reshape(flatShape);
        long[] lin = linearIndex(v, dims, idx, b, srcDims);
        Tensor picked = IndexSelect.apply(flat, lin);
        int[] outShape = new int[b.length + rest.length];
        System.arraycopy(b, 0, outShape, 0, b.length);
        System.arraycopy(rest, 0, outShape, b.length, rest.length);
        Tensor out = picked.reshape(outShape);
        if (adjacent && dims.get(0) > 0) {
            // numpy keeps adjacent advanced dims in place: move the broadcast dims back to position dims[0].
            int first = dims.get(0);
            int[] back = new int[outShape.length];
            int q = 0;
            for (int i = 0; i < first; i++) {
                back[q++] = b.length + i;
            }
            for (int i = 0; i < b.length; i++) {
                back[q++] = i;
            }
            for (int i = b.length + first; i < outShape.length; i++) {
                back[q++] = i;
            }
            out = out.permute(back);
        }
        return out;
    }

    /** Row-major linear positions over the indexed dims, bounds-checked, for each broadcast index. */
    private static long[] linearIndex(Tensor v, List<Integer> dims, List<Tensor> idx, int[] b, List<Integer> srcDims) {
        int count = org.workbook.tensor.Shapes.numel(b);
        long[] lin = new long[count];
        for (int j = 0; j < dims.size(); j++) {
            int dim = dims.get(j);
            int size = v.shapeArray()[dim];
            long[] ij = idx.get(j).expand(b).toLongArray();
            for (int e = 0; e < count; e++) {
                long i = ij[e];
                if (i < -size || i >= size) {
                    throw new IndexOutOfBoundsException(size == 0 ? "index is out of bounds for dimension with size 0"
                        : "index " + i + " is out of bounds for dimension " + srcDims.get(j) + " with size " + size);
                }
                lin[e] = lin[e] * size + (i < 0 ? i + size : i);
            }
        }
        return lin;
    }

    /** index_select along dim 0 of a 2-D-or-more view, with its gradient (index_add into zeros). */
    static final class IndexSelect {
        private IndexSelect() { }

        static Tensor apply(Tensor src, long[] index) {
            int[] shape = src.shapeArray().clone();
            shape[0] = index.length;
            Tensor out = Tensor.empty(src.dtype(), src.device(), shape);
            src.backend().indexSelect(src, 0, index, out);
            if (Node.needed(src)) {
                int[] in = src.shapeArray().clone();
                out.setGradFn(new Node("IndexBackward0", src) {
                    @Override
                    protected Tensor[] backward(Tensor g) {
                        Tensor z = Tensor.zeros(g.dtype(), g.device(), in);
                        z.backend().indexAdd(z, 0, index, g.contiguous());
                        return new Tensor[] {z};
                    }
                });
            }
            return out;
        }
    }
}
