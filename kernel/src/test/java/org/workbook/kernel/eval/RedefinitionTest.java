package org.workbook.kernel.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedefinitionTest {
    static Object value(Evaluator ev, String cell) throws CellException {
        return ev.eval(cell, "In [t]").value();
    }

    @Test
    void sameSignatureRedefinitionKeepsVariables() throws Exception {
        try (Evaluator ev = Evaluator.create(Evaluator.Options.defaults())) {
            ev.eval("int f() { return 1; }", "In [1]");
            ev.eval("int x = f() + 41;", "In [2]");
            ev.eval("class Box { int v() { return 1; } }", "In [3]");
            ev.eval("Box b = new Box(); int fromBox = b.v() + 10;", "In [4]");
            Evaluator.Result r = ev.eval("int f() { return 2; }", "In [5]");
            assertTrue(r.notes().isEmpty(), r.notes().toString());
            assertEquals(42, value(ev, "x"));
            assertEquals(2, value(ev, "f()"));
            r = ev.eval("class Box { int v() { return 7; } }", "In [6]");
            assertTrue(r.notes().isEmpty(), r.notes().toString());
            assertEquals(11, value(ev, "fromBox"));
            assertEquals(7, value(ev, "b.v()"), "the object made before sees the new method body");
        }
    }

    @Test
    void shapeChangeFallsBackAndSaysWhatWasReset() throws Exception {
        try (Evaluator ev = Evaluator.create(Evaluator.Options.defaults())) {
            ev.eval("class Cell { int v() { return 1; } }", "In [1]");
            ev.eval("Cell c = new Cell(); int n = c.v();", "In [2]");
            Evaluator.Result r = ev.eval("class Cell { int v() { return 2; } int extra; }", "In [3]");
            List<String> notes = r.notes();
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).startsWith("variable c was reset to its default value: class Cell changed"), notes.get(0));
            assertEquals(null, value(ev, "c"));
            assertEquals(1, value(ev, "n"), "an int computed earlier does not depend on the class");
        }
    }

    @Test
    void withoutTheAgentJShellResetsObjectsOfARedefinedClass() throws Exception {
        Evaluator.Options o = Evaluator.Options.defaults();
        try (Evaluator ev = Evaluator.create(new Evaluator.Options(o.classPath(), o.imports(), false))) {
            ev.eval("class Box { int v() { return 1; } }", "In [1]");
            ev.eval("Box b = new Box();", "In [2]");
            Evaluator.Result r = ev.eval("class Box { int v() { return 3; } }", "In [3]");
            assertEquals(1, r.notes().size(), r.notes().toString());
            assertEquals(null, value(ev, "b"));
        }
    }
}
