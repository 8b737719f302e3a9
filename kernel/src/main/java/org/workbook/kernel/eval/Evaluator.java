package org.workbook.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import org.workbook.kernel.hints.CompileError;
import org.workbook.kernel.hints.Hints;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs notebook cells with JShell inside this JVM.
 *
 * <pre>{@code
 * jshell> var ev = Evaluator.create(Evaluator.Options.defaults())
 * jshell> ev.eval("int f(int x) { return x * x; }\nf(7)", "In [1]").value()
 * $3 ==> 49
 * }</pre>
 *
 * A cell is split into snippets ({@link SnippetSplitter}) run in order; the
 * value of a last snippet that is an expression is the cell's result. A snippet
 * that does not compile, throws, or is interrupted ends the cell with a
 * {@link CellException}; the snippets before it keep their effects.
 */
public final class Evaluator implements AutoCloseable {
    /** How to build an evaluator. */
    public record Options(List<Path> classPath, List<String> imports, boolean redefineInPlace) {
        /** The kernel's class path, the library imports found on it, redefinition on. */
        public static Options defaults() {
            List<Path> cp = ClassPathScan.entries();
            return new Options(cp, StartupImports.forClasses(ClassPathScan.classes(cp, "org/workbook/")), true);
        }
    }

    /** What a finished cell gives back: its value (if its last snippet was an expression) and notes. */
    public record Result(boolean hasValue, Object value, List<String> notes) { }

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final SnippetSplitter splitter;
    private final CellExecutionControl control;
    private final CellRunner runner = new CellRunner();
    private final Map<String, Traces.Origin> origins = new ConcurrentHashMap<>();
    private final List<String> failedImports = new ArrayList<>();
    private final CompileError.Session session;
    private final Resets resets;

    private Evaluator(Options options) {
        CellClassLoader loader = new CellClassLoader(Evaluator.class.getClassLoader());
        control = new CellExecutionControl(loader, runner, new Redefiner(options.redefineInPlace()));
        // -g: the JVM's helpful NullPointerException messages name a cell's locals ("x", not "<local1>")
        shell = JShell.builder().executionEngine(control.provider(), Map.of()).compilerOptions("-g").build();
        analysis = shell.sourceCodeAnalysis();
        splitter = new SnippetSplitter(analysis);
        session = new HintSession(shell, loader);
        resets = new Resets(shell, origins::get);
        for (Path p : options.classPath()) {
            shell.addToClasspath(p.toString());
        }
        for (String imp : options.imports()) {
            List<SnippetEvent> ev = shell.eval(imp);
            if (ev.isEmpty() || ev.get(0).status() == Snippet.Status.REJECTED) {
                failedImports.add(imp);
            }
        }
    }

    public static Evaluator create(Options options) {
        return new Evaluator(options);
    }

    /** Imports from the options that did not compile (kept for diagnostics). */
    public List<String> failedImports() {
        return List.copyOf(failedImports);
    }

    /** JShell, for completion, inspection and magics that add to the class path. */
    public JShell shell() {
        return shell;
    }

    public SnippetSplitter splitter() {
        return splitter;
    }

    /** The stoppable thread cells run on; widgets run their callbacks on it too. */
    public CellRunner runner() {
        return runner;
    }

    /** Stops the running cell (from any thread); true when it ended. */
    public boolean interrupt() {
        return runner.stop();
    }

    /**
     * Runs {@code cell}; {@code label} names it in tracebacks ("In [3]").
     * Lines of the cell count from 1.
     */
    public Result eval(String cell, String label) throws CellException {
        runner.beginCell();
        try {
            return evalPieces(cell, label);
        } finally {
            runner.endCell();
        }
    }

