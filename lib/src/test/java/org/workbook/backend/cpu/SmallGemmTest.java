package org.workbook.backend.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.tensor;

/**
 * Products cut into blocks for OpenBLAS's small kernels ({@link SmallGemm}): the plans keep every block
 * inside OpenBLAS's test and cover the product exactly, the blocks compute the product (against a
 * float64 sum, with NaN and infinities where they belong, from any layout, offset and line width), and
 * matmul on the course's layers agrees with the float64 product whether or not the CPU has the kernels.
 */
class SmallGemmTest {
    private static final List<String> AVX512 = List.of("fpu", "avx2", "avx512f", "avx512cd", "avx512bw",
        "avx512dq", "avx512vl", "avx512_bf16");

    @Test
    void theTestIsOpenBlasOwn() {
        assertTrue(SmallGemm.permits(false, false, 100, 100, 100));   // 100^3 exactly
        assertFalse(SmallGemm.permits(false, false, 100, 100, 101));
        assertTrue(SmallGemm.permits(false, true, 784, 30, 42));
        assertTrue(SmallGemm.permits(true, false, 30, 40, 784));      // C of 1200
        assertFalse(SmallGemm.permits(true, false, 30, 41, 784));     // C of 1230
        assertFalse(SmallGemm.permits(true, false, 10, 10, 31));      // depth under 32
        assertFalse(SmallGemm.permits(true, true, 10, 10, 40));       // no TT kernel
    }

    @Test
    void theCourseLayersArePlannedAsMeasured() {
        // x (256x784) @ w.t() (784x30): BLAS sees w as A transposed, 30 x 256 x 784; at most 40 columns
        assertEquals(new SmallGemm.Plan(false, 37), SmallGemm.plan(true, false, 30, 256, 784));
        // w.grad = g.t() @ x: 784 x 30 x 256 with B transposed, cut along the 256
        assertEquals(new SmallGemm.Plan(true, 37), SmallGemm.plan(false, true, 784, 30, 256));
        // lesson 8: x (64x784) @ w.t() (784x100) in 6 blocks of 11 rows; its w.grad only once g.t() is copied
        assertEquals(new SmallGemm.Plan(false, 11), SmallGemm.plan(true, false, 100, 64, 784));
        assertNull(SmallGemm.plan(false, true, 784, 100, 64), "depth blocks of 12: no gain measured");
        assertEquals(new SmallGemm.Plan(false, 17), SmallGemm.plan(false, false, 784, 100, 64));
        // small already, or no block worth a call
        assertNull(SmallGemm.plan(false, false, 10, 784, 100));
        assertNull(SmallGemm.plan(false, false, 1024, 1024, 1024));
        assertNull(SmallGemm.plan(false, false, 0, 5000, 784));
    }

