package org.workbook.kernel.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A cell's snippets, with runs of simple statements on consecutive lines
 * ({@code s += 1;}, {@code a[i] = x;}, {@code i++;}, {@code list.add(x);})
 * joined into one block. JShell compiles every snippet as a class of its own
 * and each compilation scans all the classes made before, so a cell of 5,000
 * one-line statements took minutes; in blocks of up to {@value #MAX} the same
 * cell is a few dozen compilations. A block that does not compile is split
 * back ({@link #split}) so its error is reported for the very statement. The
 * cell's last snippet always stays alone: its value is what the cell shows.
 */
final class StatementRuns {
    static final int MAX = 200;
    /** One line: a (qualified, indexed) name assigned, incremented or called; never a declaration. */
    private static final Pattern SIMPLE = Pattern.compile(
            "[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*|\\[[^\\]\\n]*\\])*\\s*"
                    + "(?:(?:[-+*/%&|^]|<<|>>>?)?=(?!=)[^\\n]*|\\+\\+|--|\\([^\\n]*\\))\\s*;");

    /** A snippet to evaluate; {@code members} holds the statements a joined block was made of (else empty). */
    record Run(SnippetSplitter.Piece piece, List<SnippetSplitter.Piece> members) { }

    private final SnippetSplitter.Cursor cursor;
    private final Lines lines;
    private final ArrayDeque<SnippetSplitter.Piece> ahead = new ArrayDeque<>();
    private int alone;

    StatementRuns(SnippetSplitter.Cursor cursor, String cell) {
        this.cursor = cursor;
        this.lines = new Lines(cell);
    }

    private SnippetSplitter.Piece peek(int k) {
        while (ahead.size() <= k) {
            SnippetSplitter.Piece p = cursor.next();
            if (p == null) {
                return null;
            }
            ahead.addLast(p);
        }
        int i = 0;
        for (SnippetSplitter.Piece p : ahead) {
            if (i++ == k) {
                return p;
            }
        }
        return null;
    }

    static boolean simple(SnippetSplitter.Piece p) {
        return p.source().length() < 400 && SIMPLE.matcher(p.source()).matches();
    }

    /** The next snippet or block, or null at the end. */
    Run next() {
        SnippetSplitter.Piece first = peek(0);
        if (first == null) {
            return null;
        }
        ahead.removeFirst();
        if (alone > 0) {
            alone--;
            return new Run(first, List.of());
        }
        List<SnippetSplitter.Piece> group = new ArrayList<>();
        group.add(first);
        if (simple(first)) {
            int line = lines.at(first.start());
            while (group.size() < MAX) {
                SnippetSplitter.Piece q = peek(0);
                if (q == null || peek(1) == null || !simple(q) || lines.at(q.start()) != line + 1) {
                    break;
                }
                line++;
                group.add(ahead.removeFirst());
            }
        }
        if (group.size() == 1) {
            return new Run(first, List.of());
        }
        StringBuilder block = new StringBuilder("{ ");
        for (SnippetSplitter.Piece p : group) {
            block.append(p.source()).append('\n');
        }
        block.append('}');
        return new Run(new SnippetSplitter.Piece(block.toString(), first.start()), group);
    }

    /** True when nothing follows (the snippet just returned is the cell's last). */
    boolean atEnd() {
        return peek(0) == null;
    }

    /** A block did not compile: its statements come next, one at a time. */
    void split(Run run) {
        List<SnippetSplitter.Piece> m = run.members();
        for (int i = m.size() - 1; i >= 0; i--) {
            ahead.addFirst(m.get(i));
        }
        alone = m.size();
    }
}
