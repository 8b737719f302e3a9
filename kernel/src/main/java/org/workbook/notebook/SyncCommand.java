package org.workbook.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sync}: a notebook edited in JupyterLab back to its lesson, then the
 * lesson's notebook rebuilt so notebooks/ stays up to date. The lesson text is
 * read back before it is written: a notebook whose lesson would not build
 * (say, a solution region without its exercise metadata) is refused with the
 * reason, and nothing is written.
 */
final class SyncCommand {
    private final LessonFolders folders;
    private final PrintStream out;
    private final PrintStream err;

    SyncCommand(LessonFolders folders, PrintStream out, PrintStream err) {
        this.folders = folders;
        this.out = out;
        this.err = err;
    }

    int run(List<Path> notebooks, Path lessonOption) throws IOException {
        if (notebooks.isEmpty()) {
            throw new IllegalArgumentException("sync needs a notebook: ./workbook sync notebooks/NAME.ipynb");
        }
        if (lessonOption != null && notebooks.size() > 1) {
            throw new IllegalArgumentException("--lesson names one lesson, so give one notebook with it");
        }
        int status = NotebookCli.OK;
        for (Path nbPath : notebooks) {
            try {
                NotebookCli.requireFile(nbPath);
                if (!NotebookCli.isNotebook(nbPath)) {
                    throw new IllegalArgumentException(NotebookCli.show(nbPath) + " is not a notebook (.ipynb); "
                            + "sync goes from a notebook to its lesson");
                }
                sync(nbPath, lessonOption != null ? lessonOption : folders.lessonFor(nbPath));
            } catch (LessonFormatException | InvalidNotebookException | IllegalArgumentException
                     | java.nio.file.NoSuchFileException e) {
                err.println("error: " + e.getMessage());
                status = NotebookCli.BAD_INPUT;
            }
        }
        return status;
    }

    private void sync(Path nbPath, Path lesson) throws IOException {
        Notebook nb = NotebookReader.read(nbPath);
        String text = LessonWriter.toLesson(nb);
        Notebook back;
        try {
            back = LessonReader.parse(text, NotebookCli.show(lesson));
        } catch (LessonFormatException e) {
            throw new IllegalArgumentException("cannot sync " + NotebookCli.show(nbPath) + ": its lesson would "
                    + "not build: " + e.problem() + " (fix that cell in the notebook and sync again)", e);
        }
        sameCells(nb, back, nbPath);
        boolean existed = java.nio.file.Files.exists(lesson);
        if (AtomicFiles.writeIfChanged(lesson, text)) {
            out.println((existed ? "updated " : "created ") + NotebookCli.show(lesson)
                    + " (" + nb.cells().size() + " cells)");
        } else {
            out.println(NotebookCli.show(lesson) + " is already in sync with " + NotebookCli.show(nbPath));
        }
        Path rebuilt = folders.notebookFor(lesson);
        if (lesson.toAbsolutePath().normalize().getParent()
                .equals(folders.lessonsDir().toAbsolutePath().normalize())
                && AtomicFiles.writeIfChanged(rebuilt, NotebookWriter.toJson(back))) {
            out.println("rebuilt " + NotebookCli.show(rebuilt) + " from it (outputs cleared, cell ids "
                    + "recomputed: reload it in JupyterLab)");
        }
    }

    /** A lesson must give back the notebook's cells; anything else is a bug worth stopping for. */
    private static void sameCells(Notebook nb, Notebook back, Path nbPath) {
        boolean same = nb.cells().size() == back.cells().size();
        for (int i = 0; same && i < nb.cells().size(); i++) {
            Cell a = nb.cells().get(i);
            Cell b = back.cells().get(i);
            same = a.type() == b.type() && a.source().replace("\r\n", "\n").equals(b.source());
        }
        if (!same) {
            throw new IllegalStateException("syncing " + nbPath + " would change its cells; this is a bug in "
                    + "the lesson format, please report it with the notebook");
        }
    }
}
