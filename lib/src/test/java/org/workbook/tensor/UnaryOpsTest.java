package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every unary op, on random shapes and layouts of each dtype, against a double-precision reference. */
class UnaryOpsTest {
    /** An op, its reference, and whether integer input gives float32 (true) or keeps its dtype (false). */
    record Op(String name, UnaryOperator<Tensor> f, DoubleUnaryOperator ref, boolean toFloat, boolean ints) {
        @Override
        public String toString() {
            return name;
        }
    }

    static double sign(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0; // torch: sign(nan) = 0
    }

    static final List<Op> OPS = List.of(
        new Op("neg", Tensor::neg, x -> -x, false, true),
        new Op("abs", Tensor::abs, Math::abs, false, true),
        new Op("exp", Tensor::exp, Math::exp, true, true),
        new Op("log", Tensor::log, Math::log, true, true),
        new Op("sqrt", Tensor::sqrt, Math::sqrt, true, true),
        new Op("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), true, true),
        new Op("relu", Tensor::relu, x -> x < 0 ? 0 : x, false, true), // keeps -0. and nan, as torch
        new Op("tanh", Tensor::tanh, Math::tanh, true, true),
        new Op("sin", Tensor::sin, Math::sin, true, true),
        new Op("cos", Tensor::cos, Math::cos, true, true),
        new Op("square", Tensor::square, x -> x * x, false, true),
        new Op("reciprocal", Tensor::reciprocal, x -> 1 / x, true, true),
        new Op("log1p", Tensor::log1p, Math::log1p, true, true),
        new Op("expm1", Tensor::expm1, Math::expm1, true, true),
        new Op("sign", Tensor::sign, UnaryOpsTest::sign, false, true),
        new Op("floor", Tensor::floor, Math::floor, false, true),
        new Op("ceil", Tensor::ceil, Math::ceil, false, true),
        new Op("round", Tensor::round, Math::rint, false, true),
        new Op("leakyRelu(0.1)", x -> x.leakyRelu(0.1), x -> x > 0 ? x : x * 0.1, false, false),
        new Op("clamp(-1, 2)", x -> x.clamp(-1, 2), x -> x != x ? x : Math.min(2, Math.max(-1, x)), false, true),
        new Op("clampMin(0.5)", x -> x.clampMin(0.5), x -> x != x ? x : Math.max(0.5, x), true, true),
        new Op("clampMax(-0.5)", x -> x.clampMax(-0.5), x -> x != x ? x : Math.min(-0.5, x), true, true),
        new Op("clip(0, 1)", x -> x.clip(0, 1), x -> x != x ? x : Math.min(1, Math.max(0, x)), false, true),
        new Op("pow(2)", x -> x.pow(2), x -> x * x, false, true),
        new Op("pow(3)", x -> x.pow(3), x -> x * x * x, false, true),
        new Op("pow(0)", x -> x.pow(0), x -> 1, false, true),
        new Op("pow(0.5)", x -> x.pow(0.5), x -> Math.pow(x, 0.5), true, true),
        new Op("pow(-1.5)", x -> x.pow(-1.5), x -> Math.pow(x, -1.5), true, true),
        new Op("pow(-2) float", x -> x.pow(-2), x -> Math.pow(x, -2), false, false));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        DType[] types = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32};
        for (Op op : OPS) {
            for (DType dt : types) {
                if (!dt.isFloatingPoint() && !op.ints) {
                    continue;
                }
                for (int seed = 0; seed < 6; seed++) {
                    out.add(Arguments.of(op, dt, (long) seed));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void matchesReference(Op op, DType dt, long seed) {
        Gen g = new Gen(seed * 31 + op.name.hashCode());
        int[] shape = g.shape(0, 4);
        Tensor x = g.tensor(dt, shape);
        Tensor y = op.f.apply(x);
        DType expected = op.toFloat && !dt.isFloatingPoint() ? DType.FLOAT32 : dt;
        // Float32 results are float32 roundings of the double result of the float32 input.
        Ref.check(op + " of " + Gen.describe(x), y, expected, shape, i -> op.ref.applyAsDouble(x.getDouble(i)),
            Ref.rtol(expected), expected == DType.FLOAT32 ? 1e-7 : 1e-15);
    }

    @Test
    void specialValuesFollowTorch() {
        Tensor x = tensor(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, -2.5, 2.5);
        assertArrayEquals(new double[] {0, 1, -1, 0, 0, -1, 1}, x.sign().toDoubleArray());
        assertEquals(1 / 0.0, 1 / x.sign().getDouble(3), "sign(-0.) prints as 0., as torch");
        assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -0.0, 0, 0, 2.5}, x.relu().toDoubleArray());
        assertArrayEquals(new double[] {Double.NaN, 1, -1, -0.0, 0, -1, 1}, x.clamp(-1, 1).toDoubleArray());
        assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, 1, 1, Math.exp(-2.5), Math.exp(2.5)},
            x.exp().toDoubleArray(), 1e-6);
        assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Math.log(2.5)}, x.log().toDoubleArray(), 1e-6);
        assertArrayEquals(new double[] {Double.NaN, 1, 0, 0.5, 0.5}, tensor(Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, 0.0).sigmoid().toDoubleArray());
        assertArrayEquals(new double[] {-2, 2, -0.0, 0, 4}, tensor(-2.5, 2.5, -0.5, 0.5, 3.5).round().toDoubleArray(),
            "round half to even, as torch");
        assertEquals(-1 / 0.0, 1 / tensor(-0.5).ceil().item(), "ceil(-0.5) is -0.");
    }

    @Test
    void integerInputs() {
        Tensor i = tensor(-3, 0, 4);
        assertEquals(DType.INT64, i.neg().dtype());
        assertArrayEquals(new long[] {3, 0, -4}, i.neg().toLongArray());
        assertArrayEquals(new long[] {9, 0, 16}, i.pow(2).toLongArray());
        assertEquals(DType.FLOAT32, i.exp().dtype());
        assertEquals(DType.FLOAT32, i.pow(0.5).dtype());
        // torch: an int tensor clamped with float bounds gives float32 values.
        Tensor c = Tensors.arange(5).clamp(0.5, 2.5);
        assertEquals(DType.FLOAT32, c.dtype());
        assertArrayEquals(new double[] {0.5, 1, 2, 2.5, 2.5}, c.toDoubleArray());
        Tensor w = Tensors.arange(5).clamp(1, 3);
        assertEquals(DType.INT64, w.dtype());
        assertArrayEquals(new long[] {1, 1, 2, 3, 3}, w.toLongArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> i.pow(-1));
        assertTrue(e.getMessage().startsWith("Integers to negative integer powers are not allowed"), e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> tensor(true, false).neg());
        assertTrue(b.getMessage().startsWith("Negation, the `-` operator, on a bool tensor is not supported."));
        assertArrayEquals(new float[] {1, 1}, Tensors.ones(2).mul(5).clamp(2, 1).toFloatArray(), "min > max: max, as torch");
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> i.clone().clamp_(0, 1.5));
        // clamp_'s own check names the C++ type, as torch 1.13: "long int"
        assertTrue(f.getMessage().startsWith("result type Float can't be cast to the desired output type long int"),
            f.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> i.leakyRelu(0.1));
        assertTrue(l.getMessage().startsWith("\"leaky_relu_cpu\" not implemented for 'Long'"), l.getMessage());
    }

    static Stream<Arguments> inPlaceCases() {
        List<Arguments> out = new ArrayList<>();
        for (int seed = 0; seed < 40; seed++) {
            out.add(Arguments.of((long) seed));
        }
        return out.stream();
    }

    /** neg_, relu_, pow_, clamp_ on views write exactly the view's elements and nothing else. */
    @ParameterizedTest
    @MethodSource("inPlaceCases")
    void inPlaceUnaryOnViews(long seed) {
        Gen g = new Gen(seed);
        DType dt = seed % 3 == 0 ? DType.FLOAT64 : seed % 3 == 1 ? DType.FLOAT32 : DType.INT64;
        int[] shape = g.shape(0, 4);
        Tensor x = g.writable(dt, shape);
        int which = (int) (seed % 4);
        double[] before = Ref.values(x);
        double[] storageBefore = storage(x);
        Tensor r;
        DoubleUnaryOperator f;
        switch (which) {
            case 0: r = x.neg_(); f = v -> -v; break;
            case 1: r = x.relu_(); f = v -> Math.max(v, 0); break;
            case 2: r = x.pow_(2); f = v -> v * v; break;
            default: {
                double hi = dt.isFloatingPoint() ? 1.5 : 2;
                r = x.clamp_(-1, hi);
                f = v -> Math.min(hi, Math.max(-1, v));
            }
        }
        assertTrue(r == x, "in-place ops return this");
        int[] k = {0};
        Ref.check("op " + which + " in place on " + Gen.describe(x), x, dt, shape,
            i -> f.applyAsDouble(before[k[0]++]), Ref.rtol(dt), 0);
        untouchedOutside(x, storageBefore);
    }

    static double[] storage(Tensor t) {
        Storage s = t.storage();
        double[] out = new double[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getDouble(i);
        }
        return out;
    }

    /** Storage elements the view does not reach still hold their old values. */
    static void untouchedOutside(Tensor view, double[] storageBefore) {
        boolean[] reached = new boolean[storageBefore.length];
        Ref.forEach(view.shapeArray(), i -> reached[view.storageIndex(i)] = true);
        for (int p = 0; p < reached.length; p++) {
            if (!reached[p]) {
                assertEquals(storageBefore[p], view.storage().getDouble(p), "storage element " + p
                    + " outside the view " + Gen.describe(view) + " was written");
            }
        }
    }
}
