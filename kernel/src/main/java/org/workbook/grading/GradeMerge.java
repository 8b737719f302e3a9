package org.workbook.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./workbook grade merge --report all.json [--junit all.xml] SHARD.json...}:
 * joins the JSON reports of {@code --shard} runs into one report (and JUnit
 * XML made from it), in the order the shards are given. A submission found in
 * two shards is refused: the shards were not cut from the same list.
 */
final class GradeMerge {
    static final String USAGE = "usage: ./workbook grade merge --report all.json [--junit all.xml] SHARD.json...";

    private GradeMerge() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path report = null;
        Path junit = null;
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return GradeMain.GRADED;
                }
                case "--report", "--junit" -> {
                    if (i + 1 >= args.length) {
                        err.println("error: " + args[i] + " needs a value");
                        return GradeMain.BAD_USAGE;
                    }
                    Path p = Path.of(args[++i]);
                    if (args[i - 1].equals("--report")) {
                        report = p;
                    } else {
                        junit = p;
                    }
                }
                default -> parts.add(Path.of(args[i]));
            }
        }
        if (report == null || parts.isEmpty()) {
            err.println("error: merge needs --report and at least one shard report; " + USAGE);
            return GradeMain.BAD_USAGE;
        }
        List<SubmissionGrade> all = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        try {
            for (Path p : parts) {
                for (SubmissionGrade g : JsonReport.read(p)) {
                    Path before = seen.putIfAbsent(g.file(), p);
                    if (before != null) {
                        err.println("error: " + GradeMain.printable(g.file()) + " is graded in both " + before + " and "
                                + p + ": the shards were not cut from the same submissions with --shard I/N");
                        return GradeMain.BAD_USAGE;
                    }
                    all.add(g);
                }
            }
            JsonReport.write(all, report);
            out.println("merged " + all.size() + " submissions from " + parts.size() + " reports: " + report);
            if (junit != null) {
                JunitReport.write(all, junit);
                out.println("junit:  " + junit);
            }
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot merge: " + e.getMessage());
            return GradeMain.BAD_USAGE;
        }
        return GradeMain.GRADED;
    }
}
