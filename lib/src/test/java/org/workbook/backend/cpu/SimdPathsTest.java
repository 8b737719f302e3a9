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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.nn.F;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Both kernel paths on the same programs: this JVM has the Vector API (surefire's argLine), a
 * forked one runs without {@code --add-modules} and so gets the scalar kernels, says why in
 * {@link Simd#describe()}, and computes the same results: the same bits for elementwise ops
 * and exp, sums and softmax within a few float ulps of the values added (the SIMD sums add
 * in another order).
 */
class SimdPathsTest {
    @TempDir
    Path tmp;

    /** The programs, on seeded data; every result flattened to float32 values. */
    static List<float[]> results() {
        Tensors.manualSeed(7);
        Tensor a = Tensors.randn(33, 129);
        Tensor b = Tensors.randn(33, 129);
        Tensor c = Tensors.randn(129);
        List<float[]> out = new ArrayList<>();
        out.add(a.add(b).toFloatArray());
        out.add(a.sub(c).toFloatArray());
        out.add(a.mul(2.5).toFloatArray());
        out.add(a.div(b).toFloatArray());
        out.add(a.mul(10).exp().toFloatArray());
        out.add(a.relu().toFloatArray());
        out.add(a.t().contiguous().t().exp().toFloatArray());
        out.add(a.toDouble().add(b.toDouble()).toFloat().toFloatArray());
        out.add(a.sum(1).toFloatArray());
        out.add(a.sum(0).toFloatArray());
        out.add(a.mean(1).toFloatArray());
        out.add(a.sum().toFloatArray());
        out.add(F.logSoftmax(a, 1).toFloatArray());
        return out;
    }

    /** Bit-identical on both paths; the others (sums and what uses them) within a few ulps. */
    static final int EXACT = 8;

    /** The forked JVM's side: writes Simd.describe() and the results to the file in args[0]. */
    public static void main(String[] args) throws IOException {
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            o.writeUTF(Simd.describe());
            List<float[]> rs = results();
            o.writeInt(rs.size());
            for (float[] r : rs) {
                o.writeInt(r.length);
                for (float v : r) {
                    o.writeFloat(v);
                }
            }
        }
    }

    @Test
    void withoutTheModuleTheScalarKernelsGiveTheSameResults() throws Exception {
        assertTrue(Simd.ENABLED, Simd.describe());
        assertTrue(Simd.describe().startsWith("SIMD (Vector API, "), Simd.describe());
        Path file = tmp.resolve("scalar.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), SimdPathsTest.class.getName(), file.toString())
            .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertEquals("", log, "a JVM without the module prints nothing about it");
        List<float[]> simd = results();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            String why = in.readUTF();
            assertTrue(why.startsWith("scalar (this JVM was started without --add-modules=jdk.incubator.vector"), why);
            assertEquals(simd.size(), in.readInt());
            for (int k = 0; k < simd.size(); k++) {
                float[] want = simd.get(k);
                assertEquals(want.length, in.readInt());
                for (int i = 0; i < want.length; i++) {
                    float got = in.readFloat();
                    if (k < EXACT) {
                        assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got),
                            "program " + k + " element " + i + ": SIMD " + want[i] + ", scalar " + got);
                    } else {
                        // A row of 129 normals: |sum| ~ 11, its magnitude ~ 100; either order is within
                        // a few ulps of the magnitude of the exact sum.
                        assertEquals(want[i], got, 2e-5 * Math.max(1f, Math.abs(want[i])),
                            "program " + k + " element " + i);
                    }
                }
            }
        }
    }
}
