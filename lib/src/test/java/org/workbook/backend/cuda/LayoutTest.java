package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Gen;
import org.workbook.tensor.Ref;
import org.workbook.tensor.Tensor;

/** The kernels' merged layouts must address exactly the elements the tensors' own strides do. */
class LayoutTest {
    @Test
    void contiguousMergesToOneDim() {
        Layout l = Layout.of(new int[] {2, 3, 4}, new int[][] {{12, 4, 1}, {0, 0, 1}}, new int[] {0, 5});
        assertEquals(24, l.numel);
        assertArrayEquals(new int[] {6, 4}, l.shape);
        assertArrayEquals(new int[] {2, 6, 4, 0, 0, 0, 0, 0, 0}, l.shapeStruct());
        assertArrayEquals(new int[] {5, 0, 1, 0, 0, 0, 0, 0, 0}, l.stridesStruct(1));
        Layout c = Layout.of(new int[] {2, 1, 3}, new int[][] {{3, 99, 1}}, new int[] {0});
        assertArrayEquals(new int[] {6}, c.shape, "size-1 dims drop out whatever their stride");
    }

    @Test
    void tooManyDimsSaysWhatToDo() {
        int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] st = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Layout.of(shape, new int[][] {st}, new int[] {0}));
        assertTrue(e.getMessage().contains("at most 8 dimensions") && e.getMessage().contains(".contiguous()"),
            e.getMessage());
    }

    static List<Long> seeds() {
        List<Long> s = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            s.add(i);
        }
        return s;
    }

    /** Walks the merged layout as a kernel does and compares with the tensors' own addressing. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergedLayoutAddressesTheSameElements(long seed) {
        Gen g = new Gen(seed);
        int[] s = g.shape(0, 5);
        Tensor a = g.tensor(DType.FLOAT32, s);
        int[] p = g.partner(s);
        p = java.util.Arrays.copyOfRange(p, Math.max(0, p.length - s.length), p.length); // no extra leading dim
        Tensor b = g.tensor(DType.FLOAT32, p).expand(s);
        Layout l = Layout.of(a, b);
        List<int[]> idx = new ArrayList<>();
        Ref.forEach(s, i -> idx.add(i.clone()));
        assertEquals(idx.size(), l.numel);
        for (int i = 0; i < idx.size(); i++) {
            assertEquals(position(a, idx.get(i)), kernelPosition(l, 0, i), Gen.describe(a) + " element " + i);
            assertEquals(position(b, idx.get(i)), kernelPosition(l, 1, i), Gen.describe(b) + " element " + i);
        }
    }

    private static int position(Tensor t, int[] idx) {
        int p = t.offset();
        for (int d = 0; d < idx.length; d++) {
            p += idx[d] * t.stride(d);
        }
        return p;
    }

    /** wb_at of workbook.cuh: row-major index i through the merged shape and operand k's strides. */
    private static int kernelPosition(Layout l, int k, int i) {
        int p = l.offsets[k];
        for (int d = l.shape.length - 1; d >= 0; d--) {
            p += (i % l.shape[d]) * l.strides[k][d];
            i /= l.shape[d];
        }
        return p;
    }
}
