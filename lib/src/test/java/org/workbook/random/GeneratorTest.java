package org.workbook.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorTest {
    private static void assertError(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should mention '" + f + "': " + e.getMessage());
        }
    }

    private static float[] randn(Generator g, int n) {
        float[] x = new float[n];
        g.fillNormal(x, 0, n, 0, 1);
        return x;
    }

    @Test
    void neverSeededStartsFromPytorchsDefaultSeed() {
        assertEquals(67280421310721L, new Generator().initialSeed());
        assertArrayEquals(randn(new Generator(Generator.DEFAULT_SEED), 20), randn(new Generator(), 20));
        assertSame(Generator.global(), Generator.global());
    }

    @Test
    void manualSeedRestartsTheStreamAndDropsTheCachedNormal() {
        Generator g = new Generator(3);
        float[] first = randn(g, 3); // odd count: one normal stays cached
        g.manualSeed(3);
        assertArrayEquals(first, randn(g, 3));
        assertEquals(3, g.initialSeed());
        assertEquals("Generator(seed=18446744073709551615)", new Generator(-1).toString());
    }

    @Test
    void smallDrawsShareTheCachedNormal() {
        // randn(1) twice equals randn(2): the second value is the cached sine half.
        Generator a = new Generator(9);
        float x = randn(a, 1)[0];
        float y = randn(a, 1)[0];
        assertArrayEquals(new float[] {x, y}, randn(new Generator(9), 2));
    }

    @Test
    void seedsUseOnlyTheLow32BitsOfTheEngine() {
        assertArrayEquals(randn(new Generator(5), 40), randn(new Generator(5 + (1L << 32)), 40));
        assertNotEquals(randn(new Generator(5), 1)[0], randn(new Generator(6), 1)[0]);
    }

    @Test
    void randomLongMatchesFillRandint() {
        Generator a = new Generator(12);
        Generator b = new Generator(12);
        long[] filled = new long[50];
        a.fillRandint(filled, 0, 50, -1L << 40, 1L << 40);
        for (long v : filled) {
            assertEquals(v, b.randomLong(-1L << 40, 1L << 40));
        }
    }

    @Test
    void nextDoubleIsRandDouble() {
        double[] filled = new double[4];
        new Generator(1).fillUniform(filled, 0, 4, 0, 1);
        Generator g = new Generator(1);
        for (double v : filled) {
            assertEquals(v, g.nextDouble());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 15, 16, 17, 1000})
    void randpermIsAPermutation(int n) {
        long[] p = new Generator(n).randperm(n);
        long[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 15, 16, 17, 100, 4097})
    void normalsHaveMeanZeroAndUnitSpread(int n) {
        // Many draws of size n, so the small per-element path and the blocked path are both covered.
        Generator g = new Generator(n);
        double sum = 0;
        double sq = 0;
        int count = 0;
        while (count < 200_000) {
            for (float v : randn(g, n)) {
                sum += v;
                sq += v * v;
                count++;
            }
        }
        double mean = sum / count;
        assertEquals(0, mean, 0.01);
        assertEquals(1, Math.sqrt(sq / count - mean * mean), 0.01);
    }

    @Test
    void uniformsStayInRangeWithTheRightMean() {
        Generator g = new Generator(77);
        float[] f = new float[100_000];
        g.fillUniform(f, 0, f.length, -2, 3);
        double[] d = new double[100_000];
        g.fillUniform(d, 0, d.length, -2, 3);
        double fm = 0;
        double dm = 0;
        for (int i = 0; i < f.length; i++) {
            assertTrue(f[i] >= -2 && f[i] < 3, "float out of range: " + f[i]);
            assertTrue(d[i] >= -2 && d[i] < 3, "double out of range: " + d[i]);
            fm += f[i];
            dm += d[i];
        }
        assertEquals(0.5, fm / f.length, 0.02);
        assertEquals(0.5, dm / d.length, 0.02);
    }

    @Test
    void randintIsUniformOverSmallRanges() {
        Random seeds = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            int span = 2 + seeds.nextInt(9);
            long[] v = new long[span * 2000];
            new Generator(seeds.nextLong()).fillRandint(v, 0, v.length, 10, 10 + span);
            int[] counts = new int[span];
            for (long x : v) {
                counts[(int) (x - 10)]++;
            }
            for (int c : counts) {
                assertEquals(2000, c, 250, "counts " + Arrays.toString(counts));
            }
        }
    }

    @Test
    void fillsRespectOffsetAndLength() {
        float[] f = new float[40];
        Arrays.fill(f, 5f);
        new Generator(0).fillNormal(f, 10, 20, 0, 1);
        assertEquals(5f, f[9]);
        assertEquals(5f, f[30]);
        float[] direct = randn(new Generator(0), 20);
        assertArrayEquals(direct, Arrays.copyOfRange(f, 10, 30));
    }

    @Test
    void badArgumentsAreExplained() {
        Generator g = new Generator(0);
        assertError(() -> g.randomLong(5, 5), "low < high", "low = 5, high = 5");
        assertError(() -> g.fillRandint(new long[3], 0, 3, 9, 2), "low < high");
        assertError(() -> g.fillNormal(new float[3], 0, 3, 0, -1), "std >= 0.0", "std = -1.0");
        assertError(() -> g.fillNormal(new double[3], 0, 3, 0, Double.NaN), "std >= 0.0");
        assertError(() -> g.fillUniform(new float[3], 0, 3, 3, 2), "from <= to", "from = 3.0, to = 2.0");
        assertError(() -> g.fillUniform(new double[3], 0, 3, -Double.MAX_VALUE, Double.MAX_VALUE), "finite");
        assertError(() -> g.fillUniform(new float[3], 2, 2, 0, 1), "offset 2", "length 3");
        assertError(() -> g.fillNormal(new float[3], 0, -1, 0, 1), "cannot fill -1 values");
        assertError(() -> g.randperm(-1), "n >= 0", "n = -1");
    }

    @Test
    void refusedCallsLeaveTheStateAlone() {
        Generator g = new Generator(4);
        assertThrows(IllegalArgumentException.class, () -> g.fillNormal(new float[20], 0, 20, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> g.fillUniform(new float[2], 1, 5, 0, 1));
        assertArrayEquals(randn(new Generator(4), 20), randn(g, 20));
    }
}
