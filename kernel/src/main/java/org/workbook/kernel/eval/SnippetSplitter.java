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

    public SnippetSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The snippets of {@code cell}, in order. Code that is incomplete or
     * unparsable at the end is kept as a last piece, so compiling it reports
     * the error the student needs to see.
     */
    public List<Piece> split(String cell) {
        List<Piece> pieces = new ArrayList<>();
        int pos = 0;
        String rest = cell;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete()) {
                int lead = leadingSpace(rest);
                pieces.add(new Piece(rest.substring(lead), pos + lead));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            // Leading blank lines are dropped: JShell numbers a snippet's lines from its first token.
            String source = info.source().stripLeading();
            pieces.add(new Piece(source, pos + locate(rest.substring(0, consumed), source)));
            pos += consumed;
            rest = info.remaining();
        }
        return pieces;
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
