package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.backend.cuda.OnGpu.assertSame;
import static org.workbook.backend.cuda.OnGpu.sameLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.backend.BinaryOp;
import org.workbook.backend.UnaryOp;
import org.workbook.ops.Elementwise;
import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Gen;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Every primitive on the GPU against the CPU backend, on seeded random shapes (0- and
 * 1-sized dims), broadcasting, and every view layout (transposed, stepped, reversed,
 * expanded, offset). Skipped, with the reason, where there is no GPU.
 */
class CudaOpsTest {
    static final DType[] NUMERIC = {DType.FLOAT32, DType.FLOAT64, DType.INT64};

    static Stream<Arguments> seedsAndTypes() {
        return IntStream.range(0, 12).boxed().flatMap(s -> Stream.of(NUMERIC).map(t -> Arguments.of(s, t)));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("seedsAndTypes")
    void unaryOps(int seed, DType dt) {
        Device d = OnGpu.device();
        Gen g = new Gen(seed);
        Tensor x = g.tensor(dt, g.shape(0, 4));
        Tensor xd = sameLayout(x, d);
        for (UnaryOp op : UnaryOp.values()) {
            double p1 = op == UnaryOp.CLAMP ? -0.5 : op == UnaryOp.POW_SCALAR ? 2 : 0.1;
            double p2 = op == UnaryOp.CLAMP ? 0.75 : 0;
            Tensor expected;
            try {
                expected = Elementwise.unary(op, p1, p2, x);
            } catch (IllegalArgumentException refused) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Elementwise.unary(op, p1, p2, xd), op + " is refused on the GPU too");
                assertEquals(refused.getMessage(), e.getMessage());
                continue;
            }
            assertSame(op + " of " + Gen.describe(x), expected, Elementwise.unary(op, p1, p2, xd));
        }
        assertSame("clamp with no lower bound", x.clamp(Double.NaN, 1), xd.clamp(Double.NaN, 1));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("seedsAndTypes")
    void binaryOpsBroadcast(int seed, DType dt) {
        Device d = OnGpu.device();
        Gen g = new Gen(seed);
        int[] s = g.shape(0, 4);
        Tensor a = g.tensor(dt, s);
        Tensor b = g.tensor(dt, g.partner(s));
        Tensor ad = sameLayout(a, d);
        Tensor bd = sameLayout(b, d);
        for (BinaryOp op : BinaryOp.values()) {
            String what = op + " " + Gen.describe(a) + " with " + Gen.describe(b);
            Tensor ea = op.isLogical() ? a.bool() : a;
            Tensor eb = op.isLogical() ? b.bool() : b;
            // Integer pow with negative exponents truncates on both, as torch ([2, 4] ** [-1, 2] is [0, 16]).
            Tensor expected = Elementwise.binary(op, ea, eb);
            assertSame(what, expected, Elementwise.binary(op, op.isLogical() ? ad.bool() : ad,
                op.isLogical() ? bd.bool() : bd));
        }
        assertSame("a + 2.5 (a Java number)", a.add(2.5), ad.add(2.5));
        assertSame("3 - a (a 0-d CPU tensor first)", Tensor.scalar(3, dt).sub(a), Tensor.scalar(3, dt).sub(ad));
        assertSame("a / b (true division)", a.div(b), ad.div(bd));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("seedsAndTypes")
    void inPlaceAndCopies(int seed, DType dt) {
        Device d = OnGpu.device();
        Gen g = new Gen(seed);
        int[] s = g.shape(1, 4);
        Tensor a = g.writable(dt, s);
        Tensor b = g.tensor(dt, g.partner(s));
        Tensor ad = sameLayout(a, d);
        a.mul_(b);
        ad.mul_(sameLayout(b, d));
        assertSame("mul_ into " + Gen.describe(a), a, ad);
        for (DType to : DType.values()) {
            assertSame(dt + " to " + to, a.to(to), ad.to(to));
        }
        Tensor c = Tensors.zeros(s).to(dt);
        Tensor cd = c.to(d);
        cd.copy_(b.expand(s));
        c.copy_(b.expand(s));
        assertSame("copy_ from a CPU tensor", c, cd);
        assertSame("fill_", c.fill_(7), cd.fill_(7));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("seedsAndTypes")
    void whereAndCompare(int seed, DType dt) {
        Device d = OnGpu.device();
        Gen g = new Gen(seed);
        int[] s = g.shape(0, 4);
        Tensor a = g.tensor(dt, s);
        Tensor b = g.tensor(dt, g.partner(s));
        Tensor cond = a.gt(b);
        Tensor cd = sameLayout(a, d).gt(sameLayout(b, d));
        assertSame("a > b", cond, cd);
        assertSame("where(a > b, a, b)", Tensor.where(cond, a, b), Tensor.where(cd, sameLayout(a, d),
            sameLayout(b, d)));
        assertSame("where with a scalar", Tensors.where(cond, a, 0), Tensors.where(cd, sameLayout(a, d), 0));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("seedsAndTypes")
    void reductions(int seed, DType dt) {
        Device d = OnGpu.device();
        Gen g = new Gen(seed);
        Tensor x = g.tensor(dt, g.shape(1, 4));
        Tensor xd = sameLayout(x, d);
        int dim = g.rnd.nextInt(x.ndim());
        int[] dims = g.rnd.nextBoolean() ? new int[] {dim} : IntStream.range(0, x.ndim()).filter(i -> i != dim)
            .toArray();
        String what = Gen.describe(x) + " over " + java.util.Arrays.toString(dims);
        assertSame("sum " + what, x.sum(dims, true), xd.sum(dims, true));
        assertSame("sum all " + what, x.sum(), xd.sum());
        assertSame("all " + what, x.all(dim), xd.all(dim));
        if (dt.isFloatingPoint()) {
            assertSame("mean " + what, x.mean(dims, false), xd.mean(dims, false));
            assertSame("var " + what, x.var(dims, true, false), xd.var(dims, true, false));
            assertSame("std " + what, x.std(dims, false, true), xd.std(dims, false, true));
        }
        assertSame("prod " + what, x.prod(dim, false), xd.prod(dim, false));
        if (x.size(dim) > 0) {
            assertSame("max values " + what, x.max(dim).values(), xd.max(dim).values());
            assertSame("max indices " + what, x.max(dim).indices(), xd.max(dim).indices());
            assertSame("argmin " + what, x.argmin(dim, true), xd.argmin(dim, true));
        }
    }

    /** One output from tens of thousands of elements goes through partial sums per chunk (CudaReduce.split). */
    @ParameterizedTest(name = "{0} elements")
    @org.junit.jupiter.params.provider.ValueSource(ints = {16384, 24653, 40000})
    void wholeTensorReductionsOverManyElements(int n) {
        Device d = OnGpu.device();
        Tensor x = OnGpu.randn(n, n);
        Tensor xd = x.to(d);
        assertSame("sum", x.sum(), xd.sum(), 10);
        assertSame("mean", x.mean(), xd.mean(), 10);
        assertSame("max", x.max(), xd.max());
        assertSame("min of a stepped view", x.get("::3").min(), xd.get("::3").min());
        Tensor ints = Tensors.arange(n);
        assertSame("int64 sum", ints.sum(), ints.to(d).sum());
        assertSame("all", x.ne(0).all(), xd.ne(0).all());
    }

    static Stream<Arguments> matmulShapes() {
        List<Arguments> out = new ArrayList<>();
        int[][] mnk = {{1, 1, 1}, {0, 3, 2}, {3, 0, 2}, {2, 3, 0}, {3, 130, 7}, {129, 131, 9}, {64, 10, 784},
            {256, 300, 33}, {128, 128, 8}, {5, 1, 300}};
        for (int[] s : mnk) {
            for (DType t : NUMERIC) {
                out.add(Arguments.of(s[0], s[1], s[2], t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{2} @ {2}x{1} {3}")
    @MethodSource("matmulShapes")
    void matmulEveryOperandForm(int m, int n, int k, DType dt) {
        Device d = OnGpu.device();
        Gen g = new Gen(m * 31L + n * 7L + k);
        Tensor a = g.tensor(dt, Gen.Layout.CONTIGUOUS, m, k);
        Tensor b = g.tensor(dt, Gen.Layout.CONTIGUOUS, k, n);
        Tensor at = g.tensor(dt, Gen.Layout.CONTIGUOUS, k, m).t();
        Tensor bt = g.tensor(dt, Gen.Layout.CONTIGUOUS, n, k).t();
        Tensor astep = g.tensor(dt, Gen.Layout.STEPPED, m, k);
        // Our kernels, then cuBLAS where it loads (the default path then).
        for (boolean cublas : new boolean[] {false, true}) {
            Cuda.setCublasEnabled(cublas);
            try {
                for (Tensor[] p : new Tensor[][] {{a, b}, {at, b}, {a, bt}, {at, bt}, {astep, b}}) {
                    // Sums of k products in another order: the tolerance grows with k.
                    OnGpu.assertSame("matmul " + Gen.describe(p[0]) + " @ " + Gen.describe(p[1]) + (cublas
                        ? " (cuBLAS: " + (Cuda.cublasStatus(0).isEmpty() ? "on" : Cuda.cublasStatus(0)) + ")" : ""),
                        p[0].matmul(p[1]), sameLayout(p[0], d).matmul(sameLayout(p[1], d)), Math.max(1, k / 16.0));
                }
            } finally {
                Cuda.setCublasEnabled(true);
            }
        }
        Tensor batched = g.tensor(dt, 3, m, k);
        // The same sums of k products in another order as above: the same k-scaled tolerance.
        OnGpu.assertSame("batched matmul", batched.matmul(b), sameLayout(batched, d).matmul(sameLayout(b, d)),
            Math.max(1, k / 16.0));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void indexingAndJoining(int seed) {
        Device d = OnGpu.device();
        Gen g = new Gen(seed);
        Tensor x = g.tensor(DType.FLOAT32, 2 + g.rnd.nextInt(5), 1 + g.rnd.nextInt(4));
        Tensor xd = sameLayout(x, d);
        Tensor idx = Tensors.tensor(0, x.size(0) - 1, 0, 1 % x.size(0));
        assertSame("x[idx]", x.get(idx), xd.get(idx.to(d)));
        assertSame("x[:, 0]", x.get(":, 0"), xd.get(":, 0"));
        Tensor mask = x.gt(0);
        assertSame("x[x > 0]", x.get(mask), xd.get(mask.to(d)));
        Tensor y = x.clone();
        Tensor yd = xd.clone();
        y.set(mask, 0.0);
        yd.set(mask.to(d), 0.0);
        assertSame("x[x > 0] = 0", y, yd);
        assertSame("cat", Tensors.cat(x, y), Tensors.cat(xd, yd));
        assertSame("stack on dim 1", Tensors.stack(List.of(x, y), 1), Tensors.stack(List.of(xd, yd), 1));
    }

    static IntStream seeds() {
        return IntStream.range(0, 8);
    }

    @Test
    void devicesMoveAndPrint() {
        Device d = OnGpu.device();
        Tensor x = Tensors.tensor(1, 2, 3).to(d);
        assertEquals("tensor([1, 2, 3], device='cuda:0')", x.toString());
        assertEquals(d, x.device());
        assertEquals(Device.CPU, x.cpu().device());
        assertEquals(6, x.sum().longItem());
        assertEquals("tensor([1., 2.], device='cuda:0', dtype=torch.float64)", Tensors.tensor(1.0, 2.0).toDouble()
            .cuda().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.add(Tensors.tensor(1, 2, 3)));
        assertTrue(e.getMessage().startsWith("Expected all tensors to be on the same device, but found at least two "
            + "devices, cuda:0 and cpu!"), e.getMessage());
        assertSame("0-d CPU tensor with a GPU one", Tensors.tensor(2, 3, 4), x.add(Tensor.scalar(1, DType.INT64)));
        float[] values = Tensors.arange(6).toFloat().reshape(2, 3).to(d).t().toFloatArray();
        assertEquals("[0.0, 3.0, 1.0, 4.0, 2.0, 5.0]", java.util.Arrays.toString(values));
    }
}
