package org.workbook.runner;

import java.util.List;

/**
 * How a notebook ran: one {@link CellResult} per code cell, the outcome, and
 * for a failure the reason (which cell, what error).
 */
public record RunResult(String name, List<CellResult> cells, Outcome outcome, String reason, long millis) {
    public enum Outcome {
        PASSED("passed"),
        /** Cells failed, but --allow-errors was given (or they were tagged raises-exception). */
        ERRORS_ALLOWED("passed, errors allowed"),
        FAILED("FAILED"),
        TIMEOUT("TIMEOUT");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean passed() {
        return outcome == Outcome.PASSED || outcome == Outcome.ERRORS_ALLOWED;
    }

    /** Code cells that ran (with or without an error). */
    public long executed() {
        return cells.stream().filter(c -> c.executionCount() != null).count();
    }
}
