package org.workbook.grading;

import org.workbook.kernel.eval.Evaluator;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookReader;
import org.workbook.notebook.NotebookWriter;
import org.workbook.runner.CellListener;
import org.workbook.runner.CellResult;
import org.workbook.runner.ExecutionLimits;
import org.workbook.runner.NotebookExecutor;
import org.workbook.runner.StreamCapture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The JVM that runs one submission for the grader: {@code GradeWorker TRAIL
 * NOTEBOOK CELL_TIMEOUT_MS [EXECUTED]}. Runs every cell (a failing cell does
 * not stop the others, so each check is graded on its own) and writes a
 * {@link WorkerEvent} line as each cell starts and ends. A cell that calls
 * {@code System.exit} ends this JVM; a shutdown hook notes which cell did it
 * first, so the grader can say so. Whatever the cells print goes into the
 * executed notebook, never to this JVM's own streams.
 */
public final class GradeWorker {
    private final OutputStream trail;
    private volatile int running = -1;
    private volatile boolean done;

    private GradeWorker(OutputStream trail) {
        this.trail = trail;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: GradeWorker TRAIL NOTEBOOK CELL_TIMEOUT_MS [EXECUTED]  (started by ./workbook grade)");
            System.exit(2);
        }
        StreamCapture capture = StreamCapture.install();
        GradeWorker w = new GradeWorker(new FileOutputStream(args[0], true));
        Runtime.getRuntime().addShutdownHook(new Thread(w::onExit, "workbook-grade-exit"));
        try {
            Notebook nb = NotebookReader.read(Path.of(args[1]));
            ExecutionLimits limits = ExecutionLimits.startingNow(Duration.ofMillis(Long.parseLong(args[2])), null, true);
            Path dir = Path.of("").toAbsolutePath();
            new NotebookExecutor(Evaluator.Options.defaults(), capture).execute(nb, "submission", dir, limits,
                    w.listener());
            if (args.length > 3) {
                NotebookWriter.write(nb, Path.of(args[3]));
            }
            w.done = true;
            w.write(WorkerEvent.done());
        } catch (Throwable t) {
            // Not a System.exit: say what failed, and end without the exit hook's note.
            w.done = true;
            w.write(WorkerEvent.crash(w.running, t));
            Runtime.getRuntime().halt(3);
        }
        System.exit(0);
    }

    private CellListener listener() {
        return new CellListener() {
            @Override
            public void started(int index, Cell cell) {
                running = index;
                write(WorkerEvent.start(index));
            }

            @Override
            public void finished(CellResult r, Cell cell) {
                running = -1;
                write(new WorkerEvent(WorkerEvent.Kind.END, r.index(), r.status().name().toLowerCase(), r.ename(),
                        r.evalue(), r.stderr(), r.millis()));
            }
        };
    }

    /** Runs when the JVM shuts down: before the run was done, a cell called System.exit. */
    private void onExit() {
        if (!done) {
            write(WorkerEvent.exit(running));
        }
    }

    private synchronized void write(WorkerEvent e) {
        try {
            trail.write((e.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            trail.flush();
        } catch (IOException ex) {
            // The grader will see the trail end here and grade what it has.
        }
    }
}
