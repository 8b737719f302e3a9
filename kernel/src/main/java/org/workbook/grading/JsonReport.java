package org.workbook.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.workbook.notebook.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The grades as JSON: per submission its file, score, status and reason, and
 * per check its status, points and reason; then the totals.
 *
 * <pre>
 * {"submissions": [{"name": "alice", "score": 3.0, "max_score": 5.0, "status": "graded",
 *   "checks": [{"id": "mse-check", "cell": 7, "status": "passed", "points": 2.0, "max_points": 2.0, ...}]}],
 *  "total": {"submissions": 1, "score": 3.0, "max_score": 5.0}}
 * </pre>
 */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static ObjectNode tree(List<SubmissionGrade> grades) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode subs = root.putArray("submissions");
        double score = 0;
        double max = 0;
        for (SubmissionGrade g : grades) {
            ObjectNode s = subs.addObject();
            s.put("file", g.file());
            s.put("name", g.name());
            s.put("score", g.score());
            s.put("max_score", g.maxScore());
            s.put("status", g.status());
            s.put("reason", g.reason());
            s.put("seconds", Math.round(g.seconds() * 10) / 10.0);
            s.put("sandbox", g.sandbox());
            s.put("checks_from", g.checksFrom());
            ArrayNode checks = s.putArray("checks");
            for (CheckGrade c : g.checks()) {
                ObjectNode n = checks.addObject();
                n.put("id", c.id());
                n.put("cell", c.cell());
                n.put("status", c.status().json());
                n.put("points", c.points());
                n.put("max_points", c.maxPoints());
                n.put("reason", c.reason());
            }
            ArrayNode notes = s.putArray("notes");
            g.notes().forEach(notes::add);
            score += g.score();
            max += g.maxScore();
        }
        ObjectNode total = root.putObject("total");
        total.put("submissions", grades.size());
        total.put("score", score);
        total.put("max_score", max);
        return root;
    }

    /** The submissions of a report this class wrote (a shard's, for {@code ./workbook grade merge}). */
    static List<SubmissionGrade> read(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.path("submissions").isArray()) {
            throw new IOException(file + " is not a grades report (no \"submissions\" list)");
        }
        List<SubmissionGrade> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode s : root.path("submissions")) {
            List<CheckGrade> checks = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode c : s.path("checks")) {
                checks.add(new CheckGrade(c.path("id").asText(), c.path("cell").asInt(),
                        CheckGrade.Status.valueOf(c.path("status").asText("error").toUpperCase(java.util.Locale.ROOT)),
                        c.path("points").asDouble(), c.path("max_points").asDouble(), c.path("reason").asText()));
            }
            List<String> notes = new java.util.ArrayList<>();
            s.path("notes").forEach(n -> notes.add(n.asText()));
            out.add(new SubmissionGrade(s.path("file").asText(), s.path("name").asText(), s.path("status").asText(),
                    s.path("reason").asText(), checks, notes, s.path("seconds").asDouble(), s.path("sandbox").asText(),
                    s.path("checks_from").asText()));
        }
        return out;
    }

    static void write(List<SubmissionGrade> grades, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsString(tree(grades)) + "\n");
    }
}
