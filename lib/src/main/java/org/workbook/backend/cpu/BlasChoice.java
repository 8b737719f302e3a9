package org.workbook.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * Which BLAS runs matmul, chosen once per JVM, first that works:
 * <ol>
 * <li>the bundled OpenBLAS ({@link BundledOpenBlas}), called through netlib's JNI shim where netlib ships
 *     one (Linux x86-64 and arm64: arrays go to native code in place), else through JavaCPP
 *     ({@link JavaCppBlas});</li>
 * <li>the system's BLAS ({@code libblas.so.3}, OpenBLAS when installed) through netlib's JNI;</li>
 * <li>netlib's pure-Java BLAS (slow).</li>
 * </ol>
 * Why each tier above the one in use was passed over is kept for {@link Gemm#describe()}.
 * {@code -Dworkbook.blas=system} or {@code =java} starts further down the list (the grader's box uses
 * {@code java}: it loads no native code); {@code -Dworkbook.blas.calls=javacpp} calls the bundled
 * OpenBLAS through JavaCPP on Linux too (to test that path).
 */
final class BlasChoice {
    static final String PROPERTY = "workbook.blas";
    private static final String NETLIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    private static final String NETLIB_LIB = "dev.ludovic.netlib.blas.nativeLib";
    // netlib logs each implementation it could not load at WARNING on stderr; the reasons are
    // reported by describe() instead, and notebooks must stay free of stderr noise.
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");

    enum Tier { BUNDLED, SYSTEM, JAVA }

    /** The choice: what computes, the netlib object behind it (null for JavaCPP), what it is, why not the others. */
    record Chosen(Tier tier, Blas blas, BLAS netlib, String what, List<String> passedOver) { }

    private static volatile Chosen chosen;

    private BlasChoice() { }

    static Chosen get() {
        Chosen c = chosen;
        if (c == null) {
            synchronized (BlasChoice.class) {
                if (chosen == null) {
                    Level old = NETLIB_LOG.getLevel();
                    NETLIB_LOG.setLevel(Level.OFF);
                    try {
                        chosen = choose();
                        applyThreads(Parallel.getNumThreads());
                    } finally {
                        NETLIB_LOG.setLevel(old);
                    }
                }
                c = chosen;
            }
        }
        return c;
    }

    /** Parallel.setNumThreads passes its count on; before the BLAS is loaded there is nothing to do. */
    static synchronized void applyThreads(int n) {
        if (chosen != null && chosen.tier == Tier.BUNDLED) {
            BundledOpenBlas.setThreads(n);
        }
    }

    /** The threads a product may use: OpenBLAS's setting, 1 in pure Java, -1 when the system BLAS decides. */
    static int threads() {
        return switch (get().tier) {
            case BUNDLED -> BundledOpenBlas.threads();
            case SYSTEM -> -1;
            case JAVA -> 1;
        };
    }

    static Chosen choose() {
        String want = System.getProperty(PROPERTY, "bundled").strip().toLowerCase(Locale.ROOT);
        if (!want.matches("bundled|auto|system|java")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " takes bundled, system or java (the first BLAS to "
                + "try), not '" + want + "'");
        }
        List<String> passed = new ArrayList<>();
        if (want.equals("bundled") || want.equals("auto")) {
            Chosen c = bundled(passed);
            if (c != null) {
                return c;
            }
        } else {
            passed.add("bundled OpenBLAS not tried: -D" + PROPERTY + "=" + want);
        }
        if (!want.equals("java")) {
            try {
                BLAS b = checked(NativeBLAS.getInstance());
                String lib = System.getProperty(NETLIB_PATH, System.getProperty(NETLIB_LIB, "libblas.so.3"));
                return new Chosen(Tier.SYSTEM, new Blas.Netlib(b), b,
                    "system BLAS (" + lib + " through netlib's JNI): native", passed);
            } catch (RuntimeException | LinkageError e) {
                passed.add("no system BLAS: " + reason(e));
            }
        } else {
            passed.add("system BLAS not tried: -D" + PROPERTY + "=java");
        }
        BLAS b = JavaBLAS.getInstance();
        if (!want.equals("java")) {
            // The slow path nobody asked for: say so once, with why (describe() repeats it).
            System.err.println("workbook: matmul runs in pure Java (slow): " + String.join("; ", passed));
        }
        return new Chosen(Tier.JAVA, new Blas.Netlib(b), b, b.getClass().getSimpleName() + " (pure Java: slow)", passed);
    }

    private static Chosen bundled(List<String> passed) {
        if (System.getProperty(NETLIB_PATH) != null || System.getProperty(NETLIB_LIB) != null) {
            passed.add("bundled OpenBLAS not tried: -D" + NETLIB_PATH + " or -D" + NETLIB_LIB + " names the BLAS to use");
            return null;
        }
        BundledOpenBlas.Loaded lib;
        try {
            lib = BundledOpenBlas.load();
        } catch (RuntimeException | LinkageError e) {
            passed.add("bundled OpenBLAS not loaded: " + reason(e));
            return null;
        }
        String what = "OpenBLAS " + lib.version() + " bundled (org.bytedeco:openblas " + lib.platform();
        String os = System.getProperty("os.name", "") + "-" + System.getProperty("os.arch", "");
        boolean netlibShim = os.equals("Linux-amd64") || os.equals("Linux-aarch64");
        if (netlibShim && lib.libraryPath() != null && !"javacpp".equals(System.getProperty("workbook.blas.calls"))) {
            // netlib's shim dlopens whatever nativeLibPath names; it is read once, when its JNI class loads.
            System.setProperty(NETLIB_PATH, lib.libraryPath());
            try {
                BLAS b = checked(NativeBLAS.getInstance());
                return new Chosen(Tier.BUNDLED, new Blas.Netlib(b), b, what + ", through netlib's JNI): native", passed);
            } catch (RuntimeException | LinkageError e) {
                passed.add("netlib's JNI shim could not call the bundled OpenBLAS, so JavaCPP does: " + reason(e));
            } finally {
                System.clearProperty(NETLIB_PATH);
            }
        }
        try {
            Blas b = new JavaCppBlas();
            check(b);
            return new Chosen(Tier.BUNDLED, b, null, what + ", through JavaCPP): native", passed);
        } catch (RuntimeException | LinkageError e) {
            passed.add("bundled OpenBLAS not usable through JavaCPP: " + reason(e));
            return null;
        }
    }

    /** A native BLAS that loads but computes wrong must not be used: one small product is checked. */
    private static BLAS checked(BLAS b) {
        check(new Blas.Netlib(b));
        return b;
    }

    private static void check(Blas b) {
        // Column-major [[1, 2], [3, 4]] times itself is [[7, 10], [15, 22]].
        float[] a = {1, 3, 2, 4};
        float[] c = new float[4];
        b.sgemm("N", "N", 2, 2, 2, 1f, a, 0, 2, a, 0, 2, 0f, c, 0, 2);
        if (c[0] != 7 || c[1] != 15 || c[2] != 10 || c[3] != 22) {
            throw new IllegalStateException("its sgemm computed " + java.util.Arrays.toString(c) + " for a 2x2 check");
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (m == null || !m.contains(cause.getMessage()))) {
            m = (m == null ? "" : m + ": ") + cause.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
