package org.workbook.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.JvmFlags;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner as users start it: its own JVM, exit status, and a quiet stderr. */
class RunnerProcessTest {
    @TempDir
    Path tmp;

    record Exit(int code, String out, String err) { }

    static Exit java(Path dir, String... args) throws IOException, InterruptedException {
        // Started as ./workbook run starts it: with the project's JVM flags (the Vector API's
        // module makes the JVM print one start-up line on stderr, which the launcher drops).
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true"));
        cmd.addAll(JvmFlags.REQUIRED);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RunnerMain.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the runner ended");
        return new Exit(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                JvmFlags.withoutStartupNoise(Files.readString(err, StandardCharsets.UTF_8)));
    }

    @Test
    void aPassingRunExitsZeroAndWritesNothingToStderr() throws Exception {
        Exit e = java(tmp, RunnerFixtures.resource("demo.md").toString(), "--allow-errors", "--out", tmp.toString());
        assertEquals(0, e.code(), e.out() + e.err());
        assertEquals("", e.err(), "the JVM stays quiet on stderr, even when cells write to System.err");
        assertTrue(e.out().contains("1 of 1 notebooks passed"), e.out());
        assertTrue(Files.exists(tmp.resolve("demo.ipynb")));
    }

    @Test
    void failingAndInvalidRunsExitOneAndTwo() throws Exception {
        Exit failed = java(tmp, RunnerFixtures.resource("demo.md").toString(), "--out", tmp.toString());
        assertEquals(1, failed.code(), failed.out() + failed.err());
        assertEquals("", failed.err());
        Exit invalid = java(tmp, RunnerFixtures.resource("broken.ipynb").toString(), "--out", tmp.toString());
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().startsWith("error: ") && invalid.err().contains("broken.ipynb: line 4"), invalid.err());
    }

    @Test
    void aCellCallingSystemExitFailsTheRunAndKeepsWhatRan() throws Exception {
        Exit e = java(tmp, RunnerFixtures.resource("exits.md").toString(), "--out", tmp.toString());
        assertEquals(1, e.code(), e.out() + e.err());
        assertTrue(e.err().contains("error: exits: cell 3 called System.exit; the run stopped there"), e.err());
        var cells = RunnerFixtures.read(tmp.resolve("exits.ipynb")).cells();
        assertEquals("before\n", cells.get(1).outputs().get(0).text());
        assertEquals("SystemExit", cells.get(2).outputs().get(0).ename());
        assertTrue(cells.get(3).outputs().isEmpty());
    }
}
