package org.workbook.bench;

import java.util.Arrays;

/**
 * The timing method, the same as {@code bench/compare_torch.py}'s so both sides are
 * measured alike: calibrate a batch size k (doubling until one batch of k calls lasts
 * at least {@code repSeconds}), warm up for {@code warmupSeconds}, then time
 * {@code reps} batches and keep the median, minimum and maximum time per call.
 */
public final class Timing {
    /** Where the method's knobs live: --quick trades precision for a short run. */
    public record Settings(double warmupSeconds, double repSeconds, int reps) {
        public static final Settings FULL = new Settings(2.0, 0.05, 11);
        public static final Settings QUICK = new Settings(0.3, 0.01, 5);
    }

    /** Per-call times in nanoseconds over the repeats. */
    public record Result(double medianNs, double minNs, double maxNs, long callsPerRep, int reps) { }

    /** Results of the op are stored here so the work cannot be optimised away. */
    private static Object sink;
    private static volatile int keep;

    private Timing() { }

    private static long batch(BenchCase.Op op, long k) {
        long t0 = System.nanoTime();
        Object last = null;
        for (long i = 0; i < k; i++) {
            last = op.run();
        }
        long dt = System.nanoTime() - t0;
        sink = last;
        return dt;
    }

    public static Result measure(BenchCase.Op op, Settings s) {
        long repNs = (long) (s.repSeconds() * 1e9);
        long k = 1;
        while (true) {
            long dt = batch(op, k);
            if (dt >= repNs) {
                break;
            }
            // Grow towards the batch length, at least doubling, at most 100x at a time.
            long guess = (long) (k * 1.1 * repNs / Math.max(dt, 1));
            k = Math.max(2 * k, Math.min(100 * k, guess));
        }
        long warmEnd = System.nanoTime() + (long) (s.warmupSeconds() * 1e9);
        do {
            batch(op, k);
        } while (System.nanoTime() < warmEnd);
        double[] per = new double[s.reps()];
        for (int r = 0; r < s.reps(); r++) {
            per[r] = (double) batch(op, k) / k;
        }
        keep = System.identityHashCode(sink);
        return summarize(per, k);
    }

    static Result summarize(double[] per, long k) {
        double[] sorted = per.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Result(median, sorted[0], sorted[n - 1], k, n);
    }
}
