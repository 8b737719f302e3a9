package org.workbook.backend.cpu;

import org.junit.jupiter.api.Test;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.workbook.tensor.Tensors.tensor;

/** Big products go to BLAS in blocks of rows (so a stop is heard between two): same numbers as one call. */
class GemmBlocksTest {
    static Tensor matrix(int rows, int cols, DType dtype) {
        // small integers (i*7 mod 13 - 6): exact in float32, so only the summation order can differ
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7L % 13) - 6;
        }
        return tensor(v).reshape(rows, cols).to(dtype);
    }

    static double naive(Tensor a, Tensor b, int i, int j) {
        double s = 0;
        for (int p = 0; p < a.size(1); p++) {
            s += a.get(i, p).item() * b.get(p, j).item();
        }
        return s;
    }

    /** Rows of a block for k x n right operands: 53 in pure Java (2^25 / (n k)), 1704 for a native BLAS (2^30 / (n k)). */
    static int rowsPerBlock(int k, int n) {
        return (int) (Gemm.blockMacs() / ((long) n * k));
    }

    @Test
    void blockedProductsMatchTheNaiveSumIncludingTransposedOperands() {
        int k = 700, n = 900;
        int rows = rowsPerBlock(k, n);
        assertEquals(Gemm.BLOCK_MACS == Gemm.blockMacs() ? 53 : 1704, rows);
        int m = 5 * rows + rows / 2; // six blocks, the last one short
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor a = matrix(m, k, dt);
            Tensor at = matrix(k, m, dt).t();
            Tensor b = matrix(k, n, dt);
            for (Tensor left : new Tensor[] {a, at}) {
                Tensor c = left.matmul(b);
                for (int[] ij : new int[][] {{0, 0}, {rows - 1, 899}, {rows, 0}, {5 * rows, 1}, {m - 1, 450}, {m / 2, 17}}) {
                    assertEquals(naive(left, b, ij[0], ij[1]), c.get(ij[0], ij[1]).item(), 1e-3, dt + " " + ij[0] + "," + ij[1]);
                }
            }
        }
    }

    @Test
    void anInterruptedThreadStopsBetweenBlocks() {
        Tensor a = matrix(2 * rowsPerBlock(700, 900), 700, DType.FLOAT32);
        Tensor b = matrix(700, 900, DType.FLOAT32);
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> a.matmul(b));
        } finally {
            Thread.interrupted();
        }
    }
}
