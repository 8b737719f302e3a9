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
            assertTrue(notes.get(0).startsWith("variable c was reset to null: class Cell changed"), notes.get(0));
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

    @Test
    void aVarOfARedefinedClassIsReportedGoneNotReset() throws Exception {
        try (Evaluator ev = Evaluator.create(Evaluator.Options.defaults())) {
            ev.eval("class Foo { int x; }", "In [1]");
            ev.eval("var foo3 = new Foo();\nFoo foo4 = new Foo();", "In [2]");
            List<String> notes = ev.eval("class Foo { int x; int y; }", "In [3]").notes();
            assertEquals(2, notes.size(), notes.toString());
            String all = String.join("\n", notes);
            assertTrue(all.contains("variable foo3 is gone: after class Foo changed, its code no longer compiles"
                    + " (incompatible types: Foo cannot be converted to Foo); a var keeps the class it was declared with."
                    + " Run the cell that declares it again (In [2], line 1)."), all);
            assertTrue(all.contains("variable foo4 was reset to null: class Foo changed its shape, so the old value no longer fits."
                    + " Run the cell that computes it again (In [2], line 2)."), all);
            assertEquals(null, value(ev, "foo4"));
        }
    }

    @Test
    void aCallerBrokenByAChangedReturnTypeIsNamedWithTheReason() throws Exception {
        try (Evaluator ev = Evaluator.create(Evaluator.Options.defaults())) {
            ev.eval("int g() { return 1; }\nint h() { return g() + 1; }", "In [1]");
            List<String> notes = ev.eval("String g() { return \"a\"; }", "In [2]").notes();
            assertEquals(List.of("method h() can no longer be used: after method g() changed, its code no longer compiles"
                    + " (incompatible types: java.lang.String cannot be converted to int)."
                    + " Run the cell that defines it (changed to fit) again (In [1], line 2)."), notes);
            CellException e = org.junit.jupiter.api.Assertions.assertThrows(CellException.class, () -> ev.eval("h()", "In [3]"));
            assertEquals("method h() cannot be called until its code compiles again (incompatible types: java.lang.String"
                    + " cannot be converted to int); fix it, or what it uses, and run In [1], line 2 again", e.evalue());
        }
    }
}
