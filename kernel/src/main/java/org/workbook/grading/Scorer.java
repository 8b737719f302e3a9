package org.workbook.grading;

import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a worker's trail into points. A check passes when its cell ran
 * without an error and wrote nothing to stderr; an {@code AssertionError} is
 * a failure (its message is the reason), any other exception an error, a
 * stopped cell a timeout. Checks the run never reached (the JVM ended: time,
 * {@code System.exit}, a crash) score zero with the reason the run ended.
 */
final class Scorer {
    /** How the worker's JVM ended, seen from outside. */
    record ProcessEnd(int exitCode, boolean killedForTime, long limitSeconds, String stderr, double seconds,
                      String forged, long noiseBytes, int memoryMb) {
        ProcessEnd(int exitCode, boolean killedForTime, long limitSeconds, String stderr, double seconds) {
            this(exitCode, killedForTime, limitSeconds, stderr, seconds, null, 0, 0);
        }
    }

    private Scorer() {
    }

    static SubmissionGrade score(String file, String name, Notebook nb, List<CheckCells.Check> checks,
                                 List<WorkerEvent> events, ProcessEnd end) {
        Map<Integer, WorkerEvent> ended = new HashMap<>();
        Set<Integer> started = new HashSet<>();
        WorkerEvent exit = null;
        WorkerEvent crash = null;
        WorkerEvent oom = null;
        List<String> notes = new ArrayList<>();
        boolean done = false;
        for (WorkerEvent e : events) {
            switch (e.kind()) {
                case START -> started.add(e.cell());
                case END -> ended.put(e.cell(), e);
                case EXIT -> exit = exit == null ? e : exit;
                case CRASH -> crash = e;
                case DONE -> done = true;
                case OOM -> oom = e;
                case NOTE -> notes.add(e.cell() < 0 ? e.evalue() : "cell " + (e.cell() + 1) + ": " + e.evalue());
                default -> { }
            }
        }
        int running = started.stream().filter(c -> !ended.containsKey(c)).max(Integer::compare).orElse(-1);
        String status;
        String why;
        String memory = end.memoryMb() > 0 ? " (heap limit " + end.memoryMb() + " MB, --memory)" : "";
        if (end.forged() != null) {
            status = "tampered";
            why = "the submission tried to forge the grader's results (" + end.forged() + "); it scores nothing";
        } else if (done) {
            status = "graded";
            why = "";
        } else if (oom != null || (crash == null && exit == null && !end.killedForTime()
                && end.stderr().contains("OutOfMemoryError"))) {
            status = "out-of-memory";
            why = "the submission ran out of memory" + memory + at(oom != null && oom.cell() >= 0 ? oom.cell() : running);
        } else if (end.killedForTime()) {
            status = "timeout";
            why = "the submission ran past its time limit of " + end.limitSeconds() + " s and was stopped"
                    + at(running);
        } else if (exit != null) {
            status = "exited";
            why = "called System.exit(" + end.exitCode() + ")" + at(exit.cell() >= 0 ? exit.cell() : running);
        } else if (crash != null) {
            status = "crashed";
            why = "the grading JVM failed" + at(running) + ": " + crash.ename() + ": " + crash.evalue();
        } else {
            status = "crashed";
            why = "the JVM ended without finishing (exit status " + end.exitCode() + ")" + at(running)
                    + (end.stderr().isBlank() ? "" : ": " + firstLine(end.stderr()));
        }
        Map<Integer, CheckCells.Check> byCell = new HashMap<>();
        checks.forEach(k -> byCell.put(k.cell(), k));
        List<CheckGrade> grades = new ArrayList<>();
        if (end.noiseBytes() > 0) {
            notes.add("wrote " + end.noiseBytes() + " bytes to the raw stdout descriptor (not kept)");
        }
        String earlierError = null;
        for (int i = 0; i < nb.cells().size(); i++) {
            Cell cell = nb.cells().get(i);
            if (!cell.isCode()) {
                continue;
            }
            WorkerEvent e = ended.get(i);
            CheckCells.Check k = byCell.get(i);
            if (k == null) {
                if (e != null && e.stderr() != null) {
                    notes.add("cell " + (i + 1) + " wrote to stderr: " + firstLine(e.stderr()));
                }
                if (e != null && e.ename() != null && e.status().equals("error")) {
                    earlierError = "cell " + (i + 1) + " failed before it: " + error(e);
                }
                continue;
            }
            grades.add(status.equals("tampered") ? zero(k, CheckGrade.Status.ERROR, why)
                    : grade(k, e, i == running, status, why, earlierError));
            earlierError = null;
        }
        for (CheckCells.Check k : checks) {
            if (k.cell() < 0) {
                grades.add(new CheckGrade(k.id(), 0, CheckGrade.Status.ERROR, 0, k.points(), k.problem()));
            }
        }
        return new SubmissionGrade(file, name, status, why, grades, notes, end.seconds());
    }

    private static CheckGrade grade(CheckCells.Check k, WorkerEvent e, boolean wasRunning, String status,
                                    String why, String earlierError) {
        int cell = k.cell() + 1;
        if (e == null) {
            if (!wasRunning) {
                return zero(k, CheckGrade.Status.ERROR, why.isEmpty() ? "not run" : "not run: " + why);
            }
            if (status.equals("timeout")) {
                return zero(k, CheckGrade.Status.TIMEOUT, why);
            }
            return zero(k, CheckGrade.Status.ERROR, why);
        }
        String context = earlierError == null ? "" : " (" + earlierError + ")";
        CheckGrade.Status s;
        String reason;
        switch (e.status()) {
            case "ok" -> {
                if (e.stderr() != null) {
                    s = CheckGrade.Status.ERROR;
                    reason = "wrote to stderr: " + firstLine(e.stderr());
                } else {
                    s = CheckGrade.Status.PASSED;
                    reason = "";
                }
            }
            case "timeout" -> {
                s = CheckGrade.Status.TIMEOUT;
                reason = e.evalue();
            }
            case "not_run" -> {
                s = CheckGrade.Status.ERROR;
                reason = "not run: an earlier cell ran past its time and could not be stopped";
            }
            case "skipped" -> {
                s = CheckGrade.Status.ERROR;
                reason = "not run: the check cell is tagged skip-execution";
            }
            default -> {
                boolean assertion = "AssertionError".equals(e.ename());
                s = assertion ? CheckGrade.Status.FAILED : CheckGrade.Status.ERROR;
                reason = (assertion ? e.evalue() : error(e)) + context;
            }
        }
        if (k.problem() != null) {
            return zero(k, CheckGrade.Status.ERROR, k.problem());
        }
        return new CheckGrade(k.id(), cell, s, s == CheckGrade.Status.PASSED ? k.points() : 0, k.points(), reason);
    }

    private static CheckGrade zero(CheckCells.Check k, CheckGrade.Status s, String reason) {
        return new CheckGrade(k.id(), k.cell() + 1, s, 0, k.points(), reason);
    }

    private static String at(int cell) {
        return cell >= 0 ? " in cell " + (cell + 1) : "";
    }

    private static String error(WorkerEvent e) {
        return e.evalue() == null || e.evalue().isEmpty() ? e.ename() : e.ename() + ": " + e.evalue();
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
