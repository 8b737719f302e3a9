package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions over everything, one dim or several (negative dims, keepdim), on random
 * shapes and layouts; values are coarse so max/min ties happen and the first index
 * must win. The reference gathers each output's elements by multi-index.
 */
class ReductionsTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 150).boxed();
    }

    static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.BOOL};

    /** The elements reduced into output index o (in row-major order of the reduced dims). */
    static double[] gather(Tensor x, boolean[] red, int[] o, boolean keepdim) {
        int n = x.ndim();
        int[] rshape = new int[n];
        for (int d = 0; d < n; d++) {
            rshape[d] = red[d] ? x.size(d) : 1;
        }
        List<Double> vals = new ArrayList<>();
        Ref.forEach(rshape, r -> {
            int[] idx = new int[n];
            int k = 0;
            for (int d = 0; d < n; d++) {
                if (red[d]) {
                    idx[d] = r[d];
                    if (keepdim) {
                        k++;
                    }
                } else {
                    idx[d] = o[k++];
                }
            }
            vals.add(x.getDouble(idx));
        });
        return vals.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static int[] outShape(int[] shape, boolean[] red, boolean keepdim) {
        List<Integer> s = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (!red[d]) {
                s.add(shape[d]);
            } else if (keepdim) {
                s.add(1);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    static double var(double[] v, int correction) {
        double m = mean(v);
        return Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(0, v.length - correction);
    }

    static int argExt(double[] v, boolean max) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (max ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sumMeanVarStdProdAllAny(long seed) {
        Gen g = new Gen(seed);
        g.coarse = seed % 2 == 0;
        DType dt = TYPES[(int) (seed % TYPES.length)];
        int[] shape = g.shape(0, 4);
        Tensor x = g.tensor(dt, shape);
        int n = shape.length;
        boolean[] red = new boolean[n];
        int mode = (int) (seed / 5 % 3);
        int[] dims;
        if (mode == 0 || n == 0) {
            Arrays.fill(red, true);
            dims = null;
        } else {
            List<Integer> ds = new ArrayList<>();
            for (int d = 0; d < n; d++) {
                if ((mode == 1 && ds.isEmpty() && (d == n - 1 || g.rnd.nextInt(n) == 0)) || (mode == 2 && g.rnd.nextBoolean())) {
                    red[d] = true;
                    ds.add(g.rnd.nextBoolean() ? d : d - n);
                }
            }
            java.util.Collections.shuffle(ds, g.rnd);
            dims = ds.stream().mapToInt(Integer::intValue).toArray();
            if (dims.length == 0) {
                Arrays.fill(red, true); // an empty dim list reduces everything, as torch's sum(dim=[])
            }
        }
        boolean keepdim = dims != null && g.rnd.nextBoolean();
        int[] os = outShape(shape, red, keepdim);
        String w = Gen.describe(x) + " dims " + Arrays.toString(dims) + (keepdim ? " keepdim" : "");
        DType sumType = dt.isFloatingPoint() ? dt : DType.INT64;
        DType meanType = dt.isFloatingPoint() ? dt : DType.FLOAT32;
        double atol = 1e-5 * (1 + x.numel());
        Tensor sum = dims == null ? x.sum() : x.sum(dims, keepdim);
        Ref.check("sum " + w, sum, sumType, os, o -> Arrays.stream(gather(x, red, o, keepdim)).sum(), 1e-6, atol);
        if (!dt.isFloatingPoint()) {
            // torch: mean/var/std of integers and bools are refused (convert first), with its words.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> {
                    Tensor unused = dims == null ? x.mean() : x.mean(dims, keepdim);
                });
            assertTrue(e.getMessage().startsWith("mean(): could not infer output dtype."), e.getMessage());
            assertThrows(IllegalArgumentException.class, x::var);
            assertThrows(IllegalArgumentException.class, x::std);
        } else {
            Tensor mean = dims == null ? x.mean() : x.mean(dims, keepdim);
            Ref.check("mean " + w, mean, meanType, os, o -> mean(gather(x, red, o, keepdim)), 1e-6, 1e-5);
        }
        Tensor prod = dims == null ? x.prod() : dims.length == 1 ? x.prod(dims[0], keepdim) : null;
        if (prod != null) {
            Ref.check("prod " + w, prod, sumType, os,
                o -> Arrays.stream(gather(x, red, o, keepdim)).reduce(1, (a, b) -> a * b), 1e-6, 0);
        }
        if (dt.isFloatingPoint()) {
            boolean unbiased = seed % 3 != 0;
            Tensor var = dims == null ? (unbiased ? x.var() : x.var(new int[0], false, false))
                : x.var(dims, unbiased, keepdim);
            Ref.check("var " + w, var, meanType, os, o -> var(gather(x, red, o, keepdim), unbiased ? 1 : 0), 1e-5, 1e-6);
            Tensor std = dims == null ? x.std() : x.std(dims, unbiased, keepdim);
            Ref.check("std " + w, std, meanType, os, o -> Math.sqrt(var(gather(x, red, o, keepdim), dims == null ? 1
                : unbiased ? 1 : 0)), 1e-5, 1e-6);
        }
        if (dims == null || dims.length == 1) {
            Tensor all = dims == null ? x.all() : x.all(dims[0]);
            Tensor any = dims == null ? x.any() : x.any(dims[0]);
            int[] os1 = outShape(shape, red, false);
            Ref.check("all " + w, all, DType.BOOL, os1, o -> Arrays.stream(gather(x, red, o, false)).allMatch(v -> v != 0)
                ? 1 : 0);
            Ref.check("any " + w, any, DType.BOOL, os1, o -> Arrays.stream(gather(x, red, o, false)).anyMatch(v -> v != 0)
                ? 1 : 0);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void maxMinValuesIndicesFirstOnTies(long seed) {
        Gen g = new Gen(seed + 7000);
        g.coarse = true;
        DType dt = TYPES[(int) (seed % 4)];
        int[] shape = g.shape(0, 4);
        for (int d = 0; d < shape.length; d++) {
            shape[d] = Math.max(1, shape[d]);
        }
        Tensor x = g.tensor(dt, shape);
        int n = shape.length;
        double[] all = Ref.values(x);
        assertEquals(all[argExt(all, true)], x.max().item(), Gen.describe(x));
        assertEquals(all[argExt(all, false)], x.min().item(), Gen.describe(x));
        assertEquals(argExt(all, true), x.argmax().item(), "argmax() of " + Gen.describe(x));
        assertEquals(argExt(all, false), x.argmin().item(), "argmin() of " + Gen.describe(x));
        assertEquals(dt, x.max().dtype());
        assertEquals(0, x.max().ndim());
        if (n == 0) {
            assertEquals(0.0, x.argmax(0).item());
            return;
        }
        int dim = g.rnd.nextInt(n);
        int given = g.rnd.nextBoolean() ? dim : dim - n;
        boolean keepdim = g.rnd.nextBoolean();
        boolean[] red = new boolean[n];
        red[dim] = true;
        int[] os = outShape(shape, red, keepdim);
        String w = Gen.describe(x) + " dim " + given + (keepdim ? " keepdim" : "");
        for (boolean max : new boolean[] {true, false}) {
            ValuesIndices vi = max ? x.max(given, keepdim) : x.min(given, keepdim);
            Ref.check((max ? "max" : "min") + " values " + w, vi.values(), dt, os,
                o -> gather(x, red, o, keepdim)[argExt(gather(x, red, o, keepdim), max)]);
            Ref.check((max ? "max" : "min") + " indices " + w, vi.indices(), DType.INT64, os,
                o -> argExt(gather(x, red, o, keepdim), max));
            Tensor arg = max ? x.argmax(given, keepdim) : x.argmin(given, keepdim);
            Ref.same("arg " + w, vi.indices(), arg);
        }
    }

    @Test
    void emptyAndScalarInputs() {
        assertEquals(0.0, zeros(0).sum().item());
        assertEquals(1.0, zeros(0).prod().item());
        assertTrue(Double.isNaN(zeros(0).mean().item()));
        assertTrue(Double.isNaN(tensor(2.0, 2.0).get(":1").var().item()), "unbiased var of one element is nan");
        assertEquals(0.0, tensor(2.0, 2.0).get(":1").var(new int[] {0}, false, false).item());
        assertArrayEquals(new int[] {3}, zeros(0, 3).sum(0).shapeArray());
        assertArrayEquals(new double[] {0, 0, 0}, zeros(0, 3).sum(0).toDoubleArray());
        assertArrayEquals(new int[] {0}, zeros(0, 3).sum(1).shapeArray());
        assertArrayEquals(new int[] {1, 3}, zeros(0, 3).sum(0, true).shapeArray());
        Tensor s = tensor(3.0);
        assertEquals(3.0, s.sum(0).item(), "a 0-d tensor takes dim 0, as torch");
        assertEquals(3.0, s.mean(-1).item());
        assertArrayEquals(new int[] {}, s.sum(0, true).shapeArray());
        assertEquals(0.0, s.max(0).indices().item());
        assertEquals(3.0, s.max(0).values().item());
        assertTrue(tensor(true, true).all().item() != 0);
        assertTrue(zeros(0).all().item() != 0, "all() of nothing is true");
        assertTrue(zeros(0).any().item() == 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zeros(0).max());
        assertTrue(e.getMessage().startsWith("max(): Expected reduction dim to be specified for input.numel() == 0"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 0).argmax(1));
        assertTrue(e.getMessage().startsWith("argmax(): Expected reduction dim 1 to have non-zero size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(2, 0).min(-1));
        assertTrue(e.getMessage().startsWith("min(): Expected reduction dim 1 to have non-zero size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> zeros(0, 2).argmax());
        assertArrayEquals(new int[] {0}, zeros(0, 2).max(1).values().shapeArray(), "reducing a non-empty dim is fine");
        assertArrayEquals(new int[] {0}, zeros(0, 2).argmin(1).shapeArray());
    }

    @Test
    void int64ExtremesAreExact() {
        Tensor big = tensor(9007199254740993L, 9007199254740992L, -9007199254740993L);
        assertEquals(9007199254740993L, big.max().longItem());
        assertEquals(0.0, big.argmax().item(), "2^53 + 1 beats 2^53 (they tie as doubles)");
        assertEquals(-9007199254740993L, big.min().longItem());
        assertEquals(9007199254740993L, big.view(1, 3).max(1).values().longItem());
        assertEquals(9007199254740993L + 9007199254740992L - 9007199254740993L, big.sum().longItem());
    }

    @Test
    void nanPropagatesAndDimErrors() {
        Tensor x = tensor(1.0, Double.NaN, 3.0);
        assertTrue(Double.isNaN(x.max().item()));
        assertTrue(Double.isNaN(x.sum().item()));
        assertEquals(1.0, x.argmax().item(), "torch's argmax points at the NaN");
        assertEquals(1.0, x.argmin().item());
        Tensor m = zeros(2, 3);
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class, () -> m.sum(2));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)", o.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.sum(1, -1));
        assertTrue(e.getMessage().startsWith("dim 1 appears multiple times in the list of dims"), e.getMessage());
        assertEquals("torch.return_types.max(\nvalues=tensor([0., 0.]),\nindices=tensor([0, 0]))", m.max(1).toString());
    }
}
