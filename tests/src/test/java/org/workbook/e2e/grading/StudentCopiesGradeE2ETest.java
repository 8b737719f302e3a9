package org.workbook.e2e.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.grading.CheckCells;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookWriter;

/**
 * Every lesson's student copy through {@code ./workbook grade}, as a grader
 * would run it (GradeMain in a JVM of its own, each submission in its own
 * worker JVM, two at a time, default limits): handed in unchanged it scores
 * zero on every check, each failing on the "your code here" stub, and the run
 * still ends normally; with the lesson's solutions filled back in it scores
 * full marks. The lessons that train get {@code EPOCHS=1}, as graders are
 * told to do (issue 8). Each lesson is graded in a run of its own with the lesson as
 * {@code --source}, so the checks run against the lesson's own declarations (issue 14);
 * all ten submissions take about 4 minutes on 2 cores.
 */
class StudentCopiesGradeE2ETest {
    /** Each lesson and the parameters injected into its submissions (NAME -> Java source). */
    static final Map<String, Map<String, String>> LESSONS = new LinkedHashMap<>();

    static {
        LESSONS.put("01_neural_net_foundations", Map.of());
        LESSONS.put("02_mnist_basics", Map.of("EPOCHS", "1"));
        LESSONS.put("03_mnist_logistic_regression", Map.of());
        LESSONS.put("04_broadcasting_and_sgd", Map.of("EPOCHS", "1"));
        LESSONS.put("05_convolutions", Map.of("EPOCHS", "1"));
    }

    /** The grader's whole run may take this long before the test gives up on it. */
    private static final long GRADER_LIMIT_MINUTES = 15;
    /** GradeOptions' default per-submission limit, which every submission must stay within. */
    private static final double SUBMISSION_LIMIT_SECONDS = 600;

    private static final Map<String, Notebook> SOURCES = new LinkedHashMap<>();
    private static final Map<String, JsonNode> GRADES = new LinkedHashMap<>();

    @BeforeAll
    static void gradeAll(@TempDir Path tmp) throws Exception {
        Path root = Submissions.root();
        double total = 0;
        int graded = 0;
        // One grader run per lesson, with the lesson as --source, as a course grades an assignment.
        for (var e : LESSONS.entrySet()) {
            Notebook lesson = Submissions.lesson(root, e.getKey());
            SOURCES.put(e.getKey(), lesson);
            Notebook student = Submissions.student(lesson, e.getKey(), e.getValue());
            Path unchanged = tmp.resolve(e.getKey() + "-unchanged.ipynb");
            Path filled = tmp.resolve(e.getKey() + "-filled.ipynb");
            NotebookWriter.write(student, unchanged);
            NotebookWriter.write(Submissions.filledIn(student, lesson), filled);
            Path report = tmp.resolve(e.getKey() + "-grades.json");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), "org.workbook.grading.GradeMain",
                    unchanged.toString(), filled.toString(), "--source",
                    root.resolve("lessons").resolve(e.getKey() + ".md").toString(),
                    "--jobs", "2", "--report", report.toString(), "--executed", tmp.resolve("executed").toString()));
            Path log = tmp.resolve(e.getKey() + "-grader.log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(GRADER_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("the grader ran past " + GRADER_LIMIT_MINUTES + " minutes: " + read(log));
            }
            total += (System.nanoTime() - t0) / 1e9;
            String out = read(log);
            System.out.print(out);
            assertEquals(0, p.exitValue(), "GradeMain's exit status; its output:\n" + out);
            for (JsonNode s : new ObjectMapper().readTree(report.toFile()).path("submissions")) {
                GRADES.put(s.path("name").asText(), s);
                assertEquals("source", s.path("checks_from").asText(), s.toPrettyString());
                graded++;
            }
        }
        System.out.printf("graded %d submissions in %.1f s (--jobs 2)%n", graded, total);
        assertEquals(2 * LESSONS.size(), GRADES.size(), "submissions in the reports: " + GRADES.keySet());
    }

    static List<String> lessons() {
        return List.copyOf(LESSONS.keySet());
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theUnchangedStudentCopyScoresZeroWithoutCrashing(String lesson) {
        JsonNode g = graded(lesson + "-unchanged", lesson);
        assertEquals(0.0, g.path("score").asDouble(), g.toPrettyString());
        for (JsonNode c : g.path("checks")) {
            assertFalse(c.path("status").asText().equals("passed") || c.path("status").asText().equals("timeout"),
                    "check " + c.path("id").asText() + " of the unchanged copy: " + c);
            assertTrue(c.path("reason").asText().contains(Submissions.STUB),
                    "check " + c.path("id").asText() + " must fail on the unanswered exercise, not for another reason: "
                            + c);
        }
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theStudentCopyWithItsSolutionsScoresFullMarks(String lesson) {
        JsonNode g = graded(lesson + "-filled", lesson);
        assertEquals(g.path("max_score").asDouble(), g.path("score").asDouble(), g.toPrettyString());
        for (JsonNode c : g.path("checks")) {
            assertEquals("passed", c.path("status").asText(), "check " + c.path("id").asText() + ": " + c);
        }
    }

    /**
     * The submission's grade, checked for what both kinds share: it ran to the
     * end within its limit, and its checks are the lesson's, with the lesson's points.
     */
    private static JsonNode graded(String name, String lesson) {
        JsonNode g = GRADES.get(name);
        assertTrue(g != null, "no grade for " + name + " in " + GRADES.keySet());
        assertEquals("graded", g.path("status").asText(), name + " did not run to the end: " + g.path("reason"));
        assertTrue(g.path("seconds").asDouble() < SUBMISSION_LIMIT_SECONDS, name + " took " + g.path("seconds") + " s");
        List<String> want = new ArrayList<>();
        double points = 0;
        for (CheckCells.Check k : CheckCells.find(SOURCES.get(lesson))) {
            want.add(k.id());
            points += k.points();
        }
        List<String> got = new ArrayList<>();
        g.path("checks").forEach(c -> got.add(c.path("id").asText()));
        assertFalse(want.isEmpty(), lesson + " has no check cells");
        assertEquals(want, got, name + ": the graded checks are the lesson's");
        assertEquals(points, g.path("max_score").asDouble(), name + ": the lesson's points");
        return g;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
