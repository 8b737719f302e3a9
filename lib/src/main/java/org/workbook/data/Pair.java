package org.workbook.data;

/**
 * Two values, as a Python tuple {@code (x, y)}: a data set item, or a batch of
 * inputs and targets. Prints like Python does.
 *
 * <pre>{@code
 * jshell> var b = first(dl)              // a batch from a DataLoader over (x, y) pairs
 * jshell> var xb = b.x(); var yb = b.y()  // xb, yb = b
 * jshell> Pair.of(1, "a")
 * $3 ==> (1, a)
 * }</pre>
 */
public record Pair<A, B>(A first, B second) {
    public static <A, B> Pair<A, B> of(A first, B second) {
        return new Pair<>(first, second);
    }

    /** The first value: the input, for an (x, y) pair. */
    public A x() {
        return first;
    }

    /** The second value: the target, for an (x, y) pair. */
    public B y() {
        return second;
    }

    @Override
    public String toString() {
        return "(" + first + ", " + second + ")";
    }
}
