package org.workbook.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * 2-D matrix products through a real BLAS: the OpenBLAS bundled from Maven, else the
 * system's through netlib's JNI, else netlib's pure Java ({@link BlasChoice}). Our
 * tensors are row-major, BLAS is column-major: C = A B is computed as
 * C^T = B^T A^T, which reads the same memory with no copy. Operands whose rows
 * or columns are contiguous (e.g. {@code w.t()}) go in with a transpose flag;
 * anything else is copied once.
 */
public final class Gemm {
    private Gemm() { }

    /**
     * The netlib BLAS object matmul calls: netlib's JNI bound to the bundled or the system OpenBLAS, or
     * its pure-Java BLAS; null when the bundled OpenBLAS is called through JavaCPP instead (macOS,
     * Windows). Chosen on first use, see {@link #describe()}.
     */
    public static BLAS blas() {
        return BlasChoice.get().netlib();
    }

    /**
     * Which BLAS runs matmul, with how many threads, and why any better one is not in use, e.g.
     * "OpenBLAS 0.3.31 bundled (org.bytedeco:openblas linux-x86_64, through netlib's JNI): native, 2 threads".
     */
    public static String describe() {
        BlasChoice.Chosen c = BlasChoice.get();
        int t = BlasChoice.threads();
        String threads = t < 0 ? "its own thread count (OPENBLAS_NUM_THREADS)" : t + (t == 1 ? " thread" : " threads");
        StringBuilder s = new StringBuilder(c.what()).append(", ").append(threads);
        if (SmallGemm.active()) {
            s.append(SmallGemm.DESCRIBED);
        }
        for (String why : c.passedOver()) {
            s.append("; ").append(why);
        }
        return s.toString();
    }

    /** The threads one product may use (OpenBLAS's setting, following {@link Parallel#setNumThreads}). */
    public static int threads() {
        return BlasChoice.threads();
    }

    private static Blas impl() {
        return BlasChoice.get().blas();
    }

    /**
     * A matrix operand as BLAS sees it. Not transposed: element (i, j) at off + i*ld + j.
     * Transposed: element (i, j) at off + i + j*ld.
     */
    private record Operand(Tensor t, int ld, boolean trans) { }

    private static Operand operand(Tensor t) {
        int[] s = t.strideArray();
        int rows = t.size(0);
        int cols = t.size(1);
        if ((s[1] == 1 || cols <= 1) && (rows <= 1 || s[0] >= Math.max(1, cols))) {
            int ld = rows <= 1 ? Math.max(1, cols) : s[0];
            if (fits(t, rows, ld)) {
                return new Operand(t, ld, false);
            }
        } else if ((s[0] == 1 || rows <= 1) && (cols <= 1 || s[1] >= Math.max(1, rows))) {
            int ld = cols <= 1 ? Math.max(1, rows) : s[1];
            if (fits(t, cols, ld)) {
                return new Operand(t, ld, true);
            }
        }
        return new Operand(t.contiguous(), Math.max(1, cols), false);
    }

    /**
     * netlib checks that a matrix's whole leading-dimension box, offset + lines * ld, lies in the array,
     * although BLAS never reads past the last element: a view like x[:, 1:] (offset 1, last line short)
     * passes in place only when its storage extends that far, else it is copied.
     */
    private static boolean fits(Tensor t, int lines, int ld) {
        return (long) t.offset() + (long) lines * ld <= t.storage().length();
    }

