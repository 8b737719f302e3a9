package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.function.DoubleBinaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * In-place ops (trailing underscore) on every writable layout: they write exactly
 * the view's elements, broadcast the operand, convert it to the target's dtype,
 * and read operands that alias the target as they were before the write.
 */
class InPlaceOpsTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 80).boxed();
    }

    static final DType[] SELF = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32};

    @ParameterizedTest
    @MethodSource("seeds")
    void broadcastOperandIntoView(long seed) {
        Gen g = new Gen(seed);
        DType dt = SELF[(int) (seed % SELF.length)];
        DType ot = dt.isFloatingPoint() ? BinaryOpsTest.TYPES[g.rnd.nextInt(6)] : g.rnd.nextBoolean() ? DType.INT64
            : DType.UINT8;
        int[] shape = g.shape(0, 4);
        Tensor x = g.writable(dt, shape);
        int[] os = g.partner(shape);
        if (os.length > shape.length) {
            os = java.util.Arrays.copyOfRange(os, 1, os.length);
        }
        Tensor o = g.tensor(ot, os);
        int op = (int) (seed / SELF.length % (dt.isFloatingPoint() ? 4 : 3));
        double[] before = Ref.values(x);
        double[] storage = UnaryOpsTest.storage(x);
        DoubleBinaryOperator f;
        Tensor r;
        switch (op) {
            case 0: r = x.add_(o); f = (a, b) -> a + b; break;
            case 1: r = x.sub_(o); f = (a, b) -> a - b; break;
            case 2: r = x.mul_(o); f = (a, b) -> a * b; break;
            default: r = x.div_(o); f = (a, b) -> a / b;
        }
        assertSame(x, r);
        int[] k = {0};
        // The operand is converted to the target's dtype (computation in the target's type).
        Ref.check("op " + op + " of " + Gen.describe(x) + " with " + Gen.describe(o), x, dt, shape,
            i -> f.applyAsDouble(before[k[0]++], Ref.cast(Ref.at(o, i), dt)), Ref.rtol(dt), 1e-7);
        UnaryOpsTest.untouchedOutside(x, storage);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void scalarOperandIntoView(long seed) {
        Gen g = new Gen(seed + 500);
        DType dt = SELF[(int) (seed % SELF.length)];
        int[] shape = g.shape(0, 4);
        Tensor x = g.writable(dt, shape);
        double s = dt.isFloatingPoint() ? 0.375 : 3;
        double[] before = Ref.values(x);
        int[] k = {0};
        // A Python int for integer tensors (a float would be refused: float can't be cast to int in place).
        boolean integral = !dt.isFloatingPoint();
        switch ((int) (seed / 4 % 3)) {
            case 0: if (integral) { x.add_(3); } else { x.add_(s); }
                Ref.check("add_", x, dt, shape, i -> before[k[0]++] + s); break;
            case 1: if (integral) { x.sub_(3); } else { x.sub_(s); }
                Ref.check("sub_", x, dt, shape, i -> before[k[0]++] - s); break;
            default: if (integral) { x.mul_(3); } else { x.mul_(s); }
                Ref.check("mul_", x, dt, shape, i -> before[k[0]++] * s);
        }
    }

    /** Operands that share storage with the target are read as they were before the update. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aliasedOperands(long seed) {
        Gen g = new Gen(seed + 900);
        int n = 1 + g.rnd.nextInt(4);
        Tensor x = g.writable(DType.FLOAT64, n, n);
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] = x.getDouble(i, j);
            }
        }
        int kind = (int) (seed % 4);
        switch (kind) {
            case 0: x.add_(x); break;
            case 1: x.mul_(x.t()); break;
            case 2: x.sub_(reversed(x)); break;
            default: x.copy_(x.t()); break;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double e = kind == 0 ? 2 * v[i][j] : kind == 1 ? v[i][j] * v[j][i]
                    : kind == 2 ? v[i][j] - v[n - 1 - i][n - 1 - j] : v[j][i];
                assertEquals(e, x.getDouble(i, j), "kind " + kind + " at " + i + "," + j + " of " + Gen.describe(x));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fillZeroAndCopy(long seed) {
        Gen g = new Gen(seed + 1300);
        DType dt = SELF[(int) (seed % SELF.length)];
        int[] shape = g.shape(0, 4);
        Tensor x = g.writable(dt, shape);
        double[] storage = UnaryOpsTest.storage(x);
        x.fill_(2.75);
        Ref.check("fill_", x, dt, shape, i -> 2.75);
        UnaryOpsTest.untouchedOutside(x, storage);
        x.zero_();
        Ref.check("zero_", x, dt, shape, i -> 0);
        int[] ss = g.partner(shape);
        if (ss.length > shape.length) {
            ss = java.util.Arrays.copyOfRange(ss, 1, ss.length);
        }
        Tensor src = g.tensor(BinaryOpsTest.TYPES[g.rnd.nextInt(6)], ss);
        assertSame(x, x.copy_(src));
        Ref.check("copy_ from " + Gen.describe(src), x, dt, shape, i -> Ref.at(src, i));
        UnaryOpsTest.untouchedOutside(x, storage);
    }

    @Test
    void dtypeRulesFollowTorchCanCast() {
        Tensor f = zeros(3);
        f.add_(tensor(DType.FLOAT64, 1.5, 2.5, 3.5));
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, f.toFloatArray(), "float32.add_(float64) narrows");
        Tensor i32 = Tensors.fromArray(new int[] {1, 2, 3}, 3);
        i32.mul_(tensor(2, 3, 4));
        assertEquals(DType.INT32, i32.dtype());
        assertArrayEquals(new long[] {2, 6, 12}, i32.toLongArray());
        Tensor l = arange(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.add_(tensor(0.5, 0.5, 0.5)));
        assertTrue(e.getMessage().startsWith("result type Float can't be cast to the desired output type Long"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.add_(0.5));
        assertTrue(e.getMessage().startsWith("result type Float can't be cast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.div_(2));
        assertTrue(e.getMessage().contains("(in-place div"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensor(true, false).add_(tensor(1, 1)));
        assertTrue(e.getMessage().startsWith("result type Long can't be cast to the desired output type Bool"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.pow_(0.5));
        assertTrue(e.getMessage().startsWith("Found dtype Long but expected Float"), e.getMessage());
    }

    @Test
    void shapeAndOverlapErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zeros(3).add_(zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("output with shape [3] doesn't match the broadcast shape [2, 3]"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> zeros(3).add_(zeros(4)));
        assertTrue(e.getMessage().contains("The size of tensor a (3) must match the size of tensor b (4) at "
            + "non-singleton dimension 0"), e.getMessage());
        Tensor ex = zeros(1).expand(3);
        e = assertThrows(IllegalArgumentException.class, () -> ex.add_(1));
        assertTrue(e.getMessage().startsWith("unsupported operation: more than one element of the written-to tensor "
            + "refers to a single memory location. Please clone() the tensor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ex.relu_());
        ex.fill_(1); // torch allows fill_ through a broadcast view
        assertArrayEquals(new double[] {1, 1, 1}, ex.toDoubleArray());
    }

    /** x with both dims reversed, as a negative-stride view (torch's slicing refuses ::-1; layouts still occur). */
    static Tensor reversed(Tensor x) {
        int[] st = x.stride();
        int n0 = x.size(0);
        int n1 = x.size(1);
        return Tensor.asStrided(x, new int[] {n0, n1}, new int[] {-st[0], -st[1]},
            x.offset() + (n0 - 1) * st[0] + (n1 - 1) * st[1]);
    }
}
