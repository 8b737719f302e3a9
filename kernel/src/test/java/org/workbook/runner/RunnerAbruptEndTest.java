package org.workbook.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What students do to the runner's JVM: halt it, fill its heap, leave threads running. */
class RunnerAbruptEndTest {
    @TempDir
    Path tmp;

    record Exit(int code, String out, String err) { }

    Exit java(List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvm);
        cmd.add(RunnerMain.class.getName());
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the runner ended");
        return new Exit(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    Path lesson(String name, String... cells) throws Exception {
        StringBuilder md = new StringBuilder("# " + name + "\n\n");
        for (String c : cells) {
            md.append("```java\n").append(c).append("\n```\n\n");
        }
        Path p = tmp.resolve(name + ".md");
        Files.writeString(p, md.toString());
        return p;
    }

    @Test
    void haltLeavesAProgressFileThatNamesTheNotebookAndCell() throws Exception {
        Path nb = lesson("halts", "int before = 1;", "Runtime.getRuntime().halt(0);", "int after = 2;");
        Path progress = tmp.resolve("progress");
        Exit e = java(List.of("-D" + Progress.PROPERTY + "=" + progress), nb.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, e.code(), "halt(0) ends the JVM with 0: only the launcher script can tell");
        assertEquals("halts\tcell 3\n", Files.readString(progress), "scripts/run-lessons.sh reads this after the JVM is gone");
    }

    @Test
    void aFinishedRunSaysDone() throws Exception {
        Path nb = lesson("fine", "int x = 1;");
        Path progress = tmp.resolve("progress");
        Exit e = java(List.of("-D" + Progress.PROPERTY + "=" + progress), nb.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, e.code(), e.err());
        assertEquals("done\n", Files.readString(progress));
    }

    @Test
    void outOfMemoryIsReportedAsOutOfMemory() throws Exception {
        // The hog keeps all it took and fills the heap down to its last few bytes (smaller and smaller
        // arrays, each linked to the one before, so no list has to grow): with only large arrays the
        // heap kept room between them, and the next cell sometimes ran on it (a flaky pass, seen on JDK 25).
        Path nb = lesson("hog", "Object[] hog = null;\n"
                + "for (int n = 100_000; n >= 1; n /= 2) {\n"
                + "    try { while (true) hog = new Object[] {new long[n], hog}; } catch (OutOfMemoryError e) { }\n"
                + "}", "int after = 1;");
        Exit e = java(List.of("-Xmx160m"), nb.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, e.code(), e.out() + e.err());
        String all = e.out() + e.err();
        assertTrue(all.contains("OutOfMemoryError") || all.contains("out of memory"), all);
        assertFalse(all.contains("System.exit"), all);
    }

    @Test
    void threadsOfOneNotebookNeverWriteIntoTheNext() throws Exception {
        Path a = lesson("a", "new Thread(() -> { while (true) { System.out.println(\"FROM-A\"); "
                + "try { Thread.sleep(50); } catch (InterruptedException e) { } } }).start();\nThread.sleep(200);");
        Path b = lesson("b", "Thread.sleep(1_500);\nSystem.out.println(\"B\");");
        Exit e = java(List.of(), a.toString(), b.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, e.code(), e.out() + e.err());
        String bOut = Files.readString(tmp.resolve("out").resolve("b.ipynb"));
        assertFalse(bOut.contains("FROM-A"), bOut);
        assertTrue(bOut.contains("B\\n"), bOut);
        assertTrue(Files.readString(tmp.resolve("out").resolve("a.ipynb")).contains("FROM-A"));
    }
}
