package org.workbook.grading;

import org.workbook.runner.RunnerOptions;
import org.workbook.runner.UsageException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The grader's command line, parsed; see {@link #USAGE}. */
public record GradeOptions(List<Path> submissions, Path report, Path junit, Path source, Path executed,
                           Duration timeout, Duration cellTimeout, int memoryMb, int jobs, boolean help,
                           boolean noSandbox, int shard, int shards) {
    public static final String USAGE = String.join("\n",
            "usage: ./workbook grade SUBMISSION.ipynb... [--report grades.json] [--junit grades.xml] [OPTIONS]",
            "       ./workbook grade merge --report all.json [--junit all.xml] SHARD.json...",
            "Runs each submission in its own JVM, boxed by bubblewrap (no network, no other files, no other processes),",
            "and scores its check cells (tagged check, with nbgrader points): passed, failed (the assertion's message),",
            "error, timeout. A submission that loops, runs out of memory, calls System.exit, forges results or is",
            "not a notebook scores zero for what it broke and never stops the others.",
            "Exit status: 0 when grading ran (whatever the scores), 2 on bad usage.",
            "  --report FILE        the JSON report (default build/grades/grades.json)",
            "  --junit FILE         also a JUnit XML report, one test per check",
            "  --source FILE        the assignment (lesson .md or notebook): its check cells are run in place of",
            "                       the submission's, matched by name, and call the lesson's own functions;",
            "                       without it the checks come from the submission itself and are unverified",
            "  --executed DIR       keep each executed submission there (feedback for students)",
            "  --timeout SECS       wall-clock limit per submission (default 600)",
            "  --cell-timeout SECS  limit per cell (default 120)",
            "  --memory MB          heap limit per submission (default 1024)",
            "  --jobs N             submissions graded at once (default 1)",
            "  --shard I/N          grade only part I of N (1-based) of the submissions, in a deterministic split;",
            "                       join the parts' reports with ./workbook grade merge",
            "  --no-sandbox         run submissions without bubblewrap (only for code you trust: it could read",
            "                       the solutions and harm the grader's files); the report says so");

    public static GradeOptions parse(String... args) throws UsageException {
        List<Path> files = new ArrayList<>();
        Path report = Path.of("build", "grades", "grades.json");
        Path junit = null;
        Path source = null;
        Path executed = null;
        Duration timeout = Duration.ofSeconds(600);
        Duration cell = Duration.ofSeconds(120);
        int memory = 1024;
        int jobs = 1;
        boolean help = false;
        boolean noSandbox = false;
        int shard = 1;
        int shards = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--report" -> report = Path.of(value(args, ++i, a));
                case "--junit" -> junit = Path.of(value(args, ++i, a));
                case "--source" -> source = Path.of(value(args, ++i, a));
                case "--executed" -> executed = Path.of(value(args, ++i, a));
                case "--timeout" -> timeout = RunnerOptions.duration(value(args, ++i, a), a);
                case "--cell-timeout" -> cell = RunnerOptions.duration(value(args, ++i, a), a);
                case "--memory" -> memory = count(value(args, ++i, a), a, 64);
                case "--jobs" -> jobs = count(value(args, ++i, a), a, 1);
                case "--no-sandbox" -> noSandbox = true;
                case "--shard" -> {
                    String v = value(args, ++i, a);
                    String[] in = v.split("/", -1);
                    if (in.length != 2) {
                        throw new UsageException("--shard takes I/N (part I of N, from 1), not '" + v + "'");
                    }
                    shards = count(in[1], "--shard's N", 1);
                    shard = count(in[0], "--shard's I", 1);
                    if (shard > shards) {
                        throw new UsageException("--shard " + v + ": part " + shard + " of only " + shards);
                    }
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option '" + a + "' (./workbook grade --help lists them)");
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (files.isEmpty() && !help) {
            throw new UsageException("no submissions given; usage: ./workbook grade SUBMISSION.ipynb... "
                    + "--report grades.json");
        }
        return new GradeOptions(files, report, junit, source, executed, timeout, cell, memory, jobs, help, noSandbox,
                shard, shards);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int count(String text, String option, int min) throws UsageException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a whole number of at least " + min + ", not '" + text + "'");
    }
}
