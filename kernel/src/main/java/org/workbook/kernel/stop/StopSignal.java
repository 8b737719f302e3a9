package org.workbook.kernel.stop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.Arrays;

/**
 * The stop switch that instrumented cell code checks ({@link StopInstrumenter}
 * inserts a call to {@link #poll()} at method entries, backward branches and
 * the start of every typed catch handler).
 *
 * <p>Every poll goes through this class's one {@link MutableCallSite}. While
 * nothing is being stopped its target does nothing, and the JIT compiles it to
 * nothing at all: a loop pays no poll, not even a memory read (a volatile
 * flag measurably slowed tight loops, see bench/stop-overhead.sh). A stop
 * retargets the site to {@link #check()}; the JVM then deoptimizes the code
 * that had inlined the empty target, so even a compiled {@code while (true) {}}
 * reaches the check at its next iteration. The check looks at which threads
 * are meant: the cell thread being interrupted, or every thread of a notebook
 * that has ended (its thread group). A thread that is meant gets a
 * {@link CellStop} at every check until it has left the cell's code, so
 * {@code catch (Throwable t)} inside a loop cannot keep it alive.
 */
public final class StopSignal {
    /** True while any target is registered. */
    private static volatile boolean pending;
    private static volatile Target[] targets = new Target[0];
    private static final MethodType VOID = MethodType.methodType(void.class);
    private static final MutableCallSite SITE = new MutableCallSite(VOID);
    private static final MethodHandle NOTHING = MethodHandles.empty(VOID);
    private static final MethodHandle CHECK;
    private static final MethodHandle PROBE = SITE.dynamicInvoker();

    static {
        try {
            CHECK = MethodHandles.lookup().findStatic(StopSignal.class, "check", VOID);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        SITE.setTarget(NOTHING);
    }

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

    /**
     * The poll inserted into cell code. {@code PROBE} is a constant to the JIT and
     * the call site's target is too (with a dependency that deoptimizes on change),
     * so while nothing is stopped this inlines to nothing.
     */
    public static void poll() {
        try {
            PROBE.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The poll at the start of a catch handler: a plain flag read, which costs
     * nothing where exceptions are rare and uses little stack, so a deep
     * recursion whose every frame catches the stop unwinds fast.
     */
    public static void pollCaught() {
        if (pending) {
            check();
        }
    }

    /** Throws {@link CellStop} when the current thread is being stopped. */
    public static void check() {
        Thread t = Thread.currentThread();
        for (Target x : targets) {
            if (x.covers(t)) {
                throw new CellStop();
            }
        }
    }

    private static void retarget(boolean on) {
        MethodHandle want = on ? CHECK : NOTHING;
        if (SITE.getTarget() != want) {
            SITE.setTarget(want);
            MutableCallSite.syncAll(new MutableCallSite[] {SITE});
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
        retarget(true);
        return x;
    }

    /** Ends a stop: what it covered has ended, or must be left alone again. */
    public static synchronized void release(Target x) {
        targets = Arrays.stream(targets).filter(t -> t != x && t.alive()).toArray(Target[]::new);
        pending = targets.length > 0;
        retarget(pending);
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
