package org.workbook.grading;

import org.workbook.runner.UsageException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The box each submission runs in: bubblewrap ({@code bwrap}, Debian's
 * {@code bubblewrap}) with new user, PID, network, IPC, UTS and cgroup
 * namespaces, no capabilities, and a file system made only of read-only
 * pieces of the runtime (shared libraries, the JDK, the class path, the MNIST
 * data), an empty private {@code /tmp} of {@link #TMP_BYTES}, and
 * {@code /submission}: this submission's own folder, read only, holding a copy
 * of its notebook. No {@code /proc} (so no
 * {@code /proc/self/mem} or {@code /proc/PID/fd}), no {@code /usr/bin} (no
 * shell, no debugger), and the JDK's debugging tools hidden. When the grader
 * kills the box or dies, everything in it dies ({@code --die-with-parent},
 * and the PID namespace ends with its first process).
 *
 * <p>{@link Mode#NONE} ({@code --no-sandbox}) runs the worker as a plain child
 * process; the report says so for every submission graded that way.
 */
final class Sandbox {
    enum Mode {
        BUBBLEWRAP("bubblewrap"), NONE("none");

        final String json;

        Mode(String json) {
            this.json = json;
        }
    }

    /** The box's only writable places, both in memory: /tmp and /dev/shm (documented in the README). */
    static final long TMP_BYTES = 256L * 1024 * 1024;
    static final long SHM_BYTES = 16L * 1024 * 1024;

    /** Where a submission's folder appears inside the box (never above a runtime path: see {@link #wrap}). */
    static final String WORK = "/submission";

    private static final String INSTALL = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: "
            + "dnf install bubblewrap), or pass --no-sandbox to grade without one (a submission could then read the "
            + "solutions and other submissions, and harm the grader's files)";

    private final Mode mode;
    private final String bwrap;

    private Sandbox(Mode mode, String bwrap) {
        this.mode = mode;
        this.bwrap = bwrap;
    }

    Mode mode() {
        return mode;
    }

    static Sandbox none() {
        return new Sandbox(Mode.NONE, null);
    }

    /** Finds bubblewrap and checks that it can make a box here; otherwise a usage error that says what to do. */
    static Sandbox bubblewrap() throws UsageException {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new UsageException("no sandbox on " + System.getProperty("os.name") + ": submissions are boxed with "
                    + "Linux namespaces (bubblewrap); grade on Linux, or pass --no-sandbox to grade without one");
        }
        String bwrap = find();
        if (bwrap == null) {
            throw new UsageException("no sandbox: bubblewrap (bwrap) is not on the PATH; " + INSTALL);
        }
        String problem = probe(bwrap);
        if (problem != null) {
            throw new UsageException("no sandbox: bubblewrap cannot make a box here (" + problem + "); user namespaces "
                    + "may be disabled (sysctl kernel.unprivileged_userns_clone=1, or "
                    + "user.max_user_namespaces > 0); fix that, or pass --no-sandbox to grade without one");
        }
        return new Sandbox(Mode.BUBBLEWRAP, bwrap);
    }

    private static String find() {
        String override = System.getenv("WB_BWRAP");
        if (override != null && !override.isBlank()) {
            return Files.isExecutable(Path.of(override)) ? override : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Runs {@code true} in an empty box; null when that works, else what bwrap said. */
    private static String probe(String bwrap) {
        try {
            List<String> cmd = new ArrayList<>(List.of(bwrap, "--unshare-all", "--die-with-parent", "--cap-drop", "ALL",
                    "--ro-bind", "/", "/", "true"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] said = p.getInputStream().readNBytes(2000);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "it did not answer within 20 s";
            }
            return p.exitValue() == 0 ? null : new String(said).strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The command that runs {@code java} and its arguments in a box whose {@code /work} is {@code work};
     * {@code readOnly} are the paths the worker needs to read (class path, data), each seen at its own path.
     */
    List<String> wrap(List<String> java, Path work, Set<Path> readOnly) {
        if (mode == Mode.NONE) {
            return java;
        }
        List<String> cmd = new ArrayList<>(List.of(bwrap, "--unshare-all", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "submission",
                // A read-only /dev but for a small /dev/shm, and a capped /tmp: tmpfs is the host's memory.
                "--dev", "/dev", "--size", String.valueOf(SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev",
                "--size", String.valueOf(TMP_BYTES), "--tmpfs", "/tmp", "--clearenv"));
        // Shared libraries and fonts; never /usr/bin or /bin: the worker needs no other program.
        for (String dir : List.of("/usr/lib", "/usr/lib64", "/usr/lib32", "/usr/share/fonts", "/usr/share/fontconfig",
                "/usr/share/zoneinfo", "/usr/share/java", "/etc/fonts", "/etc/ld.so.cache", "/etc/localtime")) {
            bind(cmd, Path.of(dir));
        }
        for (String dir : List.of("/lib", "/lib64", "/lib32")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    // an unreadable link: the libraries under /usr/lib still serve
                }
            } else {
                bind(cmd, p);
            }
        }
        Path jdk = Path.of(System.getProperty("java.home"));
        Set<Path> ro = new LinkedHashSet<>();
        ro.add(jdk);
        // Debian links files of conf/ and lib/security/ into /etc/java-NN-openjdk and /etc/ssl.
        ro.addAll(linkTargets(jdk.resolve("conf")));
        ro.addAll(linkTargets(jdk.resolve("lib")));
        ro.addAll(readOnly);
        for (Path p : ro) {
            if (p.toAbsolutePath().startsWith(WORK)) {
                throw new IllegalStateException(p + " lies under " + WORK + ", where the box shows the submission; "
                        + "move the project or its runtime elsewhere");
            }
        }
        for (Path p : ro) {
            bind(cmd, p);
        }
        hideJdkTools(cmd, jdk);
        // Read-only: the executed notebook comes back over the verdict channel, so nothing in the
        // box can fill the grader's disk.
        cmd.addAll(List.of("--ro-bind", work.toAbsolutePath().toString(), WORK, "--chdir", WORK,
                "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/tmp",
                // The launcher finds libjli through /proc/self/exe, which the box does not have.
                "--setenv", "LD_LIBRARY_PATH", jdk.resolve("lib").toString()));
        cmd.add("--");
        cmd.addAll(java);
        return cmd;
    }

    /** The real files the links under {@code dir} point to. */
    private static Set<Path> linkTargets(Path dir) {
        Set<Path> out = new LinkedHashSet<>();
        try (var all = Files.walk(dir)) {
            all.filter(Files::isSymbolicLink).forEach(l -> {
                try {
                    Path target = l.toRealPath();
                    if (!target.startsWith(dir.getParent().toRealPath())) {
                        out.add(target);
                    }
                } catch (IOException e) {
                    // a dangling link: nothing to bind
                }
            });
        } catch (IOException e) {
            // no conf/ folder: nothing to bind
        }
        return out;
    }

    /** Binds {@code p} read-only at its own path, and at its real path when it is a link; absent paths are skipped. */
    private static void bind(List<String> cmd, Path p) {
        if (!Files.exists(p)) {
            return;
        }
        String abs = p.toAbsolutePath().normalize().toString();
        try {
            String real = p.toRealPath().toString();
            if (!real.equals(abs)) {
                cmd.addAll(List.of("--ro-bind", real, real));
            }
            cmd.addAll(List.of("--ro-bind", real, abs));
        } catch (IOException e) {
            cmd.addAll(List.of("--ro-bind", abs, abs));
        }
    }

    /**
     * Hides every JDK program but {@code java}, and the serviceability agent's library, so a
     * submission cannot start jhsdb or jcmd to read the worker's memory.
     */
    private static void hideJdkTools(List<String> cmd, Path jdk) {
        try (var tools = Files.list(jdk.resolve("bin"))) {
            tools.filter(t -> !t.getFileName().toString().equals("java"))
                    .forEach(t -> cmd.addAll(List.of("--ro-bind", "/dev/null", real(t))));
        } catch (IOException e) {
            // no bin/ listing: nothing more to hide
        }
        Path sa = jdk.resolve("lib").resolve("libsaproc.so");
        if (Files.exists(sa)) {
            cmd.addAll(List.of("--ro-bind", "/dev/null", real(sa)));
        }
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().toString();
        }
    }
}
