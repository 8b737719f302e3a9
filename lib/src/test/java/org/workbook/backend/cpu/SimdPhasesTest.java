package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.nn.F;
import org.workbook.ops.ConvOptions;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * {@link SimdPhases}' permutations against the definition of the stride-2 phases, on random even image
 * sizes (rows of one element to several vectors, whole vectors and lone elements past them),
 * planes anywhere in their arrays, and a limit: every element before it as defined, nothing at or
 * past it written (a vector's overspill lands only where the caller writes later). Then a
 * convolution of a batch that is a slice of a bigger one (its input starts inside its array, and
 * the vector loads read past a sample into the next), which must give the bits of the same batch copied.
 */
class SimdPhasesTest {
    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void splitAndMergeMatchTheDefinition(int seed) {
        assertTrue(Simd.ENABLED, Simd.describe());
        Random r = new Random(4242 + seed);
        int h = 2 * (1 + r.nextInt(seed < 4 ? 1 : 12));
        int w = 2 * (1 + r.nextInt(seed < 4 ? 1 : 40));
        int wp = w / 2;
        int planes = h / 2 * wp;
        float[] x = new float[r.nextInt(5) + h * w + r.nextInt(3)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int src = x.length - h * w - r.nextInt(Math.min(3, x.length - h * w + 1));
        int at = r.nextInt(7);
        int room = 4 * planes + r.nextInt(20);
        int end = at + 4 * planes + (seed % 2 == 0 ? 0 : r.nextInt(room - 4 * planes + 1));
        float[] buf = new float[at + room];
        Arrays.fill(buf, Float.NaN);
        SimdPhases.split(x, src, h, w, buf, at, planes, end);
        for (int ph = 0; ph < 4; ph++) {
            for (int a = 0; a < h / 2; a++) {
                for (int k = 0; k < wp; k++) {
                    float want = x[src + (2 * a + (ph >> 1)) * w + 2 * k + (ph & 1)];
                    assertEquals(want, buf[at + ph * planes + a * wp + k], "split phase " + ph + " row " + a + " col " + k
                        + " of " + h + "x" + w);
                }
            }
        }
        for (int i = end; i < buf.length; i++) {
            assertTrue(Float.isNaN(buf[i]), "split wrote at " + i + " past its limit " + end);
        }

        int dst = r.nextInt(5);
        int gend = dst + h * w + (seed % 2 == 0 ? 0 : r.nextInt(6));
        float[] gx = new float[gend + 4 + r.nextInt(20)];
        Arrays.fill(gx, Float.NaN);
        SimdPhases.merge(buf, at, planes, h, w, gx, dst, gend);
        float[] back = Arrays.copyOfRange(gx, dst, dst + h * w);
        assertArrayEquals(Arrays.copyOfRange(x, src, src + h * w), back, "merge undoes split, " + h + "x" + w);
        for (int i = gend; i < gx.length; i++) {
            assertTrue(Float.isNaN(gx[i]), "merge wrote at " + i + " past its limit " + gend);
        }
        for (int i = 0; i < dst; i++) {
            assertTrue(Float.isNaN(gx[i]), "merge wrote at " + i + " before its plane");
        }
    }

    @ParameterizedTest(name = "{0}x{0}, batch {1}")
    @MethodSource("slices")
    void aSliceOfABatchGivesTheBitsOfItsCopy(int size, int n) {
        Tensors.manualSeed(size * 31L + n);
        Tensor big = Tensors.randn(n + 2, 3, size, size);
        Tensor w = Tensors.randn(4, 3, 3, 3);
        Tensor b = Tensors.randn(4);
        Tensor slice = big.narrow(0, 1, n).requiresGrad_(); // contiguous, starting inside big's array
        Tensor copy = big.narrow(0, 1, n).clone().requiresGrad_();
        ConvOptions o = ConvOptions.of(2, 1);
        Tensor ys = F.conv2d(slice, w, b, o);
        Tensor yc = F.conv2d(copy, w, b, o);
        assertArrayEquals(yc.toFloatArray(), ys.toFloatArray());
        Tensor g = Tensors.randn(ys.shapeArray());
        ys.backward(g);
        yc.backward(g);
        assertArrayEquals(copy.grad().toFloatArray(), slice.grad().toFloatArray());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> slices() {
        return java.util.stream.Stream.of(org.junit.jupiter.params.provider.Arguments.of(28, 1),
            org.junit.jupiter.params.provider.Arguments.of(14, 5), org.junit.jupiter.params.provider.Arguments.of(32, 3));
    }
}