    /** out (contiguous, m x n) = a (m x k) @ b (k x n). */
    static void matmul(Tensor a, Tensor b, Tensor out) {
        int m = a.size(0);
        int k = a.size(1);
        int n = b.size(1);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Copy.fill(out, 0);
            return;
        }
        if (a.dtype() == DType.INT64) {
            longMatmul(a, b, out, m, k, n);
            return;
        }
        Operand A = operand(a);
        Operand B = operand(b);
        int ldc = Math.max(1, n);
        if (a.dtype() == DType.FLOAT32) {
            if (n == 1) {
                // A matrix-vector product: gemv is several times faster than a one-column gemm.
                int incx = B.trans ? 1 : B.ld;
                impl().sgemv(A.trans ? "N" : "T", A.trans ? m : k, A.trans ? k : m, 1f, A.t.storage().floats(),
                    A.t.offset(), A.ld, B.t.storage().floats(), B.t.offset(), incx, 0f, out.storage().floats(),
                    out.offset(), 1);
                return;
            }
            if (small(A, B, m, n, k, out)) {
                return;
            }
            if (A.trans && SmallGemm.plan(B.trans, false, n, m, k) != null && SmallGemm.active()) {
                // A transposed operand (g.t() in a weight's gradient) cannot be cut in place; its copy is
                // small (m x k) beside the product's m x n x k, and the cut pays for it (lesson 8's
                // 100x784 w.grad at batch 64: 125–128 → 115–116 µs, the copy included).
                if (small(new Operand(a.contiguous(), Math.max(1, k), false), B, m, n, k, out)) {
                    return;
                }
            }
            if (BlasChoice.get().tier() != BlasChoice.Tier.JAVA && PaddedGemm.applies(m, n, k)) {
                PaddedGemm.sgemm(impl(), A.t.storage().floats(), A.t.offset(), A.ld, A.trans, B.t.storage().floats(),
                    B.t.offset(), B.ld, B.trans, m, n, k, out.storage().floats(), out.offset());
                return;
            }
        }
        // Row-major C (m x n) is column-major C^T (n x m) = B^T (n x k) * A^T (k x m). A big product
        // goes in blocks of C's rows, so an interrupt (the kernel's stop button) is heard between two.
        // (Not for a transposed A: netlib checks its bounds as if each block had full-length rows.)
        int rows = A.trans ? m : (int) Math.max(1, Math.min(m, blockMacs() / Math.max(1L, (long) n * k)));
        for (int r0 = 0; r0 < m; r0 += rows) {
            int mb = Math.min(rows, m - r0);
            int aOff = A.t.offset() + r0 * A.ld;
            int cOff = out.offset() + r0 * ldc;
            if (a.dtype() == DType.FLOAT32) {
                impl().sgemm(B.trans ? "T" : "N", A.trans ? "T" : "N", n, mb, k, 1f, B.t.storage().floats(),
                    B.t.offset(), B.ld, A.t.storage().floats(), aOff, A.ld, 0f, out.storage().floats(), cOff, ldc);
            } else {
                impl().dgemm(B.trans ? "T" : "N", A.trans ? "T" : "N", n, mb, k, 1.0, B.t.storage().doubles(),
                    B.t.offset(), B.ld, A.t.storage().doubles(), aOff, A.ld, 0.0, out.storage().doubles(), cOff, ldc);
            }
            if (r0 + mb < m && Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("matmul interrupted");
            }
        }
    }

    /** float32 out = A @ B through OpenBLAS's small kernels, in blocks ({@link SmallGemm}); false when not. */
    private static boolean small(Operand A, Operand B, int m, int n, int k, Tensor out) {
        return SmallGemm.sgemm(impl(), B.trans, A.trans, n, m, k, B.t.storage().floats(), B.t.offset(), B.ld,
            A.t.storage().floats(), A.t.offset(), A.ld, out.storage().floats(), out.offset(), Math.max(1, n));
    }

    /**
     * Row-major C (m x n, leading dimension ldc) = op(A) op(B) + beta C on raw arrays (float[] or double[],
     * all alike), for kernels that multiply pieces of their own buffers (the convolution's blocks of
     * columns). op(A) is m x k: A stored m x k (lda >= k), or k x m when transA. op(B) is k x n: B stored
     * k x n (ldb >= n), or n x k when transB. Computed as the column-major C^T = op(B)^T op(A)^T.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, Object a, int aOff, int lda, Object b,
                     int bOff, int ldb, double beta, Object c, int cOff, int ldc) {
        if (c instanceof float[] cf) {
            impl().sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, 1f, (float[]) b, bOff, ldb, (float[]) a,
                aOff, lda, (float) beta, cf, cOff, ldc);
        } else {
            impl().dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, 1.0, (double[]) b, bOff, ldb,
                (double[]) a, aOff, lda, beta, (double[]) c, cOff, ldc);
        }
    }

    /** Multiply-adds per BLAS call in a big product: a fraction of a second even in pure Java. */
    static final long BLOCK_MACS = 1L << 25;
    /**
     * The same for a native BLAS, tens of times faster (about 20 ms a block on one core of the project
     * machine, less on more): small blocks cost it its speed, since each call packs the whole right
     * operand again (a 1024x1024 product in 32-row blocks takes twice as long as in one call; in 256-row
     * blocks, 2^28 multiply-adds, 24.0 ms against 22.2-22.5 in one call, torch's 21-23).
     */
    static final long NATIVE_BLOCK_MACS = 1L << 30;

    static long blockMacs() {
        return BlasChoice.get().tier() == BlasChoice.Tier.JAVA ? BLOCK_MACS : NATIVE_BLOCK_MACS;
    }

    private static void longMatmul(Tensor a, Tensor b, Tensor out, int m, int k, int n) {
        long[] o = out.storage().longs();
        int[] sa = a.strideArray();
        int[] sb = b.strideArray();
        int[] so = out.strideArray();
        long[] x = a.storage().longs();
        long[] y = b.storage().longs();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += x[a.offset() + i * sa[0] + p * sa[1]] * y[b.offset() + p * sb[0] + j * sb[1]];
                }
                o[out.offset() + i * so[0] + j * so[1]] = acc;
            }
        }
    }
}
