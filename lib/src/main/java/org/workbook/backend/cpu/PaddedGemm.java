package org.workbook.backend.cpu;

import java.util.Arrays;

/**
 * float32 products whose output has 13 to 15 columns past a multiple of 16 (chapter 4's 784-30-1
 * net: x @ w with 30 columns), computed with those columns rounded up to the multiple.
 *
 * <p>Why: {@link Gemm} hands a row-major product to BLAS as Cᵀ = Bᵀ Aᵀ, so the output's columns are
 * BLAS's rows, and OpenBLAS's float kernels on AVX-512 (16 rows per micro-tile) cover the last
 * {@code n mod 16} rows with pieces of 8, 4, 2 and 1 rows, each nearly as slow as a whole tile: a
 * 256x784 @ 784x30 product took 139 µs, with two zero columns added 109 µs (15 columns: 114 → 72,
 * 47: 191 → 146, 63: 238 → 188; measured on the project machine, OpenBLAS 0.3.31, one thread). The
 * added columns are zeros in a copy of B, their results are dropped, and every other output element
 * is the same dot product in the same order: on that machine the bits were equal to the unpadded call
 * for all 950 shapes of the rule below ({@code PaddedGemmTest} checks a set of them against the plain
 * call on whatever BLAS runs). The rule keeps to what was measured: a remainder of 13 to 15 (at 9 to
 * 12 the gain was small or a loss), a row count that is a multiple of 16 (other counts changed the
 * last bits of a few elements) and at least 2^21 multiply-adds (below, OpenBLAS takes its
 * small-matrix kernels, whose bits differ between the two widths).
 */
final class PaddedGemm {
    private static final int TILE = 16;
    static final long MIN_MACS = 1L << 21;

    private PaddedGemm() { }

    /** Whether out (m x n) = a (m x k) @ b (k x n) in float32 on a native BLAS goes through here. */
    static boolean applies(int m, int n, int k) {
        return n > TILE && n % TILE >= 13 && m % TILE == 0 && (long) m * n * k >= MIN_MACS
            && (long) m * padded(n) * k <= Gemm.NATIVE_BLOCK_MACS;
    }

    static int padded(int n) {
        return (n + TILE - 1) / TILE * TILE;
    }

    /**
     * c[cOff..] (row-major m x n, no gaps) = op(a) (m x k) @ op(b) (k x n), the operands as {@link Gemm}'s
     * BLAS call reads them: a stored m x k with leading dimension lda, or k x m when aTrans; b stored
     * k x n (ldb), or n x k when bTrans.
     */
    static void sgemm(Blas blas, float[] a, int aOff, int lda, boolean aTrans, float[] b, int bOff, int ldb,
                      boolean bTrans, int m, int n, int k, float[] c, int cOff) {
        int np = padded(n);
        float[] bp = (float[]) ColumnPool.take(true, np * k);
        float[] cp = (float[]) ColumnPool.take(true, m * np);
        try {
            if (bTrans) {
                // n lines of k: the added lines are zeros (not just ignored: a stale buffer's subnormals
                // would slow the multiply-adds).
                for (int j = 0; j < n; j++) {
                    System.arraycopy(b, bOff + j * ldb, bp, j * k, k);
                }
                Arrays.fill(bp, n * k, np * k, 0f);
            } else {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, bOff + p * ldb, bp, p * np, n);
                    Arrays.fill(bp, p * np + n, (p + 1) * np, 0f);
                }
            }
            blas.sgemm(bTrans ? "T" : "N", aTrans ? "T" : "N", np, m, k, 1f, bp, 0, bTrans ? k : np, a, aOff, lda,
                0f, cp, 0, np);
            for (int i = 0; i < m; i++) {
                System.arraycopy(cp, i * np, c, cOff + i * n, n);
            }
        } finally {
            ColumnPool.give(bp);
            ColumnPool.give(cp);
        }
    }
}
