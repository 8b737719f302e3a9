package org.workbook.runner;

import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookReader;
import org.workbook.notebook.NotebookWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test notebooks of src/test/resources/runner, and a way to run the runner in this JVM. */
final class RunnerFixtures {
    private RunnerFixtures() {
    }

    /** What one run of the command gave. */
    record Ran(int code, String out, String err) { }

    static Path resource(String name) {
        try {
            return Path.of(RunnerFixtures.class.getResource("/runner/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lesson {@code name}.md written as a notebook in {@code dir}. */
    static Path asNotebook(String name, Path dir) throws IOException {
        Notebook nb = LessonReader.read(resource(name + ".md"));
        Path file = dir.resolve(name + ".ipynb");
        NotebookWriter.write(nb, file);
        return file;
    }

    static Notebook read(Path file) throws IOException {
        return NotebookReader.read(file);
    }

    static Ran run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (StreamCapture capture = StreamCapture.install()) {
            code = new RunnerMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(capture, args);
        }
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
