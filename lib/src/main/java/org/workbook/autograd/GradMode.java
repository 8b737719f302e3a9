package org.workbook.autograd;

/**
 * Whether operations record the graph, per thread, as torch's grad mode.
 *
 * <pre>{@code
 * jshell> try (var g = GradMode.noGrad()) { abc.sub_(abc.grad().mul(0.01)); }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() { }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    public static void setEnabled(boolean on) {
        ENABLED.get()[0] = on;
    }

    /** A scope in which nothing is recorded; nestable; restores the previous mode on close. */
    public static Scope noGrad() {
        return new Scope(false);
    }

    /** A scope in which recording is on again (inside a noGrad, for instance). */
    public static Scope enableGrad() {
        return new Scope(true);
    }

    /** Try-with-resources handle; closing it restores the mode that was in force when it opened. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean mode) {
            previous = isEnabled();
            setEnabled(mode);
        }

        @Override
        public void close() {
            setEnabled(previous);
        }
    }
}
