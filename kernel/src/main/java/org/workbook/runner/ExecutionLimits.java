package org.workbook.runner;

import java.time.Duration;

/**
 * The limits a notebook runs under: each cell's time, the whole run's time
 * ({@code total}, null for none) ending at {@code deadlineNanos} on the
 * {@link System#nanoTime()} clock, and whether a failing cell stops the notebook.
 */
public record ExecutionLimits(Duration cellTimeout, Duration total, long deadlineNanos, boolean allowErrors) {
    public static final Duration DEFAULT_CELL_TIMEOUT = Duration.ofMinutes(10);

    /** Limits whose total time (if any) starts counting now. */
    public static ExecutionLimits startingNow(Duration cellTimeout, Duration total, boolean allowErrors) {
        long deadline = total == null ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
        return new ExecutionLimits(cellTimeout, total, deadline, allowErrors);
    }

    public static ExecutionLimits defaults() {
        return startingNow(DEFAULT_CELL_TIMEOUT, null, false);
    }

    /** Nanoseconds a cell starting now may run. */
    long cellBudgetNanos(long now) {
        long cell = cellTimeout.toNanos();
        return total == null ? cell : Math.min(cell, deadlineNanos - now);
    }

    /** Whether the run's deadline, not the cell's own limit, ends a cell starting now. */
    boolean deadlineFirst(long now) {
        return total != null && deadlineNanos - now < cellTimeout.toNanos();
    }

    /** "90 s", for messages. */
    static String describe(Duration d) {
        return d == null ? "none" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
