package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * matmul with torch.matmul's rules (1-D operands, 2-D, batches that broadcast, k = 0),
 * in float32, float64 and int64, on every layout the BLAS call sees (transposed,
 * stepped rows, reversed, broadcast), against a triple loop; then mm, dot, outer.
 */
class MatmulTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 120).boxed();
    }

    static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64};

    /** a @ b by the definition, with torch's treatment of 1-D operands. */
    static void check(String what, Tensor a, Tensor b, Tensor r) {
        boolean va = a.ndim() == 1;
        boolean vb = b.ndim() == 1;
        int[] sa = va ? new int[] {1, a.size(0)} : a.shapeArray();
        int[] sb = vb ? new int[] {b.size(0), 1} : b.shapeArray();
        int m = sa[sa.length - 2];
        int k = sa[sa.length - 1];
        int n = sb[sb.length - 1];
        int[] batch = Ref.broadcast(Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2));
        int[] full = Arrays.copyOf(batch, batch.length + 2);
        full[batch.length] = m;
        full[batch.length + 1] = n;
        int[] out;
        if (va && vb) {
            out = new int[0];
        } else if (va) {
            out = Arrays.copyOf(batch, batch.length + 1);
            out[batch.length] = n;
        } else if (vb) {
            out = Arrays.copyOf(batch, batch.length + 1);
            out[batch.length] = m;
        } else {
            out = full;
        }
        DType dt = a.dtype();
        double scale = dt == DType.FLOAT32 ? 1e-5 : dt == DType.FLOAT64 ? 1e-12 : 0;
        Ref.check(what, r, dt, out, o -> {
            int[] f = new int[full.length];
            if (va && vb) {
                f = new int[] {0, 0};
            } else if (va) {
                System.arraycopy(o, 0, f, 0, batch.length);
                f[batch.length + 1] = o[batch.length];
            } else if (vb) {
                System.arraycopy(o, 0, f, 0, batch.length + 1);
            } else {
                f = o.clone();
            }
            int i = f[f.length - 2];
            int j = f[f.length - 1];
            double acc = 0;
            for (int p = 0; p < k; p++) {
                acc += elem(a, va, true, f, batch.length, i, p) * elem(b, vb, false, f, batch.length, p, j);
            }
            return acc;
        }, scale, scale * (k + 1) * 10);
    }

    /** Element (row, col) of operand t in batch f; a vector is a row on the left, a column on the right. */
    static double elem(Tensor t, boolean vec, boolean left, int[] f, int nb, int row, int col) {
        if (vec) {
            return t.getDouble(left ? col : row);
        }
        int[] idx = new int[t.ndim()];
        int off = nb - (t.ndim() - 2);
        for (int d = 0; d < t.ndim() - 2; d++) {
            idx[d] = t.size(d) == 1 ? 0 : f[off + d];
        }
        idx[t.ndim() - 2] = row;
        idx[t.ndim() - 1] = col;
        return t.getDouble(idx);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matmulRules(long seed) {
        Gen g = new Gen(seed);
        DType dt = TYPES[(int) (seed % 3)];
        int ra = 1 + g.rnd.nextInt(4);
        int rb = 1 + g.rnd.nextInt(4);
        int m = g.size();
        int k = seed % 10 == 0 ? 0 : g.size();
        int n = g.size();
        int[] batch = g.shape(0, 2);
        int[] sa = shape(g, ra, batch, m, k, true);
        int[] sb = shape(g, rb, batch, k, n, false);
        Tensor a = g.tensor(dt, sa);
        Tensor b = g.tensor(dt, sb);
        check("matmul(" + Gen.describe(a) + ", " + Gen.describe(b) + ")", a, b, a.matmul(b));
    }

    /** An operand of rank r: a vector of size k, or [batch-suffix..., rows, cols] with some batch dims set to 1. */
    static int[] shape(Gen g, int r, int[] batch, int rows, int cols, boolean left) {
        if (r == 1) {
            return new int[] {left ? cols : rows};
        }
        int nb = Math.min(r - 2, batch.length);
        int[] s = new int[nb + 2];
        for (int i = 0; i < nb; i++) {
            s[i] = g.rnd.nextInt(3) == 0 ? 1 : batch[batch.length - nb + i];
        }
        s[nb] = rows;
        s[nb + 1] = cols;
        return s;
    }

    /** Sizes past the tiny ones: the BLAS sees real leading dimensions, transposed flags and gemv. */
    @ParameterizedTest
    @MethodSource("seeds")
    void blasLayouts(long seed) {
        if (seed >= 40) {
            return;
        }
        Gen g = new Gen(seed + 100);
        DType dt = seed % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
        int m = 1 + g.rnd.nextInt(40);
        int k = 1 + g.rnd.nextInt(40);
        int n = seed % 4 == 1 ? 1 : 1 + g.rnd.nextInt(40);
        Tensor a = g.tensor(dt, g.layout(), m, k);
        Tensor b = g.tensor(dt, g.layout(), k, n);
        check("matmul(" + Gen.describe(a) + ", " + Gen.describe(b) + ")", a, b, a.matmul(b));
        // Batched, with the batch broadcast from one side.
        Tensor ab = g.tensor(dt, 3, m, k);
        check("batched(" + Gen.describe(ab) + ", " + Gen.describe(b) + ")", ab, b, ab.matmul(b));
        Tensor v = g.tensor(dt, k);
        check("mv(" + Gen.describe(a) + ", " + Gen.describe(v) + ")", a, v, a.matmul(v));
    }

    @Test
    void productsFromTheTour() {
        Tensor m = tensor(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        Tensor c = tensor(10, 20, 30);
        assertArrayEquals(new long[] {140, 320, 500}, m.matmul(c).toLongArray());
        assertArrayEquals(m.matmul(c).toLongArray(), m.mul(c).sum(1).toLongArray());
        assertEquals(DType.INT64, m.matmul(c).dtype());
        assertEquals(1400.0, c.dot(c).item());
        assertArrayEquals(new int[] {}, c.dot(c).shapeArray());
        Tensor o = tensor(1.0, 2.0).outer(tensor(3.0, 4.0, 5.0));
        assertArrayEquals(new int[] {2, 3}, o.shapeArray());
        assertArrayEquals(new double[] {3, 4, 5, 6, 8, 10}, o.toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0, 0}, zeros(2, 0).mm(zeros(0, 2)).toDoubleArray(), "k = 0 gives zeros");
        assertArrayEquals(new int[] {0, 5}, zeros(0, 3).mm(zeros(3, 5)).shapeArray());
        Tensor big = arange(12).view(3, 4).toFloat();
        assertArrayEquals(big.mm(big.t()).toDoubleArray(), big.matmul(big.t().contiguous()).toDoubleArray());
    }

    /** x[:, 1:] ends before its storage's last full row: BLAS must not be handed it in place (netlib refuses). */
    @Test
    void operandsEndingShortOfTheirStorage() {
        Tensor x = arange(20).view(4, 5).toFloat();
        Tensor a = x.get(":, 1:");
        Tensor w = arange(12).view(4, 3).toFloat();
        assertArrayEquals(a.contiguous().mm(w).toDoubleArray(), a.mm(w).toDoubleArray());
        Tensor col = x.get("1:, 1:2").t(); // 1 x 3 row, offset 6
        assertArrayEquals(col.contiguous().mm(w.get("1:")).toDoubleArray(), col.mm(w.get("1:")).toDoubleArray());
        Tensor v = x.get(":, 4"); // a strided column as the right-hand vector (gemv)
        assertArrayEquals(new double[] {4, 9, 14, 19}, v.toDoubleArray());
        assertArrayEquals(w.t().contiguous().matmul(v.contiguous()).toDoubleArray(), w.t().matmul(v).toDoubleArray());
        Tensor xt = x.t().get("1:, :"); // transposed operand with an offset
        assertArrayEquals(xt.contiguous().mm(x.get(":, :2")).toDoubleArray(), xt.mm(x.get(":, :2")).toDoubleArray());
    }

    @Test
    void errors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 3).matmul(zeros(4, 5)));
        assertTrue(e.getMessage().startsWith("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(3).matmul(zeros(4)));
        assertTrue(e.getMessage().startsWith("inconsistent tensor size, expected tensor [3] and src [4] to have the same "
            + "number of elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(3).matmul(tensor(2.0)));
        assertTrue(e.getMessage().startsWith("both arguments to matmul need to be at least 1D, but they are 1D and 0D"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 2).matmul(arange(4).view(2, 2)));
        assertTrue(e.getMessage().startsWith("expected scalar type Float but found Long"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 3).matmul(zeros(4)));
        assertTrue(e.getMessage().startsWith("size mismatch, got 2, 2x3,4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 2, 3).matmul(zeros(2, 4, 1)));
        assertTrue(e.getMessage().startsWith("Expected size for first two dimensions of batch2 tensor to be: [2, 3] "
            + "but got: [2, 4]."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 3, 4).mm(zeros(4, 2)));
        assertTrue(e.getMessage().startsWith("mm: both operands must be 2-D matrices, got shapes [2, 3, 4] and [4, 2]"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 3).dot(zeros(3)));
        assertEquals("1D tensors expected, but got 2D and 1D tensors", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 3).outer(zeros(3)));
        assertTrue(e.getMessage().startsWith("outer: 1D tensors expected, got 2D and 1D"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 2, 3).matmul(zeros(3, 3, 1)));
        assertTrue(e.getMessage().contains("The size of tensor a (2) must match the size of tensor b (3) at "
            + "non-singleton dimension 0"), e.getMessage());
    }
}
