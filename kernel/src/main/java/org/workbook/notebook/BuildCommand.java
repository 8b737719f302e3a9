package org.workbook.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code build}: lessons to notebooks, written only where they changed;
 * {@code --check} only reports; {@code --format} first rewrites lessons in
 * the canonical form sync writes.
 */
final class BuildCommand {
    private final LessonFolders folders;
    private final PrintStream out;
    private final PrintStream err;

    BuildCommand(LessonFolders folders, PrintStream out, PrintStream err) {
        this.folders = folders;
        this.out = out;
        this.err = err;
    }

    int run(List<Path> lessons, Path outDir, boolean check, boolean format) throws IOException {
        if (check && format) {
            throw new IllegalArgumentException("--check only reports and --format rewrites lessons: pick one");
        }
        if (check && lessons.isEmpty() && outDir == null) {
            List<String> problems = folders.outOfDate();
            problems.forEach(p -> err.println("out of date: " + p));
            if (!problems.isEmpty()) {
                err.println("run ./workbook notebooks to rebuild notebooks/ from lessons/");
            }
            return problems.isEmpty() ? NotebookCli.OK : NotebookCli.OUT_OF_DATE;
        }
        List<Path> inputs = lessons.isEmpty() ? folders.lessonFiles() : lessons;
        Path dir = outDir != null ? outDir : folders.notebooksDir();
        int status = NotebookCli.OK;
        int written = 0;
        for (Path lesson : inputs) {
            try {
                NotebookCli.requireFile(lesson);
                if (format && LessonFolders.format(lesson)) {
                    out.println("formatted " + NotebookCli.show(lesson));
                }
                Path target = dir.resolve(LessonFolders.stem(lesson) + ".ipynb");
                String json = LessonFolders.build(lesson);
                if (check) {
                    boolean same = java.nio.file.Files.isRegularFile(target)
                            && java.nio.file.Files.readString(target).equals(json);
                    if (!same) {
                        err.println("out of date: " + NotebookCli.show(target));
                        status = Math.max(status, NotebookCli.OUT_OF_DATE);
                    }
                } else if (AtomicFiles.writeIfChanged(target, json)) {
                    out.println("wrote " + NotebookCli.show(target));
                    written++;
                }
            } catch (LessonFormatException | java.nio.file.NoSuchFileException e) {
                err.println("error: " + e.getMessage());
                status = NotebookCli.BAD_INPUT;
            }
        }
        if (!check) {
            out.println(inputs.size() + " lesson(s), " + written + " notebook(s) written, "
                    + (inputs.size() - written) + " unchanged or failed");
        }
        return status;
    }
}
