package org.workbook.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code student}: student copies of lessons or notebooks, into one folder, never over their input. */
final class StudentCommand {
    private final LessonFolders folders;
    private final PrintStream out;
    private final PrintStream err;

    StudentCommand(LessonFolders folders, PrintStream out, PrintStream err) {
        this.folders = folders;
        this.out = out;
        this.err = err;
    }

    int run(List<Path> inputs, Path outDir) throws IOException {
        List<Path> sources = inputs.isEmpty() ? folders.lessonFiles() : inputs;
        int status = NotebookCli.OK;
        for (Path source : sources) {
            try {
                NotebookCli.requireFile(source);
                Notebook nb = NotebookCli.isNotebook(source) ? NotebookReader.read(source) : LessonReader.read(source);
                Notebook student = StudentCopy.of(nb, NotebookCli.show(source));
                Path target = outDir.resolve(LessonFolders.stem(source) + ".ipynb");
                NotebookWriter.writeNotOver(student, target, source);
                out.println("wrote " + NotebookCli.show(target));
            } catch (LessonFormatException | InvalidNotebookException | IllegalArgumentException
                     | java.nio.file.NoSuchFileException e) {
                err.println("error: " + e.getMessage());
                status = NotebookCli.BAD_INPUT;
            }
        }
        if (sources.isEmpty()) {
            out.println("no lessons in " + NotebookCli.show(folders.lessonsDir()) + ": no student copies to make");
        }
        return status;
    }
}
