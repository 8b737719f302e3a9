package org.workbook.kernel.eval;

import java.util.concurrent.Callable;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cell code on a thread of its own that an interrupt can really stop.
 *
 * <p>Other Java kernels only call {@code Thread.interrupt()}, which a busy loop
 * never looks at, so {@code while (true) {}} burns the CPU until the kernel is
 * restarted. Here an interrupt first interrupts (a sleep, a wait, or a library
 * loop that checks for it ends cleanly), then, if the code is still running
 * after {@value #GRACE_MS} ms, throws {@code ThreadDeath} into it with
 * {@code Thread.stop} (still working on Java 17), repeating until it ends.
 *
 * <p>All cells share one thread while none is stopped, so thread-local state
 * (such as the library's no-grad mode) lasts from cell to cell as in Python; a
 * stopped thread is retired and the next cell gets a fresh one.
 */
public final class CellRunner {
    static final long GRACE_MS = 250;
    private static final long GIVE_UP_MS = 3000;
    private static final long STACK_BYTES = 64L << 20;

    /** The code was stopped by {@link #stop()}. */
    public static final class Stopped extends Exception {
        Stopped() {
            super("interrupted");
        }
    }

    private static final class Job {
        final Callable<?> task;
        volatile Object result;
        volatile Throwable error;
        volatile boolean done;
        volatile boolean stopRequested;
        /** stop() could not end the thread in time: the caller stops waiting; the thread is left behind. */
        volatile boolean abandoned;

        Job(Callable<?> task) {
            this.task = task;
        }

        void runHere() {
            try {
                result = task.call();
            } catch (Throwable t) {
                error = t;
            } finally {
                done = true;
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    private final class Worker extends Thread {
        final SynchronousQueue<Job> inbox = new SynchronousQueue<>();

        Worker() {
            super(group, null, "workbook-cell-" + COUNT.incrementAndGet(), STACK_BYTES);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Job j;
                try {
                    j = inbox.take();
                } catch (InterruptedException e) {
                    continue; // a late interrupt aimed at the previous job
                }
                j.runHere();
                if (j.stopRequested) {
                    return; // retire: a stopped thread's state is not to be trusted
                }
            }
        }
    }

    private static final AtomicInteger COUNT = new AtomicInteger();
    private final ThreadGroup group = new ThreadGroup("workbook-cells");
    private Worker worker;
    private volatile Job running;
    private volatile Worker runningOn;
    /** A cell is being evaluated (compiling or running), so an interrupt must end it. */
    private volatile boolean cellActive;
    /** An interrupt came while the cell was still compiling: its next task is stopped before it starts. */
    private volatile boolean pendingStop;

    /** Marks the start of a cell's evaluation (an interrupt from now on ends it, even while it compiles). */
    public void beginCell() {
        pendingStop = false;
        cellActive = true;
    }

    /** Marks the end of a cell's evaluation; a late interrupt no longer affects anything. */
    public void endCell() {
        cellActive = false;
        pendingStop = false;
    }

    /**
     * Runs {@code task} on the cell thread and waits for it. Returns its value,
     * rethrows what it threw, or throws {@link Stopped} when {@link #stop()} ended it.
     */
    public synchronized Object run(Callable<?> task) throws Throwable {
        if (pendingStop) {
            pendingStop = false;
            throw new Stopped();
        }
        if (worker == null || !worker.isAlive()) {
            worker = new Worker();
            worker.start();
        }
        Worker w = worker;
        Job j = new Job(task);
        runningOn = w;
        running = j;
        try {
            w.inbox.put(j);
            synchronized (j) {
                while (!j.done && w.isAlive() && !j.abandoned) {
                    j.wait(50);
                }
            }
        } finally {
            running = null;
            runningOn = null;
        }
        if (j.stopRequested) {
            worker = null;
            if (!j.done || j.error != null) {
                throw new Stopped();
            }
        }
        if (!j.done) {
            worker = null;
            throw new Stopped();
        }
        if (j.error != null) {
            throw j.error;
        }
        Object result = j.result;
        j.result = null; // the worker still holds the job until the next one: let the value go
        return result;
    }

    /** True while a task runs. */
    public boolean isRunning() {
        return running != null;
    }

    /**
     * Stops the running task, if any: interrupt, then Thread.stop until it ends.
     * Safe to call from any thread. Returns true when the task has ended.
     */
    @SuppressWarnings({"deprecation", "removal"})
    public boolean stop() {
        Job j = running;
        Worker w = runningOn;
        if (j == null || w == null) {
            if (cellActive) {
                pendingStop = true; // still compiling: stop the cell as soon as it would start
                return true;
            }
            return false;
        }
        j.stopRequested = true;
        w.interrupt();
        long start = System.nanoTime();
        boolean canStop = true;
        while (!j.done && w.isAlive()) {
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (waited > GIVE_UP_MS) {
                // The thread did not stop (Java 20+, or code that swallows ThreadDeath): let the
                // cell's caller go on with a fresh worker rather than wait for it forever.
                j.abandoned = true;
                synchronized (j) {
                    j.notifyAll();
                }
                return false;
            }
            if (waited >= GRACE_MS && canStop) {
                try {
                    w.stop();
                } catch (UnsupportedOperationException e) {
                    canStop = false; // Java 20+: only the interrupt is left
                }
            }
            synchronized (j) {
                try {
                    j.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
