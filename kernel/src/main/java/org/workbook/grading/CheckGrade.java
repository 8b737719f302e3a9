package org.workbook.grading;

/** How one check went: its name, cell (1-based, 0 when missing), status, points got and possible, and why. */
public record CheckGrade(String id, int cell, Status status, double points, double maxPoints, String reason) {
    public enum Status {
        PASSED, FAILED, ERROR, TIMEOUT;

        public String json() {
            return name().toLowerCase();
        }
    }
}
