package org.workbook.kernel.hints;

import java.util.Optional;

/** The one hint line a compile error gets, if any: a Python habit's Java form first, else "did you mean". */
public final class Hints {
    private Hints() { }

    public static Optional<String> forError(CompileError e) {
        Optional<String> habit = PythonHabits.hint(e);
        return habit.isPresent() ? habit : DidYouMean.hint(e);
    }
}
