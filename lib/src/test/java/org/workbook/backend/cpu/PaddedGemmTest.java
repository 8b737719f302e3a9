package org.workbook.backend.cpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Products whose output width is 13-15 past a multiple of 16 run with zero columns added
 * ({@link PaddedGemm}): the same bits as the plain BLAS call with the same operand layouts, NaN and
 * infinities where they belong, and the right shapes taken. (Where OpenBLAS has its small kernels,
 * matmul cuts these shapes into blocks first: {@link SmallGemmTest}.)
 */
class PaddedGemmTest {
    @Test
    void theRuleTakesOnlyWideEnoughProductsWithALongTail() {
        assertTrue(PaddedGemm.applies(256, 30, 784));   // chapter 4's simple net, layer 1
        assertTrue(PaddedGemm.applies(256, 31, 784));
        assertTrue(PaddedGemm.applies(1024, 45, 100));
        assertFalse(PaddedGemm.applies(256, 28, 784));  // remainder 12: no gain measured
        assertFalse(PaddedGemm.applies(256, 15, 784));  // one tile or less
        assertFalse(PaddedGemm.applies(255, 30, 784));  // rows not a multiple of 16
        assertFalse(PaddedGemm.applies(64, 30, 784));   // under 2^21 multiply-adds
        assertFalse(PaddedGemm.applies(256, 100, 784));
        assertFalse(PaddedGemm.applies(1 << 16, 30, 784)); // over one block: Gemm's row blocks instead
        assertEquals(32, PaddedGemm.padded(30));
        assertEquals(48, PaddedGemm.padded(47));
    }

    static float[] randn(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Random shapes under the rule, each operand plain or transposed, some with an offset and wider lines. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sameBitsAsThePlainCallForEveryLayout(long seed) {
        Random r = new Random(seed);
        int m = 16 * (4 + r.nextInt(40));
        int n = 16 * (1 + r.nextInt(6)) + 13 + r.nextInt(3);
        int k = Math.max(1, (int) (PaddedGemm.MIN_MACS / ((long) m * n)) + r.nextInt(300));
        assertTrue(PaddedGemm.applies(m, n, k), m + "x" + k + "x" + n);
        boolean aTrans = r.nextBoolean();
        boolean bTrans = r.nextBoolean();
        int aPad = r.nextInt(3);
        int bPad = r.nextInt(3);
        int aOff = r.nextInt(5);
        int bOff = r.nextInt(5);
        // a stored m x k (lines of k + aPad), or k x m when transposed; likewise b
        int lda = (aTrans ? m : k) + aPad;
        int ldb = (bTrans ? k : n) + bPad;
        float[] a = randn(r, aOff + (aTrans ? k : m) * lda);
        float[] b = randn(r, bOff + (bTrans ? n : k) * ldb);
        if (seed % 3 == 0) {
            a[aOff + r.nextInt(m) * (aTrans ? 1 : lda)] = Float.NaN;
            b[bOff + r.nextInt(n) * (bTrans ? ldb : 1)] = Float.POSITIVE_INFINITY;
        }
        // PaddedGemm itself: on CPUs with OpenBLAS's small kernels, matmul cuts these shapes into blocks
        // instead (SmallGemm, whose own test checks it).
        float[] padded = new float[m * n];
        PaddedGemm.sgemm(BlasChoice.get().blas(), a, aOff, lda, aTrans, b, bOff, ldb, bTrans, m, n, k, padded, 0);
        float[] plain = new float[m * n];
        Gemm.gemm(aTrans, bTrans, m, n, k, a, aOff, lda, b, bOff, ldb, 0, plain, 0, n);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(Float.floatToIntBits(plain[i]), Float.floatToIntBits(padded[i]),
                m + "x" + k + "x" + n + " aTrans " + aTrans + " bTrans " + bTrans + " element " + i);
        }
    }

    @Test
    void leftOperandFromASliceOfABiggerBatch() {
        // the training loop's case: x[i:i+256] @ w.t(), x one big contiguous tensor
        Random r = new Random(9);
        float[] x = randn(r, 1000 * 784);
        float[] w = randn(r, 30 * 784);
        float[] got = new float[256 * 30];
        PaddedGemm.sgemm(BlasChoice.get().blas(), x, 300 * 784, 784, false, w, 0, 784, true, 256, 30, 784, got, 0);
        float[] want = new float[256 * 30];
        Gemm.gemm(false, true, 256, 30, 784, x, 300 * 784, 784, w, 0, 784, 0, want, 0, 30);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), "element " + i);
        }
    }
}
