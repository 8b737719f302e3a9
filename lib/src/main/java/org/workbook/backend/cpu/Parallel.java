package org.workbook.backend.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits large loops over worker threads, like torch's intra-op thread pool.
 * Small loops stay on the caller's thread: below ~32k elements the hand-off costs
 * more than it saves. {@code setNumThreads(1)} makes everything single-threaded
 * (benchmarks against single-threaded PyTorch use it).
 */
public final class Parallel {
    /** Elements below which a loop is never split. */
    static final long GRAIN = 1 << 15;

    private static volatile int numThreads = Integer.getInteger("workbook.threads",
        Runtime.getRuntime().availableProcessors());
    private static volatile ExecutorService pool;

    private Parallel() { }

    public static int getNumThreads() {
        return numThreads;
    }

    /** As torch.set_num_threads: the number of threads large operations use, OpenBLAS's products included. */
    public static synchronized void setNumThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("setNumThreads: need at least 1 thread, got " + n);
        }
        numThreads = n;
        BlasChoice.applyThreads(n);
    }

    static int threadsFor(long work) {
        int t = numThreads;
        if (t <= 1 || work < 2 * GRAIN) {
            return 1;
        }
        return (int) Math.min(t, work / GRAIN);
    }

    @FunctionalInterface
    interface RangeBody {
        void run(int lo, int hi);
    }

    /** Runs body over [0, n) cut in {@code parts} pieces; the caller's thread takes the first. */
    static void range(int n, int parts, RangeBody body) {
        parts = Math.min(parts, n);
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        ExecutorService p = pool();
        Future<?>[] fs = new Future<?>[parts - 1];
        int chunk = (n + parts - 1) / parts;
        for (int i = 1; i < parts; i++) {
            int lo = i * chunk;
            int hi = Math.min(n, lo + chunk);
            fs[i - 1] = lo < hi ? p.submit(() -> body.run(lo, hi)) : null;
        }
        body.run(0, Math.min(n, chunk));
        for (Future<?> f : fs) {
            if (f == null) {
                continue;
            }
            try {
                f.get();
            } catch (InterruptedException e) {
                // Stopped (the kernel's stop button): the other pieces need not run on.
                for (Future<?> other : fs) {
                    if (other != null) {
                        other.cancel(true);
                    }
                }
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while waiting for a parallel loop");
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                if (pool == null) {
                    AtomicInteger k = new AtomicInteger();
                    ThreadFactory tf = r -> {
                        Thread t = new Thread(r, "workbook-cpu-" + k.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    };
                    pool = Executors.newCachedThreadPool(tf);
                }
                p = pool;
            }
        }
        return p;
    }
}
