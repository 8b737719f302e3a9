package org.workbook.grading;

import java.util.List;

/**
 * The grade of one submission: each check's, the total, and how the run went
 * ({@code status}: graded, timeout, exited, crashed, invalid) with the reason
 * when it did not simply run to the end. {@code notes} are things a grader
 * may want to know that cost no points (a task cell wrote to stderr, say).
 */
public record SubmissionGrade(String file, String name, String status, String reason, List<CheckGrade> checks,
                              List<String> notes, double seconds) {
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
