package org.workbook.kernel.eval;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes the JVM's helpful NullPointerException messages read in the cell's terms: a cell's
 * variable is named as the student wrote it ({@code "w"}, not {@code "REPL.$JShell$52.w"}),
 * and a null {@code grad()} gets PyTorch's three reasons for it.
 */
final class NullHints {
    /** JShell keeps a cell's variables as static fields of wrapper classes named REPL.$JShell$N. */
    private static final Pattern WRAPPER_FIELD = Pattern.compile("\"REPL\\.\\$JShell\\$\\w+\\.(\\w+)\"");
    private static final String NULL_GRAD = "the return value of \"org.workbook.tensor.Tensor.grad()\" is null";

    private NullHints() { }

    /** The message with cell variables named as written; null stays null. */
    static String rewrite(String message) {
        return message == null ? null : WRAPPER_FIELD.matcher(message).replaceAll("\"$1\"");
    }

    /** Lines to add under the traceback of {@code t}, or none. */
    static List<String> hint(Throwable t) {
        if (t instanceof NullPointerException && t.getMessage() != null && t.getMessage().contains(NULL_GRAD)) {
            return List.of("", Traces.GREEN + "hint: grad() is null because (as in PyTorch) either" + Traces.RESET,
                    "  1. the tensor did not require grad: call x.requiresGrad_() before computing from it,",
                    "  2. backward() has not run yet: call loss.backward() first, or",
                    "  3. it is not a leaf (it was computed by an op): only leaves keep .grad; read the leaf's grad().");
        }
        return List.of();
    }
}
