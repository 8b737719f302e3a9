package org.workbook.grading;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.workbook.JvmFlags;

/**
 * Starts the JVM that runs one submission ({@link GradeWorker}) in its
 * {@link Sandbox}, with a heap limit, and waits for it no longer than the
 * time limit: then the box and everything in it are killed. The worker gets
 * a fresh key on stdin and reports over its stdout ({@link ChannelReader});
 * its stderr is drained by a thread that keeps the first
 * {@link #STDERR_KEPT} bytes. Nothing the worker writes is buffered whole.
 */
final class SubmissionProcess {
    static final int STDERR_KEPT = 16 * 1024;
    /**
     * Modules the worker JVM may use: no jdk.management (heap dumps), jdk.unsupported (Unsafe) or SA;
     * the Vector API for the library's SIMD kernels.
     */
    static final String MODULES = "java.se,jdk.jshell,jdk.zipfs,jdk.crypto.ec,jdk.localedata,jdk.charsets,"
        + JvmFlags.VECTOR_MODULE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SubmissionProcess() {
    }

    /** What the worker reported, and how its process ended. */
    record Outcome(List<WorkerEvent> events, Scorer.ProcessEnd end) { }

    /**
     * The JVM options a worker gets besides the heap: headless, the grader's class-data archive if any,
     * and {@link JvmFlags#REQUIRED}.
     */
    static List<String> inheritedOptions() {
        List<String> out = new ArrayList<>();
        out.add("-Djava.awt.headless=true");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-Xlog:") || a.startsWith("-Dworkbook.")) {
                out.add(a);
            }
        }
        out.addAll(JvmFlags.REQUIRED);
        return out;
    }

    /**
     * Runs the worker on {@code work}/submission.ipynb. {@code workInBox} is how the worker sees
     * {@code work} ({@link Sandbox#WORK} in a box, the folder itself without one).
     */
    static Outcome run(Sandbox sandbox, Path work, boolean executed, Future<GuardPlan> plan, GradeOptions opts,
                       Path dataRoot) throws IOException, InterruptedException {
        String in = sandbox.mode() == Sandbox.Mode.NONE ? work.toAbsolutePath().toString() : Sandbox.WORK;
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-Xmx" + opts.memoryMb() + "m");
        java.add("-XX:+UseSerialGC");
        java.add("-XX:+DisableAttachMechanism");
        java.add("-Dworkbook.grading.sealed=true");
        if (Runtime.version().feature() < 24) {
            java.add("-Djava.security.manager=allow");   // lets the worker install SandboxPolicy (gone in JDK 24)
        }
        java.add("--limit-modules");
        java.add(MODULES);
        java.addAll(inheritedOptions());
        // Matmul in pure Java: the bundled OpenBLAS comes with JavaCPP, whose Pointer reads and writes any
        // address once its JNI library is loaded, so the box loads no native BLAS (see ARCHITECTURE.md).
        java.add("-Dworkbook.blas=java");
        if (dataRoot != null) {
            java.add("-Dworkbook.data=" + dataRoot);
        }
        if (sandbox.mode() != Sandbox.Mode.NONE) {
            java.add("-Djava.io.tmpdir=/tmp");
        }
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(GradeWorker.class.getName());
        java.add(in + "/submission.ipynb");
        java.add(String.valueOf(opts.cellTimeout().toMillis()));
        java.add(executed ? "stream" : "-");
        java.add(plan != null ? "guarded" : "-");
        List<String> cmd = sandbox.wrap(java, work, readOnly(java, dataRoot));
        if (System.getenv("WB_GRADE_DEBUG") != null) {
            System.err.println("worker: " + String.join(" ", cmd));
        }

        byte[] key = new byte[EventSigner.KEY_BYTES];
        RANDOM.nextBytes(key);
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        if (sandbox.mode() == Sandbox.Mode.NONE) {
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
        }
        Process p = pb.start();
        ChannelReader channel = new ChannelReader(p.getInputStream(), key,
                executed ? work.resolve("executed.ipynb") : null);
        CappedStream err = new CappedStream(p.getErrorStream(), STDERR_KEPT);
        Thread tc = daemon(channel, "grade-channel");
        Thread te = daemon(err, "grade-stderr");
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            // The plan may still be in the making: the worker starts its JVM meanwhile.
            if (plan != null) {
                stdin.write((planOf(plan).toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the worker died before reading its key: it will report nothing, and is graded so
        }
        Arrays.fill(key, (byte) 0);
        boolean finished = p.waitFor(opts.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            killTree(p);
        }
        // The box is gone; its pipes end once its last process has. Drain them, but never forever.
        tc.join(10_000);
        te.join(10_000);
        double secs = (System.nanoTime() - t0) / 1e9;
        int code = p.exitValue();
        Scorer.ProcessEnd end = new Scorer.ProcessEnd(code, !finished, opts.timeout().toSeconds(), JvmFlags.withoutStartupNoise(err.head()), secs,
                channel.forged(), channel.noiseBytes(), opts.memoryMb());
        return new Outcome(channel.events(), end);
    }

    private static GuardPlan planOf(Future<GuardPlan> plan) throws InterruptedException, IOException {
        try {
            return plan.get();
        } catch (ExecutionException e) {
            throw new IOException("the check guard's plan could not be made from --source: " + e.getCause(), e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** What the worker must read: the class path, the class-data archive, the data folder. */
    private static Set<Path> readOnly(List<String> java, Path dataRoot) {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        for (String a : java) {
            if (a.startsWith("-XX:SharedArchiveFile=")) {
                out.add(Path.of(a.substring("-XX:SharedArchiveFile=".length())).toAbsolutePath());
            }
        }
        if (dataRoot != null) {
            out.add(dataRoot);
        }
        out.removeIf(p -> !Files.exists(p));
        return out;
    }

    /** Kills the process and all it started, children first, and waits for it. */
    static void killTree(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + p.pid() + " did not end after SIGKILL");
        }
    }
}