    /** Any shape: a plan's blocks pass OpenBLAS's test, are big enough, and tile the cut dimension. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void plansKeepEveryBlockInsideTheTest(long seed) {
        Random r = new Random(seed);
        int planned = 0;
        for (int t = 0; t < 2000; t++) {
            int m = 1 + r.nextInt(r.nextBoolean() ? 64 : 1200);
            int n = 1 + r.nextInt(r.nextBoolean() ? 64 : 2000);
            int k = 1 + r.nextInt(r.nextBoolean() ? 64 : 1200);
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            SmallGemm.Plan p = SmallGemm.plan(ta, tb, m, n, k);
            String what = (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "x" + n + "x" + k;
            if (SmallGemm.permits(ta, tb, m, n, k)) {
                assertNull(p, what + ": small already");
                continue;
            }
            if (p == null) {
                continue;
            }
            planned++;
            int total = p.depth() ? k : n;
            int blocks = (total + p.size() - 1) / p.size();
            int last = total - (blocks - 1) * p.size();
            assertTrue(last >= 1 && last <= p.size(), what + ": the blocks tile " + total + " by " + p.size());
            if (p.depth()) {
                assertTrue(!ta && tb, what + ": a depth cut only for N/T");
                assertTrue(SmallGemm.permits(ta, tb, m, n, p.size()), what + " " + p);
                assertTrue(p.size() >= SmallGemm.MIN_DEPTH, what + " " + p);
            } else {
                assertFalse(tb, what + ": no cut inside a transposed B");
                assertTrue(SmallGemm.permits(ta, tb, m, p.size(), k), what + " " + p);
                assertTrue(p.size() >= SmallGemm.MIN_ROWS, what + " " + p);
            }
        }
        assertTrue(planned > 50, "only " + planned + " shapes planned");
    }

    static float[] randn(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /**
     * C (m x n, column-major, ldc) against the float64 sum of op(A) op(B): within k float32 roundings of
     * the sum of |terms|, NaN where a NaN or an infinity times zero or opposite infinities meet.
     */
    static void assertProduct(String what, boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[aOff + (ta ? p + i * lda : i + p * lda)];
                    double y = b[bOff + (tb ? j + p * ldb : p + j * ldb)];
                    sum += x * y;
                    abs += Math.abs(x * y);
                }
                float got = c[cOff + i + j * ldc];
                String where = what + " C(" + i + "," + j + ")";
                if (Double.isNaN(sum) || Double.isInfinite(sum)) {
                    assertEquals((float) sum, got, where);
                } else {
                    assertEquals(sum, got, 2 * k * 0x1p-24 * abs + 1e-30, where);
                }
            }
        }
    }

    /** A plan run with the real BLAS: random layouts, offsets, wider lines, a NaN and an infinity. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void blocksComputeTheProduct(long seed) {
        Random r = new Random(seed);
        boolean depth = seed % 2 == 0;
        boolean ta = !depth && r.nextBoolean();
        boolean tb = depth;
        int m = 1 + r.nextInt(ta ? 40 : 120);
        int n = 1 + r.nextInt(90);
        int k = 1 + r.nextInt(300);
        int size = 1 + r.nextInt(depth ? k : n);
        BlasLayout at = BlasLayout.random(r, ta, tb, m, n, k);
        float[] a = randn(r, at.aOff() + (ta ? m : k) * at.lda());
        float[] b = randn(r, at.bOff() + (tb ? k : n) * at.ldb());
        if (seed % 3 == 0) {
            a[at.aOff() + r.nextInt(a.length - at.aOff())] = Float.NaN;
            b[at.bOff() + r.nextInt(b.length - at.bOff())] = Float.POSITIVE_INFINITY;
        }
        float[] c = new float[at.cOff() + n * at.ldc()];
        java.util.Arrays.fill(c, Float.NaN);  // beta 0: what C held must not leak in
        SmallGemm.run(BlasChoice.get().blas(), new SmallGemm.Plan(depth, size), ta, tb, m, n, k, a, at.aOff(),
            at.lda(), b, at.bOff(), at.ldb(), c, at.cOff(), at.ldc());
        String what = (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "x" + n + "x" + k + " in blocks of " + size
            + (depth ? " deep" : " columns");
        assertProduct(what, ta, tb, m, n, k, a, at.aOff(), at.lda(), b, at.bOff(), at.ldb(), c, at.cOff(), at.ldc());
    }

    @Test
    void aStopIsHeardBetweenTwoBlocksNotAfterTheLast() {
        float[] a = new float[64 * 64];
        float[] b = new float[64 * 64];
        float[] c = new float[64 * 64];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 1f);
        for (boolean depth : new boolean[] {false, true}) {
            java.util.Arrays.fill(c, -1f);
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, () -> SmallGemm.run(BlasChoice.get().blas(),
                    new SmallGemm.Plan(depth, 16), false, depth, 64, 64, 64, a, 0, 64, b, 0, 64, c, 0, 64));
                // along n the first block is C's first 16 columns, whole; along the depth, all of C from 16 of 64 terms
                assertEquals(depth ? 16f : 64f, c[0], "the first block was done");
                assertEquals(depth ? 16f : -1f, c[c.length - 1], "the second block was not started");
            } finally {
                Thread.interrupted();
            }
            // one block: it completes, and the interrupt stays for whoever looks next
            Thread.currentThread().interrupt();
            try {
                SmallGemm.run(BlasChoice.get().blas(), new SmallGemm.Plan(depth, 64), false, depth, 64, 64, 64, a, 0,
                    64, b, 0, 64, c, 0, 64);
                assertEquals(64f, c[c.length - 1]);
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    /** The lines x cols matrix stored from off with leading dimension ld, transposed (a view) when trans. */
    static Tensor view(float[] v, int off, int lines, int cols, int ld, boolean trans) {
        Tensor full = tensor(v);
        Tensor box = full.get(Slice.of(off, off + lines * ld)).view(lines, ld).get(Slice.ALL, Slice.of(0, cols));
        return trans ? box.t() : box;
    }

    /**
     * matmul on the course's layers and their gradients, batches sliced from a bigger set: in blocks on one
     * thread (where the CPU has the kernels), whole on two.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void matmulOnTheCourseLayers(int threads) {
        int before = Parallel.getNumThreads();
        Parallel.setNumThreads(threads);
        try {
            assertEquals(SmallGemm.ENABLED && BlasChoice.get().tier() == BlasChoice.Tier.BUNDLED && threads == 1,
                SmallGemm.active());
            Random r = new Random(threads);
            float[] x = randn(r, 1000 * 784);
            int[][] layers = {{256, 30}, {64, 100}, {64, 10}, {256, 1}};
            for (int[] l : layers) {
                int batch = l[0];
                int out = l[1];
                float[] w = randn(r, out * 784);
                float[] g = randn(r, batch * out);
                Tensor xb = view(x, 300 * 784, batch, 784, 784, false);
                Tensor y = xb.matmul(view(w, 0, out, 784, 784, false).t());    // forward: x @ w.t()
                assertProduct("x @ w.t() " + batch + "x784x" + out, true, false, out, batch, 784, w, 0, 784, x,
                    300 * 784, 784, y.contiguous().storage().floats(), 0, out);
                Tensor gw = view(g, 0, batch, out, out, false).t().matmul(xb); // w.grad = g.t() @ x
                assertProduct("g.t() @ x " + out + "x" + batch + "x784", false, true, 784, out, batch, x, 300 * 784,
                    784, g, 0, out, gw.contiguous().storage().floats(), 0, 784);
            }
        } finally {
            Parallel.setNumThreads(before);
        }
    }

    @Test
    void onWhereOpenBlasTakesItsAvx512Kernels() {
        assertTrue(SmallGemm.enabled("auto", null, AVX512));
        assertTrue(SmallGemm.enabled("auto", "cooperlake", AVX512));
        assertFalse(SmallGemm.enabled("auto", "HASWELL", AVX512), "OPENBLAS_CORETYPE picks a core without them");
        assertFalse(SmallGemm.enabled("auto", null, List.of("fpu", "avx2", "avx512f")), "AVX-512 F alone");
        assertFalse(SmallGemm.enabled("auto", null, List.of()), "no /proc/cpuinfo");
        assertTrue(SmallGemm.enabled("true", "HASWELL", List.of()));
        assertFalse(SmallGemm.enabled(" FALSE ", null, AVX512));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SmallGemm.enabled("yes", null, AVX512));
        assertEquals("-Dworkbook.blas.smallBlocks takes auto, true or false, not 'yes'", e.getMessage());
    }
}
