package org.workbook.runner;

import org.workbook.notebook.Cell;

/** Hears about cells as they run (the grader records each one, so a crash still leaves a trail). */
public interface CellListener {
    CellListener NONE = new CellListener() { };

    /**
     * A code cell is about to run in {@code evaluator} (after {@link #started}, with nothing of the
     * cell run yet): the grader restores the lesson's declarations before a check here.
     */
    default void beforeRun(int index, Cell cell, org.workbook.kernel.eval.Evaluator evaluator) {
    }

    /** A code cell is about to run. */
    default void started(int index, Cell cell) {
    }

    /** A code cell ended (or was skipped, or will not run). */
    default void finished(CellResult result, Cell cell) {
    }
}