    private Result evalPieces(String cell, String label) throws CellException {
        SnippetSplitter.Cursor cursor = splitter.cursor(cell);
        List<String> notes = new ArrayList<>();
        List<Snippet> defined = new ArrayList<>();
        Object value = null;
        boolean hasValue = false;
        for (String name : runner.stillRunning()) {
            notes.add("the thread " + name + " of an interrupted cell is still running (it has not stopped yet);"
                    + " restart the kernel to end it");
        }
        Lines lines = new Lines(cell);
        StatementRuns runs = new StatementRuns(cursor, cell);
        for (StatementRuns.Run run = runs.next(); run != null; run = runs.next()) {
            SnippetSplitter.Piece piece = run.piece();
            boolean last = runs.atEnd(); // (looks one snippet ahead) the last one's value is shown
            if (runner.takePendingStop()) {
                throw interrupted(true);
            }
            control.takeValue();
            control.takeError();
            List<SnippetEvent> events = shell.eval(piece.source());
            SnippetEvent main = null;
            for (SnippetEvent e : events) {
                if (e.causeSnippet() == null && main == null) {
                    main = e;
                } else {
                    resets.note(e, notes);
                }
            }
            if (main == null) {
                continue;
            }
            Snippet s = main.snippet();
            if (main.status() == Snippet.Status.REJECTED && !run.members().isEmpty()) {
                runs.split(run); // the block's statements one by one: the error is reported for its own line
                continue;
            }
            origins.put(s.id(), new Traces.Origin(label, lines.at(piece.start())));
            if (main.status() == Snippet.Status.REJECTED) {
                throw compileError(s, cell, piece);
            }
            defined.add(s);
            if (control.lastWasStopped()) {
                throw interrupted(!control.lastStillRunning());
            }
            if (main.exception() instanceof UnresolvedReferenceException u) {
                String msg = Resets.describe(u.getSnippet()) + " cannot be called until " + resets.waitsFor(u.getSnippet());
                throw new CellException(CellException.Kind.RUNTIME, "UnresolvedReferenceException", msg,
                        List.of(Traces.RED + msg + Traces.RESET), null);
            }
            if (main.exception() != null) {
                Throwable real = control.takeError();
                throw runtimeError(real != null ? real : main.exception(), main.exception(), defined);
            }
            Object v = control.takeValue();
            // System.out.printf(...) returns the stream itself: showing "java.io.PrintStream@1a2b" helps nobody.
            if (last && showsValue(s) && !(v instanceof java.io.PrintStream)) {
                value = v;
                hasValue = true;
            }
            if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                // JShell keeps each expression's value as a variable $N that depends on the
                // names it used: redefining one of them recompiles every such $N, so a
                // notebook re-run 1,000 times would slow down and grow without bound.
                shell.drop(s);
            }
        }
        resets.noteUnresolved(defined, notes);
        return new Result(hasValue, value, notes);
    }

    /** The cell was stopped; when its thread did not end, say so rather than claim it stopped. */
    private static CellException interrupted(boolean ended) {
        if (ended) {
            return new CellException(CellException.Kind.INTERRUPTED, "Interrupted", "the cell was stopped",
                    List.of(Traces.RED + "Interrupted: the cell was stopped" + Traces.RESET), null);
        }
        String msg = "the cell has not stopped: its thread was still running " + CellRunner.GIVE_UP_MS / 1000
                + " s after the interrupt (in a native call, a library loop that does not check for interrupts,"
                + " or unwinding a very deep recursion); it is still being stopped. If it goes on, restart the kernel";
        return new CellException(CellException.Kind.INTERRUPTED, "NotStopped", msg,
                List.of(Traces.RED + "NotStopped: " + msg + Traces.RESET), null);
    }

    /** An expression ({@code 1 + 1}, {@code f(x)}, a variable's name) shows its value; a declaration does not. */
    private static boolean showsValue(Snippet s) {
        return s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private CellException compileError(Snippet s, String cell, SnippetSplitter.Piece piece) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            String msg = d.getMessage(Locale.ROOT);
            int at = piece.start() + (int) Math.max(0, d.getStartPosition());
            int end = piece.start() + (int) Math.max(d.getStartPosition() + 1, d.getEndPosition());
            int line = lineOf(cell, Math.min(at, cell.length()));
            if (first == null) {
                first = "line " + line + ": " + msg.lines().findFirst().orElse(msg);
            }
            lines.add(Traces.RED + Traces.BOLD + "line " + line + ": " + msg.lines().findFirst().orElse(msg) + Traces.RESET);
            msg.lines().skip(1).forEach(l -> lines.add("  " + l.strip()));
            lines.addAll(Spans.underline(cell, Math.min(at, cell.length()), Math.min(end, cell.length())));
            String src = s.source();
            Hints.forError(new CompileError(d.getCode(), msg, src, (int) d.getStartPosition(), (int) d.getEndPosition(),
                    (int) d.getPosition(), session)).ifPresent(h -> lines.add(Traces.GREEN + "hint: " + h + Traces.RESET));
        }
        if (first == null) {
            first = "the code could not be compiled";
            lines.add(first);
        }
        return new CellException(CellException.Kind.COMPILE, "CompilationError", first, lines, null);
    }

    private CellException runtimeError(Throwable t, Throwable translated, List<Snippet> defined) {
        List<String> lines = new ArrayList<>(Traces.format(translated, origins::get));
        if (t instanceof OutOfMemoryError) {
            List<String> freed = freeVariables(defined);
            lines.add("");
            lines.add(freed.isEmpty()
                    ? "The kernel is still running. Use smaller sizes, or set big variables to null."
                    : "The kernel is still running; to free the memory, this cell's variables "
                    + String.join(", ", freed) + " were set to null.");
        }
        lines.addAll(NullHints.hint(t));
        String msg = t.getMessage() == null ? "" : NullHints.rewrite(t.getMessage());
        return new CellException(CellException.Kind.RUNTIME, t.getClass().getSimpleName(), msg, lines, t);
    }

    /** Sets the cell's reference variables to null so what they hold can be collected. */
    private List<String> freeVariables(List<Snippet> defined) {
        List<String> freed = new ArrayList<>();
        for (Snippet s : defined) {
            if (s instanceof VarSnippet v && !isPrimitive(v.typeName()) && shell.status(v).isActive()) {
                shell.eval(v.name() + " = null;");
                freed.add(v.name());
            }
        }
        System.gc();
        return freed;
    }

    private static boolean isPrimitive(String type) {
        return List.of("int", "long", "double", "float", "short", "byte", "char", "boolean").contains(type);
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public void close() {
        runner.close();
        shell.close();
    }
}
