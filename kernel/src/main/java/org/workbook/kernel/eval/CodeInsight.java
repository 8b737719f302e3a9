package org.workbook.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the editor asks between runs: completions (Tab), documentation
 * (Shift-Tab) and whether a console line is a complete statement. JShell
 * answers for one snippet, so each request is cut down to the snippet under
 * the cursor first.
 */
public final class CodeInsight {
    /** Matches replacing {@code code[start, end)}. */
    public record Completion(List<String> matches, int start, int end) { }

    /** is_complete's answer: "complete", "incomplete" (with an indent for the next line) or "invalid". */
    public record CompleteStatus(String status, String indent) { }

    /**
     * Members Tab does not offer until their first three letters are typed: Object's
     * internals and the library's plumbing (public for its own packages, not for lessons).
     */
    static final Set<String> HIDDEN = Set.of("wait", "notify", "notifyAll", "getClass", "hashCode",
            "backend", "backendOf", "bumpVersion", "markViewOf", "setGradFn", "setViewGradFn", "storage",
            "takeHistoryOf", "viewBase", "elementSize", "currentGrad", "adoptGrad", "clearGradKeepingSpare",
            "takeSpareGrad");
    /** Object's members worth keeping, after everything else. */
    static final Set<String> OBJECT_LAST = Set.of("equals", "toString");
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final SnippetSplitter splitter;

    public CodeInsight(Evaluator evaluator) {
        this.shell = evaluator.shell();
        this.analysis = shell.sourceCodeAnalysis();
        this.splitter = evaluator.splitter();
    }

    public Completion complete(String code, int cursor) {
        int at = clamp(cursor, code);
        int start = splitter.snippetStart(code, at);
        String text = code.substring(start, at);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(text, text.length(), anchor);
        Set<String> typed = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        Set<String> last = new LinkedHashSet<>();
        String prefix = identifierBefore(text, text.length());
        for (Suggestion s : suggestions) {
            String name = s.continuation().replaceAll("\\(.*", "");
            if (HIDDEN.contains(name) && !(prefix.length() >= 3 && name.startsWith(prefix))) {
                continue; // Object's and the library's plumbing, unless asked for by name
            }
            (OBJECT_LAST.contains(name) ? last : s.matchesType() ? typed : other).add(s.continuation());
        }
        List<String> matches = new ArrayList<>(typed);
        for (String s : other) {
            if (!typed.contains(s)) {
                matches.add(s);
            }
        }
        last.stream().filter(s -> !matches.contains(s)).forEach(matches::add);
        return new Completion(matches, start + anchor[0], at);
    }

    /**
     * Signatures and javadoc for the name at {@code cursor} (JShell has javadoc
     * where the JDK's src.zip is installed), or the type and value of a variable.
     * Null when nothing is known there.
     */
    public String inspect(String code, int cursor) {
        int at = clamp(cursor, code);
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        int start = splitter.snippetStart(code, at);
        String text = code.substring(start, end);
        String word = identifierBefore(text, text.length());
        StringBuilder out = new StringBuilder();
        for (VarSnippet v : shell.variables().toList()) {
            if (v.name().equals(word) && shell.status(v).isActive() && !text.contains("." + word)) {
                out.append(v.typeName()).append(' ').append(v.name()).append("\n\n");
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Documentation> docs = analysis.documentation(text, text.length(), true);
        if (docs.isEmpty() && !word.isEmpty()) {
            // JShell documents an invocation ("Math.max(") rather than a bare name ("Math.max")
            docs = analysis.documentation(text + "(", text.length() + 1, true);
        }
        for (Documentation d : docs) {
            if (seen.add(d.signature())) {
                Optional<LibraryDocs.Doc> lib = d.javadoc() != null && !d.javadoc().isBlank() ? Optional.empty()
                        : LibraryDocs.find(d.signature());
                out.append(lib.map(l -> l.signature(d.signature())).orElse(d.signature())).append('\n');
                String doc = lib.isPresent() ? lib.get().text()
                        : d.javadoc() != null && !d.javadoc().isBlank() ? d.javadoc().strip() : null;
                if (doc != null) {
                    out.append('\n').append(doc).append("\n\n");
                }
            }
            if (seen.size() >= 12) {
                break;
            }
        }
        String s = out.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** For a console: run now, or wait for more lines (and indent them). */
    public CompleteStatus isComplete(String code) {
        // magic lines (%time, %%time...) are complete by themselves
        String rest = code.lines().map(l -> l.startsWith("%") ? "" : l).collect(java.util.stream.Collectors.joining("\n"));
        while (true) {
            if (rest.isBlank()) {
                return new CompleteStatus("complete", "");
            }
            CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                return new CompleteStatus("complete", "");
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return new CompleteStatus("incomplete", indentAfter(code));
            }
            if (c == Completeness.UNKNOWN) {
                return new CompleteStatus("invalid", "");
            }
            rest = info.remaining();
        }
    }

    /** The last line's indent, one level deeper after an opening brace or parenthesis. */
    static String indentAfter(String code) {
        String[] lines = code.split("\n", -1);
        String last = "";
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                last = lines[i];
                break;
            }
        }
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        String t = last.strip();
        return t.endsWith("{") || t.endsWith("(") || t.endsWith("->") ? indent + "    " : indent;
    }

    private static String identifierBefore(String text, int end) {
        int i = end;
        while (i > 0 && Character.isJavaIdentifierPart(text.charAt(i - 1))) {
            i--;
        }
        return text.substring(i, end);
    }

    private static int clamp(int cursor, String code) {
        return Math.max(0, Math.min(cursor, code.length()));
    }
}
