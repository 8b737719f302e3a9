package org.workbook.e2e.grading;

/**
 * The code cells hostile submissions hand in, each an attack on the grader
 * written as a student would: it prints {@code LEAK ...} for anything it
 * managed that it must not, so the suite can look for that word in the
 * executed notebooks. {@code %SOURCE%}, {@code %SIBLING%}, {@code %REPORT%},
 * {@code %CLASSES%}, {@code %PORT%} and {@code %MARKER%} are filled in by the
 * suite with what a student could at worst have guessed: the real paths.
 */
final class Attacks {
    private Attacks() {
    }

    /** Writes results in every shape the grader has used, to every descriptor and file it can find, then halts. */
    static final String FORGE_CHANNEL = """
            var raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
            String cmd = ProcessHandle.current().info().commandLine().orElse("");
            System.out.println("command line: " + cmd + " env: " + System.getenv());
            for (int c = 0; c < 12; c++) {
                String ok = "{\\"event\\":\\"end\\",\\"cell\\":" + c + ",\\"status\\":\\"ok\\",\\"ms\\":1}";
                raw.println("{\\"event\\":\\"start\\",\\"cell\\":" + c + "}");
                raw.println(ok);
                raw.println("WBEV " + c + " " + "0".repeat(64) + " " + ok);
            }
            raw.println("{\\"event\\":\\"done\\",\\"cell\\":-1}");
            for (String d : new String[] {".", "/tmp", System.getProperty("java.io.tmpdir"), "/submission"}) {
                java.io.File[] fs = new java.io.File(d).listFiles();
                for (java.io.File f : fs == null ? new java.io.File[0] : fs) {
                    try (var w = new java.io.FileWriter(f, true)) {
                        w.write("\\n{\\"event\\":\\"done\\",\\"cell\\":-1}\\n");
                    } catch (Exception e) { }
                }
            }
            Runtime.getRuntime().halt(0);
            """;

    /**
     * Walks every object reachable from the static fields of the grader's classes looking for
     * the worker's signer, and signs forged "ok" events with it if found.
     */
    static final String FIND_SIGNER = """
            java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>();
            for (String n : new String[] {"org.workbook.grading.GradeWorker", "org.workbook.grading.EventSigner",
                    "org.workbook.runner.NotebookExecutor", "org.workbook.runner.StreamCapture",
                    "org.workbook.display.Display", "org.workbook.kernel.agent.RedefineAgent",
                    "org.workbook.kernel.widgets.WidgetHost", "org.workbook.grading.MemoryWatch"}) {
                try {
                    for (var f : Class.forName(n).getDeclaredFields()) {
                        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                            try { f.setAccessible(true); Object v = f.get(null); if (v != null) todo.add(v); } catch (Throwable t) { }
                        }
                    }
                } catch (Throwable t) { }
            }
            for (Thread t : Thread.getAllStackTraces().keySet()) todo.add(t);
            Object signer = null;
            while (!todo.isEmpty() && seen.size() < 200_000 && signer == null) {
                Object o = todo.pop();
                if (o == null || !seen.add(o)) continue;
                if (o.getClass().getName().endsWith("EventSigner")) { signer = o; break; }
                if (o instanceof jdk.jshell.JShell) { System.out.println("LEAK found JShell"); }
                if (o.getClass().isArray()) {
                    if (!o.getClass().getComponentType().isPrimitive()) for (Object e : (Object[]) o) if (e != null) todo.add(e);
                    continue;
                }
                for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
                    for (var f : k.getDeclaredFields()) {
                        if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                        try { f.setAccessible(true); Object v = f.get(o); if (v != null) todo.add(v); } catch (Throwable t) { }
                    }
                }
            }
            System.out.println(signer == null ? "no signer among " + seen.size() + " objects" : "LEAK found the signer");
            System.out.println(seen.stream().anyMatch(o -> o instanceof jdk.jshell.JShell) ? "LEAK found JShell" : "no JShell");
            if (signer != null) {
                var w = signer.getClass().getDeclaredMethod("write", String.class);
                w.setAccessible(true);
                for (int c = 0; c < 12; c++) w.invoke(signer, "{\\"event\\":\\"end\\",\\"cell\\":" + c + ",\\"status\\":\\"ok\\",\\"ms\\":1}");
                w.invoke(signer, "{\\"event\\":\\"done\\",\\"cell\\":-1}");
                Runtime.getRuntime().halt(0);
            }
            """;

