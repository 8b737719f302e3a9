package org.workbook.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The notes a cell's run leaves about other snippets: variables JShell had to
 * reset because something they depend on changed shape (other Java kernels do
 * this silently), declarations that no longer compile after a change (a
 * {@code var} keeps the class it was declared with, a caller the return type
 * it was compiled against), and declarations that wait for a name not yet
 * declared. Each note names what happened, why, and which cell to run again.
 */
final class Resets {
    /** What a change leaves a dependent declaration when it no longer compiles (OVERWRITTEN is the replaced one itself). */
    private static final Set<Snippet.Status> BROKEN = EnumSet.of(Snippet.Status.RECOVERABLE_DEFINED,
            Snippet.Status.RECOVERABLE_NOT_DEFINED, Snippet.Status.REJECTED);
    private final JShell shell;
    private final Function<String, Traces.Origin> origins;

    Resets(JShell shell, Function<String, Traces.Origin> origins) {
        this.shell = shell;
        this.origins = origins;
    }

    /** Notes a dependent snippet's update, when it cost a variable its value or a declaration its code. */
    void note(SnippetEvent e, List<String> notes) {
        Snippet cause = e.causeSnippet();
        if (cause == null || !e.previousStatus().isDefined() || e.snippet() == cause) {
            return;
        }
        Snippet s = e.snippet();
        if (s instanceof VarSnippet v && e.status() == Snippet.Status.VALID) {
            notes.add("variable " + v.name() + " was reset to " + (isPrimitive(v.typeName()) ? "its default value" : "null")
                    + ": " + describe(cause) + " changed its shape, so the old value no longer fits. "
                    + rerun(s, "computes it"));
        } else if (s instanceof DeclarationSnippet && BROKEN.contains(e.status())) {
            String why = why(s);
            notes.add(describe(s) + (s instanceof VarSnippet ? " is gone" : " can no longer be used") + ": after "
                    + describe(cause) + " changed, " + (why.isEmpty() ? "it waits for " + missing(s) : "its code no longer compiles (" + why + ")")
                    + (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.VAR_DECLARATION_WITH_INITIALIZER_SUBKIND
                       ? "; a var keeps the class it was declared with" : "")
                    + ". " + rerun(s, s instanceof VarSnippet ? "declares it" : "defines it (changed to fit)"));
        }
    }

    /** Notes this cell's declarations that wait for a name not yet declared. */
    void noteUnresolved(List<Snippet> defined, List<String> notes) {
        for (Snippet s : defined) {
            if (s instanceof DeclarationSnippet d && (shell.status(d) == Snippet.Status.RECOVERABLE_DEFINED
                    || shell.status(d) == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                notes.add(describe(d) + " was defined, but cannot be used until " + waitsFor(d) + ".");
            }
        }
    }

    /** Why {@code d} cannot run: the names it waits for, or the errors its code now has; never empty. */
    String waitsFor(DeclarationSnippet d) {
        String missing = missing(d);
        if (!missing.isEmpty()) {
            return missing + " is declared";
        }
        String why = why(d);
        return "its code compiles again (" + (why.isEmpty() ? "it has errors" : why) + "); fix it, or what it uses, and run "
                + where(d) + " again";
    }

    private String missing(Snippet s) {
        return s instanceof DeclarationSnippet d ? shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) : "";
    }

    /** The snippet's first compile error, on one line. */
    private String why(Snippet s) {
        return shell.diagnostics(s).filter(Diag::isError).map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                .findFirst().orElse("");
    }

    private String rerun(Snippet s, String what) {
        return "Run the cell that " + what + " again" + (origins.apply(s.id()) == null ? "." : " (" + where(s) + ").");
    }

    private String where(Snippet s) {
        Traces.Origin o = origins.apply(s.id());
        return o == null ? "its cell" : o.cell() + ", line " + o.firstLine();
    }

    static String describe(Snippet s) {
        if (s instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (s instanceof TypeDeclSnippet t) {
            return "class " + t.name();
        }
        if (s instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return "snippet " + s.id();
    }

    private static boolean isPrimitive(String type) {
        return List.of("int", "long", "double", "float", "short", "byte", "char", "boolean").contains(type);
    }
}
