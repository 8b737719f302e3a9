package org.workbook.runner;

/**
 * How one code cell ran. {@code index} counts all cells of the notebook from 0;
 * {@code executionCount} is the cell's {@code In [n]} (null when it did not run).
 * {@code ename}/{@code evalue} describe the error of an ERROR, EXPECTED_ERROR
 * or TIMEOUT cell; {@code stderr} is what it wrote to {@code System.err}.
 */
public record CellResult(int index, Integer executionCount, Status status, String ename, String evalue,
                         String stderr, long millis) {
    public enum Status {
        /** Ran without an error. */
        OK,
        /** Threw, or did not compile. */
        ERROR,
        /** Threw, and is tagged {@code raises-exception}. */
        EXPECTED_ERROR,
        /** Ran past its time limit and was stopped. */
        TIMEOUT,
        /** Tagged {@code skip-execution}, or has no code. */
        SKIPPED,
        /** Not reached: an earlier cell failed, or the time ran out. */
        NOT_RUN
    }

    static CellResult ok(int index, int count, String stderr, long millis) {
        return new CellResult(index, count, Status.OK, null, null, stderr, millis);
    }

    static CellResult notRun(int index, Status status) {
        return new CellResult(index, null, status, null, null, "", 0);
    }

    /** {@code "ename: evalue"} of a failed cell, else the empty string. */
    public String error() {
        return ename == null ? "" : evalue == null || evalue.isEmpty() ? ename : ename + ": " + evalue;
    }
}
