package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookCliTest {
    @TempDir
    Path root;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void lessons() throws IOException {
        Files.createDirectories(root.resolve("lessons"));
        for (String name : Fixtures.lessonNames()) {
            Files.writeString(root.resolve("lessons").resolve(name), Fixtures.text("lessons/" + name));
        }
        Files.writeString(root.resolve("lessons/README.md"), "not a lesson\n");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 2];
        all[0] = args[0];
        all[1] = "--root";
        all[2] = root.toString();
        System.arraycopy(args, 1, all, 3, args.length - 1);
        return new NotebookCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildWritesChangedNotebooksAndCheckReportsStaleOnes() throws IOException {
        assertEquals(1, run("build", "--check"), err());
        assertTrue(err().contains("basics.ipynb is missing"), err());
        assertEquals(0, run("build"), err());
        assertTrue(out().contains("3 lesson(s), 3 notebook(s) written"), out());
        assertTrue(Files.exists(root.resolve("notebooks/tricky.ipynb")));
        assertFalse(Files.exists(root.resolve("notebooks/README.ipynb")));
        assertEquals(0, run("build"));
        assertTrue(out().contains("0 notebook(s) written"), out());
        assertEquals(0, run("build", "--check"), err());
        Files.writeString(root.resolve("lessons/basics.md"), "# Changed\n");
        assertEquals(1, run("build", "--check"));
        assertTrue(err().contains("basics.ipynb differs from what"), err());
    }

    @Test
    void formatRewritesLessonsTheWaySyncWritesThem() throws IOException {
        Path lesson = Files.writeString(root.resolve("lessons/basics.md"), "```java\nint x;\n```\n# T\n");
        assertEquals(1, run("build", "--check"));
        assertTrue(err().contains("basics.md:4 is not written the way sync writes lessons"), err());
        assertEquals(0, run("build", "--format"), err());
        assertTrue(out().contains("formatted "), out());
        assertEquals("```java\nint x;\n```\n\n# T\n", Files.readString(lesson));
        assertEquals(0, run("build", "--check"), err());
        assertEquals(2, run("build", "--check", "--format"));
        assertTrue(err().contains("pick one"), err());
    }

    @Test
    void buildReportsBadLessonsWithTheirLine() throws IOException {
        Files.writeString(root.resolve("lessons/bad.md"), "# Bad\n\n```java\nint x;\n");
        assertEquals(2, run("build"));
        assertTrue(err().contains("bad.md:3: the ```java fence is never closed"), err());
        assertTrue(Files.exists(root.resolve("notebooks/basics.ipynb")), "the good lessons are still built");
    }

    @Test
    void syncWritesAnEditedNotebookBackToItsLesson() throws IOException {
        assertEquals(0, run("build"));
        Path nbPath = root.resolve("notebooks/basics.ipynb");
        Notebook nb = NotebookReader.read(nbPath);
        nb.cells().get(2).setSource("double[] xs = {1, 2, 3, 4};").outputs().add(Output.stdout("ran\n"));
        nb.cells().get(2).setExecutionCount(1);
        nb.cells().add(Cell.markdown("A new closing remark.").setId("new-cell"));
        NotebookWriter.write(nb, nbPath);
        assertEquals(0, run("sync", nbPath.toString()), err());
        assertTrue(out().contains("updated"), out());
        String lesson = Files.readString(root.resolve("lessons/basics.md"));
        assertTrue(lesson.contains("```java\ndouble[] xs = {1, 2, 3, 4};\n```\n"), lesson);
        assertTrue(lesson.endsWith("```\n\nA new closing remark.\n"), lesson);
        assertFalse(Files.readString(nbPath).contains("ran"), "the rebuilt notebook has no outputs");
        assertEquals(0, run("build", "--check"), err());
        assertEquals(0, run("sync", nbPath.toString()));
        assertTrue(out().contains("already in sync"), out());
    }

    @Test
    void syncRefusesANotebookWhoseLessonWouldNotBuild() throws IOException {
        Notebook nb = Notebook.forWorkbookKernel();
        nb.cells().add(Cell.code("// BEGIN SOLUTION\nint x;\n// END SOLUTION"));
        Path nbPath = root.resolve("elsewhere/new.ipynb");
        NotebookWriter.write(nb, nbPath);
        assertEquals(2, run("sync", nbPath.toString()));
        assertTrue(err().contains("cannot sync") && err().contains("without an exercise marker"), err());
        assertFalse(Files.exists(root.resolve("lessons/new.md")));
    }

    @Test
    void syncCreatesALessonFromANewNotebook() throws IOException {
        Notebook nb = Notebook.forWorkbookKernel();
        nb.cells().add(Cell.markdown("# New"));
        Path nbPath = root.resolve("elsewhere/05-new.ipynb");
        NotebookWriter.write(nb, nbPath);
        assertEquals(0, run("sync", nbPath.toString()), err());
        assertEquals("# New\n", Files.readString(root.resolve("lessons/05-new.md")));
        assertTrue(Files.exists(root.resolve("notebooks/05-new.ipynb")));
    }

    @Test
    void studentCopiesGoToBuildStudentAndNeverOverTheirInput() throws IOException {
        assertEquals(0, run("student"), err());
        Path copy = root.resolve("build/student/exercises.ipynb");
        assertTrue(Files.readString(copy).contains("your code here"));
        assertFalse(Files.readString(copy).contains("BEGIN SOLUTION"));
        assertEquals(2, run("student", "--out", root.resolve("build/student").toString(), copy.toString()));
        assertTrue(err().contains("it is the input"), err());
        assertEquals(0, run("student", "--out", root.resolve("other").toString(), copy.toString()), err());
    }

    @Test
    void invalidNotebooksAndUsageErrorsExitTwo() throws IOException {
        Path bad = Files.writeString(root.resolve("bad.ipynb"), "{\"cells\": [");
        assertEquals(2, run("student", bad.toString()));
        assertTrue(err().contains("bad.ipynb: line 1, column 12: not valid JSON"), err());
        assertEquals(2, run("sync", root.resolve("missing.ipynb").toString()));
        assertTrue(err().contains("missing.ipynb (no such file)"), err());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        assertEquals(2, run("build", "--bogus"));
        assertTrue(err().contains("unknown option '--bogus'"), err());
        assertEquals(2, run("sync"));
        assertTrue(err().contains("sync needs a notebook"), err());
    }
}
