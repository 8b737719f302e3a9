package org.workbook.kernel.eval;

/**
 * Line numbers of offsets in a cell, asked for in increasing order (one per
 * snippet): counts only the text since the last question, so a cell of
 * 50,000 statements costs one pass rather than one pass per statement.
 */
final class Lines {
    private final String text;
    private int offset;
    private int line = 1;

    Lines(String text) {
        this.text = text;
    }

    /** The 1-based line of {@code at}; an offset before the last one asked starts the count again. */
    int at(int at) {
        if (at < offset) {
            offset = 0;
            line = 1;
        }
        int end = Math.min(at, text.length());
        for (int i = offset; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        offset = Math.max(offset, end);
        return line;
    }
}
