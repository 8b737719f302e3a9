package org.workbook.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.splitlines(keepends=True)}, which nbformat uses to store
 * text as a list of lines. Matching it exactly (it also breaks at \r, \v, \f,
 * \x1c-\x1e, \x85, \u2028 and \u2029) keeps our files byte-identical to the
 * ones Jupyter writes.
 *
 * <pre>{@code
 * jshell> PyLines.split("a\nb\r\nc")
 * $1 ==> [a\n, b\r\n, c]
 * }</pre>
 */
final class PyLines {
    private PyLines() {
    }

    static List<String> split(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isBreak(c)) {
                int end = i + 1;
                if (c == '\r' && end < n && s.charAt(end) == '\n') {
                    end++;
                }
                lines.add(s.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    static boolean isBreak(char c) {
        switch (c) {
            case '\n': case '\r': case '\u000b': case '\u000c':
            case '\u001c': case '\u001d': case '\u001e':
            case '\u0085': case '\u2028': case '\u2029':
                return true;
            default:
                return false;
        }
    }
}
