package org.workbook.runner;

import org.workbook.notebook.Cell;

/** Hears about cells as they run (the grader records each one, so a crash still leaves a trail). */
public interface CellListener {
    CellListener NONE = new CellListener() { };

    /** A code cell is about to run. */
    default void started(int index, Cell cell) {
    }

    /** A code cell ended (or was skipped, or will not run). */
    default void finished(CellResult result, Cell cell) {
    }
}
