package org.workbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The nbgrader cell metadata (schema version 3) of exercises, so a course
 * that uses nbgrader takes our notebooks as they are: a task cell is an
 * nbgrader "solution" cell, a check cell an autograder-test ("grade") cell
 * worth some points. The checksum is nbgrader's own ({@code
 * nbgrader.utils.compute_checksum}), which nbgrader uses to notice edited
 * test cells.
 *
 * <pre>{@code
 * jshell> Nbgrader.check("mse-check", IntNode.valueOf(2))
 * $1 ==> {"grade":true,"grade_id":"mse-check","locked":true,"schema_version":3,"solution":false,"task":false,"points":2}
 * }</pre>
 */
public final class Nbgrader {
    public static final int SCHEMA_VERSION = 3;
    static final Pattern GRADE_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> SOLUTION_FIELDS =
            Set.of("grade", "grade_id", "locked", "schema_version", "solution", "task");
    private static final Set<String> CHECK_FIELDS =
            Set.of("grade", "grade_id", "locked", "points", "schema_version", "solution", "task");

    /** A graded check: its id and its points (a JSON number, as written in the file). */
    static final class Check {
        final String id;
        final JsonNode points;

        Check(String id, JsonNode points) {
            this.id = id;
            this.points = points;
        }
    }

    private Nbgrader() {
    }

    /** Metadata of a task cell, where the student writes code. */
    static ObjectNode solution(String gradeId) {
        ObjectNode n = Json.object();
        n.put("grade", false);
        n.put("grade_id", gradeId);
        n.put("locked", false);
        n.put("schema_version", SCHEMA_VERSION);
        n.put("solution", true);
        n.put("task", false);
        return n;
    }

    /** Metadata of a check cell: graded, locked, worth {@code points}. */
    static ObjectNode check(String gradeId, JsonNode points) {
        ObjectNode n = solution(gradeId);
        n.put("grade", true);
        n.put("locked", true);
        n.set("points", points);
        n.put("solution", false);
        return n;
    }

    /** The grade id when {@code nbgrader} is exactly a task cell's metadata (checksum aside). */
    static Optional<String> solutionId(JsonNode nbgrader) {
        if (!hasFields(nbgrader, SOLUTION_FIELDS)) {
            return Optional.empty();
        }
        String id = nbgrader.path("grade_id").asText("");
        return GRADE_ID.matcher(id).matches() && solution(id).equals(withoutChecksum(nbgrader))
                ? Optional.of(id) : Optional.empty();
    }

    /** The check when {@code nbgrader} is exactly a check cell's metadata (checksum aside). */
    static Optional<Check> check(JsonNode nbgrader) {
        if (!hasFields(nbgrader, CHECK_FIELDS)) {
            return Optional.empty();
        }
        String id = nbgrader.path("grade_id").asText("");
        JsonNode points = nbgrader.get("points");
        boolean ok = GRADE_ID.matcher(id).matches() && points.isNumber() && points.doubleValue() > 0
                && check(id, points).equals(withoutChecksum(nbgrader));
        return ok ? Optional.of(new Check(id, points)) : Optional.empty();
    }

    private static boolean hasFields(JsonNode n, Set<String> fields) {
        if (n == null || !n.isObject()) {
            return false;
        }
        int count = n.has("checksum") ? n.size() - 1 : n.size();
        return count == fields.size() && fields.stream().allMatch(n::has);
    }

    private static JsonNode withoutChecksum(JsonNode n) {
        ObjectNode copy = ((ObjectNode) n).deepCopy();
        copy.remove("checksum");
        return copy;
    }

    static boolean isGrade(Cell c) {
        return c.metadata().path("nbgrader").path("grade").asBoolean(false);
    }

    static boolean isSolution(Cell c) {
        return c.metadata().path("nbgrader").path("solution").asBoolean(false);
    }

    static boolean isLocked(Cell c) {
        JsonNode n = c.metadata().get("nbgrader");
        if (n == null || isSolution(c)) {
            return false;
        }
        return isGrade(c) || n.path("locked").asBoolean(false);
    }

    /**
     * nbgrader's checksum of a grade or solution cell: MD5 of the source, the
     * cell type, the grade/solution/locked flags as Python prints them, the
     * grade id, and for grade cells the points as a Python float.
     */
    public static String checksum(Cell c) {
        JsonNode n = c.metadata().get("nbgrader");
        if (n == null || !n.has("grade_id")) {
            throw new IllegalArgumentException("only nbgrader cells (with a grade_id) have a checksum: " + c);
        }
        StringBuilder text = new StringBuilder(c.source()).append(c.type().json())
                .append(python(isGrade(c))).append(python(isSolution(c))).append(python(isLocked(c)))
                .append(n.get("grade_id").asText());
        if (isGrade(c)) {
            text.append(PyJson.floatRepr(n.path("points").asDouble()));
        }
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String python(boolean b) {
        return b ? "True" : "False";
    }
}
