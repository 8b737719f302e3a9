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
            NullPointerException e = new NullPointerException(op + "(): argument '" + arg + "' must be a Tensor, not null"
                + " (a variable not assigned yet, or a method that returned null?)");
            // The trace starts where the null came from, not in the library's plumbing that checked it.
            StackTraceElement[] frames = e.getStackTrace();
            int first = 0;
            while (first < frames.length - 1 && isPlumbing(frames[first].getClassName())) {
                first++;
            }
            e.setStackTrace(java.util.Arrays.copyOfRange(frames, first, frames.length));
            throw e;
        }
        return t;
    }

    /**
     * The same check for a binary op, its name ("add", or "add_" in place) made only when
     * {@code t} is null: this runs on every elementwise op, so the hot path allocates nothing.
     */
    public static Tensor check(Tensor t, BinaryOp op, boolean inPlace, String arg) {
        if (t == null) {
            check(null, name(op) + (inPlace ? "_" : ""), arg);
        }
        return t;
    }

    /** The ops and the Tensor classes that delegate to them (Tensor, TensorArith, TensorOps...). */
    private static boolean isPlumbing(String cls) {
        return cls.startsWith("org.workbook.ops.") || TENSOR_CLASSES.contains(cls);
    }

    private static final java.util.Set<String> TENSOR_CLASSES = java.util.Set.of("org.workbook.tensor.Tensor",
        "org.workbook.tensor.TensorArith", "org.workbook.tensor.TensorOps", "org.workbook.tensor.TensorGrad",
        "org.workbook.tensor.TensorBase", "org.workbook.tensor.Tensors");

    /** The torch name of a binary op, for messages: ADD is "add", LOGICAL_AND "logical_and". */
    public static String name(BinaryOp op) {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }
}