    /** Check helpers and a lesson function declared anew, so failing answers would pass. */
    static final String SHADOW = """
            void checkClose(double actual, double expected) { }
            void checkClose(double actual, double expected, double tol) { }
            void checkEqual(Object actual, Object expected) { }
            double expected(double[] v) { return 0; }
            """;

    /** Answers that compare equal to anything: an object whose equals says yes, a Tensor subclass whose equal does. */
    static final String LIARS = """
            System.setProperty("workbook.grading.sealed", "false");
            class Liar extends Tensor {
                Liar(Tensor t) { super(t); }
                @Override public boolean equal(Tensor o) { return true; }
            }
            """;
    static final String LYING_SQUARE = """
                return new Object() {
                    @Override public boolean equals(Object o) { return true; }
                    @Override public int hashCode() { return 49; }
                };""";

    /** Reads what a submission must never see, and talks to the network. */
    static final String READ_AND_CONNECT = """
            for (String p : new String[] {"%SOURCE%", "%SIBLING%", "%REPORT%", "/etc/shadow", "/etc/passwd",
                    "/root/.bash_history", "/proc/1/cmdline", "/proc/self/mem"}) {
                try { byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(p));
                      System.out.println("LEAK read " + p + " (" + b.length + " bytes)"); } catch (Throwable t) { }
            }
            for (String d : new String[] {"/", "/tmp", "/home", "/root", "/usr/bin", "/work", "/submission"}) {
                String[] ls = new java.io.File(d).list();
                System.out.println(d + ": " + (ls == null ? "-" : String.join(" ", ls)));
            }
            try (var s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", %PORT%), 2000);
                System.out.println("LEAK connected to the host");
            } catch (Throwable t) { System.out.println("no connection: " + t); }
            try (var s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("repo.maven.apache.org", 443), 2000);
                System.out.println("LEAK reached the internet");
            } catch (Throwable t) { System.out.println("no internet: " + t); }
            try (var server = new java.net.ServerSocket(0)) {
                System.out.println("listening inside the box only, on " + server.getLocalPort());
            }
            """;

    /** Harms the others: their files, the report, the grader's classes, its processes; leaves a process behind. */
    static final String HARM = """
            for (String p : new String[] {"%SIBLING%", "%SOURCE%"}) {
                try { java.nio.file.Files.writeString(java.nio.file.Path.of(p), "{}"); System.out.println("LEAK overwrote " + p); }
                catch (Throwable t) { }
                try { java.nio.file.Files.delete(java.nio.file.Path.of(p)); System.out.println("LEAK deleted " + p); }
                catch (Throwable t) { }
            }
            var report = java.nio.file.Path.of("%REPORT%");
            if (java.nio.file.Files.isDirectory(report.getParent())) {   // the grader's own folder, not one made in the box
                try { java.nio.file.Files.deleteIfExists(report); java.nio.file.Files.createDirectory(report);
                      System.out.println("LEAK made the report a folder"); } catch (Throwable t) { }
            }
            try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of("%CLASSES%"))) {
                for (var f : walk.filter(java.nio.file.Files::isRegularFile).limit(50).toList()) {
                    try { java.nio.file.Files.write(f, new byte[] {0}); System.out.println("LEAK replaced " + f); } catch (Throwable t) { }
                }
            } catch (Throwable t) { }
            for (long pid = 1; pid < 5000; pid++) {
                ProcessHandle.of(pid).ifPresent(h -> { if (h.pid() != ProcessHandle.current().pid()) {
                    System.out.println("can see process " + h.pid()); h.destroyForcibly(); } });
            }
            try { ProcessHandle.allProcesses().forEach(h -> h.destroyForcibly()); } catch (Throwable t) {
                System.out.println("cannot list processes: " + t); }
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/Stay.java"),
                    "class Stay { public static void main(String[] a) throws Exception { Thread.sleep(600_000); } }");
            var stay = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx32m", "/tmp/Stay.java",
                    "%MARKER%").redirectErrorStream(true).redirectOutput(java.io.File.createTempFile("stay", ".log")).start();
            Thread.sleep(3000);
            System.out.println(stay.isAlive() ? "started a process meant to outlive grading" : "the process died");
            """;

