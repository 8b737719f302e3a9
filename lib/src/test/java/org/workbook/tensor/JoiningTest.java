package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** cat and stack of random pieces (sizes 0 included, mixed dtypes and layouts) against a reference. */
class JoiningTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 80).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void catAlongAnyDim(long seed) {
        Gen g = new Gen(seed);
        int[] shape = g.shape(1, 4);
        int dim = g.rnd.nextInt(shape.length);
        int given = g.rnd.nextBoolean() ? dim : dim - shape.length;
        int count = 1 + g.rnd.nextInt(4);
        List<Tensor> parts = new ArrayList<>();
        DType dt = DType.BOOL;
        int[] starts = new int[count + 1];
        for (int i = 0; i < count; i++) {
            int[] s = shape.clone();
            s[dim] = g.rnd.nextInt(4);
            DType pt = BinaryOpsTest.TYPES[g.rnd.nextInt(BinaryOpsTest.TYPES.length)];
            parts.add(g.tensor(pt, s));
            dt = BinaryOpsTest.promote(dt, pt);
            starts[i + 1] = starts[i] + s[dim];
        }
        Tensor r = Tensor.cat(parts, given);
        int[] out = shape.clone();
        out[dim] = starts[count];
        StringBuilder w = new StringBuilder("cat dim " + given + " of");
        parts.forEach(p -> w.append(' ').append(Gen.describe(p)));
        Ref.check(w.toString(), r, dt, out, o -> {
            int k = 0;
            while (o[dim] >= starts[k + 1]) {
                k++;
            }
            int[] i = o.clone();
            i[dim] -= starts[k];
            return parts.get(k).getDouble(i);
        });
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void stackAtAnyPosition(long seed) {
        Gen g = new Gen(seed + 300);
        int[] shape = g.shape(0, 3);
        int dim = g.rnd.nextInt(shape.length + 1);
        int given = g.rnd.nextBoolean() ? dim : dim - shape.length - 1;
        int count = 1 + g.rnd.nextInt(4);
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(g.tensor(DType.FLOAT64, shape));
        }
        Tensor r = Tensors.stack(parts, given);
        int[] out = new int[shape.length + 1];
        for (int d = 0, j = 0; d <= shape.length; d++) {
            out[d] = d == dim ? count : shape[j++];
        }
        Ref.check("stack dim " + given + " of " + count + " x " + Gen.describe(parts.get(0)), r, DType.FLOAT64, out, o -> {
            int[] i = new int[shape.length];
            for (int d = 0, j = 0; d <= shape.length; d++) {
                if (d != dim) {
                    i[j++] = o[d];
                }
            }
            return parts.get(o[dim]).getDouble(i);
        });
    }

    @Test
    void joiningCopiesAndErrors() {
        Tensor a = arange(3);
        Tensor c = Tensors.cat(a, a);
        c.set("0", 100);
        assertEquals(0.0, a.getDouble(0), "cat copies");
        assertArrayEquals(new int[] {3, 2}, Tensors.stack(List.of(a, a), 1).shapeArray());
        assertArrayEquals(new int[] {2}, Tensors.stack(tensor(1.0), tensor(2.0)).shapeArray(), "stack of 0-d tensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensors.cat(List.of()));
        assertEquals("cat expects a non-empty list of tensors", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensors.cat(tensor(1.0), tensor(2.0)));
        assertTrue(e.getMessage().startsWith("zero-dimensional tensor (at position 0) cannot be concatenated"));
        e = assertThrows(IllegalArgumentException.class, () -> Tensors.cat(zeros(2, 3), zeros(3)));
        assertTrue(e.getMessage().startsWith("Tensors must have same number of dimensions: got 2 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensors.cat(List.of(zeros(2, 3), zeros(2, 4)), 0));
        assertTrue(e.getMessage().startsWith("Sizes of tensors must match except in dimension 0. Expected size 3 but got "
            + "size 4 for tensor number 1 in the list"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensors.stack(zeros(2), zeros(3)));
        assertTrue(e.getMessage().startsWith("stack expects each tensor to be equal size, but got [2] at entry 0 and [3] "
            + "at entry 1"), e.getMessage());
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class,
            () -> Tensors.stack(List.of(zeros(2)), 2));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)", o.getMessage());
    }
}
