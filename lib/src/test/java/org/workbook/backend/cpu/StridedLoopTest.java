package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Gen;
import org.workbook.tensor.Ref;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The CPU backend's loop machinery: the strided walk (with dimension merging and the
 * split over threads for large loops) visits every element exactly once with the
 * right operand offsets; big elementwise ops and copies on strided views agree with a
 * per-element reference whether they run on one thread or several.
 */
class StridedLoopTest {
    private final int threads = Parallel.getNumThreads();

    @AfterEach
    void restoreThreads() {
        Parallel.setNumThreads(threads);
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 40).boxed();
    }

    /** Row-major element offsets of a layout, by multi-index. */
    static int[] offsets(int[] shape, int[] strides, int offset) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] out = new int[n];
        int[] k = {0};
        Ref.forEach(shape, i -> {
            int p = offset;
            for (int d = 0; d < i.length; d++) {
                p += i[d] * strides[d];
            }
            out[k[0]++] = p;
        });
        return out;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void visitsEveryElementOnceWithMatchingOffsets(long seed) {
        Gen g = new Gen(seed);
        boolean big = seed % 2 == 0; // big loops are split over threads
        int rank = 1 + g.rnd.nextInt(4);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = big ? (d == 0 ? 300 + g.rnd.nextInt(200) : 1 + g.rnd.nextInt(rank == 2 ? 400 : 12))
                : g.size();
        }
        // Output contiguous; inputs permuted, stepped, reversed or broadcast (stride 0).
        int[] st0 = org.workbook.tensor.Shapes.contiguousStrides(shape);
        int[] st1 = new int[rank];
        int[] st2 = new int[rank];
        int off1 = 0;
        int off2 = 0;
        int span = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int kind = g.rnd.nextInt(4);
            st1[d] = kind == 0 ? 0 : kind == 1 ? -span : span * (1 + g.rnd.nextInt(2));
            if (st1[d] < 0) {
                off1 += span * (shape[d] - 1);
            }
            st2[d] = g.rnd.nextBoolean() ? st0[d] : 0;
            span *= Math.max(1, shape[d]) * 2;
        }
        int[] want1 = offsets(shape, st1, off1 + 7);
        int[] want2 = offsets(shape, st2, off2 + 3);
        int n = want1.length;
        int[] got1 = new int[n];
        int[] got2 = new int[n];
        int[] visits = new int[n];
        AtomicInteger runs = new AtomicInteger();
        StridedLoop.forEach(shape, st0, 0, st1, off1 + 7, st2, off2 + 3, (o0, s0, o1, s1, o2, s2, len) -> {
            runs.incrementAndGet();
            for (int i = 0; i < len; i++) {
                int e = o0 + i * s0;
                visits[e]++;
                got1[e] = o1 + i * s1;
                got2[e] = o2 + i * s2;
            }
        });
        String w = Arrays.toString(shape) + " strides " + Arrays.toString(st1) + " / " + Arrays.toString(st2);
        for (int e = 0; e < n; e++) {
            assertEquals(1, visits[e], "element " + e + " visits, " + w);
        }
        assertArrayEquals(want1, got1, w);
        assertArrayEquals(want2, got2, w);
        if (n > 0 && Arrays.stream(shape).allMatch(s -> s > 0)) {
            assertTrue(runs.get() <= n, w);
        }
    }

    @Test
    void contiguousLoopsMergeIntoOneRun() {
        Parallel.setNumThreads(1);
        AtomicInteger runs = new AtomicInteger();
        int[] shape = {4, 5, 6};
        int[] st = org.workbook.tensor.Shapes.contiguousStrides(shape);
        StridedLoop.forEach(shape, st, 0, st, 0, null, 0, (o0, s0, o1, s1, o2, s2, len) -> {
            runs.incrementAndGet();
            assertEquals(120, len);
        });
        assertEquals(1, runs.get(), "a contiguous tensor of any rank is one run");
    }

    /** Large ops on strided views, single- and multi-threaded, against the element reference. */
    @ParameterizedTest
    @MethodSource("seeds")
    void bigOpsOnViewsAgreeAcrossThreadCounts(long seed) {
        if (seed >= 6) {
            return;
        }
        Gen g = new Gen(seed);
        DType dt = seed % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
        Tensor a = g.tensor(dt, Gen.Layout.MIXED, 300, 260);
        Tensor b = g.tensor(dt, Gen.Layout.EXPANDED, 300, 260);
        Tensor[] results = new Tensor[2];
        for (int t = 0; t < 2; t++) {
            Parallel.setNumThreads(t == 0 ? 1 : 4);
            Tensor r = a.mul(b).add(a.exp());
            Tensor c = a.contiguous();
            Tensor w = g.tensor(dt, Gen.Layout.TRANSPOSED, 300, 260);
            w.copy_(a);
            Ref.same("copy_ into a transposed view", a, w);
            assertArrayEquals(Ref.values(a), c.toDoubleArray());
            results[t] = r;
        }
        // float32 and float64 exp are within 1 ulp of the true value, not always the nearest (torch's are the
        // same), and a * b + exp(a) can cancel: an absolute floor of a few ulps of exp(a) covers that.
        Ref.check("a * b + exp(a) on " + Gen.describe(a) + ", " + Gen.describe(b), results[0], dt,
            new int[] {300, 260}, i -> Ref.cast(Ref.cast(a.getDouble(i) * b.getDouble(i), dt)
                + Ref.cast(Math.exp(a.getDouble(i)), dt), dt), Ref.rtol(dt), dt == DType.FLOAT32 ? 1e-5 : 1e-13);
        assertArrayEquals(results[0].toDoubleArray(), results[1].toDoubleArray(), "threads change nothing");
    }

    @Test
    void threadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setNumThreads(0));
        assertEquals("setNumThreads: need at least 1 thread, got 0", e.getMessage());
        Parallel.setNumThreads(8);
        assertEquals(1, Parallel.threadsFor(1000), "small loops stay on the caller's thread");
        assertTrue(Parallel.threadsFor(1 << 20) > 1);
        Parallel.setNumThreads(1);
        assertEquals(1, Parallel.threadsFor(1 << 20));
        assertTrue(Gemm.describe().contains("BLAS"), Gemm.describe());
        assertEquals(2.0, Tensors.tensor(1.0).add(1).item());
    }
}
