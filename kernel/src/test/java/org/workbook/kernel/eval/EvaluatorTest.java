package org.workbook.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {
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
        Evaluator.Result r = ev.eval(cell, "In [t]");
        assertTrue(r.hasValue(), "no value for " + cell);
        return r.value();
    }

    @Test
    void lastExpressionIsTheValueAndObjectsStayObjects() throws Exception {
        assertEquals(2, value("1 + 1"));
        assertEquals(10, value("int sq(int x) { return x * x; }\nint y9 = sq(3);\ny9 + 1"));
        Object list = value("var l = new ArrayList<String>(); l.add(\"a\"); l");
        assertTrue(list instanceof java.util.ArrayList<?> a && a.size() == 1);
    }

    @Test
    void declarationsHaveNoValue() throws Exception {
        assertFalse(ev.eval("int decl = 4;", "In [t]").hasValue());
        assertFalse(ev.eval("void nothing() { }", "In [t]").hasValue());
        assertFalse(ev.eval("nothing();", "In [t]").hasValue());
        assertEquals(4, value("decl"));
    }

    @Test
    void libraryIsImportedAtStart() throws Exception {
        assertTrue(ev.failedImports().isEmpty(), "imports failed: " + ev.failedImports());
        Object b = value("MimeBundle.text(\"hi\")");
        assertEquals("org.workbook.display.MimeBundle", b.getClass().getName());
        assertEquals(org.workbook.display.MimeBundle.class, b.getClass(), "cell objects must be the kernel's classes");
    }

    @Test
    void compileErrorPointsAtTheSpan() {
        CellException e = assertThrows(CellException.class, () -> ev.eval("int ok1 = 1;\nint z = nope + 1;", "In [4]"));
        assertEquals(CellException.Kind.COMPILE, e.kind());
        assertTrue(e.evalue().startsWith("line 2: cannot find symbol"), e.evalue());
        List<String> tb = e.traceback();
        int code = tb.indexOf("    int z = nope + 1;");
        assertTrue(code > 0, String.join("\n", tb));
        assertEquals("            ^^^^", tb.get(code + 1));
    }

    @Test
    void runtimeErrorHasAShortStackNamingTheCellLine() {
        CellException e = assertThrows(CellException.class,
                () -> ev.eval("int boom(int[] a) {\n  return a[5];\n}\nboom(new int[2]);", "In [7]"));
        assertEquals(CellException.Kind.RUNTIME, e.kind());
        assertEquals("ArrayIndexOutOfBoundsException", e.ename());
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("boom\u001b[0m (In [7], line 2)"), tb);
        assertTrue(tb.contains("<cell>\u001b[0m (In [7], line 4)"), tb);
        assertFalse(tb.contains("org.workbook.kernel"), tb);
        assertFalse(tb.contains("jdk.internal.reflect"), tb);
    }

    @Test
    void interruptStopsABusyLoopAndKeepsState() throws Exception {
        ev.eval("int kept = 41;", "In [t]");
        for (String loop : List.of("while (true) { }", "Thread.sleep(60_000);",
                "long s = 0; for (long i = 0; i < Long.MAX_VALUE; i++) { s += i % 7; }")) {
            CompletableFuture<CellException> f = CompletableFuture.supplyAsync(() -> {
                try {
                    ev.eval(loop, "In [t]");
                    return null;
                } catch (CellException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            long t0 = System.nanoTime();
            assertTrue(ev.interrupt(), "not stopped: " + loop);
            CellException e = f.get(2, TimeUnit.SECONDS);
            assertTrue((System.nanoTime() - t0) / 1e9 < 1.0, "took more than 1 s to stop: " + loop);
            assertEquals(CellException.Kind.INTERRUPTED, e.kind(), loop);
            assertEquals(42, value("kept + 1"));
        }
    }

    @Test
    void outOfMemoryIsReportedAndTheKernelLivesOn() throws Exception {
        CellException e = assertThrows(CellException.class,
                () -> ev.eval("var keep = new ArrayList<long[]>();\nkeep.add(new long[2_000_000_000]);", "In [t]"));
        assertEquals("OutOfMemoryError", e.ename());
        assertTrue(String.join("\n", e.traceback()).contains("keep were set to null"), String.join("\n", e.traceback()));
        assertEquals(3, value("1 + 2"));
    }

    @Test
    void unresolvedReferenceIsNoted() throws Exception {
        Evaluator.Result r = ev.eval("int usesLater() { return later(); }", "In [t]");
        assertTrue(r.notes().get(0).contains("cannot be used until method later() is declared"), r.notes().toString());
        assertTrue(ev.eval("int later() { return 5; }\nint early() { return later2(); }\nint later2() { return 1; }", "In [t]").notes().isEmpty());
        assertEquals(5, value("usesLater()"));
    }
}
