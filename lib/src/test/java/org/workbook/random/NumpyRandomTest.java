package org.workbook.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

class NumpyRandomTest {
    private static void assertError(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should mention '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void tensorsHaveTheShapeDtypeAndValuesOfTheArrays() {
        record Pair(Function<NumpyRandom, Tensor> tensor, Function<NumpyRandom, double[]> array) { }
        List<Pair> pairs = List.of(
                new Pair(r -> r.normal(1, 2, 4, 5), r -> r.normalArray(1, 2, 4, 5)),
                new Pair(r -> r.standardNormal(3, 1), r -> r.standardNormalArray(3, 1)),
                new Pair(r -> r.randomSample(2, 3), r -> r.randomSampleArray(2, 3)),
                new Pair(r -> r.uniform(-1, 1, 7), r -> r.uniformArray(-1, 1, 7)));
        for (Pair pair : pairs) {
            Tensor t = pair.tensor().apply(NumpyRandom.seed(5));
            double[] a = pair.array().apply(NumpyRandom.seed(5));
            assertEquals(DType.FLOAT64, t.dtype());
            assertEquals(a.length, t.numel());
            assertArrayEquals(a, t.toDoubleArray());
        }
        Tensor ints = NumpyRandom.seed(5).randint(-3, 3, 2, 2);
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new int[] {2, 2}, ints.shapeArray());
        assertArrayEquals(NumpyRandom.seed(5).randintArray(-3, 3, 2, 2), ints.toLongArray());
        Tensor perm = NumpyRandom.seed(5).permutation(6);
        assertEquals(DType.INT64, perm.dtype());
        assertArrayEquals(NumpyRandom.seed(5).permutationArray(6), perm.toLongArray());
    }

    @Test
    void lessonNoiseTensorHasShapeTwentyByOne() {
        Tensor noise = NumpyRandom.seed(42).normal(0, 0.15, 20, 1);
        assertArrayEquals(new int[] {20, 1}, noise.shapeArray());
        assertEquals(0.07450712295168489, noise.getDouble(0, 0));
        assertEquals(-0.21184555520029372, noise.getDouble(19, 0));
    }

    @Test
    void zeroSizedShapesDrawNothing() {
        NumpyRandom a = NumpyRandom.seed(3);
        assertArrayEquals(new int[] {2, 0}, a.normal(0, 1, 2, 0).shapeArray());
        assertEquals(0, a.randint(0, 5, 0).numel());
        assertEquals(0, a.permutation(0).numel());
        assertEquals(0, a.uniformArray(0, 1, 0, 4).length);
        assertEquals(NumpyRandom.seed(3).randomSample(), a.randomSample());
    }

    @Test
    void zeroDimensionalShapeIsOneValue() {
        Tensor t = NumpyRandom.seed(8).standardNormal(new int[0]);
        assertEquals(0, t.ndim());
        assertEquals(NumpyRandom.seed(8).standardNormal(), t.item());
    }

    @Test
    void gaussianCacheCarriesAcrossCallsAndResetsOnReseed() {
        NumpyRandom r = NumpyRandom.seed(11);
        double[] pairOfTwo = r.standardNormalArray(2);
        r.reseed(11);
        double first = r.standardNormal();     // draws a pair, caches the second
        double second = r.normal(10, 2);       // uses the cached one: 10 + 2 * second
        assertEquals(pairOfTwo[0], first);
        assertEquals(10 + 2 * pairOfTwo[1], second);
        r.reseed(11);
        r.standardNormal();
        r.reseed(11);                          // must drop the cached value
        assertEquals(pairOfTwo[0], r.standardNormal());
    }

    @Test
    void statesAreIndependentAndGlobalIsShared() {
        NumpyRandom a = NumpyRandom.seed(1);
        NumpyRandom b = NumpyRandom.seed(2);
        assertNotEquals(a.randomSample(), b.randomSample());
        assertSame(NumpyRandom.global(), NumpyRandom.global());
        double x = NumpyRandom.global().reseed(42).normal(0, 0.15);
        assertEquals(0.07450712295168489, x);
    }

    @Test
    void shuffleOfEveryTypeDrawsTheSameSwaps() {
        long[] longs = LongsFrom.range(20);
        int[] ints = IntStream.range(0, 20).toArray();
        double[] doubles = IntStream.range(0, 20).asDoubleStream().toArray();
        List<Integer> list = new ArrayList<>(IntStream.range(0, 20).boxed().toList());
        NumpyRandom.seed(4).shuffle(longs);
        NumpyRandom.seed(4).shuffle(ints);
        NumpyRandom.seed(4).shuffle(doubles);
        NumpyRandom.seed(4).shuffle(list);
        assertArrayEquals(longs, Arrays.stream(ints).asLongStream().toArray());
        assertArrayEquals(longs, Arrays.stream(doubles).mapToLong(d -> (long) d).toArray());
        assertArrayEquals(longs, list.stream().mapToLong(Integer::longValue).toArray());
        assertArrayEquals(longs, NumpyRandom.seed(4).permutationArray(20));
        long[] sorted = longs.clone();
        Arrays.sort(sorted);
        assertArrayEquals(LongsFrom.range(20), sorted, "a shuffle is a permutation");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 4294967295L})
    void seedsAcrossNumpysRangeAreAccepted(long seed) {
        assertTrue(NumpyRandom.seed(seed).randomSample() < 1.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 4294967296L, Long.MIN_VALUE})
    void seedsOutsideNumpysRangeAreRefused(long seed) {
        assertError(() -> NumpyRandom.seed(seed), "seed must be between 0 and 2**32 - 1", "got " + seed);
    }

    @Test
    void badArgumentsAreExplained() {
        NumpyRandom r = NumpyRandom.seed(0);
        assertError(() -> r.randint(5, 5), "low < high", "low = 5, high = 5");
        assertError(() -> r.randint(6, 5, 3), "low < high", "randint(v, v + 1)");
        assertError(() -> r.normal(0, -1), "scale >= 0", "scale = -1.0");
        assertError(() -> r.normalArray(0, -0.0, 2), "scale >= 0");
        assertError(() -> r.uniform(0, Double.POSITIVE_INFINITY), "finite high - low");
        assertError(() -> r.randomSample(3, -1), "negative dimensions", "[3, -1]");
        assertError(() -> r.standardNormalArray(-2), "negative dimensions");
        assertError(() -> r.permutation(-1), "n >= 0", "n = -1");
        assertError(() -> r.randomSampleArray(65536, 65536), "more than 2^31 - 9 elements");
        assertError(() -> NumpyRandom.seed(new long[0]), "at least one element");
        assertError(() -> NumpyRandom.seed(new long[] {1, -2}), "element 1", "got -2");
    }

    @Test
    void refusedCallsLeaveTheStateAlone() {
        NumpyRandom r = NumpyRandom.seed(9);
        assertThrows(IllegalArgumentException.class, () -> r.normalArray(0, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> r.randintArray(1, 0, 5));
        assertEquals(NumpyRandom.seed(9).randomSample(), r.randomSample());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 1000})
    void randintStaysInRangeAndHitsEveryValue(int span) {
        long[] v = NumpyRandom.seed(span).randintArray(-7, -7 + span, 20 * span);
        assertTrue(Arrays.stream(v).allMatch(x -> x >= -7 && x < -7 + span));
        assertEquals(span, Arrays.stream(v).distinct().count());
    }

    @Test
    void normalHasTheRequestedMoments() {
        double[] v = NumpyRandom.seed(2024).normalArray(3, 0.5, 100_000);
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
        assertEquals(3, mean, 0.01);
        assertEquals(0.5, Math.sqrt(var), 0.01);
    }

    /** Small helper so the tests read like numpy's arange. */
    private static final class LongsFrom {
        static long[] range(int n) {
            return IntStream.range(0, n).asLongStream().toArray();
        }
    }
}
