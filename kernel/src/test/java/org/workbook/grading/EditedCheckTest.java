package org.workbook.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An emptied check cell cannot pass: its checksum gives it away, and --source runs the original. */
class EditedCheckTest {
    @TempDir
    Path tmp;

    JsonNode grade(String... extra) throws Exception {
        GradeMainTest.tmp = tmp;
        String file = GradeMainTest.editedCheck();
        Path report = tmp.resolve("r.json");
        String[] args = new String[3 + extra.length];
        args[0] = file;
        args[1] = "--report";
        args[2] = report.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = new GradeMain(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(o, true, StandardCharsets.UTF_8)).run(args);
        assertEquals(0, code, o.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(report.toFile()).path("submissions").get(0);
    }

    @Test
    void withoutTheSourceTheEditedCheckScoresZero() throws Exception {
        JsonNode g = grade();
        assertEquals(3.0, g.path("score").asDouble(), g.toString());
        JsonNode square = g.path("checks").get(0);
        assertEquals("error", square.path("status").asText());
        assertTrue(square.path("reason").asText().contains("was changed after it was handed out"), square.toString());
    }

    @Test
    void withTheSourceTheOriginalCheckRuns() throws Exception {
        JsonNode g = grade("--source", GradeMainTest.resource("assignment.md").toString());
        assertEquals(5.0, g.path("score").asDouble(), g.toString());
    }
}
