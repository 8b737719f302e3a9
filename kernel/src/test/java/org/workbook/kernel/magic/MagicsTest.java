package org.workbook.kernel.magic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.kernel.eval.CellException;
import org.workbook.kernel.eval.Evaluator;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicsTest {
    static Evaluator ev;
    static ByteArrayOutputStream printed = new ByteArrayOutputStream();
    @TempDir
    static Path dir;
    static Magics magics;

    @BeforeAll
    static void start() {
        ev = Evaluator.create(Evaluator.Options.defaults());
        magics = new Magics(ev, new PrintStream(printed, true, StandardCharsets.UTF_8), dir);
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    static String output() {
        String s = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return s;
    }

    @Test
    void planSplitsMagicsFromCodeKeepingLineNumbers() {
        CellPlan p = CellPlan.parse("int a = 1;\n%time a + 1\nint b = 2;");
        assertEquals(List.of(new CellPlan.Code("int a = 1;\n"), new CellPlan.Magic("time", "a + 1", 2),
                new CellPlan.Code("\n\nint b = 2;")), p.steps());
        CellPlan c = CellPlan.parse("%%time\nint c = 3;");
        assertEquals("time", c.cellMagic());
        assertEquals(List.of(new CellPlan.Code("\nint c = 3;")), c.steps());
        assertTrue(CellPlan.parse("int x = 10 % 3;").isPlainJava());
    }

    @Test
    void timeMagicsPrintTheWallTimeAndKeepTheValue() throws Exception {
        Evaluator.Result r = magics.run("%time 6 * 7", "In [1]");
        assertEquals(42, r.value());
        assertTrue(output().matches("Wall time: [0-9.]+ (ms|s)\\R"));
        r = magics.run("%%time\nint t = 2;\nt * 21", "In [2]");
        assertEquals(42, r.value());
        assertTrue(output().startsWith("Wall time: "));
    }

    @Test
    void errorsAfterAMagicNameTheCellLine() {
        CellException e = assertThrows(CellException.class, () -> magics.run("%lsmagic\nint ok = 1;\nint bad = nope;", "In [3]"));
        assertTrue(e.evalue().startsWith("line 3: cannot find symbol"), e.evalue());
        assertTrue(output().contains("%classpath"));
    }

    @Test
    void unknownMagicSaysWhatExists() {
        MagicException e = assertThrows(MagicException.class, () -> magics.run("%timeit 1 + 1", "In [4]"));
        assertEquals("unknown magic %timeit. Known: %classpath %device %jars %load %lsmagic %maven %time (%lsmagic explains each)",
                e.getMessage());
        MagicException c = assertThrows(MagicException.class, () -> magics.run("%%bash\nls", "In [4]"));
        assertTrue(c.getMessage().startsWith("unknown magic %%bash. Known: %%maven %%time"), c.getMessage());
    }

    @Test
    void classpathMakesNewClassesUsableAtOnce() throws Exception {
        Path src = dir.resolve("src/extra/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package extra; public class Hello { public static String hi() { return \"hi from a jar\"; } }");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()));
        MagicException missing = assertThrows(MagicException.class, () -> magics.run("%classpath nowhere.jar", "In [5]"));
        assertTrue(missing.getMessage().startsWith("%classpath: nowhere.jar does not exist"), missing.getMessage());
        assertEquals("hi from a jar", magics.run("%classpath classes\nextra.Hello.hi()", "In [5]").value());
        assertTrue(output().contains("added to the class path: " + classes));
    }

    @Test
    void loadRunsAFileAsACell() throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int triple(int x) { return 3 * x; }\ntriple(5)");
        assertEquals(15, magics.run("%load helpers.jsh", "In [6]").value());
        assertEquals(21, magics.run("triple(7)", "In [7]").value());
        MagicException e = assertThrows(MagicException.class, () -> magics.run("%load notes.txt", "In [8]"));
        assertEquals("%load runs Java code: give a .jsh, .jshell or .java file, not notes.txt", e.getMessage());
    }

    @Test
    void deviceMagicPinsDeviceBestAndExplainsCuda() throws Exception {
        try {
            magics.run("%device cpu", "In [9]");
            assertEquals("cpu", magics.device());
            assertEquals(org.workbook.tensor.Device.CPU, org.workbook.tensor.Device.best());
            assertTrue(output().startsWith("Device.best() is now cpu: lessons put their models and data there"));
            magics.run("%device", "In [9]");
            assertTrue(output().startsWith("Device.best() is cpu, chosen with %device cpu: "));
            MagicException bad = assertThrows(MagicException.class, () -> magics.run("%device tpu", "In [9]"));
            assertEquals("%device takes cpu, cuda, cuda:N or best (or nothing, to show the choice), not 'tpu'",
                    bad.getMessage());
            if (!org.workbook.tensor.Device.cudaAvailable()) {
                MagicException cuda = assertThrows(MagicException.class, () -> magics.run("%device cuda", "In [10]"));
                assertTrue(cuda.getMessage().startsWith("%device cuda: CUDA is not available here: "), cuda.getMessage());
                assertEquals("cpu", magics.device(), "a refused %device changes nothing");
            }
        } finally {
            org.workbook.tensor.Device.setDefault(null);
        }
    }
}
