package org.workbook.runner;

import org.workbook.display.Display;
import org.workbook.display.DisplaySink;
import org.workbook.display.MimeBundle;
import org.workbook.kernel.display.Bundles;
import org.workbook.kernel.eval.CellException;
import org.workbook.kernel.eval.Evaluator;
import org.workbook.kernel.magic.MagicException;
import org.workbook.kernel.magic.Magics;
import org.workbook.kernel.widgets.StaticWidgetHost;
import org.workbook.kernel.widgets.WidgetHost;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a notebook's code cells in order in a fresh {@link Evaluator} (the
 * kernel's, in this JVM) and fills in their outputs and execution counts, as
 * Jupyter would. Magics ({@code %time}, {@code %load}...) work as in the
 * kernel; widgets draw their first state ({@code interact} calls its function
 * once), and, {@linkplain #withSliderStrips() when asked}, a strip of
 * pictures at several slider settings for slide decks ({@link StripSettings}).
 * Cells tagged {@code skip-execution} are skipped; a cell that fails stops the
 * notebook unless it is tagged {@code raises-exception} or errors are allowed.
 * A cell past its time is stopped and recorded as a {@code TimeoutError}.
 *
 * <pre>{@code
 * jshell> try (var capture = StreamCapture.install()) {
 *    ...>     var r = new NotebookExecutor(Evaluator.Options.defaults(), capture)
 *    ...>             .execute(nb, "demo", ExecutionLimits.defaults(), CellListener.NONE);
 *    ...> }
 * jshell> r.outcome()
 * $2 ==> PASSED
 * }</pre>
 */
public final class NotebookExecutor {
    public static final String SKIP_TAG = "skip-execution";
    public static final String RAISES_TAG = "raises-exception";
    /** How long a stopped cell may take to end before it is given up. */
    private static final long STOP_GRACE_MS = 5000;
    /** How long the threads a notebook started may take to end once it is over. */
    private static final long THREADS_GRACE_MS = 1000;

    private final Evaluator.Options options;
    private final StreamCapture capture;
    private boolean sliderStrips;

    public NotebookExecutor(Evaluator.Options options, StreamCapture capture) {
        this.options = options;
        this.capture = capture;
    }

    /** Records slider strips ({@code ./workbook run}, whose executed copies make the slides); graders do not. */
    public NotebookExecutor withSliderStrips() {
        sliderStrips = true;
        return this;
    }

    /** Stops what the notebook's cells started, so none of it runs (or prints) into the next notebook. */
    private void endThreads(String name, Evaluator ev) {
        List<String> alive = NotebookThreads.close(ev.runner().threads(), THREADS_GRACE_MS);
        if (!alive.isEmpty()) {
            capture.originalErr().println("note: " + name + ": threads it started could not be stopped ("
                    + String.join(", ", alive) + "); what they print from now on is dropped");
        }
    }

    /** The cell ran, but its value could not be shown: its renderer or toString() threw. */
    private static final class ShowFailed extends Exception {
        ShowFailed(Throwable cause) {
            super(cause);
        }
    }

    /** Cell value and its rendering, made on the cell's thread so a stuck toString() can be stopped. */
    private record Evaluated(Evaluator.Result result, MimeBundle bundle) { }

    /**
     * Runs {@code nb} in place (its outputs are replaced); {@code name} names it in messages,
     * {@code dir} is where its relative paths start ({@code %load}, {@code %classpath}).
     */
    public RunResult execute(Notebook nb, String name, Path dir, ExecutionLimits limits, CellListener listener) {
        long start = System.nanoTime();
        nb.clearOutputs();
        OutputRecorder recorder = new OutputRecorder();
        DisplaySink oldSink = Display.setSink(recorder);
        WidgetHost oldHost = WidgetHost.current();
        StaticWidgetHost host = sliderStrips ? StaticWidgetHost.withSliderStrips() : new StaticWidgetHost();
        WidgetHost.install(host);
        capture.routeTo(recorder);
        Driver driver = new Driver(name);
        Run run = new Run(nb, dir, limits, listener, recorder, driver, host);
        try {
            run.all();
        } finally {
            capture.routeTo(null);
            Display.setSink(oldSink);
            WidgetHost.install(oldHost);
            if (run.evaluator != null && !run.stuck) {
                run.evaluator.close();
            }
            if (run.evaluator != null) {
                endThreads(name, run.evaluator);
            }
            driver.close();
        }
        return new RunResult(name, run.results, run.outcome(), run.reason, (System.nanoTime() - start) / 1_000_000);
    }

    /** The state of one notebook's run. */
    private final class Run {
        final Notebook nb;
        final Path dir;
        final ExecutionLimits limits;
        final CellListener listener;
        final OutputRecorder recorder;
        final Driver driver;
        final StaticWidgetHost host;
        final List<CellResult> results = new ArrayList<>();
        Evaluator evaluator;
        Magics magics;
        boolean stuck;
        boolean stopped;
        boolean timedOut;
        boolean errors;
        String reason = "";
        int count;

        Run(Notebook nb, Path dir, ExecutionLimits limits, CellListener listener, OutputRecorder recorder,
            Driver driver, StaticWidgetHost host) {
            this.host = host;
            this.nb = nb;
            this.dir = dir;
            this.limits = limits;
            this.listener = listener;
            this.recorder = recorder;
            this.driver = driver;
        }

        RunResult.Outcome outcome() {
            if (timedOut) {
                return RunResult.Outcome.TIMEOUT;
            }
            if (stopped) {
                return RunResult.Outcome.FAILED;
            }
            return errors ? RunResult.Outcome.ERRORS_ALLOWED : RunResult.Outcome.PASSED;
        }

        void all() {
            for (int i = 0; i < nb.cells().size(); i++) {
                Cell cell = nb.cells().get(i);
                if (!cell.isCode()) {
                    continue;
                }
                CellResult r;
                if (stopped) {
                    r = CellResult.notRun(i, CellResult.Status.NOT_RUN);
                } else if (cell.hasTag(SKIP_TAG) || cell.source().isBlank()) {
                    r = CellResult.notRun(i, CellResult.Status.SKIPPED);
                } else {
                    r = runCell(i, cell);
                }
                results.add(r);
                listener.finished(r, cell);
            }
        }

        private CellResult runCell(int index, Cell cell) {
            long now = System.nanoTime();
            if (limits.cellBudgetNanos(now) <= 0) {
                return totalTimeout(index);
            }
            count++;
            cell.setExecutionCount(count);
            recorder.begin(cell);
            listener.started(index, cell);
            String label = "In [" + count + "]";
            if (evaluator == null) {
                try {
                    evaluator = Evaluator.create(options);
                } catch (RuntimeException | LinkageError e) {
                    stopped = true;
                    errors = true;
                    reason = "JShell could not start: " + e;
                    recorder.error(e.getClass().getSimpleName(), reason, List.of(reason));
                    return finish(index, CellResult.Status.ERROR, e.getClass().getSimpleName(), reason, now);
                }
                // System.out is the capture here, so what magics print lands in the cell.
                magics = new Magics(evaluator, System.out, dir.toAbsolutePath());
            }
            Evaluator ev = evaluator;
            Magics m = magics;
            listener.beforeRun(index, cell, ev);
            boolean byDeadline = limits.deadlineFirst(now);
            Future<Evaluated> f = driver.submit(() -> {
                host.stripSettings(sliderStrips ? StripSettings.of(cell) : null);
                Evaluator.Result res = m.run(cell.source(), label);
                MimeBundle bundle = null;
                if (res.hasValue()) {
                    Object v = res.value();
                    try {
                        bundle = (MimeBundle) ev.runner().run(() -> Bundles.resultBundle(v));
                    } catch (Throwable t) {
                        throw new ShowFailed(t);
                    }
                }
                return new Evaluated(res, bundle);
            });
            Evaluated done;
            try {
                try {
                    done = driver.await(f, limits.cellBudgetNanos(now));
                } catch (TimeoutException e) {
                    ev.interrupt();
                    try {
                        done = driver.await(f, TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS));
                    } catch (TimeoutException stillRunning) {
                        stuck = true;
                        return timeout(index, cell, now, byDeadline, " and could not be stopped");
                    } catch (ExecutionException stoppedNow) {
                        return timeout(index, cell, now, byDeadline, "");
                    }
                }
            } catch (ExecutionException e) {
                return failed(index, cell, e.getCause(), now);
            } catch (Driver.Died e) {
                stuck = true;
                return failed(index, cell, new OutOfMemoryError("the heap is full: " + e.getMessage()), now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ev.interrupt();
                stopped = true;
                reason = "the run was interrupted";
                return finish(index, CellResult.Status.ERROR, "InterruptedException", reason, now);
            }
            for (String note : done.result().notes()) {
                recorder.stream("stdout", "note: " + note + "\n");
            }
            if (done.bundle() != null) {
                recorder.result(count, done.bundle());
            }
            return finish(index, CellResult.Status.OK, null, null, now);
        }

        private CellResult failed(int index, Cell cell, Throwable t, long start) {
            String ename;
            String evalue;
            List<String> tb;
            if (t instanceof CellException ce) {
                ename = ce.ename();
                evalue = ce.evalue();
                tb = ce.traceback();
            } else if (t instanceof MagicException me) {
                ename = "UsageError";
                evalue = me.getMessage();
                tb = List.of("\u001b[0;31mUsageError: " + evalue + "\u001b[0m");
            } else if (t instanceof ShowFailed sf) {
                ename = sf.getCause().getClass().getSimpleName();
                evalue = "the cell's value could not be shown: " + sf.getCause().getMessage();
                tb = List.of("\u001b[0;31m" + ename + ": " + evalue + "\u001b[0m");
            } else if (t instanceof OutOfMemoryError) {
                ename = "OutOfMemoryError";
                evalue = "out of memory: " + t.getMessage() + " (the heap is full; a cell may hold on to big values)";
                tb = List.of("\u001b[0;31mOutOfMemoryError: " + evalue + "\u001b[0m");
            } else {
                // JShell itself failed: say so plainly rather than blame the cell.
                ename = t.getClass().getSimpleName();
                evalue = "the evaluator failed: " + t.getMessage();
                tb = List.of(ename + ": " + evalue);
            }
            recorder.error(ename, evalue, tb);
            CellResult.Status status;
            if (cell.hasTag(RAISES_TAG)) {
                status = CellResult.Status.EXPECTED_ERROR;
            } else {
                status = CellResult.Status.ERROR;
                errors = true;
                if (!limits.allowErrors()) {
                    stopped = true;
                    reason = where(index) + ": " + (evalue.isEmpty() ? ename : ename + ": " + evalue);
                }
            }
            return finish(index, status, ename, evalue, start);
        }

        private CellResult timeout(int index, Cell cell, long start, boolean byDeadline, String how) {
            timedOut = true;
            String evalue = byDeadline
                    ? "the run went past its total time limit of " + ExecutionLimits.describe(limits.total()) + " (--timeout)" + how
                    : "the cell ran longer than " + ExecutionLimits.describe(limits.cellTimeout()) + " (--cell-timeout)" + how;
            recorder.error("TimeoutError", evalue, List.of("\u001b[0;31mTimeoutError: " + evalue + "\u001b[0m"));
            if (byDeadline || stuck || !limits.allowErrors()) {
                stopped = true;
            }
            if (reason.isEmpty()) {
                reason = where(index) + ": " + evalue;
            }
            return finish(index, CellResult.Status.TIMEOUT, "TimeoutError", evalue, start);
        }

        private CellResult totalTimeout(int index) {
            timedOut = true;
            stopped = true;
            if (reason.isEmpty()) {
                reason = "the total time limit of " + ExecutionLimits.describe(limits.total()) + " (--timeout) ran out before " + where(index);
            }
            return CellResult.notRun(index, CellResult.Status.NOT_RUN);
        }

        private String where(int index) {
            return "cell " + (index + 1) + (count > 0 && nb.cells().get(index).executionCount() != null
                    ? " (In [" + nb.cells().get(index).executionCount() + "])" : "");
        }

        private CellResult finish(int index, CellResult.Status status, String ename, String evalue, long start) {
            return new CellResult(index, count, status, ename, evalue, recorder.stderrOfCell(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

}
