package org.workbook.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Assignment through an index, {@code x[items] = value}: the write half of {@link Indexing}, whose
 * normalisation of the items and basic-index views it uses.
 */
final class IndexAssignment {
    private IndexAssignment() { }

    /**
     * x[items] = value (value broadcast to the indexed shape), recorded by autograd as torch does:
     * through a view for basic indices (CopySlices), as IndexPutBackward0 for advanced ones.
     */
    static void set(Tensor x, Object[] items0, Tensor value0) {
        boolean advanced = false;
        for (Object o : items0) {
            advanced |= o instanceof Tensor || o instanceof int[];
        }
        if (!advanced) {
            Tensor target = Indexing.index(x, items0, true);
            if (value0.ndim() == 0 && value0.device().isCpu() && target.ndim() > 0) {
                // torch's setitem fills from a 0-d CPU value (x[0] = 4 too): fill_ may write through a
                // broadcast view of an expand, where copy_ refuses.
                target.fill_(value0);
                return;
            }
            // torch expands the value to the slot first, so a mismatch reads "The expanded size of the tensor ...".
            target.copy_(withoutLeadingOnes(value0, target.ndim()).expand(target.shapeArray()));
            return;
        }
        // Only a value with a leading size-1 dim may need trimming: skip the gather that tells the slot's rank.
        Tensor value = value0.ndim() > 0 && value0.size(0) == 1 ? withoutLeadingOnes(value0, Indexing.get(x, items0).ndim())
            : value0;
        InPlace.apply(x, new Tensor[] {value}, old -> indexPut(old, items0, value), () -> write(x, items0, value));
    }

    /** torch drops a value's leading size-1 dims before broadcasting it (y[3] = tensor([2.]) into a 0-d slot). */
    private static Tensor withoutLeadingOnes(Tensor v, int targetDims) {
        Tensor r = v;
        while (r.ndim() > targetDims && r.size(0) == 1) {
            r = r.squeeze(0);
        }
        return r;
    }

    /** old with value put at items, recorded as IndexPutBackward0. */
    private static Tensor indexPut(Tensor old, Object[] items0, Tensor value) {
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = old.clone();
            write(out, items0, value);
        }
        if (Node.needed(old, value)) {
            out.setGradFn(new Node("IndexPutBackward0", old, value) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gOld = null;
                    if (old.requiresGrad()) {
                        gOld = g.clone();
                        write(gOld, items0, Tensor.scalar(0.0, g.dtype()));
                    }
                    Tensor gv = value.requiresGrad() ? value.dtype() == g.dtype()
                        ? Indexing.get(g, items0).sumToSize(value.shapeArray())
                        : Indexing.get(g, items0).sumToSize(value.shapeArray()).to(value.dtype()) : null;
                    return new Tensor[] {gOld, gv};
                }
            }.saves());
        }
        return out;
    }

    /** The write itself for advanced indices (no autograd). */
    private static void write(Tensor x, Object[] items0, Tensor value) {
        if (items0.length == 1 && items0[0] instanceof Tensor m && m.dtype() == DType.BOOL
            && Arrays.equals(m.shapeArray(), x.shapeArray()) && value.numel() == 1) {
            // x[mask] = scalar: one pass.
            Tensor v = value.to(x.dtype()).reshape().expand(x.shapeArray());
            x.backend().where(m, v, x.contiguous().clone(), x);
            return;
        }
        // General case: write each indexed slice in turn through a view.
        List<Object> items = Indexing.normalise(x, items0);
        List<Integer> adv = new ArrayList<>();
        List<Tensor> idx = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Tensor t) {
                adv.add(i);
                idx.add(t);
            }
        }
        int[] b = idx.get(0).shapeArray();
        for (Tensor t : idx) {
            b = org.workbook.tensor.Shapes.broadcast(b, t.shapeArray());
        }
        List<long[]> cols = new ArrayList<>();
        for (Tensor t : idx) {
            cols.add(t.expand(b).toLongArray());
        }
        Tensor target = Indexing.get(x, items0);
        Tensor vals = value.to(x.dtype()).expand(target.shapeArray());
        // Where the broadcast index dims sit in the result: in place when adjacent, else in front (numpy).
        int posB = 0;
        int d = 0;
        List<Integer> advDims = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof Tensor) {
                advDims.add(d);
            }
            if (!(o instanceof Integer)) {
                d++;
            }
        }
        if (advDims.get(advDims.size() - 1) - advDims.get(0) == advDims.size() - 1) {
            posB = advDims.get(0);
        }
        // Move B to the front of the values and flatten it, so row e holds the value for index e.
        int nb = b.length;
        int nt = vals.ndim();
        int[] perm = new int[nt];
        int q = 0;
        for (int i = 0; i < nb; i++) {
            perm[q++] = posB + i;
        }
        for (int i = 0; i < nt; i++) {
            if (i < posB || i >= posB + nb) {
                perm[q++] = i;
            }
        }
        int count = org.workbook.tensor.Shapes.numel(b);
        Tensor byIndex = vals.permute(perm).reshape(count, count == 0 ? 0 : vals.numel() / count);
        for (int e = 0; e < count; e++) {
            Object[] one = items.toArray();
            for (int j = 0; j < adv.size(); j++) {
                one[adv.get(j)] = (int) cols.get(j)[e];
            }
            Tensor dst = Indexing.get(x, one);
            try (var g = GradMode.noGrad()) {
                dst.copy_(byIndex.select(0, e).reshape(dst.shapeArray()));
            }
        }
    }
}
