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

    @Test
    void blockedProductsMatchTheNaiveSumIncludingTransposedOperands() {
        int m = 300, k = 700, n = 900; // 2^25 / (n k) = 53 rows a block: six blocks, the last one short
        assertEquals(53, Gemm.BLOCK_MACS / ((long) n * k));
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor a = matrix(m, k, dt);
            Tensor at = matrix(k, m, dt).t();
            Tensor b = matrix(k, n, dt);
            for (Tensor left : new Tensor[] {a, at}) {
                Tensor c = left.matmul(b);
                for (int[] ij : new int[][] {{0, 0}, {52, 899}, {53, 0}, {265, 1}, {299, 450}, {150, 17}}) {
                    assertEquals(naive(left, b, ij[0], ij[1]), c.get(ij[0], ij[1]).item(), 1e-3, dt + " " + ij[0] + "," + ij[1]);
                }
            }
        }
    }

    @Test
    void anInterruptedThreadStopsBetweenBlocks() {
        Tensor a = matrix(300, 700, DType.FLOAT32);
        Tensor b = matrix(700, 900, DType.FLOAT32);
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> a.matmul(b));
        } finally {
            Thread.interrupted();
        }
    }
}
