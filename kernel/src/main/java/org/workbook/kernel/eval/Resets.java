package org.workbook.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The notes a cell's run leaves about other snippets: variables JShell had to
 * reset because something they depend on changed shape (other Java kernels do
 * this silently), and declarations that wait for a name not yet declared.
 */
final class Resets {
    private Resets() { }

    /** Notes a dependent snippet's update, when it cost a variable its value. */
    static void note(SnippetEvent e, List<String> notes) {
        if (e.snippet() instanceof VarSnippet v && e.causeSnippet() != null
                && e.previousStatus().isActive() && e.status().isActive()) {
            notes.add("variable " + v.name() + " was reset to its default value: "
                    + describe(e.causeSnippet()) + " changed its signature or shape. Run the cell that computes it again.");
        }
    }

    static void noteUnresolved(JShell shell, List<Snippet> defined, List<String> notes) {
        for (Snippet s : defined) {
            if (s instanceof DeclarationSnippet d && shell.status(d) == Snippet.Status.RECOVERABLE_DEFINED
                    || s instanceof DeclarationSnippet d2 && shell.status(d2) == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                DeclarationSnippet ds = (DeclarationSnippet) s;
                String missing = shell.unresolvedDependencies(ds).collect(Collectors.joining(", "));
                notes.add(describe(ds) + " was defined, but cannot be used until " + missing + " is declared.");
            }
        }
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
}
