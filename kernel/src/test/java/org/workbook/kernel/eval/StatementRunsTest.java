package org.workbook.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs of simple statements are compiled as one block; what the student sees must not change. */
class StatementRunsTest {
    static Evaluator ev;

    @BeforeAll
    static void start() {
        ev = Evaluator.create(Evaluator.Options.defaults());
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    static Object value(String cell) throws CellException {
        return ev.eval(cell, "In [t]").value();
    }

    @Test
    void aLongRunGivesTheSameValues() throws Exception {
        assertEquals(1000, value("int a = 0;\n" + "a += 1;\n".repeat(1000) + "a"));
        assertEquals(3, value("var l = new ArrayList<Integer>();\nl.add(1);\nl.add(2);\nl.add(3);\nl.size()"));
    }

    @Test
    void aCompileErrorInsideARunIsReportedAtItsLineAfterTheStatementsBeforeIt() throws Exception {
        ev.eval("int b = 0;", "In [t]");
        CellException e = assertThrows(CellException.class,
                () -> ev.eval("b += 1;\nb += 1;\nnotDeclared += 1;\nb += 1;\nb", "In [t]"));
        assertEquals(CellException.Kind.COMPILE, e.kind());
        assertTrue(e.evalue().startsWith("line 3:"), e.evalue());
        assertEquals(2, value("b"), "the statements before the error ran, the ones after did not");
    }

    @Test
    void aRuntimeErrorInsideARunStopsThere() throws Exception {
        ev.eval("int[] arr = new int[2];", "In [t]");
        CellException e = assertThrows(CellException.class,
                () -> ev.eval("arr[0] = 1;\narr[5] = 2;\narr[1] = 3;\narr[0]", "In [t]"));
        assertEquals("ArrayIndexOutOfBoundsException", e.ename());
        assertTrue(String.join("\n", e.traceback()).contains("line 2"), String.join("\n", e.traceback()));
        assertEquals(1, value("arr[0]"));
        assertEquals(0, value("arr[1]"));
    }
}
