package org.workbook;

import java.util.List;

/**
 * The JVM options every JVM the project starts gets: the kernelspec's {@code argv}
 * ({@code KernelSpec}), the grader's workers ({@code SubmissionProcess}) and, through
 * {@code WB_JVM_FLAGS} in {@code scripts/common.sh} (the same list, for the shell), the
 * runner, tests and benchmarks. Keep the two in step ({@code JvmFlagsTest} checks).
 *
 * <ul>
 * <li>{@code --add-modules=jdk.incubator.vector}: the SIMD kernels ({@code backend.cpu.simd})
 *     need the Vector API. Without it the library runs its scalar kernels and says so
 *     ({@code Simd.describe()}). A jar's manifest cannot add a module, so {@code java -jar}
 *     alone gets the scalar kernels. JDK 17+ prints "WARNING: Using incubator modules:
 *     jdk.incubator.vector" on stderr at start-up: whoever reads a child's stderr drops that
 *     line ({@link #isStartupNoise}).</li>
 * <li>{@code --enable-native-access=ALL-UNNAMED}: JDK 24+ warns when JCuda or netlib load a
 *     JNI library without it; JDK 17-23 accept it silently.</li>
 * <li>{@code -XX:Tier3DelayOn=100000}: keeps HotSpot profiling methods in tier 3 even when
 *     the C2 compile queue is long. By default (5 queued per compiler thread) a busy JVM runs
 *     new methods in tier 2, which records no type profile; a Vector API kernel C2 compiles
 *     after that cannot bind its lane operations (it sees no vector class in the shared JDK
 *     methods' profiles), boxes every vector and stays 5-40x slower for the JVM's life.
 *     Seen in the benchmarks and in a notebook that had run many ops; the flag removed it in
 *     every run. A product flag of every HotSpot from JDK 8 to 25.</li>
 * <li>{@code -XX:PerMethodTrapLimit=10000}: C2 inlines the Vector API's shared JDK methods
 *     behind class checks, and counts the checks that fail (deoptimisations) per method; at
 *     the default limit of 100 it stops checking in that method for good, its calls stay
 *     virtual, and every kernel compiled afterwards boxes its vectors. The class checks fail
 *     as different kernels pass different vector classes (float, double, long lanes) through
 *     the same JDK method, so a JVM that has run enough kinds of kernels crosses the limit:
 *     after the benchmarks' MLP step, float32 log, tanh and softplus ran 2.5-3.5x slower for
 *     the rest of the JVM's life. A product flag of every HotSpot from JDK 8 to 25.</li>
 * </ul>
 *
 * <pre>{@code
 * jshell> JvmFlags.REQUIRED
 * $1 ==> [--add-modules=jdk.incubator.vector, --enable-native-access=ALL-UNNAMED, -XX:Tier3DelayOn=100000, -XX:PerMethodTrapLimit=10000]
 * }</pre>
 */
public final class JvmFlags {
    /** The Vector API's module: the SIMD kernels load only when the JVM has it. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    public static final List<String> REQUIRED = List.of(
        "--add-modules=" + VECTOR_MODULE,
        "--enable-native-access=ALL-UNNAMED",
        "-XX:Tier3DelayOn=100000",
        "-XX:PerMethodTrapLimit=10000");

    /** What the JVM prints on stderr at start-up when an incubator module is added. */
    public static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + VECTOR_MODULE;

    private JvmFlags() { }

    /** True for the stderr line a JVM started with {@link #REQUIRED} prints before anything runs. */
    public static boolean isStartupNoise(String stderrLine) {
        return stderrLine.strip().startsWith("WARNING: Using incubator modules:");
    }

    /** A child JVM's stderr without its start-up line about the incubator module (the rest as it was). */
    public static String withoutStartupNoise(String stderr) {
        if (stderr == null || !stderr.contains("WARNING: Using incubator modules:")) {
            return stderr;
        }
        StringBuilder out = new StringBuilder();
        for (String line : stderr.split("(?<=\n)")) {
            if (!isStartupNoise(line)) {
                out.append(line);
            }
        }
        return out.toString();
    }
}
