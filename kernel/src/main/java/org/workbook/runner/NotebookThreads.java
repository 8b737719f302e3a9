package org.workbook.runner;

import org.workbook.kernel.stop.StopSignal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Keeps the notebooks of one run apart. Every thread a notebook's cells start
 * belongs to its evaluator's thread group; when the notebook ends, those
 * threads are stopped (the stop signal reaches their cell code, an interrupt
 * their sleeps), and whatever one of them still prints or shows afterwards is
 * dropped, so it can never land in the next notebook's cells.
 */
final class NotebookThreads {
    private static final Set<ThreadGroup> CLOSED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static volatile boolean any;

    private NotebookThreads() { }

    /** Stops the threads of {@code g} and closes it; returns the names of those still alive after {@code waitMs}. */
    static List<String> close(ThreadGroup g, long waitMs) {
        CLOSED.add(g);
        any = true;
        if (g.activeCount() == 0) {
            return List.of();
        }
        StopSignal.Target stop = StopSignal.stop(g);
        long end = System.nanoTime() + waitMs * 1_000_000;
        List<String> alive = interruptAll(g);
        while (!alive.isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = interruptAll(g);
        }
        if (alive.isEmpty()) {
            StopSignal.release(stop); // else it stays raised: a thread that comes back to cell code ends there
        }
        return alive;
    }

    private static List<String> interruptAll(ThreadGroup g) {
        Thread[] ts = new Thread[g.activeCount() + 8];
        int n = g.enumerate(ts, true);
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (ts[i].isAlive()) {
                ts[i].interrupt();
                alive.add(ts[i].getName());
            }
        }
        return alive;
    }

    /** True when the current thread belongs to a notebook that has ended: its output goes nowhere. */
    static boolean foreign() {
        if (!any) {
            return false;
        }
        ThreadGroup mine = Thread.currentThread().getThreadGroup();
        synchronized (CLOSED) {
            for (ThreadGroup g : CLOSED) {
                if (g.parentOf(mine)) {
                    return true;
                }
            }
        }
        return false;
    }
}
