package org.workbook.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a cell into the snippets JShell evaluates one at a time (a statement,
 * a method, a class...), keeping where each starts in the cell so errors can
 * point at the cell's own lines. The same loop IJava uses: ask JShell's
 * {@code analyzeCompletion} for the first complete snippet, then go on with
 * the rest.
 */
public final class SnippetSplitter {
    /** One snippet's source (as JShell wants it) and its offset in the cell. */
    public record Piece(String source, int start) { }

    private final SourceCodeAnalysis analysis;
    /** Characters handed to JShell's analysis so far: what makes a split linear or not (tests read it). */
    private long analyzed;

    public SnippetSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    long charactersAnalyzed() {
        return analyzed;
    }

    /**
     * The snippets of {@code cell}, in order. Code that is incomplete or
     * unparsable at the end is kept as a last piece, so compiling it reports
     * the error the student needs to see.
     *
     * <p>JShell's analysis reads all the text it is given, so asking it about
     * "the rest of the cell" once per snippet costs quadratic time (a cell of
     * 5,000 statements took minutes). Each question gets a window of whole
     * lines instead, and a window's first snippet is trusted only when the next
     * real token after it (past blanks and comments) lies inside the window:
     * that token ({@code else}, {@code catch}...) is all the analysis looks at
     * to decide where a snippet ends. Otherwise the window doubles.
     */
    public List<Piece> split(String cell) {
        List<Piece> pieces = new ArrayList<>();
        Cursor c = cursor(cell);
        for (Piece p = c.next(); p != null; p = c.next()) {
            pieces.add(p);
        }
        return pieces;
    }

    /** The snippets of {@code cell} one at a time, so a caller can stop between any two. */
    public Cursor cursor(String cell) {
        return new Cursor(cell);
    }

    /** Walks a cell snippet by snippet; see {@link #split}. */
    public final class Cursor {
        private final String cell;
        private int pos;
        private boolean finished;

        private Cursor(String cell) {
            this.cell = cell;
        }

        /** The next snippet, or null at the end. */
        public Piece next() {
            int window = WINDOW;
            while (!finished && !blankFrom(cell, pos)) {
                int end = lineEnd(cell, pos + window);
                String chunk = cell.substring(pos, end);
                analyzed += chunk.length();
                CompletionInfo info = analysis.analyzeCompletion(chunk);
                Completeness c = info.completeness();
                boolean whole = end == cell.length();
                int consumed = chunk.length() - info.remaining().length();
                if (!whole && !(c.isComplete() && c != Completeness.EMPTY && nextTokenInside(chunk, consumed))) {
                    window *= 2;
                    continue;
                }
                if (c == Completeness.EMPTY) {
                    break;
                }
                if (!c.isComplete()) {
                    finished = true;
                    int lead = leadingSpace(chunk);
                    return new Piece(chunk.substring(lead), pos + lead);
                }
                // Leading blank lines are dropped: JShell numbers a snippet's lines from its first token.
                String source = info.source().stripLeading();
                Piece p = new Piece(source, pos + locate(chunk.substring(0, consumed), source));
                pos += consumed;
                return p;
            }
            finished = true;
            return null;
        }
    }

    /** True when nothing but white space follows {@code pos} (scans only up to the first other character). */
    static boolean blankFrom(String text, int pos) {
        for (int i = pos; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Characters per analysis window (whole lines are added up to the next line end). */
    static final int WINDOW = 512;

    /** The offset just past the line end at or after {@code at} (or the text's end). */
    static int lineEnd(String text, int at) {
        if (at >= text.length()) {
            return text.length();
        }
        int nl = text.indexOf('\n', at);
        return nl < 0 ? text.length() : nl + 1;
    }

    /**
     * True when, after {@code from}, the chunk holds a token that is not a
     * comment or blank: the chunk ends at a line end, so the token's whole line is in it.
     */
    static boolean nextTokenInside(String chunk, int from) {
        int i = from;
        while (i < chunk.length()) {
            char ch = chunk.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (chunk.startsWith("//", i)) {
                int nl = chunk.indexOf('\n', i);
                if (nl < 0) {
                    return false;
                }
                i = nl + 1;
            } else if (chunk.startsWith("/*", i)) {
                int close = chunk.indexOf("*/", i + 2);
                if (close < 0) {
                    return false;
                }
                i = close + 2;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Where the snippet {@code source} starts inside the consumed text (comments may precede it). */
    static int locate(String consumed, String source) {
        String probe = source.strip();
        if (probe.endsWith(";")) {
            probe = probe.substring(0, probe.length() - 1).strip();
        }
        probe = probe.substring(0, Math.min(probe.length(), 40));
        int at = probe.isEmpty() ? -1 : consumed.indexOf(probe);
        return at < 0 ? leadingSpace(consumed) : at;
    }

    static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The offset where the snippet containing position {@code cursor} starts:
     * everything before it is complete snippets. Used by completion and
     * inspection, which JShell answers for one snippet at a time.
     */
    public int snippetStart(String code, int cursor) {
        String before = code.substring(0, cursor);
        int pos = 0;
        String rest = before;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return pos + leadingSpace(rest);
            }
            pos += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
    }
}
