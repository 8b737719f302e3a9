package org.workbook.kernel.eval;

import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import org.workbook.kernel.stop.StopInstrumenter;

/**
 * The bytecode of a cell's class as it is loaded or redefined: with the stop
 * polls of {@link StopInstrumenter}. Loading and redefinition must agree, or a
 * redefined method would lose its polls (or change the class's shape).
 */
final class Instrumented {
    private Instrumented() { }

    static byte[] bytes(ClassBytecodes c) {
        // Off only for bench/stop-overhead.sh, which compares a loop with and without polls.
        if (Boolean.getBoolean("workbook.noStopPolls")) {
            return c.bytecodes();
        }
        return StopInstrumenter.instrument(c.bytecodes());
    }
}
