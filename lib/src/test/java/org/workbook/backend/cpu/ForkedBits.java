package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two halves of a "same bits on every kernel path" test: a test class's {@code main} runs its
 * programs in a forked JVM (without the Vector API, or limited to AVX2) and {@link #write}s their
 * results with that JVM's {@link Simd#describe()}; the test then {@link #compare}s them bit for bit
 * with the same programs run in its own JVM.
 */
final class ForkedBits {
    private ForkedBits() { }

    /** The forked JVM's side: Simd.describe() and the results, to file. */
    static void write(Path file, List<double[]> results) throws IOException {
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(file))) {
            o.writeUTF(Simd.describe());
            o.writeInt(results.size());
            for (double[] r : results) {
                o.writeInt(r.length);
                for (double v : r) {
                    o.writeDouble(v);
                }
            }
        }
    }

    /**
     * Runs main's class in a JVM forked with flags (none: no Vector API), asserts that its results equal
     * these bit for bit, and returns the forked JVM's Simd.describe().
     */
    static String compare(Class<?> main, List<String> flags, Path dir, List<double[]> here) throws Exception {
        Path file = Files.createTempFile(dir, "fork", ".bin");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            String why = in.readUTF();
            assertEquals(here.size(), in.readInt());
            for (int k = 0; k < here.size(); k++) {
                double[] want = here.get(k);
                assertEquals(want.length, in.readInt());
                for (int i = 0; i < want.length; i++) {
                    double got = in.readDouble();
                    assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got),
                        "result " + k + " element " + i + ": this JVM " + want[i] + ", forked (" + why + ") " + got);
                }
            }
            return why;
        }
    }
}
