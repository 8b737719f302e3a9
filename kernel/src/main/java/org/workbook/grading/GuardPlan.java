package org.workbook.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import org.workbook.kernel.eval.SnippetSplitter;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the worker needs to run each check against the lesson's own code
 * ({@link CheckGuard}), worked out by the grader from {@code --source}: the
 * method and class declarations of the lesson's locked cells (name and
 * source: the student's copy shows them too), and the names left as the
 * submission made them: those the lesson's solution cells declare (the
 * student's answers, which checks are meant to call) and the lesson's
 * variables (the state the student computed). The solutions' code never reaches the worker, only their names.
 */
record GuardPlan(Set<String> owned, Map<String, List<String>> locked) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A variable declaration: optional modifiers, a type (or var), the name, then '=' or ';'. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\s*(?:final\\s+)?(?:var|[A-Za-z_$][\\w$.]*(?:<[^=;(]*>)?(?:\\[\\])*)\\s+([A-Za-z_$][\\w$]*)\\s*[=;]");

    static GuardPlan of(Notebook source) {
        Set<String> owned = new LinkedHashSet<>();
        Map<String, List<String>> locked = new LinkedHashMap<>();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            SnippetSplitter splitter = new SnippetSplitter(analysis);
            for (Cell c : source.cells()) {
                if (!c.isCode() || CheckCells.isCheck(c)) {
                    continue;
                }
                boolean solution = c.metadata().path("nbgrader").path("solution").asBoolean(false)
                        || c.source().contains("BEGIN SOLUTION");
                for (SnippetSplitter.Piece piece : splitter.split(c.source())) {
                    for (Snippet s : analysis.sourceToSnippets(piece.source())) {
                        if (!(s instanceof DeclarationSnippet d)) {
                            // 'var x = f(...)' whose type needs earlier cells: still a variable of the lesson's.
                            Matcher m = VARIABLE.matcher(piece.source());
                            if (s.kind() == Snippet.Kind.ERRONEOUS && m.lookingAt()) {
                                owned.add(m.group(1));
                            }
                            continue;
                        }
                        if (solution || s.kind() == Snippet.Kind.VAR) {
                            owned.add(d.name());   // an answer, or a lesson variable: the submission's state
                        } else if (s.kind() == Snippet.Kind.METHOD || s.kind() == Snippet.Kind.TYPE_DECL) {
                            locked.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(piece.source());
                        }
                    }
                }
            }
        }
        owned.forEach(locked::remove);
        return new GuardPlan(owned, locked);
    }

    /** The plan as one line of JSON, as the grader sends it to the worker's stdin. */
    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        owned.forEach(n.putArray("owned")::add);
        ObjectNode l = n.putObject("locked");
        locked.forEach((name, sources) -> sources.forEach(l.withArray(name)::add));
        return n.toString();
    }

    static GuardPlan parse(String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        Set<String> owned = new LinkedHashSet<>();
        n.path("owned").forEach(v -> owned.add(v.asText()));
        Map<String, List<String>> locked = new LinkedHashMap<>();
        n.path("locked").fields().forEachRemaining(e -> {
            List<String> s = new ArrayList<>();
            e.getValue().forEach(v -> s.add(v.asText()));
            locked.put(e.getKey(), s);
        });
        return new GuardPlan(owned, locked);
    }
}
