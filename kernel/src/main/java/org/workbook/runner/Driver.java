package org.workbook.runner;

import org.workbook.kernel.protocol.MemoryReserve;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The thread that drives one notebook's cells through the evaluator. With the
 * heap full (a cell caught {@code OutOfMemoryError} and kept what it had),
 * even finishing a task needs memory: the driver frees the kernel's reserve
 * then, and a wait notices when its thread died without finishing the task
 * instead of waiting for it forever.
 */
final class Driver implements AutoCloseable {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** The driver's thread ended without finishing the cell (the JVM is out of memory, most likely). */
    static final class Died extends Exception {
        Died() {
            super("the thread that ran the cell ended without finishing it");
        }
    }

    private final ExecutorService exec;
    private volatile Thread thread;

    Driver(String name) {
        MemoryReserve.refill();
        exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "workbook-runner-" + name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    <T> Future<T> submit(Callable<T> task) {
        return exec.submit(() -> {
            try {
                return task.call();
            } catch (OutOfMemoryError e) {
                MemoryReserve.release(); // room to record the failure
                throw e;
            }
        });
    }

    /** {@code f}'s value within {@code nanos}; {@link Died} when the driver's thread ended first. */
    <T> T await(Future<T> f, long nanos) throws ExecutionException, TimeoutException, InterruptedException, Died {
        long end = System.nanoTime() + nanos;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return f.get(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                Thread t = thread;
                if (t != null && !t.isAlive() && !f.isDone()) {
                    throw new Died();
                }
            }
        }
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
