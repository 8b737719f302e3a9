package org.workbook.kernel.magic;

import org.workbook.kernel.eval.CellException;
import org.workbook.kernel.eval.Evaluator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * IPython-style magics in Java cells.
 *
 * <pre>
 * %classpath lib/extra.jar     add jars or folders; their classes are usable at once
 * %jars lib/*.jar              the same, with globs
 * %load helpers.jsh            run a .jsh/.jshell/.java file here
 * %time train(model)           run the rest of the line and print the wall time
 * %%time                       (first line) time the whole cell
 * %device cpu                  where lessons compute (Device.best()): cpu, cuda, cuda:N, best
 * %maven g:a:v                 add a library and its dependencies from Maven (settings.xml mirrors, ~/.m2)
 * %%maven                      (first line) the same for the GROUP:ARTIFACT:VERSION lines below
 * %lsmagic                     list the magics
 * </pre>
 */
public final class Magics {
    private static final Map<String, String> LINE = new TreeMap<>(Map.of(
            "classpath", "add jars or class folders to the class path: %classpath a.jar b/",
            "jars", "add jars, globs allowed: %jars lib/*.jar",
            "load", "run a .jsh, .jshell or .java file as if it were this cell: %load helpers.jsh",
            "time", "run the rest of the line and print how long it took: %time fit(model)",
            "device", "where lessons compute (Device.best()): %device cpu | cuda | cuda:N | best; alone: the choice, the GPUs, the CPU's threads and BLAS",
            "maven", "add a library and its dependencies from Maven Central or settings.xml's mirrors: %maven org.apache.commons:commons-math3:3.6.1",
            "lsmagic", "list the magics"));
    private static final Map<String, String> CELL = new TreeMap<>(Map.of(
            "time", "time the whole cell: %%time on its first line",
            "maven", "add libraries from Maven, one GROUP:ARTIFACT:VERSION per line below %%maven"));

    private final Evaluator evaluator;
    private final PrintStream out;
    private final ClassPathMagic classPath;
    private final DeviceMagic device = new DeviceMagic();
    private final MavenMagic maven;

    public Magics(Evaluator evaluator, PrintStream out, Path workingDir) {
        this(evaluator, out, workingDir, MavenSettings.defaultFile());
    }

    /** With the Maven settings file %maven reads (tests point it at a local repository). */
    public Magics(Evaluator evaluator, PrintStream out, Path workingDir, Path mavenSettings) {
        this.evaluator = evaluator;
        this.out = out;
        this.classPath = new ClassPathMagic(evaluator, workingDir);
        this.maven = new MavenMagic(evaluator, mavenSettings, () -> KernelArtifacts.on(System.getProperty("java.class.path", "")));
    }

    /** Runs a cell, magics included; the result is that of its last step. */
    public Evaluator.Result run(String cell, String label) throws CellException, MagicException {
        CellPlan plan = CellPlan.parse(cell);
        if (plan.isPlainJava()) {
            return evaluator.eval(cell, label);
        }
        if ("maven".equals(plan.cellMagic())) {
            StringBuilder coords = new StringBuilder(plan.cellMagicArgs());
            for (CellPlan.Step step : plan.steps()) {
                if (!(step instanceof CellPlan.Code c)) {
                    throw new MagicException("%%maven takes only GROUP:ARTIFACT:VERSION lines; run magics in another cell");
                }
                c.text().lines().map(l -> l.replaceAll("(//|#).*", "")).forEach(l -> coords.append(' ').append(l));
            }
            maven.add(words(coords.toString()), "%maven").lines().forEach(out::println);
            return new Evaluator.Result(false, null, List.of());
        }
        if (plan.cellMagic() != null) {
            if (!plan.cellMagic().equals("time")) {
                throw unknown("%%" + plan.cellMagic(), CELL.keySet(), "%%");
            }
            long t0 = System.nanoTime();
            try {
                return runSteps(plan.steps(), label);
            } finally {
                out.println("Wall time: " + duration(System.nanoTime() - t0));
            }
        }
        return runSteps(plan.steps(), label);
    }

    private Evaluator.Result runSteps(List<CellPlan.Step> steps, String label) throws CellException, MagicException {
        Evaluator.Result last = new Evaluator.Result(false, null, List.of());
        List<String> notes = new ArrayList<>();
        for (CellPlan.Step step : steps) {
            if (step instanceof CellPlan.Code c) {
                last = evaluator.eval(c.text(), label);
            } else {
                last = line((CellPlan.Magic) step, label);
            }
            notes.addAll(last.notes());
        }
        return new Evaluator.Result(last.hasValue(), last.value(), notes);
    }

    private Evaluator.Result line(CellPlan.Magic m, String label) throws CellException, MagicException {
        Evaluator.Result none = new Evaluator.Result(false, null, List.of());
        switch (m.name()) {
            case "classpath", "jars" -> {
                classPath.add(m.args(), m.name()).forEach(p -> out.println("added to the class path: " + p));
                return none;
            }
            case "maven" -> {
                maven.add(words(m.args()), "maven").lines().forEach(out::println);
                return none;
            }
            case "load" -> {
                return load(m.args());
            }
            case "time" -> {
                if (m.args().isBlank()) {
                    throw new MagicException("%time needs code after it, e.g. %time fit(model); use %%time on the first line to time a cell");
                }
                long t0 = System.nanoTime();
                try {
                    return evaluator.eval("\n".repeat(m.line() - 1) + m.args(), label);
                } finally {
                    out.println("Wall time: " + duration(System.nanoTime() - t0));
                }
            }
            case "device" -> {
                out.println(device.set(m.args()));
                return none;
            }
            case "lsmagic" -> {
                out.println("Line magics:");
                LINE.forEach((k, v) -> out.println("  %" + k + "  " + v));
                out.println("Cell magics:");
                CELL.forEach((k, v) -> out.println("  %%" + k + "  " + v));
                return none;
            }
            default -> throw unknown("%" + m.name(), LINE.keySet(), "%");
        }
    }

    private Evaluator.Result load(String file) throws CellException, MagicException {
        if (file.isBlank()) {
            throw new MagicException("%load needs a file: %load helpers.jsh");
        }
        Path p = classPath.resolve(file);
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".jsh") || name.endsWith(".jshell") || name.endsWith(".java"))) {
            throw new MagicException("%load runs Java code: give a .jsh, .jshell or .java file, not " + file);
        }
        String code;
        try {
            code = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("%load cannot read " + p + ": " + e.getMessage()
                    + " (relative paths start at the notebook's folder, " + classPath.workingDir() + ")");
        }
        return evaluator.eval(code, p.getFileName().toString());
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    /** The device chosen with %device ("cpu" until changed). */
    public String device() {
        return device.current();
    }

    private static MagicException unknown(String what, java.util.Set<String> known, String prefix) {
        StringBuilder sb = new StringBuilder("unknown magic " + what + ". Known: ");
        known.forEach(k -> sb.append(prefix).append(k).append(' '));
        return new MagicException(sb.toString().strip() + " (%lsmagic explains each)");
    }

    static String duration(long nanos) {
        double ms = nanos / 1e6;
        return ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
}
