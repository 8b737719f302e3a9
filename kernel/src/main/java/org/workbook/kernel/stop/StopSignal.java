package org.workbook.kernel.stop;

import java.util.Arrays;

/**
 * The stop flag that instrumented cell code checks ({@link StopInstrumenter}
 * inserts {@code StopSignal.poll()} at method entries, backward branches and
 * the start of every catch handler).
 *
 * <p>The fast path is one read of a static volatile boolean, which the JIT
 * inlines into the loop: while nothing is being stopped anywhere in the JVM,
 * that is all a loop pays. Only when some stop is pending does a poll look at
 * which threads are meant: the cell thread being interrupted, or every thread
 * of a notebook that has ended (its thread group). A thread that is meant
 * gets a {@link CellStop} at every poll until it has left the cell's code, so
 * {@code catch (Throwable t)} inside a loop cannot keep it alive.
 */
public final class StopSignal {
    /** True while any target is registered: the one field polls read. */
    private static volatile boolean pending;
    private static volatile Target[] targets = new Target[0];

    private StopSignal() { }

    /** What a stop is aimed at; {@link #release} it once the thread (or group) has ended. */
    public static final class Target {
        private final Thread thread;
        private final ThreadGroup group;

        private Target(Thread thread, ThreadGroup group) {
            this.thread = thread;
            this.group = group;
        }

        boolean covers(Thread t) {
            if (thread != null) {
                return t == thread;
            }
            return group.parentOf(t.getThreadGroup());
        }

        /** True while something it covers may still be running. */
        boolean alive() {
            return thread != null ? thread.isAlive() : group.activeCount() > 0;
        }
    }

    /** Inserted into cell code: throws {@link CellStop} when the current thread is being stopped. */
    public static void poll() {
        if (pending) {
            slow();
        }
    }

    private static void slow() {
        Thread t = Thread.currentThread();
        for (Target x : targets) {
            if (x.covers(t)) {
                throw new CellStop();
            }
        }
    }

    /** Stops {@code t} at its next poll in cell code. */
    public static Target stop(Thread t) {
        return add(new Target(t, null));
    }

    /** Stops every thread of {@code g} (a notebook's threads, when the notebook ends). */
    public static Target stop(ThreadGroup g) {
        return add(new Target(null, g));
    }

    private static synchronized Target add(Target x) {
        Target[] now = Arrays.copyOf(targets, targets.length + 1);
        now[now.length - 1] = x;
        targets = now;
        pending = true;
        return x;
    }

    /** Ends a stop: what it covered has ended, or must be left alone again. */
    public static synchronized void release(Target x) {
        targets = Arrays.stream(targets).filter(t -> t != x && t.alive()).toArray(Target[]::new);
        pending = targets.length > 0;
    }

    /** True when {@code t} is being stopped (for callers that must not block it further). */
    public static boolean isStopping(Thread t) {
        if (!pending) {
            return false;
        }
        for (Target x : targets) {
            if (x.covers(t)) {
                return true;
            }
        }
        return false;
    }
}
