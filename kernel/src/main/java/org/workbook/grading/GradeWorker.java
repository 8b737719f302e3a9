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

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The JVM that runs one submission for the grader, inside its sandbox:
 * {@code GradeWorker NOTEBOOK CELL_TIMEOUT_MS stream|- guarded|-}. Before any cell
 * runs it reads from stdin the verdict channel's key, then the check guard's
 * plan (while the grader may still be making it), and closes stdin
 * ({@link EventSigner}); then it runs every cell (a failing cell does not
 * stop the others, so each check is graded on its own), and writes a signed
 * {@link WorkerEvent} to its stdout as each cell starts and ends. Before a
 * check cell, {@link CheckGuard} puts the lesson's own declarations back. A
 * cell that calls {@code System.exit} ends this JVM; a shutdown hook notes
 * which cell did it first. Whatever the cells print goes into the executed
 * notebook, never to this JVM's own streams.
 *
 * <p>The signer, the guard and the listener are held only by this method's
 * stack, the executor's and a shutdown hook: no static field leads to them.
 */
public final class GradeWorker {
    /** Longest text of one event field (an exception's message, a cell's stderr). */
    static final int MAX_FIELD = 16 * 1024;
    /** Bytes of the executed notebook per event: base64 keeps the line well under ChannelReader.MAX_LINE. */
    static final int FILE_PIECE = 512 * 1024;
    /** Largest check-guard plan the worker reads (the lesson's locked declarations). */
    static final int MAX_PLAN = 64 * 1024 * 1024;

    private final EventSigner signer;
    private final CheckGuard guard;
    private volatile int running = -1;
    private volatile boolean done;

    private GradeWorker(EventSigner signer, CheckGuard guard) {
        this.signer = signer;
        this.guard = guard;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: GradeWorker NOTEBOOK CELL_TIMEOUT_MS stream|- guarded|-  (started by ./workbook grade)");
            System.exit(2);
        }
        // Held here: StreamCapture gives cells an empty System.in.
        java.io.InputStream stdin = System.in;
        byte[] key = EventSigner.readKey(stdin);
        // The raw stdout descriptor is the channel; System.out becomes the cells' capture.
        EventSigner signer = new EventSigner(key, new FileOutputStream(FileDescriptor.out));
        // Fixes the tensor seal before any cell could clear its system property (see Sealed).
        org.workbook.tensor.Sealed.on();
        // Likewise the Vector API's bounds checks: a cell setting its property first would turn them off.
        org.workbook.backend.cpu.Simd.fixBoundsChecks();
        StreamCapture capture = StreamCapture.install();
        Evaluator.Options defaults = Evaluator.Options.defaults();
        // No in-place redefinition: it would need an instrumentation agent, which a cell could use too.
        Evaluator.Options options = new Evaluator.Options(defaults.classPath(), defaults.imports(), false);
        // The rest of stdin is the check guard's plan (or nothing): read before any cell runs, then closed.
        String plan = new String(stdin.readNBytes(MAX_PLAN), StandardCharsets.UTF_8).strip();
        stdin.close();
        boolean guarded = args.length > 3 && args[3].equals("guarded");
        boolean planMissing = guarded && plan.isEmpty();
        CheckGuard guard = guarded && !planMissing ? new CheckGuard(GuardPlan.parse(plan), options.imports()) : null;
        GradeWorker w = new GradeWorker(signer, guard);
        Runtime.getRuntime().addShutdownHook(new Thread(w::onExit, "workbook-grade-exit"));
        MemoryWatch.start(() -> {
            w.done = true;
            w.signer.write(WorkerEvent.outOfMemory(w.running).toJson());
            Runtime.getRuntime().halt(4);
        });
        String noPolicy = SandboxPolicy.install();
        try {
            if (planMissing) {
                throw new IOException("graded with --source, but no check guard plan came on stdin");
            }
            Notebook nb = NotebookReader.read(Path.of(args[0]));
            if (noPolicy != null) {
                w.write(WorkerEvent.note(-1, noPolicy + ": the worker could not refuse native code and new programs "
                        + "(the box still holds them)"));
            }
            ExecutionLimits limits = ExecutionLimits.startingNow(Duration.ofMillis(Long.parseLong(args[1])), null, true);
            Path dir = Path.of("").toAbsolutePath();
            new NotebookExecutor(options, capture).execute(nb, "submission", dir, limits, w.listener());
            if (args[2].equals("stream")) {
                w.sendExecuted(NotebookWriter.toJson(nb).getBytes(StandardCharsets.UTF_8));
            }
            w.done = true;
            w.write(WorkerEvent.done());
        } catch (Throwable t) {
            // Not a System.exit: say what failed, and end without the exit hook's note.
            w.done = true;
            w.write(t instanceof OutOfMemoryError ? WorkerEvent.outOfMemory(w.running) : WorkerEvent.crash(w.running, t));
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
            public void beforeRun(int index, Cell cell, Evaluator evaluator) {
                if (guard != null && CheckCells.isCheck(cell)) {
                    guard.beforeCheck(evaluator.shell(), cell.source());
                    for (String note : guard.takeNotes()) {
                        write(WorkerEvent.note(index, note));
                    }
                }
            }

            @Override
            public void finished(CellResult r, Cell cell) {
                running = -1;
                write(new WorkerEvent(WorkerEvent.Kind.END, r.index(), r.status().name().toLowerCase(), r.ename(),
                        clip(r.evalue()), clip(r.stderr()), r.millis()));
            }
        };
    }

    static String clip(String s) {
        return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD) + "… (cut at " + MAX_FIELD + " characters)";
    }

    /** The executed notebook, in signed pieces the grader joins (up to its limit on notebooks). */
    private void sendExecuted(byte[] json) {
        if (json.length > SubmissionFiles.MAX_BYTES) {
            write(WorkerEvent.note(-1, "the executed notebook was not kept: it is " + SubmissionFiles.mb(json.length)
                    + ", over the limit of " + SubmissionFiles.mb(SubmissionFiles.MAX_BYTES)));
            return;
        }
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        for (int at = 0; at < json.length; at += FILE_PIECE) {
            int n = Math.min(FILE_PIECE, json.length - at);
            write(WorkerEvent.file(b64.encodeToString(java.util.Arrays.copyOfRange(json, at, at + n))));
        }
    }

    /** Runs when the JVM shuts down: before the run was done, a cell called System.exit. */
    private void onExit() {
        if (!done) {
            write(WorkerEvent.exit(running));
        }
    }

    private void write(WorkerEvent e) {
        signer.write(e.toJson());
    }
}
