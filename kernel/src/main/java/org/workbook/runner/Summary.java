package org.workbook.runner;

import java.io.PrintStream;
import java.util.List;

/** The table the runner ends with: notebook, cells run, time, status. */
final class Summary {
    private Summary() {
    }

    static void print(List<RunResult> results, List<String> skipped, PrintStream out) {
        int w = "notebook".length();
        for (RunResult r : results) {
            w = Math.max(w, r.name().length());
        }
        String fmt = "%-" + w + "s  %9s  %9s  %s%n";
        out.println();
        out.printf(fmt, "notebook", "cells", "time", "status");
        for (RunResult r : results) {
            String cells = r.executed() + "/" + r.cells().size();
            String status = r.outcome().label() + (r.reason().isEmpty() ? "" : ": " + r.reason());
            out.printf(fmt, r.name(), cells, String.format("%.1f s", r.millis() / 1000.0), status);
        }
        for (String s : skipped) {
            out.printf(fmt, s, "-", "-", "not run (the time limit ran out)");
        }
        long passed = results.stream().filter(RunResult::passed).count();
        out.println(passed + " of " + (results.size() + skipped.size()) + " notebooks passed");
    }
}
