package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.ops.Reductions;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * var and std on every kernel path: this JVM runs {@link SimdMoments} (when the CPU has 512- or
 * 256-bit vectors), a forked one without the Vector API runs {@link Moments}' scalar loops, another
 * limited to AVX2 the 256-bit kernels, and all give the same bits: rows with and without a tail
 * past the 32-lane blocks, leading, middle and trailing dims, the dims around a kept one, float32
 * and float64, plain and offset (1e4 + N(0, 1)) data.
 */
class VariancePathsTest {
    @TempDir
    Path tmp;

    static List<double[]> results() {
        Random rnd = new Random(16);
        int[][] shapes = {{3, 784}, {5, 33}, {2, 31}, {4, 7, 65}, {256, 20}, {6, 5, 40}};
        List<double[]> out = new ArrayList<>();
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                for (boolean offset : new boolean[] {false, true}) {
                    Tensor x = VarianceAccuracyTest.data(rnd, s, dt, offset);
                    for (int[] dims : new int[][] {{-1}, {0}, {1}, null, {0, -1}}) {
                        out.add(Reductions.var(x, dims, 1, false).toDoubleArray());
                        out.add(Reductions.std(x, dims, 0, false).toDoubleArray());
                    }
                    // the backend's float64 result before any rounding to float32, where a last-bit difference shows
                    int[] last = {s.length - 1};
                    Tensor raw = Tensor.empty(DType.FLOAT64, x.device(), Arrays.copyOf(s, s.length - 1));
                    Reduce.variance(x, last, 1, raw);
                    out.add(raw.toDoubleArray());
                }
            }
        }
        return out;
    }

    /** The forked JVM's side: writes Simd.describe() and the results to the file in args[0]. */
    public static void main(String[] args) throws IOException {
        ForkedBits.write(Path.of(args[0]), results());
    }

    @Test
    void scalarAndSimdLoopsGiveTheSameBits() throws Exception {
        assertTrue(Simd.ENABLED, Simd.describe());
        String why = compareWithFork(List.of());
        assertTrue(why.startsWith("scalar"), why);
    }

    /** A JVM limited to AVX2 runs the 256-bit kernels (on an AVX-512 machine; elsewhere the same as this one). */
    @Test
    void avx2KernelsGiveTheSameBits() throws Exception {
        String why = compareWithFork(List.of("--add-modules=jdk.incubator.vector", "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:UseAVX=2"));
        assertTrue(why.startsWith("SIMD"), why);
        if (Simd.describe().contains("512-bit")) {
            assertTrue(why.contains("256-bit"), why);
        }
    }

    /** Runs {@link #main} in a JVM forked with these flags, asserts its bits equal this JVM's: its describe(). */
    private String compareWithFork(List<String> flags) throws Exception {
        return ForkedBits.compare(VariancePathsTest.class, flags, tmp, results());
    }
}
