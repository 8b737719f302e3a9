package org.workbook.kernel.hints;

import java.util.List;

/**
 * One javac diagnostic as the hints see it: its code ({@code compiler.err.array.req.but.found}),
 * its message, the snippet's source and the diagnostic's positions in it, and the session
 * it was compiled in.
 */
public record CompileError(String code, String message, String source, int start, int end, int pos,
                           Session session) {
    /** What the hints ask of the running session. */
    public interface Session {
        /** The type of an expression ({@code "a"} gives {@code "org.workbook.tensor.Tensor"}), null when unknown. */
        String typeOf(String expression);

        /** The class of that name, null when there is none. */
        Class<?> load(String binaryName);

        /** Names usable without a receiver: the static helpers imported at startup and the cells' methods (as "f()"), the cells' variables. */
        List<String> topLevelNames();
    }

    /** The source from {@code from} to {@code to}, clamped to the snippet. */
    String text(int from, int to) {
        int a = Math.max(0, Math.min(from, source.length()));
        int b = Math.max(a, Math.min(to, source.length()));
        return source.substring(a, b);
    }

    /** What the diagnostic spans. */
    String span() {
        return text(start, end);
    }

    /** The source from the diagnostic's position on. */
    String rest() {
        return text(pos, source.length());
    }

    /** The value of a "  symbol:   method summ()" / "  location: ..." line of the message, or "". */
    String detail(String label) {
        for (String line : message.lines().toList()) {
            String s = line.strip();
            if (s.startsWith(label + ":")) {
                return s.substring(label.length() + 1).strip();
            }
        }
        return "";
    }

    /** The expression's type in the session (binary name, generics dropped), or "". */
    String typeOf(String expression) {
        String t = expression.isBlank() ? null : session.typeOf(expression.strip());
        if (t == null) {
            return "";
        }
        int lt = t.indexOf('<');
        return lt < 0 ? t : t.substring(0, lt);
    }

    boolean isTensor(String expression) {
        String t = typeOf(expression); // JShell names imported types by their simple name
        return t.equals(PythonHabits.TENSOR) || t.equals("Tensor");
    }
}
