package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.zeros;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Views: a random chain of view operations on {@code arange} is checked against an
 * independent model of where each element comes from, so reading by multi-index
 * (which the other property tests rely on) is itself verified. Then view/reshape,
 * squeeze/unsqueeze/flatten and their errors.
 */
class ViewsTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 60).boxed();
    }

    /** One output dim of the model: base dim (-1 for a broadcast or new axis), first base index, step, size. */
    private record Dim(int base, int start, int step, int size) { }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomViewChainsReadTheRightElements(long seed) {
        Gen g = new Gen(seed);
        int[] baseShape = g.shape(1, 4);
        int n = Shapes.numel(baseShape);
        Tensor base = arange(n).reshape(baseShape);
        int[] cs = Shapes.contiguousStrides(baseShape);
        List<Dim> dims = new ArrayList<>();
        for (int d = 0; d < baseShape.length; d++) {
            dims.add(new Dim(d, 0, 1, baseShape[d]));
        }
        int[] fixed = new int[baseShape.length];
        Tensor v = base;
        StringBuilder ops = new StringBuilder();
        for (int step = 0; step < 6; step++) {
            int nd = dims.size();
            int kind = g.rnd.nextInt(7);
            if (kind == 0 && nd > 0) {
                int[] p = IntStream.range(0, nd).toArray();
                for (int i = nd - 1; i > 0; i--) {
                    int j = g.rnd.nextInt(i + 1);
                    int t = p[i];
                    p[i] = p[j];
                    p[j] = t;
                }
                v = v.permute(p);
                List<Dim> nw = new ArrayList<>();
                for (int i : p) {
                    nw.add(dims.get(i));
                }
                dims = nw;
                ops.append(" permute").append(Arrays.toString(p));
            } else if (kind == 1 && nd > 0) {
                int d = g.rnd.nextInt(nd);
                Dim o = dims.get(d);
                Integer st = g.rnd.nextBoolean() ? null : g.rnd.nextInt(2 * o.size + 3) - o.size - 1;
                Integer sp = g.rnd.nextBoolean() ? null : g.rnd.nextInt(2 * o.size + 3) - o.size - 1;
                int stepV = 1 + g.rnd.nextInt(3); // torch refuses negative steps
                Slice s = Slice.of(st, sp, stepV);
                List<Integer> picked = pythonSlice(o.size, st, sp, stepV);
                v = v.slice(d, s);
                int first = picked.isEmpty() ? 0 : picked.get(0);
                dims.set(d, new Dim(o.base, o.start + first * o.step, o.step * stepV, picked.size()));
                ops.append(" slice(").append(d).append(", ").append(s).append(")");
            } else if (kind == 2 && nd > 0) {
                int d = g.rnd.nextInt(nd);
                Dim o = dims.get(d);
                if (o.size == 0) {
                    continue;
                }
                int i = g.rnd.nextInt(o.size);
                int given = g.rnd.nextBoolean() ? i : i - o.size;
                v = v.select(d, given);
                if (o.base >= 0) {
                    fixed[o.base] = o.start + i * o.step;
                }
                dims.remove(d);
                ops.append(" select(").append(d).append(", ").append(given).append(")");
            } else if (kind == 3) {
                int d = g.rnd.nextInt(nd + 1);
                v = v.unsqueeze(d);
                dims.add(d, new Dim(-1, 0, 0, 1));
                ops.append(" unsqueeze(").append(d).append(")");
            } else if (kind == 4 && nd > 0) {
                int[] target = new int[nd];
                for (int i = 0; i < nd; i++) {
                    Dim o = dims.get(i);
                    boolean grow = o.size == 1 && g.rnd.nextBoolean();
                    target[i] = grow ? 3 : (g.rnd.nextBoolean() ? -1 : o.size);
                    if (grow) {
                        if (o.base >= 0) {
                            fixed[o.base] = o.start;
                        }
                        dims.set(i, new Dim(-1, 0, 0, 3));
                    }
                }
                v = v.expand(target);
                ops.append(" expand").append(Arrays.toString(target));
            } else if (kind == 5 && nd >= 2) {
                int a = g.rnd.nextInt(nd);
                int b = g.rnd.nextInt(nd);
                v = g.rnd.nextBoolean() ? v.transpose(a, b) : v.transpose(a - nd, b);
                Dim t = dims.get(a);
                dims.set(a, dims.get(b));
                dims.set(b, t);
                ops.append(" transpose(").append(a).append(", ").append(b).append(")");
            } else if (kind == 6) {
                List<Dim> nw = new ArrayList<>();
                for (Dim o : dims) {
                    if (o.size == 1) {
                        if (o.base >= 0) {
                            fixed[o.base] = o.start;
                        }
                    } else {
                        nw.add(o);
                    }
                }
                dims = nw;
                v = v.squeeze();
                ops.append(" squeeze()");
            }
        }
        String what = "arange" + Arrays.toString(baseShape) + ops;
        assertSame(base.storage(), v.storage(), what + ": a view shares storage");
        int[] shape = dims.stream().mapToInt(Dim::size).toArray();
        List<Dim> model = dims;
        Ref.check(what, v, DType.INT64, shape, idx -> {
            int[] bi = fixed.clone();
            for (int k = 0; k < idx.length; k++) {
                Dim o = model.get(k);
                if (o.base >= 0) {
                    bi[o.base] = o.start + idx[k] * o.step;
                }
            }
            int lin = 0;
            for (int d = 0; d < bi.length; d++) {
                lin += bi[d] * cs[d];
            }
            return lin;
        }, 0, 0);
        // Every way of reading the values out agrees with the element reads.
        double[] expected = Ref.values(v);
        assertArrayEquals(Arrays.stream(expected).mapToLong(x -> (long) x).toArray(), v.toLongArray(), what);
        assertArrayEquals(expected, v.toDoubleArray(), what);
        assertArrayEquals(expected, v.contiguous().toDoubleArray(), what);
        assertTrue(v.contiguous().isContiguous(), what);
        assertEquals(flat(v.toList()), Arrays.stream(expected).mapToObj(x -> (long) x).toList(), what + " toList");
    }

    private static List<Object> flat(Object nested) {
        List<Object> out = new ArrayList<>();
        if (nested instanceof List<?> l) {
            for (Object o : l) {
                out.addAll(flat(o));
            }
        } else {
            out.add(nested);
        }
        return out;
    }

    /** The indices Python's range(*slice(start, stop, step).indices(size)) visits. */
    static List<Integer> pythonSlice(int size, Integer start, Integer stop, int step) {
        int lo;
        int hi;
        if (step > 0) {
            lo = start == null ? 0 : start < 0 ? Math.max(0, start + size) : Math.min(start, size);
            hi = stop == null ? size : stop < 0 ? Math.max(0, stop + size) : Math.min(stop, size);
        } else {
            lo = start == null ? size - 1 : start < 0 ? Math.max(-1, start + size) : Math.min(start, size - 1);
            hi = stop == null ? -1 : stop < 0 ? Math.max(-1, stop + size) : Math.min(stop, size - 1);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = lo; step > 0 ? i < hi : i > hi; i += step) {
            out.add(i);
        }
        return out;
    }

    @Test
    void viewAndReshapeShareStorageAndKeepRowMajorOrder() {
        Tensor x = arange(24);
        Tensor v = x.view(2, -1, 4);
        assertArrayEquals(new int[] {2, 3, 4}, v.shapeArray());
        assertSame(x.storage(), v.storage());
        assertArrayEquals(new int[] {12, 4, 1}, v.stride());
        assertSame(x.storage(), x.reshape(4, 6).storage());
        assertSame(x.storage(), v.view(6, 4).storage());
        // A transposed matrix cannot be viewed flat, but reshape copies.
        Tensor t = x.view(4, 6).t();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.view(24));
        assertTrue(e.getMessage().contains("view size is not compatible with input tensor's size and stride"),
            e.getMessage());
        assertTrue(e.getMessage().contains("at least one dimension spans across two contiguous subspaces"));
        assertTrue(e.getMessage().contains("reshape("), e.getMessage());
        Tensor r = t.reshape(-1);
        assertNotSame(x.storage(), r.storage());
        assertArrayEquals(Ref.values(t), r.toDoubleArray());
        // Splitting a dim of a transposed tensor is a valid view.
        assertSame(x.storage(), t.view(3, 2, 4).storage());
        assertArrayEquals(Ref.values(t), t.view(3, 2, 4).toDoubleArray());
        // Size-1 and 0-d.
        assertArrayEquals(new int[] {}, arange(1).view().shapeArray());
        assertArrayEquals(new int[] {1, 1}, Tensors.tensor(5.0).view(1, 1).shapeArray());
        assertArrayEquals(new int[] {0, 3}, zeros(3, 0).view(0, 3).shapeArray());
        assertArrayEquals(new int[] {2, 0, 5}, zeros(0, 2).reshape(2, 0, 5).shapeArray());
    }

    @Test
    void reshapeErrors() {
        Tensor x = arange(6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.view(4, -1));
        assertEquals("shape '[4, -1]' is invalid for input of size 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.reshape(5));
        assertEquals("shape '[5]' is invalid for input of size 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, -1));
        assertTrue(e.getMessage().startsWith("only one dimension can be inferred"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.reshape(-2, 3));
        assertTrue(e.getMessage().contains("invalid shape dimension -2"), e.getMessage());
    }

    @Test
    void permuteTransposeAndT() {
        Tensor x = arange(24).view(2, 3, 4);
        Tensor p = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shapeArray());
        assertArrayEquals(new int[] {1, 12, 4}, p.stride());
        assertEquals(x.getDouble(1, 2, 3), p.getDouble(3, 1, 2));
        assertArrayEquals(new int[] {4, 2, 3}, x.permute(-1, 0, 1).shapeArray());
        assertArrayEquals(new int[] {4, 3, 2}, x.T().shapeArray());
        assertArrayEquals(new int[] {2, 4, 3}, x.transpose(-1, 1).shapeArray());
        Tensor m = arange(6).view(2, 3);
        assertArrayEquals(new int[] {3, 2}, m.t().shapeArray());
        assertSame(m.storage(), m.t().storage());
        Tensor v = arange(3);
        assertArrayEquals(v.shapeArray(), v.t().shapeArray(), "t() of a vector is the same vector, as torch");
        assertSame(v.storage(), v.t().storage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x::t);
        assertTrue(e.getMessage().startsWith("t() expects a tensor with <= 2 dimensions, but self is 3D"));
        e = assertThrows(IllegalArgumentException.class, () -> x.permute(0, 1));
        assertTrue(e.getMessage().contains("input.dim() = 3 is not equal to len(dims) = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.permute(0, 1, 1));
        assertTrue(e.getMessage().startsWith("permute(): duplicate dims are not allowed"), e.getMessage());
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class, () -> x.permute(0, 1, 3));
        assertEquals("Dimension out of range (expected to be in range of [-3, 2], but got 3)", o.getMessage());
    }

    @Test
    void expandUsesStrideZero() {
        Tensor c = Tensors.tensor(10, 20, 30);
        Tensor e = c.get(":, None").expand(3, 4);
        assertArrayEquals(new int[] {1, 0}, e.stride());
        assertSame(c.storage(), e.storage());
        assertEquals(20, e.getDouble(1, 3));
        assertArrayEquals(new int[] {2, 3, 4}, e.expand(2, -1, -1).shapeArray());
        assertArrayEquals(new int[] {0, 1, 0}, e.expand(2, -1, -1).stride());
        assertArrayEquals(new int[] {3, 3}, c.get(":, None").broadcastTo(3, 3).shapeArray());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> c.expand(2, 4));
        assertTrue(x.getMessage().startsWith("The expanded size of the tensor (4) must match the existing size (3) "
            + "at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> zeros(2, 3).expand(3));
        assertTrue(x.getMessage().contains("the number of sizes provided (1) must be greater or equal to the number "
            + "of dimensions in the tensor (2)"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> c.expand(-1, 3));
        assertTrue(x.getMessage().contains("-1 is not allowed in a leading, non-existing dimension 0"), x.getMessage());
    }

    @Test
    void squeezeUnsqueezeFlatten() {
        Tensor x = zeros(1, 3, 1, 2);
        assertArrayEquals(new int[] {3, 2}, x.squeeze().shapeArray());
        assertArrayEquals(new int[] {3, 1, 2}, x.squeeze(0).shapeArray());
        assertArrayEquals(new int[] {1, 3, 1, 2}, x.squeeze(1).shapeArray(), "a non-1 dim is left alone");
        assertArrayEquals(new int[] {3, 2}, x.squeeze(0, -2).shapeArray());
        assertArrayEquals(new int[] {1, 3, 1, 2, 1}, x.unsqueeze(-1).shapeArray());
        assertArrayEquals(new int[] {1, 1, 3, 1, 2}, x.unsqueeze(1).shapeArray());
        assertArrayEquals(new int[] {1}, Tensors.tensor(2.0).unsqueeze(0).shapeArray());
        assertArrayEquals(new int[] {}, Tensors.tensor(2.0).squeeze().shapeArray());
        assertArrayEquals(new int[] {}, Tensors.tensor(2.0).squeeze(0).shapeArray(), "squeeze(0) of a 0-d tensor");
        assertArrayEquals(new int[] {6}, x.flatten().shapeArray());
        assertArrayEquals(new int[] {1}, Tensors.tensor(2.0).flatten().shapeArray());
        assertArrayEquals(new int[] {1, 6}, x.flatten(1, -1).shapeArray());
        assertArrayEquals(new int[] {3, 1, 2}, x.flatten(0, 1).shapeArray());
        Tensor t = arange(6).view(2, 3).t();
        assertArrayEquals(Ref.values(t), t.flatten().toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.flatten(2, 1));
        assertTrue(e.getMessage().contains("start_dim 2 cannot come after end_dim 1"), e.getMessage());
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class, () -> x.unsqueeze(5));
        assertEquals("Dimension out of range (expected to be in range of [-5, 4], but got 5)", o.getMessage());
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        Tensor x = arange(6).view(2, 3);
        assertSame(x, x.contiguous());
        assertTrue(x.isContiguous());
        assertTrue(x.get("0:1").isContiguous(), "a slice of rows stays contiguous");
        assertTrue(x.unsqueeze(1).isContiguous());
        Tensor t = x.t();
        assertTrue(!t.isContiguous());
        assertTrue(!Tensor.asStrided(x, new int[] {2, 2}, new int[] {-2, 1}, 2).isContiguous(), "negative strides are not contiguous");
        Tensor c = t.contiguous();
        assertNotSame(t.storage(), c.storage());
        assertArrayEquals(new int[] {2, 1}, c.stride());
        assertTrue(zeros(0, 3).t().isContiguous(), "an empty tensor is contiguous whatever its strides");
    }

    @Test
    void narrowAndSelectErrors() {
        Tensor x = arange(12).view(3, 4);
        assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, 10, 11}, x.narrow(0, 1, 2).toDoubleArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.select(1, 4));
        assertEquals("select(): index 4 out of range for tensor of size [3, 4] at dimension 1", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.select(0, -4));
        assertEquals("select(): index -4 out of range for tensor of size [3, 4] at dimension 0", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get("0, 4"));
        assertEquals("index 4 is out of bounds for dimension 1 with size 4", e.getMessage(), "x[i] keeps numpy's words");
        RuntimeException s = assertThrows(RuntimeException.class, () -> Tensors.tensor(1.0).select(0, 0));
        assertTrue(s.getMessage().contains("0-dim"), s.getMessage());
    }
}
