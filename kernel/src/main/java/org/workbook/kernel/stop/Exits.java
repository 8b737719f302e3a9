package org.workbook.kernel.stop;

/**
 * Where cell code's {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} calls go
 * ({@link StopInstrumenter} rewrites them). In the kernel they are refused: ending the JVM would
 * end the notebook's kernel with no message and lose every variable. Elsewhere (the headless
 * runner, the grader) they do what they always did, and those report the end themselves.
 *
 * <pre>{@code
 * jshell> System.exit(1)
 * |  Exception org.workbook.kernel.stop.ExitRefused: System.exit(1) was refused: ...
 * }</pre>
 */
public final class Exits {
    static final String OWNER = "org/workbook/kernel/stop/Exits";
    private static volatile boolean refusing;

    private Exits() { }

    /** Whether cells may end the JVM from now on (the kernel refuses at startup). */
    public static void refuse(boolean on) {
        refusing = on;
    }

    public static void exit(int status) {
        check("System.exit(" + status + ")");
        System.exit(status);
    }

    public static void exit(Runtime runtime, int status) {
        check("Runtime.exit(" + status + ")");
        runtime.exit(status);
    }

    public static void halt(Runtime runtime, int status) {
        check("Runtime.halt(" + status + ")");
        runtime.halt(status);
    }

    private static void check(String call) {
        if (refusing) {
            throw new ExitRefused(call + " was refused: it would end the kernel, and every variable with it."
                    + " To end a cell early, return or throw; to start afresh, use Kernel > Restart.");
        }
    }
}
