package org.workbook.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Evaluates a notebook's code cells in a JShell, cell by cell, to check that
 * lessons and their student copies compile (and, for lessons, run). Only a
 * test helper: the kernel has the real evaluator.
 */
final class JShellCells implements AutoCloseable {
    /** What happened to one cell. */
    enum Result { OK, REJECTED, THREW, SKIPPED }

    private final JShell shell = JShell.builder().executionEngine("local").build();
    final List<String> details = new ArrayList<>();

    /** Evaluates every code cell; skip-execution cells are skipped. One result per code cell. */
    List<Result> run(Notebook nb) {
        List<Result> results = new ArrayList<>();
        for (Cell cell : nb.cells()) {
            if (!cell.isCode()) {
                continue;
            }
            results.add(cell.hasTag("skip-execution") ? Result.SKIPPED : eval(cell.source()));
        }
        return results;
    }

    private Result eval(String source) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String snippet = info.source() != null ? info.source() : rest;
            for (SnippetEvent e : shell.eval(snippet)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    details.add(shell.diagnostics(e.snippet()).map(d -> d.getMessage(null))
                            .collect(Collectors.joining("; ")) + " in: " + snippet.strip());
                    return Result.REJECTED;
                }
                if (e.exception() != null) {
                    details.add(e.exception().getClass().getSimpleName() + ": " + e.exception().getMessage());
                    return Result.THREW;
                }
            }
            rest = info.source() != null ? info.remaining() : "";
        }
        return Result.OK;
    }

    @Override
    public void close() {
        shell.close();
    }
}