    /**
     * Native code: a library written into its own /tmp (here the JDK's libzip copied there, a real
     * ELF file) and loaded, which could then read the worker's memory; the bundled OpenBLAS's JNI
     * libraries loaded through JavaCPP (the same power, no file to write); and the security manager
     * that refuses them, removed. The box's own matmul runs in pure Java.
     */
    static final String NATIVE = """
            try { System.setSecurityManager(null); System.out.println("LEAK removed the security manager"); }
            catch (Throwable t) { System.out.println("kept: " + t); }
            var lib = java.nio.file.Path.of("/tmp/libevil.so");
            java.nio.file.Files.copy(java.nio.file.Path.of(System.getProperty("java.home"), "lib", "libzip.so"), lib);
            try { System.load(lib.toString()); System.out.println("LEAK loaded native code"); }
            catch (Throwable t) { System.out.println("refused: " + t); }
            try { org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
                  System.out.println("LEAK loaded the bundled OpenBLAS through JavaCPP, whose Pointer reads any address"); }
            catch (Throwable t) { System.out.println("refused: " + t); }
            System.out.println("matmul BLAS in the box: " + org.workbook.backend.cpu.Gemm.describe());
            try { new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-version").start();
                  System.out.println("LEAK started a program"); }
            catch (Throwable t) { System.out.println("refused: " + t); }
            """;

    /**
     * Floods the raw descriptors (2 GB to stderr, 64 MB of junk to stdout, the channel) and tries to
     * fill every folder it can write with 1 GB (the grader's memory or disk).
     */
    static final String FLOOD = """
            byte[] junk = new byte[1 << 20];
            java.util.Arrays.fill(junk, (byte) 'x');
            try (var err = new java.io.FileOutputStream(java.io.FileDescriptor.err)) {
                for (int i = 0; i < 2048; i++) err.write(junk);
            }
            for (String d : new String[] {"/tmp", "/dev/shm", "/submission", "/dev"}) {
                long mb = 0;
                try (var o = new java.io.FileOutputStream(d + "/fill")) {
                    for (int i = 0; i < 1024; i++) { o.write(junk); mb++; }
                } catch (Throwable t) { }
                System.out.println(d + ": wrote " + mb + " MB" + (mb > 256 ? " LEAK" : ""));
                new java.io.File(d + "/fill").delete();
            }
            var out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            for (int i = 0; i < 64; i++) out.write(junk);
            out.write('\\n');
            out.flush();
            """;

    /** Fills the heap and keeps the collector busy, which used to look like a time-out. */
    static final String THRASH = """
            var keep = new java.util.ArrayList<Object>();
            try { while (true) keep.add(new byte[64 * 1024]); } catch (OutOfMemoryError e) { }
            keep.remove(keep.size() - 1);
            try { while (true) keep.add(new byte[512]); } catch (OutOfMemoryError e) { }
            long n = 0;
            while (true) { try { Object o = new byte[2048]; n += o.hashCode(); } catch (OutOfMemoryError e) { n++; } }
            """;
}
