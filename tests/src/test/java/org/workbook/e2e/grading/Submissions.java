package org.workbook.e2e.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.workbook.notebook.Cell;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.StudentCopy;
import org.workbook.runner.Parameters;
import org.workbook.runner.UsageException;

/**
 * The two submissions a lesson's grading is tested with: its student copy as
 * handed out, and the same copy with every exercise answered by the lesson's
 * own solution (a student who got everything right). Both get the grader's
 * parameters (e.g. {@code EPOCHS=1}) injected the way {@code ./workbook run -p}
 * injects them, so training lessons stay quick.
 *
 * <pre>{@code
 * jshell> var lesson = Submissions.lesson(root, "01_neural_net_foundations")
 * jshell> var untouched = Submissions.student(lesson, "01_neural_net_foundations", Map.of())
 * jshell> var answered = Submissions.filledIn(untouched, lesson)
 * }</pre>
 */
final class Submissions {
    /** What a student copy holds in place of each solution region (see SolutionRegions.STUB). */
    static final String STUB = "your code here";

    private Submissions() {
    }

    /** The lesson notebook built from lessons/NAME.md. */
    static Notebook lesson(Path root, String name) {
        Path file = root.resolve("lessons").resolve(name + ".md");
        try {
            return LessonReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lesson " + file, e);
        }
    }

    /** The student copy of {@code lesson} with {@code params} injected (NAME -> Java source). */
    static Notebook student(Notebook lesson, String name, Map<String, String> params) {
        Notebook nb = StudentCopy.of(lesson, name);
        try {
            Parameters.apply(nb, params, name);
        } catch (UsageException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return nb;
    }

    /**
     * {@code student} with each exercise cell's source put back from the lesson
     * (matched by nbgrader grade_id), as a student who answered exactly like
     * the solutions would. Fails when the copy has no stubbed exercise, since
     * then the test would prove nothing.
     */
    static Notebook filledIn(Notebook student, Notebook lesson) {
        Map<String, String> solutions = new HashMap<>();
        for (Cell c : lesson.cells()) {
            if (isSolution(c)) {
                solutions.put(gradeId(c), c.source());
            }
        }
        Notebook nb = student.copy();
        int restored = 0;
        for (Cell c : nb.cells()) {
            if (!isSolution(c)) {
                continue;
            }
            String original = solutions.get(gradeId(c));
            if (original == null) {
                throw new IllegalStateException("the student copy has an exercise cell '" + gradeId(c)
                        + "' the lesson does not have");
            }
            if (!c.source().contains(STUB)) {
                throw new IllegalStateException("exercise cell '" + gradeId(c) + "' of the student copy has no "
                        + "\"" + STUB + "\" stub: was its solution handed out?");
            }
            c.setSource(original);
            restored++;
        }
        if (restored == 0) {
            throw new IllegalStateException("the student copy has no exercise cells to fill in");
        }
        return nb;
    }

    static boolean isSolution(Cell c) {
        return c.isCode() && c.metadata().path("nbgrader").path("solution").asBoolean(false);
    }

    private static String gradeId(Cell c) {
        JsonNode id = c.metadata().path("nbgrader").path("grade_id");
        return id.asText("");
    }

    /** The project folder: the first one up from here with lessons/ and lib/. */
    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("lessons")) && Files.isDirectory(d.resolve("lib"))) {
                return d;
            }
        }
        throw new IllegalStateException("no lessons/ folder above " + Path.of("").toAbsolutePath());
    }
}
