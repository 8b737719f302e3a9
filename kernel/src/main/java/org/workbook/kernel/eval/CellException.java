package org.workbook.kernel.eval;

import java.util.List;

/**
 * A cell that did not finish: it did not compile, threw, or was interrupted.
 * Carries what Jupyter's {@code error} output wants: a name, a value and the
 * traceback lines (already short and readable, ANSI-coloured).
 */
public final class CellException extends Exception {
    public enum Kind { COMPILE, RUNTIME, INTERRUPTED }

    private final Kind kind;
    private final String ename;
    private final String evalue;
    private final List<String> traceback;
    private final transient Throwable thrown;

    CellException(Kind kind, String ename, String evalue, List<String> traceback, Throwable thrown) {
        super(ename + ": " + evalue);
        this.kind = kind;
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
        this.thrown = thrown;
    }

    public Kind kind() {
        return kind;
    }

    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    public List<String> traceback() {
        return traceback;
    }

    /** What the cell's code threw (RUNTIME only), else null. */
    public Throwable thrown() {
        return thrown;
    }
}
