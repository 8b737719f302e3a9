package org.workbook.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every call PyTorch 1.13 made in torch.txt, replayed on Generator. */
class GeneratorGoldenTest {
    /** float64 normals use StrictMath sin/cos, not glibc's: counted, and allowed an ulp. */
    private static int doubleNormalsChecked;
    private static int doubleNormalsInexact;

    static Stream<Golden.Block> blocks() {
        return Golden.blocks("torch.txt").stream();
    }

    @Test
    void famousSeedZeroValues() {
        // torch.manual_seed(0); torch.randn(20) prints -1.1258, -1.1524, -0.2506, -0.4339, ...
        float[] x = new float[20];
        new Generator(0).fillNormal(x, 0, 20, 0, 1);
        assertEquals(-1.1258f, x[0], 5e-5f);
        assertEquals(-1.1524f, x[1], 5e-5f);
        assertEquals(-0.2506f, x[2], 5e-5f);
        assertEquals(0.0537f, x[19], 5e-5f);
    }

    @Test
    void goldenFileCoversEveryMethod() {
        List<String> methods = Golden.blocks("torch.txt").stream()
                .flatMap(b -> b.calls().stream()).map(Golden.Call::method).distinct().sorted().toList();
        assertEquals(List.of("normal_", "rand", "rand_double", "randint", "randn", "randn_double",
                "randperm", "uniform_", "uniform_double"), methods);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void replay(Golden.Block block) {
        String seed = block.seed()[0];
        Generator g = seed.equals("default") ? new Generator() : new Generator(Long.parseLong(seed));
        for (Golden.Call c : block.calls()) {
            String where = block + ": " + c;
            switch (c.method()) {
                case "randn" -> assertFloats(c, where, (out, n) -> g.fillNormal(out, 1, n, 0, 1));
                case "normal_" -> assertFloats(c, where, (out, n) -> g.fillNormal(out, 1, n, c.arg(0), c.arg(1)));
                case "rand" -> assertFloats(c, where, (out, n) -> g.fillUniform(out, 1, n, 0, 1));
                case "uniform_" -> assertFloats(c, where, (out, n) -> g.fillUniform(out, 1, n, c.arg(0), c.arg(1)));
                case "rand_double" -> {
                    double[] out = new double[c.numel()];
                    g.fillUniform(out, 0, out.length, 0, 1);
                    NumpyRandomGoldenTest.assertBits(c.doubles(), out, where);
                }
                case "uniform_double" -> {
                    double[] out = new double[c.numel()];
                    g.fillUniform(out, 0, out.length, c.arg(0), c.arg(1));
                    NumpyRandomGoldenTest.assertBits(c.doubles(), out, where);
                }
                case "randn_double" -> {
                    double[] out = new double[c.numel()];
                    g.fillNormal(out, 0, out.length, 0, 1);
                    assertWithinUlp(c.doubles(), out, where);
                }
                case "randint" -> {
                    long[] out = new long[c.numel()];
                    g.fillRandint(out, 0, out.length, c.longArg(0), c.longArg(1));
                    assertArrayEquals(c.longs(), out, where);
                }
                case "randperm" -> assertArrayEquals(c.longs(), g.randperm((int) c.longArg(0)), where);
                default -> throw new IllegalStateException("no replay for " + where);
            }
        }
    }

    interface Fill {
        void fill(float[] out, int n);
    }

    /** Fills at offset 1 of a padded array, checking the padding is untouched. */
    private static void assertFloats(Golden.Call c, String where, Fill fill) {
        float[] expected = c.floats();
        float[] out = new float[expected.length + 2];
        out[0] = 7f;
        out[out.length - 1] = 9f;
        fill.fill(out, expected.length);
        assertEquals(7f, out[0], where + ": wrote before the offset");
        assertEquals(9f, out[out.length - 1], where + ": wrote past the end");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(out[i + 1])) {
                throw new AssertionError(where + ": element " + i + " should be " + expected[i]
                        + " (" + Float.toHexString(expected[i]) + ") but was " + out[i + 1]
                        + " (" + Float.toHexString(out[i + 1]) + ")");
            }
        }
    }

    private static void assertWithinUlp(double[] expected, double[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": length");
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(diff <= Math.ulp(expected[i]), where + ": element " + i + " should be "
                    + expected[i] + " within an ulp, but was " + actual[i]);
            doubleNormalsChecked++;
            if (diff != 0) {
                doubleNormalsInexact++;
            }
        }
        assertTrue(doubleNormalsInexact <= Math.max(3, doubleNormalsChecked / 20), "float64 normals: "
                + doubleNormalsInexact + " of " + doubleNormalsChecked + " differ from PyTorch by an ulp");
    }
}
