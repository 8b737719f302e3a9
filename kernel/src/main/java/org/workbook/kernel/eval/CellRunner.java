package org.workbook.kernel.eval;

import org.workbook.kernel.stop.StopSignal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cell code on a thread of its own that an interrupt can really stop.
 *
 * <p>A stop interrupts the thread (a sleep, a wait, a read of {@code System.in}
 * or a library loop that checks for interrupts ends at once) and raises the
 * {@link StopSignal} for it, which the instrumented cell code checks in every
 * loop, method entry and catch handler. On JDKs that still have
 * {@code Thread.stop} (before 20) it is tried after {@value #LAST_RESORT_MS} ms
 * as a last resort for library code that checks nothing. A stop is reported
 * as done only once the thread has really left the cell's code; when it has
 * not after {@value #GIVE_UP_MS} ms (a native call that does not return), the
 * caller is told so, and the thread is kept in {@link #stillRunning()}.
 *
 * <p>All cells share one thread while none is stopped, so thread-local state
 * (such as the library's no-grad mode) lasts from cell to cell as in Python; a
 * stopped thread is retired and the next cell gets a fresh one. Every thread
 * cell code starts inherits this runner's {@link #threads() thread group}.
 */
public final class CellRunner {
    static final long LAST_RESORT_MS = 500;
    static final long GIVE_UP_MS = 2000;
    private static final long STACK_BYTES = 64L << 20;

    /** The code was stopped by {@link #stop()}; {@code ended} is false when its thread still runs. */
    public static final class Stopped extends Exception {
        private final boolean ended;

        Stopped(boolean ended) {
            super(ended ? "interrupted" : "could not be stopped");
            this.ended = ended;
        }

        public boolean ended() {
            return ended;
        }
    }

    private static final class Job {
        final Callable<?> task;
        volatile Object result;
        volatile Throwable error;
        /** Set and read under the job's lock, together with {@link #stopRequested}. */
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
                synchronized (this) {
                    done = true;
                    notifyAll();
                }
            }
        }
    }

    private final class Worker extends Thread {
        final SynchronousQueue<Job> inbox = new SynchronousQueue<>();
        volatile StopSignal.Target stop;

        Worker() {
            super(group, null, "workbook-cell-" + COUNT.incrementAndGet(), STACK_BYTES);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Job j;
                    try {
                        j = inbox.take();
                    } catch (InterruptedException e) {
                        if (closed) {
                            return;
                        }
                        continue; // a late interrupt aimed at the previous job
                    }
                    // An interrupt aimed at an earlier job (a stop that raced with its end) must not reach
                    // this one: library loops that hear interrupts would end it at once. A stop meant
                    // for this cell arrives after it started, or as a pending stop between snippets.
                    Thread.interrupted();
                    j.runHere();
                    if (j.stopRequested) {
                        return; // retire: its interrupt status and stop signal belong to the stopped cell
                    }
                }
            } finally {
                StopSignal.Target t = stop;
                if (t != null) {
                    StopSignal.release(t);
                }
            }
        }
    }

    private static final AtomicInteger COUNT = new AtomicInteger();
    private final ThreadGroup group = new ThreadGroup("workbook-cells");
    private final List<Worker> leftBehind = new ArrayList<>();
    private Worker worker;
    private volatile boolean closed;
    private volatile Job running;
    private volatile Worker runningOn;
    /** A cell is being evaluated (compiling or running), so an interrupt must end it. */
    private volatile boolean cellActive;
    /** An interrupt came while the cell was not running code: it ends at its next snippet. */
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

    /** True (once) when an interrupt arrived between snippets: the evaluator stops the cell there. */
    public boolean takePendingStop() {
        boolean p = pendingStop;
        pendingStop = false;
        return p;
    }

    /** The group of every thread cell code runs on or starts. */
    public ThreadGroup threads() {
        return group;
    }

    /** Threads of stopped cells that did not end (a native call that never returned). */
    public synchronized List<String> stillRunning() {
        leftBehind.removeIf(w -> !w.isAlive());
        return leftBehind.stream().map(Thread::getName).toList();
    }

    /**
     * Runs {@code task} on the cell thread and waits for it. Returns its value,
     * rethrows what it threw, or throws {@link Stopped} when {@link #stop()} ended it.
     */
    public synchronized Object run(Callable<?> task) throws Throwable {
        if (pendingStop) {
            pendingStop = false;
            throw new Stopped(true);
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
            if (j.abandoned) {
                leftBehind.add(w);
                throw new Stopped(false);
            }
            throw new Stopped(true);
        }
        if (j.error != null) {
            throw j.error;
        }
        Object result = j.result;
        j.result = null; // the worker still holds the job until the next one: let the value go
        return result;
    }

    /** Ends the idle cell thread (the evaluator is closing); a running task is {@link #stop() stopped} first. */
    public void close() {
        closed = true;
        stop();
        Worker w;
        synchronized (this) {
            w = worker;
        }
        if (w != null) {
            w.interrupt();
        }
    }

    /** True while a task runs. */
    public boolean isRunning() {
        return running != null;
    }

    /**
     * Stops the running task, if any, from any thread. Returns true when the
     * task has ended (or none was running code), false when its thread is
     * still running after {@value #GIVE_UP_MS} ms.
     */
    public boolean stop() {
        // Also when a snippet is running: it may end just now, and the cell must not go on to the next.
        if (cellActive) {
            pendingStop = true;
        }
        Job j = running;
        Worker w = runningOn;
        if (j == null || w == null) {
            return cellActive; // compiling or between snippets: stopped before the next one runs
        }
        synchronized (j) {
            if (j.done) {
                return true;
            }
            j.stopRequested = true;
            if (w.stop == null) {
                w.stop = StopSignal.stop(w);
            }
        }
        w.interrupt();
        return awaitEnd(j, w);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private boolean awaitEnd(Job j, Worker w) {
        long start = System.nanoTime();
        boolean lastResortTried = false;
        synchronized (j) {
            while (!j.done && w.isAlive()) {
                long waited = (System.nanoTime() - start) / 1_000_000;
                if (waited >= GIVE_UP_MS) {
                    j.abandoned = true; // the caller stops waiting; the stop signal stays raised for the thread
                    j.notifyAll();
                    return false;
                }
                if (waited >= LAST_RESORT_MS && !lastResortTried) {
                    lastResortTried = true;
                    try {
                        w.stop(); // JDK 17-19 only; uninstrumented library code that checks nothing
                    } catch (UnsupportedOperationException e) {
                        // JDK 20+: the interrupt and the stop signal are all there is
                    }
                }
                w.interrupt(); // again: code may have cleared the first one (Thread.interrupted())
                try {
                    j.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
