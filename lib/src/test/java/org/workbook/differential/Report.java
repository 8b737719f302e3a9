package org.workbook.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What replaying one case found: mismatches (each with a kind, for grouping) and notes. */
final class Report {
    record Mismatch(String kind, String detail) { }

    final DiffCase c;
    final List<Mismatch> mismatches = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** The op whose result first differed ("grad" for a leaf's gradient), for grouping. */
    String firstOp;

    Report(DiffCase c) {
        this.c = c;
    }

    void mismatch(String kind, String detail) {
        mismatches.add(new Mismatch(kind, detail));
    }

    void note(String detail) {
        notes.add(detail);
    }

    boolean ok() {
        return mismatches.isEmpty();
    }

    Set<String> kinds() {
        Set<String> k = new LinkedHashSet<>();
        mismatches.forEach(m -> k.add(m.kind()));
        return k;
    }

    /** One line for pending.txt: the case, what differed, and at which op. */
    String signature() {
        return c.id() + "  " + String.join("+", kinds()) + " at " + firstOp;
    }

    /** The full report: the program in both languages and every difference. */
    String describe() {
        StringBuilder b = new StringBuilder(c.id()).append(" (").append(c.family()).append(")\n").append(c.listing());
        for (Mismatch m : mismatches) {
            b.append("  ").append(m.kind()).append(": ").append(m.detail().replace("\n", "\n  ")).append('\n');
        }
        for (String n : notes) {
            b.append("  note: ").append(n.replace("\n", "\n  ")).append('\n');
        }
        return b.toString();
    }
}
