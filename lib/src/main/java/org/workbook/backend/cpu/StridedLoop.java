package org.workbook.backend.cpu;

/**
 * Walks up to three strided operands over one shape and hands the work out in
 * runs along the innermost dimension, after merging dimensions that are laid out
 * back to back. A contiguous tensor of any rank becomes one run, so the kernels'
 * inner loops are long and simple enough for the JIT to vectorise.
 */
final class StridedLoop {
    /** A run of {@code n} elements: operand k starts at offset ok and steps by sk. */
    @FunctionalInterface
    interface Run {
        void run(int o0, int s0, int o1, int s1, int o2, int s2, int n);
    }

    private StridedLoop() { }

    /** Large loops are split over the worker threads along their outer dimension. */
    static void forEach(int[] shape, int[] st0, int off0, int[] st1, int off1, int[] st2, int off2, Run run) {
        forEach(shape, st0, off0, st1, off1, st2, off2, run, true);
    }

    /**
     * On the caller's thread only: for loops whose operand 0 has stride-0 dims it
     * accumulates into (reductions), where two threads would write the same element.
     */
    static void forEachSerial(int[] shape, int[] st0, int off0, int[] st1, int off1, Run run) {
        forEach(shape, st0, off0, st1, off1, null, 0, run, false);
    }

    private static void forEach(int[] shape, int[] st0, int off0, int[] st1, int off1, int[] st2, int off2, Run run,
                                boolean parallel) {
        int nd = shape.length;
        int[] dims = new int[nd];
        int[] a = new int[nd];
        int[] b = new int[nd];
        int[] c = new int[nd];
        int m = 0;
        long total = 1;
        for (int i = 0; i < nd; i++) {
            int d = shape[i];
            total *= d;
            if (d == 1) {
                continue;
            }
            int s0 = st0[i];
            int s1 = st1 == null ? 0 : st1[i];
            int s2 = st2 == null ? 0 : st2[i];
            if (m > 0 && a[m - 1] == s0 * d && b[m - 1] == s1 * d && c[m - 1] == s2 * d) {
                dims[m - 1] *= d;
                a[m - 1] = s0;
                b[m - 1] = s1;
                c[m - 1] = s2;
            } else {
                dims[m] = d;
                a[m] = s0;
                b[m] = s1;
                c[m] = s2;
                m++;
            }
        }
        if (total == 0) {
            return;
        }
        if (m == 0) {
            run.run(off0, 0, off1, 0, off2, 0, 1);
            return;
        }
        int threads = parallel ? Parallel.threadsFor(total) : 1;
        if (threads > 1) {
            splitAndRun(dims, a, b, c, m, off0, off1, off2, run, threads);
        } else {
            walk(dims, a, b, c, m, off0, off1, off2, 0, m == 1 ? 1 : dims[0], run);
        }
    }

    private static void splitAndRun(int[] dims, int[] a, int[] b, int[] c, int m, int off0, int off1, int off2,
                                    Run run, int threads) {
        if (m == 1) {
            // One long run: cut it into contiguous pieces.
            int n = dims[0];
            Parallel.range(n, threads, (lo, hi) -> run.run(off0 + lo * a[0], a[0], off1 + lo * b[0], b[0],
                off2 + lo * c[0], c[0], hi - lo));
        } else {
            Parallel.range(dims[0], threads, (lo, hi) -> walk(dims, a, b, c, m, off0, off1, off2, lo, hi, run));
        }
    }

    /** Runs the rows [lo, hi) of the outermost merged dimension (or the single run when m == 1). */
    private static void walk(int[] dims, int[] a, int[] b, int[] c, int m, int off0, int off1, int off2,
                             int lo, int hi, Run run) {
        int inner = m - 1;
        int n = dims[inner];
        if (m == 1) {
            run.run(off0, a[0], off1, b[0], off2, c[0], n);
            return;
        }
        int[] idx = new int[m];
        for (int row = lo; row < hi; row++) {
            int p0 = off0 + row * a[0];
            int p1 = off1 + row * b[0];
            int p2 = off2 + row * c[0];
            if (m == 2) {
                run.run(p0, a[1], p1, b[1], p2, c[1], n);
                continue;
            }
            // Odometer over the middle dimensions 1..m-2.
            java.util.Arrays.fill(idx, 0);
            while (true) {
                run.run(p0, a[inner], p1, b[inner], p2, c[inner], n);
                int d = inner - 1;
                while (d >= 1) {
                    idx[d]++;
                    p0 += a[d];
                    p1 += b[d];
                    p2 += c[d];
                    if (idx[d] < dims[d]) {
                        break;
                    }
                    p0 -= a[d] * dims[d];
                    p1 -= b[d] * dims[d];
                    p2 -= c[d] * dims[d];
                    idx[d] = 0;
                    d--;
                }
                if (d < 1) {
                    break;
                }
            }
        }
    }
}
