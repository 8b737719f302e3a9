package org.workbook.kernel.eval;

import java.util.List;

/** Points at a span of a cell: the line it is on, and carets under the span. */
final class Spans {
    private Spans() { }

    /** The line holding {@code start}, and a caret line under {@code start..end} (clipped to that line). */
    static List<String> underline(String text, int start, int end) {
        int from = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            from = 0;
        }
        int to = text.indexOf('\n', start);
        if (to < 0) {
            to = text.length();
        }
        String line = text.substring(from, to).replace('\t', ' ');
        int col = start - from;
        int width = Math.max(1, Math.min(end, to) - start);
        return List.of("    " + line, "    " + " ".repeat(Math.max(0, col)) + "^".repeat(width));
    }
}
