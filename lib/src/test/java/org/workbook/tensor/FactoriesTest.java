package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Factories: from Java values, filled, ranges (bit-exact with torch), identity, random with manualSeed. */
class FactoriesTest {
    static void is(Tensor t, DType dt, int[] shape, double... values) {
        assertEquals(dt, t.dtype());
        assertArrayEquals(shape, t.shapeArray());
        assertArrayEquals(values, t.toDoubleArray());
    }

    @Test
    void fromJavaValues() {
        is(tensor(3.0), DType.FLOAT32, new int[] {}, 3);
        is(tensor(3), DType.INT64, new int[] {}, 3);
        is(tensor(3L), DType.INT64, new int[] {}, 3);
        is(tensor(1.1, 2.2), DType.FLOAT32, new int[] {2}, (float) 1.1, (float) 2.2);
        is(tensor(1f, 2f), DType.FLOAT32, new int[] {2}, 1, 2);
        is(tensor(1, 2, 3), DType.INT64, new int[] {3}, 1, 2, 3);
        is(tensor(1L, 2L), DType.INT64, new int[] {2}, 1, 2);
        is(tensor(true, false), DType.BOOL, new int[] {2}, 1, 0);
        is(tensor(DType.FLOAT64, 1.1, 2.2), DType.FLOAT64, new int[] {2}, 1.1, 2.2);
        is(tensor(DType.INT32, 1.9, -1.9), DType.INT32, new int[] {2}, 1, -1);
        is(tensor(new double[][] {{1, 2}, {3, 4}}), DType.FLOAT32, new int[] {2, 2}, 1, 2, 3, 4);
        is(tensor(new float[][] {{1, 2, 3}}), DType.FLOAT32, new int[] {1, 3}, 1, 2, 3);
        is(tensor(new int[][] {{1}, {2}}), DType.INT64, new int[] {2, 1}, 1, 2);
        is(tensor(new long[][] {{5, 6}}), DType.INT64, new int[] {1, 2}, 5, 6);
        is(tensor(new double[][][] {{{1}, {2}}, {{3}, {4}}}), DType.FLOAT32, new int[] {2, 2, 1}, 1, 2, 3, 4);
        is(tensor(new int[][][] {{{1, 2}}}), DType.INT64, new int[] {1, 1, 2}, 1, 2);
        is(tensor(new int[][] {{}, {}}), DType.INT64, new int[] {2, 0});
        is(tensor(List.of(List.of(1, 2), List.of(3, 4))), DType.INT64, new int[] {2, 2}, 1, 2, 3, 4);
        is(tensor(List.of(1, 2.5)), DType.FLOAT32, new int[] {2}, 1, 2.5);
        is(tensor(List.of(true, false)), DType.BOOL, new int[] {2}, 1, 0);
        is(tensor(List.of()), DType.FLOAT32, new int[] {0});
        is(tensor(List.of(List.of(), List.of())), DType.FLOAT32, new int[] {2, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> tensor(new int[][] {{1, 2, 3}, {4, 5}}));
        assertTrue(e.getMessage().startsWith("tensor(): expected sequence of length 3 at dim 1 (got 2 at [1])"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensor(List.of(1, "two")));
        assertTrue(e.getMessage().startsWith("tensor(): element 1 is two (String), expected a number or boolean"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensor(List.of(List.of(1), 2)));
        assertTrue(e.getMessage().startsWith("tensor(): expected a sequence at [1] but found 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensor(List.of(1, List.of(2))));
        assertTrue(e.getMessage().startsWith("tensor(): too deep at [1]"), e.getMessage());
    }

    @Test
    void fromArraySharesTheArray() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = fromArray(data, 2, 3);
        data[4] = 50;
        assertEquals(50.0, t.getDouble(1, 1));
        t.set("0, 0", 9);
        assertEquals(9f, data[0]);
        is(fromArray(new double[] {1, 2}), DType.FLOAT64, new int[] {2}, 1, 2);
        is(fromArray(new long[] {7}), DType.INT64, new int[] {}, 7);
        is(fromArray(new int[] {1, 2, 3, 4}, 2, 2), DType.INT32, new int[] {2, 2}, 1, 2, 3, 4);
        is(fromUint8(new byte[] {(byte) 255, 1}, 2), DType.UINT8, new int[] {2}, 255, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromArray(data, 4, 2));
        assertEquals("shape [4, 2] holds 8 elements but the array has 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> fromArray(data, -2, -3));
        assertTrue(e.getMessage().startsWith("Trying to create tensor with negative dimension -2"), e.getMessage());
    }

    @Test
    void filled() {
        is(zeros(2, 2), DType.FLOAT32, new int[] {2, 2}, 0, 0, 0, 0);
        is(zeros(), DType.FLOAT32, new int[] {}, 0);
        is(ones(DType.INT64, 3), DType.INT64, new int[] {3}, 1, 1, 1);
        is(ones(2), DType.FLOAT32, new int[] {2}, 1, 1);
        is(full(new int[] {1, 2}, 7.5), DType.FLOAT32, new int[] {1, 2}, 7.5, 7.5);
        is(full(DType.BOOL, new int[] {2}, 3), DType.BOOL, new int[] {2}, 1, 1);
        Tensor proto = arange(6).view(2, 3).t();
        is(zerosLike(proto), DType.INT64, new int[] {3, 2}, 0, 0, 0, 0, 0, 0);
        is(onesLike(proto), DType.INT64, new int[] {3, 2}, 1, 1, 1, 1, 1, 1);
        is(fullLike(tensor(1.0), 2.5), DType.FLOAT32, new int[] {}, 2.5);
        is(emptyLike(proto), DType.INT64, new int[] {3, 2}, 0, 0, 0, 0, 0, 0);
        assertTrue(zerosLike(proto).isContiguous());
        is(eye(2), DType.FLOAT32, new int[] {2, 2}, 1, 0, 0, 1);
        is(eye(2, 3), DType.FLOAT32, new int[] {2, 3}, 1, 0, 0, 0, 1, 0);
        is(eye(0), DType.FLOAT32, new int[] {0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zeros(2, -1));
        assertEquals("Trying to create tensor with negative dimension -1: [2, -1]. Every size must be 0 or more.",
            e.getMessage());
    }

    @Test
    void integerRanges() {
        is(arange(4), DType.INT64, new int[] {4}, 0, 1, 2, 3);
        is(arange(2, 5), DType.INT64, new int[] {3}, 2, 3, 4);
        is(arange(5, 0, -2), DType.INT64, new int[] {3}, 5, 3, 1);
        is(arange(0), DType.INT64, new int[] {0});
        is(arange(3, 3), DType.INT64, new int[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> arange(3, 1));
        assertTrue(e.getMessage().startsWith("upper bound and larger bound inconsistent with step sign"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> arange(0, 3, 0));
        assertTrue(e.getMessage().contains("step must be nonzero"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> linspace(0, 1, -1));
        assertTrue(e.getMessage().contains("number of steps must be non-negative, got -1"), e.getMessage());
        is(linspace(0, 1, 0), DType.FLOAT32, new int[] {0});
    }

    /** linspace and float arange against torch's values bit for bit (golden/tensor/ranges.txt). */
    @Test
    void floatRangesMatchTorchExactly() throws IOException {
        int checked = 0;
        try (InputStream in = FactoriesTest.class.getResourceAsStream("/golden/tensor/ranges.txt")) {
            assertNotNull(in, "golden/tensor/ranges.txt is missing: run bench/golden/gen_tensor_print.py");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] sides = line.split(" = ", -1);
                String[] call = sides[0].split(" ");
                double[] expected = sides[1].isBlank() ? new double[0]
                    : Arrays.stream(sides[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                double a = Double.parseDouble(call[1]);
                double b = Double.parseDouble(call[2]);
                Tensor t = call[0].equals("linspace") ? linspace(a, b, Integer.parseInt(call[3]))
                    : arange(a, b, Double.parseDouble(call[3]));
                assertEquals(DType.FLOAT32, t.dtype(), line);
                assertArrayEquals(expected, t.toDoubleArray(), sides[0]);
                checked++;
            }
        }
        assertTrue(checked >= 10, "too few range cases: " + checked);
    }

    @Test
    void randomFactoriesAreSeededAndInRange() {
        manualSeed(42);
        Tensor a = randn(1000);
        Tensor u = rand(3, 4);
        Tensor i = randint(-3, 4, 500);
        Tensor p = randperm(50);
        manualSeed(42);
        assertArrayEquals(a.toFloatArray(), randn(1000).toFloatArray(), "same seed, same normals");
        assertArrayEquals(u.toFloatArray(), rand(3, 4).toFloatArray());
        assertArrayEquals(i.toLongArray(), randint(-3, 4, 500).toLongArray());
        assertArrayEquals(p.toLongArray(), randperm(50).toLongArray());
        manualSeed(43);
        assertTrue(!Arrays.equals(a.toFloatArray(), randn(1000).toFloatArray()), "another seed, other values");
        is(randn(2, 0), DType.FLOAT32, new int[] {2, 0});
        assertEquals(DType.FLOAT32, a.dtype());
        assertEquals(DType.INT64, i.dtype());
        assertEquals(DType.INT64, p.dtype());
        double mean = a.mean().item();
        double std = a.std().item();
        assertTrue(Math.abs(mean) < 0.1 && Math.abs(std - 1) < 0.1, "randn mean " + mean + " std " + std);
        for (double v : rand(1000).toDoubleArray()) {
            assertTrue(v >= 0 && v < 1, "rand value " + v);
        }
        long[] ints = i.toLongArray();
        assertTrue(Arrays.stream(ints).allMatch(v -> v >= -3 && v < 4));
        assertTrue(Arrays.stream(ints).distinct().count() == 7, "all 7 values of [-3, 4) appear in 500 draws");
        long[] perm = p.toLongArray().clone();
        Arrays.sort(perm);
        assertArrayEquals(arange(50).toLongArray(), perm);
        assertArrayEquals(new int[] {0}, randperm(0).shapeArray());
        Tensor like = randnLike(zeros(DType.FLOAT64, 2, 3));
        assertEquals(DType.FLOAT64, like.dtype());
        assertArrayEquals(new int[] {2, 3}, randLike(like).shapeArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> randint(3, 3, 2));
        assertEquals("randint: low (3) must be less than high (3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> randperm(-1));
        assertEquals("randperm: n must be non-negative, got -1", e.getMessage());
    }
}
