package org.workbook.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every call numpy made in numpy.txt, replayed on NumpyRandom; doubles compared bit for bit. */
class NumpyRandomGoldenTest {
    static Stream<Golden.Block> blocks() {
        return Golden.blocks("numpy.txt").stream();
    }

    @Test
    void lessonNoiseIsNumpysToTheLastBit() {
        // np.random.seed(42); np.random.normal(0, 0.15, 20): the book's noise for y = f(x).
        double[] expected = {
            0.07450712295168489, -0.0207396451756777, 0.09715328071510387, 0.22845447846120379,
            -0.035123006208500396, -0.03512054354237708, 0.23688192232610872, 0.11511520937293632,
            -0.07042115789024281, 0.0813840065378947, -0.06951265392186934, -0.06985946303553853,
            0.03629434073490512, -0.2869920366986697, -0.2587376748769549, -0.0843431293861459,
            -0.15192466805016355, 0.04713709988929108, -0.13620361132818162, -0.21184555520029372,
        };
        assertBits(expected, NumpyRandom.seed(42).normalArray(0, 0.15, 20), "normal(0, 0.15, 20)");
    }

    @Test
    void goldenFileCoversEveryMethod() {
        List<String> methods = Golden.blocks("numpy.txt").stream()
                .flatMap(b -> b.calls().stream()).map(Golden.Call::method).distinct().sorted().toList();
        assertEquals(List.of("normal", "permutation", "randint", "random_sample", "shuffle",
                "standard_normal", "uniform"), methods);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void replay(Golden.Block block) {
        NumpyRandom rng = switch (block.kind()) {
            case "seed" -> NumpyRandom.seed(Long.parseLong(block.seed()[0]));
            case "seed_array" -> NumpyRandom.seed(Arrays.stream(block.seed()).mapToLong(Long::parseLong).toArray());
            default -> throw new IllegalStateException("unknown seed kind " + block.kind());
        };
        for (Golden.Call c : block.calls()) {
            String where = block + ": " + c;
            boolean scalar = c.shape() == null;
            switch (c.method()) {
                case "random_sample" -> assertBits(c.doubles(),
                        scalar ? new double[] {rng.randomSample()} : rng.randomSampleArray(c.shape()), where);
                case "standard_normal" -> assertBits(c.doubles(),
                        scalar ? new double[] {rng.standardNormal()} : rng.standardNormalArray(c.shape()), where);
                case "normal" -> assertBits(c.doubles(), scalar
                        ? new double[] {rng.normal(c.arg(0), c.arg(1))}
                        : rng.normalArray(c.arg(0), c.arg(1), c.shape()), where);
                case "uniform" -> assertBits(c.doubles(), scalar
                        ? new double[] {rng.uniform(c.arg(0), c.arg(1))}
                        : rng.uniformArray(c.arg(0), c.arg(1), c.shape()), where);
                case "randint" -> assertArrayEquals(c.longs(), scalar
                        ? new long[] {rng.randint(c.longArg(0), c.longArg(1))}
                        : rng.randintArray(c.longArg(0), c.longArg(1), c.shape()), where);
                case "permutation" -> assertArrayEquals(c.longs(),
                        rng.permutationArray((int) c.longArg(0)), where);
                case "shuffle" -> {
                    long[] a = new long[(int) c.longArg(0)];
                    Arrays.setAll(a, i -> i);
                    rng.shuffle(a);
                    assertArrayEquals(c.longs(), a, where);
                }
                default -> throw new IllegalStateException("no replay for " + where);
            }
        }
        assertTrue(block.calls().size() > 0, block + " has no calls");
    }

    static void assertBits(double[] expected, double[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(where + ": element " + i + " should be "
                        + Double.toHexString(expected[i]) + " (" + expected[i] + ") but was "
                        + Double.toHexString(actual[i]) + " (" + actual[i] + ")");
            }
        }
    }
}
