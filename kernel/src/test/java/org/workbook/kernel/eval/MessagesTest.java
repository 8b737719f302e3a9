package org.workbook.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workbook.kernel.display.Bundles;
import org.workbook.kernel.stop.Exits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime messages of issue 19: nulls named as written, grad()'s three causes, exits refused, frames, strings. */
class MessagesTest {
    static Evaluator ev;

    @BeforeAll
    static void start() throws Exception {
        ev = Evaluator.create(Evaluator.Options.defaults());
        ev.eval("var a = ones(2);", "In [1]");
    }

    @AfterAll
    static void stop() {
        Exits.refuse(false);
        ev.close();
    }

    private static String fail(String cell) {
        CellException e = assertThrows(CellException.class, () -> ev.eval(cell, "In [2]"), cell);
        return e.evalue() + "\n" + String.join("\n", e.traceback()).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void aNullCellVariableIsNamedAsWritten() {
        String t = fail("Tensor w = null;\nw.add(a)");
        assertTrue(t.contains("because \"w\" is null"), t);
        assertFalse(t.contains("REPL."), t);
    }

    @Test
    void aNullLocalIsNamedThanksToDebugInformation() {
        String t = fail("void f() { Tensor t = null; t.sum(); }\nf()");
        assertTrue(t.contains("because \"t\" is null"), t);
        assertFalse(t.contains("<local"), t);
        assertTrue(t.contains("at f (In [2], line 1)"), t);
    }

    @Test
    void aNullGradGetsPyTorchsThreeCauses() {
        String t = fail("var x = ones(2);\nx.grad().mul(2)");
        assertTrue(t.contains("hint: grad() is null"), t);
        assertTrue(t.contains("requiresGrad_()") && t.contains("backward() has not run") && t.contains("not a leaf"), t);
    }

    @Test
    void aVarsInitializerShowsAsTheCellNotAsJShellsAuxMethod() {
        String t = fail("int[] arr = new int[1];\nvar v = arr[5];");
        assertFalse(t.contains("do_it$"), t);
        assertTrue(t.contains("<cell> (In [2], line 2)"), t);
    }

    @Test
    void exitAndHaltAreRefusedOnceTheKernelSaysSo() throws Exception {
        Exits.refuse(true);
        try {
            for (String call : new String[] {"System.exit(1)", "Runtime.getRuntime().exit(2)", "Runtime.getRuntime().halt(3)"}) {
                String t = fail(call);
                assertTrue(t.contains("ExitRefused") && t.contains("was refused: it would end the kernel"), t);
            }
            assertEquals(2, ev.eval("1 + 1", "In [3]").value(), "the session goes on");
        } finally {
            Exits.refuse(false);
        }
    }

    @Test
    void aStringResultIsQuotedAsInJShell() {
        assertEquals("\"abcd\"", Bundles.resultBundle("abcd").plain());
        assertEquals("\"a\\tb \\\"q\\\"\\n\"", Bundles.resultBundle("a\tb \"q\"\n").plain());
        assertEquals("'c'", Bundles.resultBundle('c').plain());
        assertEquals("42", Bundles.resultBundle(42).plain());
    }
}
