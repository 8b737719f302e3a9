package org.workbook.grading;

import java.util.List;

/**
 * The grade of one submission: each check's, the total, and how the run went
 * ({@code status}: graded, timeout, out-of-memory, exited, crashed, tampered,
 * invalid) with the reason when it did not simply run to the end. {@code notes}
 * are things a grader may want to know that cost no points (a task cell wrote
 * to stderr, a check guard undid a redefinition). {@code sandbox} says how the
 * submission was boxed (bubblewrap, none); {@code checksFrom} where its checks
 * came from: "source" (the assignment given with --source) or "submission"
 * (its own cells and metadata, which the grader cannot verify).
 */
public record SubmissionGrade(String file, String name, String status, String reason, List<CheckGrade> checks,
                              List<String> notes, double seconds, String sandbox, String checksFrom) {
    public SubmissionGrade(String file, String name, String status, String reason, List<CheckGrade> checks,
                           List<String> notes, double seconds) {
        this(file, name, status, reason, checks, notes, seconds, "", "");
    }

    SubmissionGrade boxed(String sandboxMode, String from) {
        return new SubmissionGrade(file, name, status, reason, checks, notes, seconds, sandboxMode, from);
    }

    public double score() {
        return checks.stream().mapToDouble(CheckGrade::points).sum();
    }

    public double maxScore() {
        return checks.stream().mapToDouble(CheckGrade::maxPoints).sum();
    }

    /** Points as people write them: 2, 1.5. */
    static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
