package org.workbook.bench;

import java.util.Arrays;

/**
 * The timing method, the same as {@code bench/compare_torch.py}'s so both sides are
 * measured alike: calibrate a batch size k (growing until one batch of k calls lasts
 * at least {@code repSeconds}), warm up for {@code warmupSeconds}, calibrate again,
 * then time {@code reps} batches and keep the median, minimum and maximum time per call.
 * The timed batches together are also measured in process CPU time (every thread of
 * the JVM, GC and JIT included; Python's process_time on the other side), giving a
 * mean CPU time per call: on a machine shared with other work, that figure stays
 * honest when the wall-clock one does not.
 */
public final class Timing {
    /** Where the method's knobs live: --quick trades precision for a short run. */
    public record Settings(double warmupSeconds, double repSeconds, int reps) {
        public static final Settings FULL = new Settings(2.0, 0.05, 11);
        public static final Settings QUICK = new Settings(1.0, 0.01, 5);
    }

    /** Per-call times in nanoseconds over the repeats: wall clock, and the mean in process CPU time. */
    public record Result(double medianNs, double minNs, double maxNs, double cpuMeanNs, long callsPerRep,
                         int reps) { }

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
        long k = calibrate(op, 1, repNs);
        long warmEnd = System.nanoTime() + (long) (s.warmupSeconds() * 1e9);
        do {
            batch(op, k);
        } while (System.nanoTime() < warmEnd);
        // Again after the warm-up: the first calls (class loading, interpreter) ran slower than the rest will.
        k = calibrate(op, k, repNs);
        double[] per = new double[s.reps()];
        long cpu0 = ProcessCpu.nanos();
        for (int r = 0; r < s.reps(); r++) {
            per[r] = (double) batch(op, k) / k;
        }
        long cpu1 = ProcessCpu.nanos();
        keep = System.identityHashCode(sink);
        Arrays.sort(per);
        double cpu = cpu0 < 0 || cpu1 < 0 ? Double.NaN : (double) (cpu1 - cpu0) / ((long) s.reps() * k);
        return new Result(median(per), per[0], per[per.length - 1], cpu, k, per.length);
    }

    /** The smallest k (from k0, at least doubling) whose batch lasts repNs or more. */
    private static long calibrate(BenchCase.Op op, long k0, long repNs) {
        long k = k0;
        while (true) {
            long dt = batch(op, k);
            if (dt >= repNs) {
                return k;
            }
            // Grow towards the batch length, at least doubling, at most 100x at a time.
            long guess = (long) (k * 1.1 * repNs / Math.max(dt, 1));
            k = Math.max(2 * k, Math.min(100 * k, guess));
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
