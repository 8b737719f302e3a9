package org.workbook.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.notebook.Cell;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookWriter;
import org.workbook.notebook.StudentCopy;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One grading run over submissions that each break something, graded in
 * their own JVMs; each test reads one submission's grade from the report.
 */
class GradeMainTest {
    static final String SOLVED_SQUARE = "return x * x;";
    static final String SOLVED_MEAN = "return s / v.length;";

    @TempDir
    static Path tmp;
    static JsonNode report;
    static String out;
    static int code;
    static double seconds;
    static Path junit;

    static Path resource(String name) throws Exception {
        return Path.of(GradeMainTest.class.getResource("/runner/" + name).toURI());
    }

    /** The assignment with one piece of its solution replaced, as a submission file. */
    static String submission(String name, String find, String replace) throws Exception {
        String lesson = Files.readString(resource("assignment.md"));
        assertTrue(lesson.contains(find), find);
        Notebook nb = LessonReader.parse(lesson.replace(find, replace), name + ".md");
        Path file = tmp.resolve(name + ".ipynb");
        NotebookWriter.write(nb, file);
        return file.toString();
    }

    /** The student copy, filled in correctly, with one check cell emptied by the student. */
    static String editedCheck() throws Exception {
        Notebook lesson = LessonReader.read(resource("assignment.md"));
        Notebook student = StudentCopy.of(lesson, "assignment");
        for (int i = 0; i < student.cells().size(); i++) {
            Cell c = student.cells().get(i);
            if (c.metadata().path("nbgrader").path("solution").asBoolean(false)) {
                c.setSource(lesson.cells().get(i).source());
            }
            if (c.hasTag("check") && c.source().contains("checkEqual")) {
                c.setSource("// trust me");
            }
        }
        Path file = tmp.resolve("edited-check.ipynb");
        NotebookWriter.write(student, file);
        return file.toString();
    }

    @BeforeAll
    static void gradeEverything() throws Exception {
        Path corrupt = tmp.resolve("corrupt.ipynb");
        Files.writeString(corrupt, "{ \"cells\": [ not json");
        List<String> args = new ArrayList<>(List.of(
                submission("correct", "x", "x"),
                submission("wrong", SOLVED_SQUARE, "return x + x;"),
                submission("loops", SOLVED_SQUARE, "while (true) { }"),
                submission("huge", SOLVED_SQUARE, "long[] big = new long[400_000_000]; return x * x;"),
                submission("exits", SOLVED_MEAN, "System.exit(0); return 0;"),
                submission("stderr", SOLVED_MEAN, "System.err.println(\"debugging mean\"); return s / v.length;"),
                corrupt.toString()));
        junit = tmp.resolve("grades.xml");
        args.addAll(List.of("--report", tmp.resolve("grades.json").toString(), "--junit", junit.toString(),
                "--cell-timeout", "3", "--timeout", "60", "--memory", "256", "--jobs", "2",
                "--source", resource("assignment.md").toString()));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        code = new GradeMain(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        seconds = (System.nanoTime() - t0) / 1e9;
        out = o.toString(StandardCharsets.UTF_8) + e.toString(StandardCharsets.UTF_8);
        report = new ObjectMapper().readTree(tmp.resolve("grades.json").toFile());
    }

    static JsonNode grade(String name) {
        for (JsonNode s : report.path("submissions")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no submission " + name + " in " + report);
    }

    static JsonNode check(String submission, String id) {
        for (JsonNode c : grade(submission).path("checks")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " for " + submission);
    }

    static void assertCheck(String submission, String id, String status, double points, String reason) {
        JsonNode c = check(submission, id);
        assertEquals(status, c.path("status").asText(), c.toString());
        assertEquals(points, c.path("points").asDouble(), c.toString());
        assertTrue(c.path("reason").asText().contains(reason), "reason of " + c);
    }

    @Test
    void gradingRunsToTheEndWithinItsLimits() {
        assertEquals(0, code, out);
        assertEquals(7, report.path("submissions").size());
        assertTrue(seconds < 240, "the whole grading took " + seconds + " s");
        assertTrue(out.contains("report: "), out);
    }

    @Test
    void aCorrectSubmissionGetsFullMarks() {
        JsonNode g = grade("correct");
        assertEquals(5.0, g.path("score").asDouble(), g.toString());
        assertEquals(5.0, g.path("max_score").asDouble());
        assertEquals("graded", g.path("status").asText());
        assertCheck("correct", "square-check", "passed", 2, "");
    }

    @Test
    void aWrongAnswerFailsWithTheAssertionMessage() {
        assertCheck("wrong", "square-check", "failed", 0, "expected 9 but got 6");
        assertCheck("wrong", "mean-check", "passed", 3, "");
        assertEquals(3.0, grade("wrong").path("score").asDouble());
    }

    @Test
    void anInfiniteLoopTimesOutThatCheckOnly() {
        assertCheck("loops", "square-check", "timeout", 0, "the cell ran longer than 3 s");
        assertCheck("loops", "mean-check", "passed", 3, "");
    }

    @Test
    void aHugeAllocationRunsOutOfMemoryInThatCheckOnly() {
        assertCheck("huge", "square-check", "error", 0, "OutOfMemoryError: Java heap space");
        assertCheck("huge", "mean-check", "passed", 3, "");
    }

    @Test
    void systemExitScoresWhatCompleted() {
        JsonNode g = grade("exits");
        assertEquals("exited", g.path("status").asText(), g.toString());
        assertEquals("called System.exit(0) in cell 5", g.path("reason").asText());
        assertCheck("exits", "square-check", "passed", 2, "");
        assertCheck("exits", "mean-check", "error", 0, "called System.exit(0) in cell 5");
    }

    @Test
    void writingToStderrZeroesThatCheck() {
        assertCheck("stderr", "mean-check", "error", 0, "wrote to stderr: debugging mean");
        assertCheck("stderr", "square-check", "passed", 2, "");
    }

    @Test
    void aCorruptFileScoresZeroWithTheReason() {
        JsonNode g = grade("corrupt");
        assertEquals("invalid", g.path("status").asText());
        assertTrue(g.path("reason").asText().startsWith("not a notebook: "), g.toString());
        assertTrue(g.path("reason").asText().contains("corrupt.ipynb: line 1"), g.toString());
        assertEquals(0.0, g.path("score").asDouble());
        assertEquals(5.0, g.path("max_score").asDouble(), "the assignment says what it was worth");
    }

    @Test
    void junitReportHasASuitePerSubmissionAndACasePerCheck() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        var suites = doc.getElementsByTagName("testsuite");
        assertEquals(7, suites.getLength());
        assertEquals(14, doc.getElementsByTagName("testcase").getLength());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<failure type=\"AssertionError\" message=\"expected 9 but got 6\">"), xml);
        assertTrue(xml.contains("name=\"square-check (2 points)\""), xml);
    }
}
