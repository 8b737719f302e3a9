package org.workbook.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;
import org.workbook.kernel.hints.CompileError;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** What the compile-error hints ask of the session: expression types, classes, names callable on their own. */
final class HintSession implements CompileError.Session {
    private final JShell shell;
    private final CellClassLoader cells;

    HintSession(JShell shell, CellClassLoader cells) {
        this.shell = shell;
        this.cells = cells;
    }

    @Override
    public String typeOf(String expression) {
        try {
            String t = shell.sourceCodeAnalysis().analyzeType(expression, expression.length());
            return t == null || t.isBlank() ? null : t;
        } catch (RuntimeException e) {
            return null; // a hint is never worth failing the error report for
        }
    }

    @Override
    public Class<?> load(String name) {
        List<String> tries = new ArrayList<>(List.of(name));
        if (!name.contains(".")) { // JShell names imported types by their simple name
            StartupImports.LIBRARY_PACKAGES.forEach(p -> tries.add(p + "." + name));
            List.of("java.lang", "java.util").forEach(p -> tries.add(p + "." + name));
        }
        for (String n : tries) {
            for (ClassLoader l : List.of(Evaluator.class.getClassLoader(), cells.classLoader())) {
                try {
                    return Class.forName(n, false, l);
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next name or loader
                }
            }
        }
        return null;
    }

    @Override
    public List<String> topLevelNames() {
        List<String> names = new ArrayList<>();
        for (String helper : StartupImports.STATIC_HELPERS) {
            Class<?> c = load(helper);
            if (c != null) {
                for (Method m : c.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers())) {
                        names.add(m.getName() + "()");
                    }
                }
            }
        }
        shell.methods().filter(m -> shell.status(m).isActive()).map(m -> m.name() + "()").forEach(names::add);
        shell.variables().filter(v -> shell.status(v).isActive()).map(VarSnippet::name).forEach(names::add);
        return names;
    }
}
