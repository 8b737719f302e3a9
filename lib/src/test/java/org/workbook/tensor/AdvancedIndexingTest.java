package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Advanced indexing: bool masks (whole or leading dims), integer tensors (any shape,
 * negative values), two index tensors that broadcast (x.get(arange(n), target)),
 * adjacent and separated index dims; then set() through every kind of index.
 */
class AdvancedIndexingTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 120).boxed();
    }

    /** An int64 index tensor of the given shape with values valid for a dim of size n (negative too). */
    static Tensor indices(Gen g, int n, int... shape) {
        Tensor t = Tensor.empty(DType.INT64, shape);
        for (int i = 0; i < t.numel(); i++) {
            int v = g.rnd.nextInt(n);
            t.storage().setLong(i, g.rnd.nextBoolean() ? v : v - n);
        }
        return t.ndim() == 2 && g.rnd.nextBoolean() ? t.t().contiguous().t() : t; // same values, strided
    }

    static int wrap(double i, int n) {
        return (int) (i < 0 ? i + n : i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gathersAgainstReference(long seed) {
        Gen g = new Gen(seed);
        int pattern = (int) (seed % 6);
        int[] shape = g.shape(pattern >= 3 ? 3 : 2, 3);
        for (int d = 0; d < shape.length; d++) {
            shape[d] = Math.max(1, shape[d]);
        }
        Tensor x = g.tensor(DType.FLOAT32, shape);
        int[] rest = Arrays.copyOfRange(shape, 1, shape.length);
        String w = "pattern " + pattern + " on " + Gen.describe(x);
        switch (pattern) {
            case 0: { // whole-shape mask: the selected elements in row-major order
                Tensor mask = g.tensor(DType.BOOL, shape);
                List<Double> expected = new ArrayList<>();
                Ref.forEach(shape, i -> {
                    if (mask.getDouble(i) != 0) {
                        expected.add(x.getDouble(i));
                    }
                });
                Tensor r = x.get(mask);
                Ref.check(w, r, DType.FLOAT32, new int[] {expected.size()}, i -> expected.get(i[0]));
                break;
            }
            case 1: { // one index tensor of any shape on dim 0
                Tensor idx = indices(g, shape[0], g.shape(0, 2));
                Tensor r = x.get(idx);
                int[] out = concat(idx.shapeArray(), rest);
                Ref.check(w + " idx " + Gen.describe(idx), r, DType.FLOAT32, out, o -> {
                    int[] i = new int[shape.length];
                    i[0] = wrap(idx.getDouble(Arrays.copyOf(o, idx.ndim())), shape[0]);
                    System.arraycopy(o, idx.ndim(), i, 1, rest.length);
                    return x.getDouble(i);
                });
                break;
            }
            case 2: { // two index tensors broadcast together on dims 0, 1 (x[arange(n), target])
                int[] bs = g.shape(0, 2);
                Tensor i0 = indices(g, shape[0], bs);
                Tensor i1 = indices(g, shape[1], g.partner(bs));
                int[] b = Ref.broadcast(i0.shapeArray(), i1.shapeArray());
                int[] tail = Arrays.copyOfRange(shape, 2, shape.length);
                Ref.check(w + " idx " + Gen.describe(i0) + ", " + Gen.describe(i1), x.get(i0, i1), DType.FLOAT32,
                    concat(b, tail), o -> {
                        int[] bi = Arrays.copyOf(o, b.length);
                        int[] i = new int[shape.length];
                        i[0] = wrap(Ref.at(i0, bi), shape[0]);
                        i[1] = wrap(Ref.at(i1, bi), shape[1]);
                        System.arraycopy(o, b.length, i, 2, tail.length);
                        return x.getDouble(i);
                    });
                break;
            }
            case 3: { // x[:, idx]: the index dims stay where dim 1 was
                Tensor idx = indices(g, shape[1], g.shape(1, 2));
                int k = idx.ndim();
                int[] out = new int[shape.length - 1 + k];
                out[0] = shape[0];
                System.arraycopy(idx.shapeArray(), 0, out, 1, k);
                System.arraycopy(shape, 2, out, 1 + k, shape.length - 2);
                Ref.check(w + " [:, idx " + Gen.describe(idx) + "]", x.get(Slice.ALL, idx), DType.FLOAT32, out, o -> {
                    int[] i = new int[shape.length];
                    i[0] = o[0];
                    i[1] = wrap(idx.getDouble(Arrays.copyOfRange(o, 1, 1 + k)), shape[1]);
                    System.arraycopy(o, 1 + k, i, 2, shape.length - 2);
                    return x.getDouble(i);
                });
                break;
            }
            case 4: { // x[i0, :, i2]: separated index dims go first (numpy's rule)
                int[] bs = g.shape(1, 2);
                Tensor i0 = indices(g, shape[0], bs);
                Tensor i2 = indices(g, shape[2], bs);
                int[] out = concat(bs, new int[] {shape[1]});
                Ref.check(w + " [i0, :, i2]", x.get(i0, Slice.ALL, i2), DType.FLOAT32, out, o -> {
                    int[] bi = Arrays.copyOf(o, bs.length);
                    return x.getDouble(wrap(i0.getDouble(bi), shape[0]), o[bs.length], wrap(i2.getDouble(bi), shape[2]));
                });
                break;
            }
            default: { // a mask over the two leading dims, and int[] items
                Tensor mask = g.tensor(DType.BOOL, shape[0], shape[1]);
                List<int[]> sel = new ArrayList<>();
                Ref.forEach(new int[] {shape[0], shape[1]}, i -> {
                    if (mask.getDouble(i) != 0) {
                        sel.add(i.clone());
                    }
                });
                Ref.check(w + " leading mask", x.get(mask), DType.FLOAT32, new int[] {sel.size(), shape[2]},
                    o -> x.getDouble(sel.get(o[0])[0], sel.get(o[0])[1], o[1]));
                int[] picks = {shape[0] - 1, 0};
                Ref.check(w + " int[]", x.get((Object) picks), DType.FLOAT32, concat(new int[] {2}, rest),
                    o -> x.getDouble(picks[o[0]], o[1], o[2]));
            }
        }
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void lessonIdioms() {
        Tensor preds = tensor(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}});
        Tensor target = tensor(1, 0, 0);
        Tensor picked = preds.get(arange(3), target);
        assertArrayEquals(new float[] {0.9f, 0.8f, 0.3f}, picked.toFloatArray());
        assertNotSame(preds.storage(), picked.storage(), "advanced indexing copies");
        Tensor x = tensor(3.0, -1.0, 2.0, -5.0);
        assertArrayEquals(new float[] {-1, -5}, x.get(x.lt(0)).toFloatArray());
        assertArrayEquals(new float[] {2, 3}, x.get(tensor(2, 0)).toFloatArray());
        assertArrayEquals(new int[] {0}, x.get(x.gt(10)).shapeArray());
        assertArrayEquals(new float[] {2, 3}, x.get(Tensors.fromArray(new int[] {2, 0}, 2)).toFloatArray(), "int32 too");
    }

    @Test
    void indexErrors() {
        Tensor x = zeros(3, 4);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(tensor(0, 3)));
        assertEquals("index 3 is out of bounds for dimension 0 with size 3", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(Slice.ALL, tensor(-5)));
        assertEquals("index -5 is out of bounds for dimension 1 with size 4", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(tensor(true, false, true, true)));
        assertEquals("The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [3, 4] at "
            + "index 0", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(Slice.ALL, tensor(true, false, true)));
        assertEquals("The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [3, 4] at "
            + "index 1", e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> x.get(tensor(0.0, 1.0)));
        assertTrue(a.getMessage().startsWith("tensors used as indices must be long, int, byte or bool tensors, got "
            + "torch.float32"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> x.get(tensor(0, 1), tensor(0, 1, 2)));
        assertTrue(a.getMessage().contains("The size of tensor a (2) must match the size of tensor b (3)"), a.getMessage());
    }

    @Test
    void setThroughEveryKindOfIndex() {
        Tensor x = zeros(3, 4);
        x.set("0", 1);
        x.set(":, -1", tensor(7.0, 8.0, 9.0));
        x.set("1:, 1:3", tensor(new double[][] {{2, 3}}));
        assertArrayEquals(new float[] {1, 1, 1, 7, 0, 2, 3, 8, 0, 2, 3, 9}, x.toFloatArray());
        x.set(x.gt(2), -1);
        assertArrayEquals(new float[] {1, 1, 1, -1, 0, 2, -1, -1, 0, 2, -1, -1}, x.toFloatArray());
        x.set(x.lt(0), tensor(10.0, 20.0, 30.0, 40.0, 50.0));
        assertArrayEquals(new float[] {1, 1, 1, 10, 0, 2, 20, 30, 0, 2, 40, 50}, x.toFloatArray());
        x.set(tensor(2, 0), tensor(5.0, 6.0, 7.0, 8.0));
        assertArrayEquals(new float[] {5, 6, 7, 8, 0, 2, 20, 30, 5, 6, 7, 8}, x.toFloatArray());
        x.set(tensor(-2), 4.5);
        assertArrayEquals(new float[] {4.5f, 4.5f, 4.5f, 4.5f}, x.get("1").toFloatArray());
        x.put(new Object[] {arange(3), tensor(3, 2, 1)}, tensor(-9.0));
        assertArrayEquals(new float[] {-9, -9, -9}, x.get(arange(3), tensor(3, 2, 1)).toFloatArray());
        x.put(new Object[] {Slice.ALL, Tensors.fromArray(new long[] {0}, 1)}, tensor(new double[][] {{11}, {12}, {13}}));
        assertArrayEquals(new float[] {11, 12, 13}, x.get(":, 0").toFloatArray());
        Tensor t = arange(6).view(2, 3).t(); // set through a transposed view writes the base
        t.set("0", 100);
        assertArrayEquals(new long[] {100, 1, 2, 100, 4, 5}, t.t().toLongArray());
        Tensor v = arange(5);
        v.set("::2", tensor(7, 8, 9)); // stepped view: 0, 2, 4
        assertArrayEquals(new long[] {7, 1, 8, 3, 9}, v.toLongArray());
        Tensor dup = zeros(3);
        dup.set(tensor(1, 1), tensor(5.0, 6.0));
        assertEquals(6.0, dup.getDouble(1), "duplicate indices: the last write wins");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> zeros(2).set(tensor(2), 1));
        assertEquals("index 2 is out of bounds for dimension 0 with size 2", e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
            () -> zeros(3).set(":", tensor(1.0, 2.0)));
        assertTrue(a.getMessage().startsWith("The expanded size of the tensor (3) must match the existing size (2)"),
            a.getMessage());
    }
}
