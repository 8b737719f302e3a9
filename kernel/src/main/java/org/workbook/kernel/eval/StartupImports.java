package org.workbook.kernel.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The imports every session starts with, so a lesson needs none: JShell's usual
 * defaults, the user-facing library packages that are on the class path (a package
 * the library adds later is picked up without a kernel change), and the static helpers
 * ({@code tensor(...)}, {@code show(...)}, {@code relu(...)}, {@code interact(...)}).
 * Internal packages (backend, ops, the notebook and grading tools) are not imported.
 *
 * <p>A library class named like a {@code java.lang} or default-imported JDK
 * class ({@code org.workbook.nn.Module} and {@code java.lang.Module}) would make
 * the name ambiguous; such a class gets a single-type import, which wins.
 */
public final class StartupImports {
    /** JShell's own DEFAULT startup imports. */
    static final List<String> JDK_PACKAGES = List.of(
            "java.io", "java.math", "java.net", "java.nio.file", "java.util", "java.util.concurrent",
            "java.util.function", "java.util.prefs", "java.util.regex", "java.util.stream");

    /** Library packages imported when present. */
    static final List<String> LIBRARY_PACKAGES = List.of(
            "org.workbook.tensor", "org.workbook.display", "org.workbook.random", "org.workbook.autograd",
            "org.workbook.nn", "org.workbook.nn.functional", "org.workbook.optim", "org.workbook.data",
            "org.workbook.learn", "org.workbook.plot", "org.workbook.kernel.widgets");

    /** Classes of static helpers, imported with {@code import static C.*} when present. */
    static final List<String> STATIC_HELPERS = List.of(
            "org.workbook.tensor.Tensors", "org.workbook.display.Display", "org.workbook.nn.F",
            "org.workbook.nn.functional.F", "org.workbook.check.Checks", "org.workbook.learn.Fit", "org.workbook.plot.Plots",
            "org.workbook.plot.Plot", "org.workbook.learn.Metrics", "org.workbook.kernel.widgets.Widgets");

    private StartupImports() { }

    /** The import statements for the library classes {@code classes} (binary names). */
    public static List<String> forClasses(Set<String> classes) {
        Map<String, List<String>> byPackage = new TreeMap<>();
        for (String c : classes) {
            int dot = c.lastIndexOf('.');
            byPackage.computeIfAbsent(c.substring(0, dot), k -> new ArrayList<>()).add(c.substring(dot + 1));
        }
        Set<String> packages = new LinkedHashSet<>();
        for (String p : LIBRARY_PACKAGES) {
            if (byPackage.containsKey(p)) {
                packages.add(p);
            }
        }
        List<String> out = new ArrayList<>();
        for (String p : JDK_PACKAGES) {
            out.add("import " + p + ".*;");
        }
        Map<String, String> owner = new TreeMap<>();
        Set<String> clashing = new LinkedHashSet<>();
        for (String p : packages) {
            out.add("import " + p + ".*;");
            for (String simple : byPackage.get(p)) {
                if (owner.putIfAbsent(simple, p) != null) {
                    clashing.add(simple);
                }
            }
        }
        for (Map.Entry<String, String> e : owner.entrySet()) {
            if (!clashing.contains(e.getKey()) && existsInJdkImports(e.getKey())) {
                out.add("import " + e.getValue() + "." + e.getKey() + ";");
            }
        }
        for (String helper : STATIC_HELPERS) {
            if (classes.contains(helper)) {
                out.add("import static " + helper + ".*;");
            }
        }
        return out;
    }

    private static boolean existsInJdkImports(String simple) {
        List<String> where = new ArrayList<>(JDK_PACKAGES);
        where.add("java.lang");
        for (String p : where) {
            try {
                Class.forName(p + "." + simple, false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not there
            }
        }
        return false;
    }
}
