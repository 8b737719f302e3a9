package org.workbook.runner;

import org.workbook.kernel.eval.Evaluator;
import org.workbook.kernel.magic.DeviceMagic;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookWriter;
import org.workbook.tensor.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./workbook run}: executes notebooks and lessons headlessly, in this
 * JVM, with no Jupyter, and writes each executed notebook (nbformat 4.5, all
 * outputs) to {@code build/executed/NAME.ipynb}. Ends with a table of how each
 * went and the lessons' headline figures beside the course's. See
 * {@link RunnerOptions#USAGE}.
 *
 * <pre>
 * $ ./workbook run lessons/01-pixels.md --cell-timeout 120
 * running 01-pixels (23 code cells)…
 * notebook      cells      time  status
 * 01-pixels     23/23    41.2 s  passed
 * </pre>
 */
public final class RunnerMain {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private ExitGuard guard;

    RunnerMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code;
        // Installed first, so nothing a cell or the library prints reaches the JVM's own stderr.
        try (StreamCapture capture = StreamCapture.install()) {
            RunnerMain main = new RunnerMain(capture.originalOut(), capture.originalErr());
            main.guard = ExitGuard.install(capture.originalErr());
            try {
                code = main.run(capture, args);
                main.guard.done();
            } catch (OutOfMemoryError | RuntimeException e) {
                // Not a cell's error (those are recorded in the notebook): the runner itself could
                // not go on, out of memory most often. Say what it was, not "System.exit".
                org.workbook.kernel.protocol.MemoryReserve.release();
                main.guard.failed(e);
                code = FAILED;
            }
        }
        System.exit(code);
    }

    /** Runs the command; returns the exit status. {@code capture} must be installed. */
    int run(StreamCapture capture, String... args) {
        RunnerOptions opts;
        List<Loaded> loaded;
        try {
            opts = RunnerOptions.parse(args);
            if (opts.help()) {
                out.println(RunnerOptions.USAGE);
                return PASSED;
            }
            String device = setDevice(opts.device());
            if (device != null) {
                out.println(device);
            }
            loaded = load(Inputs.resolve(opts.inputs(), opts.root()), opts);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return BAD_USAGE;
        }
        ExecutionLimits limits = ExecutionLimits.startingNow(opts.cellTimeout(), opts.total(), opts.allowErrors());
        NotebookExecutor executor = new NotebookExecutor(Evaluator.Options.defaults(), capture).withSliderStrips();
        List<RunResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Headlines.Headline> headlines = new ArrayList<>();
        for (Loaded l : loaded) {
            if (opts.total() != null && System.nanoTime() >= limits.deadlineNanos()) {
                skipped.add(l.input().name());
                continue;
            }
            long code = l.nb().cells().stream().filter(c -> c.isCode()).count();
            out.println("running " + l.input().name() + " (" + code + " code cells)…");
            Path dir = l.input().file().toAbsolutePath().getParent();
            if (guard != null) {
                guard.begin(l.nb(), l.input().name(), l.target(), l.input().file());
            }
            RunResult r = executor.execute(l.nb(), l.input().name(), dir, limits,
                    guard != null ? guard : CellListener.NONE);
            try {
                NotebookWriter.writeNotOver(l.nb(), l.target(), l.input().file());
            } catch (IOException | RuntimeException e) {
                r = new RunResult(r.name(), r.cells(), RunResult.Outcome.FAILED,
                        "could not write " + l.target() + ": " + e.getMessage(), r.millis());
            }
            results.add(r);
            headlines.addAll(Headlines.collect(l.nb(), l.input().name()));
            out.println("  " + r.outcome().label() + (r.reason().isEmpty() ? "" : ": " + r.reason())
                    + " -> " + l.target());
        }
        Summary.print(results, skipped, out);
        Headlines.print(headlines, out);
        boolean all = skipped.isEmpty() && results.stream().allMatch(RunResult::passed);
        return all ? PASSED : FAILED;
    }

    private record Loaded(Inputs.Input input, Notebook nb, Path target) { }

    /** Reads every input before anything runs, so a typo costs seconds, not a lesson's run. */
    private static List<Loaded> load(List<Inputs.Input> inputs, RunnerOptions opts) throws UsageException {
        List<String> problems = new ArrayList<>();
        List<Loaded> out = new ArrayList<>();
        for (Inputs.Input in : inputs) {
            Path target = opts.out().resolve(in.name() + ".ipynb");
            try {
                if (Files.exists(target) && Files.isSameFile(target, in.file())) {
                    problems.add(in.file() + " is in the output folder " + opts.out() + " and would be "
                            + "overwritten; copy it elsewhere or pick another --out");
                    continue;
                }
                Notebook nb = in.load();
                Parameters.apply(nb, new LinkedHashMap<>(opts.params()), in.file().toString());
                out.add(new Loaded(in, nb, target));
            } catch (IOException e) {
                problems.add(Inputs.problem(in, e));
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\nerror: ", problems)
                    + (problems.size() > 1 || inputs.size() > 1 ? "\nnothing was run" : ""));
        }
        return out;
    }

    /**
     * {@code --device cpu|cuda|cuda:N|best}: pins what {@link Device#best()} returns,
     * which is where the lessons put their models and data (each declares
     * {@code Device device = Device.best();}); {@code best} lets the machine choose.
     * Returns the line saying so, or null without the option. Without a GPU,
     * {@code cuda} is a usage error that quotes why.
     */
    static String setDevice(String name) throws UsageException {
        if (name == null) {
            return null;
        }
        String want = name.strip().toLowerCase(Locale.ROOT);
        Device d;
        try {
            if (want.equals("best")) {
                Device.setDefault(null);
                d = Device.best();
            } else {
                d = Device.parse(want);
                Device.setDefault(d);
            }
        } catch (RuntimeException e) {
            throw new UsageException("--device " + name + ": " + e.getMessage(), e);
        }
        return "--device " + want + ": Device.best() is " + DeviceMagic.describe(d)
                + (want.equals("best") && d.isCpu() ? " (" + DeviceMagic.cudaSummary() + ")" : "")
                + ", so the lessons put their models and data there";
    }
}
