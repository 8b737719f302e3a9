package org.workbook.notebook;

import java.io.IOException;

/**
 * A lesson source ({@code lessons/*.md}) that cannot be turned into a
 * notebook. The message reads {@code lessons/02-mnist.md:41: what is wrong,
 * and how to fix it}, like a compiler's, so editors can jump to the line.
 */
public final class LessonFormatException extends IOException {
    private final String file;
    private final int line;
    private final String problem;

    public LessonFormatException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
