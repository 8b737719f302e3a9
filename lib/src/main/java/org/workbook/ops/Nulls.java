package org.workbook.ops;

import org.workbook.backend.BinaryOp;
import org.workbook.tensor.Tensor;

/**
 * Null arguments named the way PyTorch names them, at the op's entry, instead of a
 * NullPointerException from deep inside the library about its own variables:
 *
 * <pre>{@code
 * jshell> x.add(null)
 * |  Exception java.lang.NullPointerException: add(): argument 'other' must be a Tensor, not null ...
 * }</pre>
 */
public final class Nulls {
    private Nulls() { }

    /** Throws when {@code t} is null: "{@code op}(): argument '{@code arg}' must be a Tensor, not null". */
    public static Tensor check(Tensor t, String op, String arg) {
        if (t == null) {
            throw new NullPointerException(op + "(): argument '" + arg + "' must be a Tensor, not null"
                + " (a variable not assigned yet, or a method that returned null?)");
        }
        return t;
    }

    /** The torch name of a binary op, for messages: ADD is "add", LOGICAL_AND "logical_and". */
    public static String name(BinaryOp op) {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }
}
