package org.workbook.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential suite: every case of golden/differential/cases.jsonl.gz (seeded random
 * programs run through PyTorch 1.13 by bench/golden/gen_differential.py) replayed through the
 * library. One dynamic test per op family fails with each unexpected mismatch, shown as the
 * case's Python and Java lines and what differed. Cases in pending.txt (library bugs still
 * open) and bydesign.txt may differ; they are counted, and fail only once they pass.
 * Full reports go to target/differential-report.txt.
 */
class DifferentialTest {
    private static final int SHOWN = 15;
    private static List<Report> reports;
    private static final Expectations PENDING = Expectations.load("pending.txt");
    private static final Expectations BY_DESIGN = Expectations.load("bydesign.txt");

    static synchronized List<Report> reports() {
        if (reports == null) {
            reports = DiffCase.loadAll().stream().map(CaseRunner::run).collect(Collectors.toList());
        }
        return reports;
    }

    @TestFactory
    Stream<DynamicTest> byFamily() {
        Map<String, List<Report>> families = reports().stream()
                .collect(Collectors.groupingBy(r -> r.c.family(), TreeMap::new, Collectors.toList()));
        return families.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " (" + e.getValue().size()
                + " cases)", () -> check(e.getKey(), e.getValue())));
    }

    private static void check(String family, List<Report> rs) {
        List<String> problems = new ArrayList<>();
        for (Report r : rs) {
            String listed = PENDING.reason(r.c.id()) != null ? "pending.txt" : BY_DESIGN.reason(r.c.id()) != null ? "bydesign.txt" : null;
            if (r.ok() && listed != null) {
                problems.add(r.c.id() + " now matches torch: remove it from " + listed + "\n" + r.c.listing());
            } else if (!r.ok() && listed == null) {
                problems.add(r.describe());
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + rs.size() + " " + family + " cases differ from torch unexpectedly:\n\n"
                    + problems.stream().limit(SHOWN).collect(Collectors.joining("\n"))
                    + (problems.size() > SHOWN ? "\n... and " + (problems.size() - SHOWN) + " more (target/differential-report.txt)" : ""));
        }
    }

    /** Counts, printed: how many cases, how many differ and why, how many are pending. */
    @Test
    void summary() throws IOException {
        List<Report> rs = reports();
        assertTrue(rs.size() >= 5000, "the golden file should hold at least 5000 cases, has " + rs.size());
        Map<String, Integer> byKind = new TreeMap<>();
        int pending = 0;
        int byDesign = 0;
        int notes = 0;
        StringBuilder full = new StringBuilder();
        StringBuilder sigs = new StringBuilder();
        for (Report r : rs) {
            notes += r.notes.size();
            if (r.ok()) {
                if (!r.notes.isEmpty()) {
                    full.append("[noted] ").append(r.describe()).append('\n');
                }
                continue;
            }
            r.kinds().forEach(k -> byKind.merge(k, 1, Integer::sum));
            String tag = PENDING.reason(r.c.id()) != null ? "pending" : BY_DESIGN.reason(r.c.id()) != null ? "by design" : "UNEXPECTED";
            pending += tag.equals("pending") ? 1 : 0;
            byDesign += tag.equals("by design") ? 1 : 0;
            full.append('[').append(tag).append("] ").append(r.describe()).append('\n');
            sigs.append(r.signature()).append('\n');
        }
        long differing = rs.stream().filter(r -> !r.ok()).count();
        String summary = String.format("differential suite: %d cases, %d match torch, %d differ (%d pending, %d by design,"
                + " %d unexpected), %d notes; differences by kind %s", rs.size(), rs.size() - differing, differing,
                pending, byDesign, differing - pending - byDesign, notes, byKind);
        System.out.println(summary);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("differential-report.txt"), summary + "\n\n" + full, StandardCharsets.UTF_8);
            Files.writeString(target.resolve("differential-signatures.txt"), sigs.toString(), StandardCharsets.UTF_8);
        }
    }
}
