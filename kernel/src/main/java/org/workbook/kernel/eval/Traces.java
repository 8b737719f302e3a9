package org.workbook.kernel.eval;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes an exception thrown by a cell the way a student can read it: the
 * exception, then only the frames that matter, with cell code named by the
 * cell and line it came from ({@code at f (In [3], line 2)}). Frames of the
 * kernel, of reflection and of JShell's machinery are left out.
 */
final class Traces {
    static final String RED = "\u001b[0;31m";
    static final String GREEN = "\u001b[0;32m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";
    private static final int MAX_FRAMES = 12;
    private static final int MAX_CAUSE_FRAMES = 6;

    /** Where a snippet came from: the cell's label ("In [3]") and the snippet's first line in it. */
    record Origin(String cell, int firstLine) { }

    private Traces() { }

    /**
     * Formats {@code t}: give JShell's {@link EvalException} (its frames carry
     * snippet ids and snippet lines; the raw exception's carry wrapper lines).
     */
    static List<String> format(Throwable t, Function<String, Origin> originOfSnippet) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean first = true;
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            String name = c instanceof EvalException ee ? ee.getExceptionClassName() : c.getClass().getName();
            String head = name + (c.getMessage() == null ? "" : ": " + NullHints.rewrite(c.getMessage()));
            lines.add((first ? RED + BOLD : RED + "Caused by: ") + head + RESET);
            frames(c, first ? MAX_FRAMES : MAX_CAUSE_FRAMES, originOfSnippet, lines);
            first = false;
        }
        return lines;
    }

    private static void frames(Throwable t, int max, Function<String, Origin> originOf, List<String> out) {
        int shown = 0;
        int hidden = 0;
        for (StackTraceElement f : t.getStackTrace()) {
            if (isMachinery(f.getClassName())) {
                continue;
            }
            if (shown == max) {
                hidden++;
                continue;
            }
            out.add("    at " + describe(f, originOf));
            shown++;
            if (isCell(f) && cellMethod(f).equals("<cell>")) {
                break; // below the cell's own code there is only JShell
            }
        }
        if (hidden > 0) {
            out.add("    ... " + hidden + " more");
        }
    }

    static boolean isMachinery(String cls) {
        return cls.startsWith("org.workbook.kernel.") && !cls.startsWith("org.workbook.kernel.widgets.")
                || cls.startsWith("jdk.internal.") || cls.startsWith("java.lang.reflect.")
                || cls.startsWith("jdk.jshell.") || cls.equals("java.lang.Thread");
    }

    /** JShell names a frame of cell code by snippet: file "#12", line within the snippet. */
    private static boolean isCell(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    /** "" (a snippet's own statements) reads as "<cell>"; a method of a cell class as "Net.forward". */
    private static String cellMethod(StackTraceElement f) {
        String m = f.getMethodName();
        if (m == null || m.isEmpty() || m.startsWith("do_it$")) { // do_it$ runs a statement, do_it$Aux a var's initializer
            return "<cell>";
        }
        String cls = f.getClassName();
        int inner = cls.indexOf("$JShell$");
        if (inner >= 0) {
            int next = cls.indexOf('$', inner + 8);
            cls = next < 0 ? "" : cls.substring(next + 1).replace('$', '.');
        }
        return cls.isEmpty() ? m : cls + "." + m;
    }

    private static String describe(StackTraceElement f, Function<String, Origin> originOf) {
        if (!isCell(f)) {
            return f.toString();
        }
        Origin o = originOf.apply(f.getFileName().substring(1));
        String method = cellMethod(f);
        if (o == null) {
            return method;
        }
        int line = f.getLineNumber() > 0 ? o.firstLine() + f.getLineNumber() - 1 : o.firstLine();
        return GREEN + method + RESET + " (" + o.cell() + ", line " + line + ")";
    }
}
