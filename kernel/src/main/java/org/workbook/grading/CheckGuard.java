package org.workbook.grading;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs just before each check cell in the worker, so the check calls the
 * real helpers and the lesson's real functions whatever the submission
 * declared. For every name the check uses (and, through them, the names the
 * lesson's functions use): a lesson method or class the submission replaced
 * is declared again from the lesson's own source; a name the lesson does not
 * declare at all (a check helper such as {@code checkClose}, a library
 * function such as {@code tensor}) loses any declaration or import the
 * submission made for it, so the library's is seen again. The submission's
 * answers (names the lesson's solution cells declare) and the lesson's
 * variables are left as the submission made them: they are what is graded.
 */
final class CheckGuard {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern LITERALS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|//[^\n]*|/\\*.*?\\*/",
            Pattern.DOTALL);

    private final GuardPlan plan;
    private final Set<String> startupImports;
    private final List<String> notes = new ArrayList<>();

    CheckGuard(GuardPlan plan, List<String> startupImports) {
        this.plan = plan;
        this.startupImports = Set.copyOf(startupImports.stream().map(String::strip).toList());
    }

    /** What the guard had to undo before the last check (for the report), then cleared. */
    List<String> takeNotes() {
        List<String> out = List.copyOf(notes);
        notes.clear();
        return out;
    }

    void beforeCheck(JShell shell, String checkSource) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(names(checkSource));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name) || plan.owned().contains(name)) {
                continue;
            }
            List<String> lesson = plan.locked().get(name);
            List<Snippet> active = active(shell, name);
            if (lesson != null) {
                for (String src : lesson) {
                    todo.addAll(names(src));
                }
                restore(shell, name, lesson, active);
            } else if (!active.isEmpty()) {
                active.forEach(shell::drop);
                notes.add("the submission declared '" + name + "', which a check uses from the library: "
                        + "the check used the library's");
            }
        }
    }

    /** Declares the lesson's {@code name} again unless the active declarations are exactly the lesson's. */
    private void restore(JShell shell, String name, List<String> lesson, List<Snippet> active) {
        Set<String> want = new LinkedHashSet<>();
        lesson.forEach(s -> want.add(squash(s)));
        Set<String> have = new LinkedHashSet<>();
        active.forEach(s -> have.add(squash(s.source())));
        if (want.equals(have)) {
            return;
        }
        active.stream().filter(s -> !want.contains(squash(s.source()))).forEach(shell::drop);
        for (String src : lesson) {
            if (!have.contains(squash(src))) {
                shell.eval(src);
            }
        }
        notes.add("the submission redefined the lesson's '" + name + "': the check used the lesson's own");
    }

    /** The active declarations of {@code name}, and imports that bring in a member of that name. */
    private List<Snippet> active(JShell shell, String name) {
        List<Snippet> out = new ArrayList<>();
        shell.snippets().filter(s -> shell.status(s).isActive()).forEach(s -> {
            if (s instanceof DeclarationSnippet d && d.name().equals(name)) {
                out.add(s);
            } else if (s instanceof ImportSnippet i && !startupImports.contains(i.source().strip())
                    && (i.name().equals(name) || names(i.source()).contains(name))) {
                out.add(s);
            }
        });
        return out;
    }

    static Set<String> names(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME.matcher(LITERALS.matcher(source).replaceAll(" "));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }
}
