package org.workbook.notebook;

import java.io.IOException;

/**
 * A file that is not a readable nbformat 4 notebook. The message names the
 * file, where the problem is (line and column, and the JSON path when the
 * JSON itself is fine but a field is wrong) and what is wrong, e.g.
 * {@code notebooks/02.ipynb: line 14, column 3 (/cells/1/cell_type): unknown
 * cell type 'text' (expected markdown, code or raw)}.
 */
public final class InvalidNotebookException extends IOException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public InvalidNotebookException(String file, int line, int column, String problem) {
        super(file + ": " + (line > 0 ? "line " + line + ", column " + column + ": " : "") + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The file as the caller named it. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem, or 0 when it has no place in the file (e.g. it is empty). */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0. */
    public int column() {
        return column;
    }

    /** What is wrong, without the file and place. */
    public String problem() {
        return problem;
    }
}
