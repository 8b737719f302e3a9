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

/** A submission past its wall-clock limit is killed, and graded on what it finished. */
class TimeLimitTest {
    @TempDir
    Path tmp;

    @Test
    void aSubmissionPastItsTimeIsKilledAndTheRestIsNotRun() throws Exception {
        GradeMainTest.tmp = tmp;
        String loops = GradeMainTest.submission("loops", GradeMainTest.SOLVED_SQUARE, "while (true) { }");
        Path report = tmp.resolve("r.json");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = new GradeMain(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(o, true, StandardCharsets.UTF_8))
                .run(loops, "--report", report.toString(), "--timeout", "8", "--cell-timeout", "600");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, code, o.toString(StandardCharsets.UTF_8));
        assertTrue(secs < 8 + 20, "the grader killed it in time: " + secs + " s");
        JsonNode g = new ObjectMapper().readTree(report.toFile()).path("submissions").get(0);
        assertEquals("timeout", g.path("status").asText(), g.toString());
        assertEquals("the submission ran past its time limit of 8 s and was stopped in cell 3", g.path("reason").asText());
        JsonNode square = g.path("checks").get(0);
        assertEquals("timeout", square.path("status").asText(), square.toString());
        JsonNode mean = g.path("checks").get(1);
        assertEquals("error", mean.path("status").asText());
        assertEquals("not run: the submission ran past its time limit of 8 s and was stopped in cell 3",
                mean.path("reason").asText());
        assertEquals(0.0, g.path("score").asDouble());
    }
}
