package org.workbook.kernel.stop;

/**
 * Thrown into cell code that is being stopped. An {@code Error}, so ordinary
 * {@code catch (Exception e)} lets it pass; code that catches it anyway gets
 * it again at the start of its handler and at its next loop iteration, for as
 * long as the stop lasts. No stack trace: it is thrown often and never shown.
 */
public final class CellStop extends Error {
    private static final long serialVersionUID = 1L;

    CellStop() {
        super("the cell was stopped", null, false, false);
    }
}
