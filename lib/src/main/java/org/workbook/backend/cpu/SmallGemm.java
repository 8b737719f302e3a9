package org.workbook.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * float32 products cut into blocks that OpenBLAS's small-matrix kernels take: the course's layers (a
 * batch of 64 or 256 images times a 784-input weight) on CPUs with AVX-512.
 *
 * <p>Why: for a product of more than 100³ multiply-adds OpenBLAS packs both operands into its own
 * layout before its kernel runs, and for the course's skinny shapes the packing costs about as much
 * as the arithmetic. Below that size, on the AVX-512 cores (Skylake-X, Cooper Lake, Sapphire Rapids:
 * {@code sgemm_small_kernel_permit_skylakex.c}), it runs kernels that read the operands in place.
 * So a product whose rows can be cut into blocks that each pass OpenBLAS's test is called block by
 * block. Measured on the project machine (AMD EPYC Zen 4, OpenBLAS 0.3.31 picking its Cooper Lake
 * kernels, one thread; matmul on tensors, one JVM per setting, two of each alternating): a batch
 * sliced from the 12396x784 training set as an epoch reads it (from memory), x (256x784) @ w.t()
 * (784x30) 219–227 → 150–167 µs and w.grad = g.t() (30x256) @ x 285–291 → 203–210 µs (cut along the
 * 256, below); lesson 8's x (64x784) @ w.t() (784x100) 124–126 → 102–112 µs and its w.grad 125–128 →
 * 115–116 µs (g.t() copied first, {@link Gemm}). The chapter-4 net's epoch 21.8 → 14.5 ms, lesson
 * 8's MLP epoch 278 → 260 ms (bench/compare, our side). Bits: each block's elements are the
 * same dot products, but the small kernels sum them in another order than the packed kernel, so
 * results move in the last bits (as between two BLAS builds; torch's own OpenBLAS picks either
 * path by the same test).
 *
 * <p>Two cuts, in column-major (BLAS) terms, C (m x n) = op(A) (m x k) op(B) (k x n):
 * <ul>
 * <li>along n (our output's rows), when B is not transposed: blocks of B's and C's columns;</li>
 * <li>along k, when A is not transposed and B is (w.grad = g.t() @ x): blocks of the depth, each
 *     added to C.</li>
 * </ul>
 * Other layouts are not cut: netlib's JNI checks an operand's whole leading-dimension box, which a
 * block with an offset inside a transposed operand's lines overruns.
 */
final class SmallGemm {
    /** OpenBLAS's test: at most 100³ multiply-adds; with A transposed, C at most 1200 and k at least 32. */
    static final double MAX_MACS = 1e6;
    static final int MAX_TN_OUTPUT = 1200;
    static final int MIN_TN_DEPTH = 32;
    /**
     * Smallest blocks worth a call: 64x784 @ 784x100 gains in blocks of 8 to 12 rows; the 784x100 weight
     * gradient cut into depths of 12 gains nothing (its packed kernel is already fast), 32 to 42 gain.
     */
    static final int MIN_ROWS = 8;
    static final int MIN_DEPTH = 16;

    /** Where the cut applies: the bundled OpenBLAS on a CPU whose kernels it takes have the small ones. */
    static final boolean ENABLED = enabled(System.getProperty("workbook.blas.smallBlocks", "auto"),
        System.getenv("OPENBLAS_CORETYPE"), cpuFlags());

    /** What {@link Gemm#describe()} adds while this is active. */
    static final String DESCRIBED = "; skinny float32 products in blocks for its AVX-512 small-matrix kernels";

    /** A cut: along the depth (k) or along n, in blocks of {@code size}; null when there is none. */
    record Plan(boolean depth, int size) { }

    private SmallGemm() { }

    /** OpenBLAS 0.3.31's sgemm_small_kernel_permit for its Skylake-X family (its code, column-major). */
    static boolean permits(boolean transA, boolean transB, long m, long n, long k) {
        if ((double) m * n * k > MAX_MACS) {
            return false;
        }
        return !transA || !transB && m * n <= MAX_TN_OUTPUT && k >= MIN_TN_DEPTH;
    }

    /** How to cut C (m x n) = op(A) op(B) into permitted blocks; null when it is small already or cannot be. */
    static Plan plan(boolean transA, boolean transB, int m, int n, int k) {
        if (m == 0 || n == 0 || k == 0 || permits(transA, transB, m, n, k)) {
            return null;
        }
        if (!transB) {
            long most = (long) (MAX_MACS / ((double) m * k));
            if (transA) {
                most = Math.min(most, MAX_TN_OUTPUT / m);
            }
            int size = even(n, (int) Math.min(most, n));
            if (size >= MIN_ROWS && permits(transA, false, m, size, k)) {
                return new Plan(false, size);
            }
        }
        if (!transA && transB) {
            int size = even(k, (int) Math.min(MAX_MACS / ((double) m * n), k));
            if (size >= MIN_DEPTH) {
                return new Plan(true, size);
            }
        }
        return null;
    }

    /** Blocks of nearly equal size, none above {@code most}: 256 rows by at most 40 go as 7 of 37. */
    private static int even(int total, int most) {
        if (most < 1) {
            return 0;
        }
        int count = (total + most - 1) / most;
        return (total + count - 1) / count;
    }

    /**
     * Whether products go through here at all: enabled, the bundled OpenBLAS in use, on one thread. With
     * more, OpenBLAS splits a packed product over its threads, and the blocks measured no better there
     * (the lesson-8 MLP epoch gained on two threads, the chapter-4 net lost), so products stay whole.
     */
    static boolean active() {
        // Parallel's count is OpenBLAS's too (BlasChoice.applyThreads), without a native call to ask it
        return ENABLED && Parallel.getNumThreads() == 1 && BlasChoice.get().tier() == BlasChoice.Tier.BUNDLED;
    }

    /**
     * C = op(A) op(B) (alpha 1, beta 0; netlib's arguments) in blocks when the bundled OpenBLAS's small
     * kernels apply; false, with nothing done, when they do not.
     */
    static boolean sgemm(Blas blas, boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                         int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        Plan p = plan(transA, transB, m, n, k);
        if (p == null || !active()) {
            return false;
        }
        run(blas, p, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        return true;
    }

    /** Runs a plan: the blocks, one BLAS call each, in order. */
    static void run(Blas blas, Plan p, boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                    int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        String ta = transA ? "T" : "N";
        String tb = transB ? "T" : "N";
        int total = p.depth() ? k : n;
        for (int s = 0; s < total; s += p.size()) {
            if (p.depth()) {
                int w = Math.min(p.size(), k - s);
                blas.sgemm(ta, tb, m, n, w, 1f, a, aOff + s * lda, lda, b, bOff + s * ldb, ldb, s == 0 ? 0f : 1f, c,
                    cOff, ldc);
            } else {
                int w = Math.min(p.size(), n - s);
                touch(b, bOff + s * ldb, w, k, ldb);
                blas.sgemm(ta, tb, m, w, k, 1f, a, aOff, lda, b, bOff + s * ldb, ldb, 0f, c, cOff + s * ldc, ldc);
            }
            if (s + p.size() < total && Thread.currentThread().isInterrupted()) {
                // as Gemm's row blocks: a stop is heard between two blocks, not after the last
                throw new java.util.concurrent.CancellationException("matmul interrupted");
            }
        }
    }

    /** Keeps {@link #touch}'s reads from being dropped as unused. */
    static volatile int touched;

    /**
     * Reads one float per 64-byte line of B's block (w lines of k floats, ld apart) before the kernel
     * does: the block of a batch read straight from the training set comes from memory, and the small
     * kernels' order of reads does not set off the CPU's prefetcher, so a sequential pass first brings
     * it into cache at full memory speed (x (256x784) @ w.t() in blocks, the BLAS calls alone: 191 →
     * 158 µs from memory; a block already in cache costs about 1 µs more).
     */
    private static void touch(float[] b, int off, int w, int k, int ld) {
        int bits = 0;
        for (int line = 0; line < w; line++) {
            int start = off + line * ld;
            for (int i = start; i < start + k; i += 16) {
                bits ^= Float.floatToRawIntBits(b[i]);
            }
        }
        touched = bits;
    }

    /**
     * "auto": on when OpenBLAS would pick one of its AVX-512 cores, i.e. the CPU has AVX-512 F, CD, BW,
     * DQ and VL (Linux's /proc/cpuinfo; elsewhere unknown, so off) and OPENBLAS_CORETYPE, when set, names
     * one of them. "true" and "false" force it (A/B measurements).
     */
    static boolean enabled(String setting, String coreType, List<String> flags) {
        switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            case "auto":
                break;
            default:
                throw new IllegalArgumentException("-Dworkbook.blas.smallBlocks takes auto, true or false, not '"
                    + setting + "'");
        }
        if (coreType != null && !coreType.isBlank()
            && !List.of("SKYLAKEX", "COOPERLAKE", "SAPPHIRERAPIDS").contains(coreType.strip().toUpperCase(Locale.ROOT))) {
            return false;
        }
        return flags.containsAll(List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));
    }

    /** The first "flags" line of /proc/cpuinfo, split; empty where there is none (not Linux, not x86). */
    private static List<String> cpuFlags() {
        if (!"amd64".equals(System.getProperty("os.arch"))) {
            return List.of();
        }
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> List.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
