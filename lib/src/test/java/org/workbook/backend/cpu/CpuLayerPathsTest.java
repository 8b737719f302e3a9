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
import org.workbook.ops.ConvOptions;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The CPU convolution and batch norm on both kernel paths: this JVM has the Vector API, a forked one
 * runs without it (the scalar loops of {@link PhaseWindows}, {@link PositionSums}, {@link CpuBatchNorm}
 * instead of {@link SimdAdd} and {@link SimdChannels}), and both give the same bits: forward, input,
 * weight and bias gradients, batch norm's running statistics, for a "same"-padded stride-2 layer (the
 * phase path) and a late layer of 2x2 outputs (samples innermost).
 */
class CpuLayerPathsTest {
    @TempDir
    Path tmp;

    static List<float[]> results() {
        Tensors.manualSeed(17);
        List<float[]> out = new ArrayList<>();
        // the third: 8 x 3 x 3 = 72 positions per sample (vector blocks and a scalar tail in SimdChannels),
        // 13 samples (one full chunk of 8 and a partial one)
        int[][] layers = {{6, 4, 14, 14}, {40, 8, 4, 4}, {13, 3, 5, 5}};
        for (int[] s : layers) {
            Tensor x = Tensors.randn(s).requiresGrad_();
            Tensor w = Tensors.randn(8, s[1], 3, 3).requiresGrad_();
            Tensor b = Tensors.randn(8).requiresGrad_();
            Tensor gamma = Tensors.randn(8).requiresGrad_();
            Tensor beta = Tensors.randn(8).requiresGrad_();
            Tensor rm = Tensors.zeros(8);
            Tensor rv = Tensors.ones(8);
            Tensor y = F.batchNorm(F.conv2d(x, w, b, ConvOptions.of(2, 1)), rm, rv, gamma, beta, true, 0.1, 1e-5);
            y.mul(y).sum().backward();
            for (Tensor t : new Tensor[] {y, x.grad(), w.grad(), b.grad(), gamma.grad(), beta.grad(), rm, rv}) {
                out.add(t.detach().toFloatArray());
            }
        }
        return out;
    }

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
    void scalarAndSimdLoopsGiveTheSameBits() throws Exception {
        assertTrue(Simd.ENABLED, Simd.describe());
        Path file = tmp.resolve("scalar.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), CpuLayerPathsTest.class.getName(), file.toString())
            .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        List<float[]> simd = results();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            String why = in.readUTF();
            assertTrue(why.startsWith("scalar"), why);
            assertEquals(simd.size(), in.readInt());
            for (int k = 0; k < simd.size(); k++) {
                float[] want = simd.get(k);
                assertEquals(want.length, in.readInt());
                for (int i = 0; i < want.length; i++) {
                    float got = in.readFloat();
                    assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got),
                        "result " + k + " element " + i + ": SIMD " + want[i] + ", scalar " + got);
                }
            }
        }
    }
}
