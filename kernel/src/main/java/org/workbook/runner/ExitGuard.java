package org.workbook.runner;

import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookWriter;
import org.workbook.notebook.Output;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps a cell's {@code System.exit(0)} from passing for a successful run.
 * Cells run in the runner's own JVM, so {@code System.exit} ends it; this
 * shutdown hook notices the run was not finished, records a {@code SystemExit}
 * error in the cell that called it, writes the notebook as far as it got, and
 * ends the JVM with status 1 instead. {@code Runtime.halt} skips shutdown
 * hooks; for that (and crashes) the {@link Progress} file tells the launcher
 * script which cell was running.
 */
final class ExitGuard implements CellListener {
    private final PrintStream err;
    private volatile Notebook nb;
    private volatile String name;
    private volatile Path target;
    private volatile Path input;
    private volatile int running = -1;
    private volatile boolean finished;
    private final Progress progress = Progress.fromProperty();

    private ExitGuard(PrintStream err) {
        this.err = err;
    }

    static ExitGuard install(PrintStream err) {
        ExitGuard g = new ExitGuard(err);
        Runtime.getRuntime().addShutdownHook(new Thread(g::onExit, "workbook-runner-exit"));
        return g;
    }

    /** The notebook about to run, and where it will be written. */
    void begin(Notebook nb, String name, Path target, Path input) {
        this.nb = nb;
        this.name = name;
        this.target = target;
        this.input = input;
        progress.at(name, -1);
    }

    /** The run ended by itself: exiting is fine from now on. */
    void done() {
        finished = true;
        progress.done();
    }

    /** The run failed outside any cell's evaluation ({@code what}: out of memory, say); says so and ends the run. */
    void failed(Throwable what) {
        finished = true;
        int at = running;
        err.println("error: " + (name == null ? "the run" : name) + ": " + (at >= 0 ? "cell " + (at + 1) + ": " : "")
                + (what instanceof OutOfMemoryError ? "out of memory (" + what.getMessage() + ")" : "the runner failed: " + what));
        err.flush();
        progress.done();
    }

    @Override
    public void started(int index, Cell cell) {
        running = index;
        progress.at(name, index);
    }

    @Override
    public void finished(CellResult result, Cell cell) {
        running = -1;
    }

    private void onExit() {
        if (finished || nb == null) {
            return;
        }
        int at = running;
        String where = at >= 0 ? "cell " + (at + 1) : "a background thread";
        String msg = where + " called System.exit; the run stopped there";
        if (at >= 0) {
            nb.cells().get(at).outputs().add(Output.error("SystemExit", "the cell called System.exit, which ends "
                    + "the runner's JVM; the notebook was not run further",
                    List.of("\u001b[0;31mSystemExit: the cell called System.exit\u001b[0m")));
        }
        try {
            NotebookWriter.writeNotOver(nb, target, input);
            msg += " (what ran is in " + target + ")";
        } catch (IOException | RuntimeException e) {
            msg += " (could not write " + target + ": " + e.getMessage() + ")";
        }
        err.println("error: " + name + ": " + msg);
        err.flush();
        progress.done();
        Runtime.getRuntime().halt(RunnerMain.FAILED);
    }
}
