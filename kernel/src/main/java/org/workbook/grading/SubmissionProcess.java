package org.workbook.grading;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the JVM that runs one submission ({@link GradeWorker}), with a heap
 * limit, and waits for it no longer than the time limit: then the JVM and
 * everything it started are killed. Its stdout is dropped (cells' prints go to
 * the executed notebook, not there); its stderr is kept for the report.
 */
final class SubmissionProcess {
    private static final int STDERR_KEPT = 16 * 1024;

    private SubmissionProcess() {
    }

    /** The JVM options a worker gets besides the heap: headless, and the grader's class-data archive if any. */
    static List<String> inheritedOptions() {
        List<String> out = new ArrayList<>();
        out.add("-Djava.awt.headless=true");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-Xlog:") || a.startsWith("-Dworkbook.")
                    || a.startsWith("--enable-native-access")) { // JDK 24+ warns about JCuda without it
                out.add(a);
            }
        }
        return out;
    }

    static Scorer.ProcessEnd run(Path notebook, Path trail, Path executed, GradeOptions opts, Path work)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + opts.memoryMb() + "m");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(inheritedOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GradeWorker.class.getName());
        cmd.add(trail.toString());
        cmd.add(notebook.toString());
        cmd.add(String.valueOf(opts.cellTimeout().toMillis()));
        if (executed != null) {
            cmd.add(executed.toString());
        }
        Path err = work.resolve("jvm-stderr.txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(opts.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            killTree(p);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Scorer.ProcessEnd(p.exitValue(), !finished, opts.timeout().toSeconds(), head(err), secs);
    }

    /** Kills the process and all it started, children first, and waits for it. */
    static void killTree(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + p.pid() + " did not end after SIGKILL");
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String head(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        byte[] b = Files.readAllBytes(file);
        return new String(b, 0, Math.min(b.length, STDERR_KEPT), StandardCharsets.UTF_8);
    }
}
