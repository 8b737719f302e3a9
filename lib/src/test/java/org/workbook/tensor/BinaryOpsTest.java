package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binary ops, comparisons, logical ops and where, on random broadcast-compatible
 * shape pairs, dtype pairs and layouts, against a reference computed per output
 * element in the promoted type.
 */
class BinaryOpsTest {
    enum Kind { ARITH, PREDICATE, LOGICAL }

    record Op(String name, BinaryOperator<Tensor> f, DoubleBinaryOperator ref, Kind kind, boolean bools) {
        @Override
        public String toString() {
            return name;
        }
    }

    static double b(boolean v) {
        return v ? 1 : 0;
    }

    static final List<Op> OPS = List.of(
        new Op("add", Tensor::add, (x, y) -> x + y, Kind.ARITH, true),
        new Op("sub", Tensor::sub, (x, y) -> x - y, Kind.ARITH, false),
        new Op("mul", Tensor::mul, (x, y) -> x * y, Kind.ARITH, true),
        new Op("div", Tensor::div, (x, y) -> x / y, Kind.ARITH, true),
        new Op("pow", Tensor::pow, Math::pow, Kind.ARITH, false),
        new Op("maximum", Tensor::maximum, (x, y) -> x != x || y != y ? Double.NaN : Math.max(x, y), Kind.ARITH, true),
        new Op("minimum", Tensor::minimum, (x, y) -> x != x || y != y ? Double.NaN : Math.min(x, y), Kind.ARITH, true),
        new Op("lt", Tensor::lt, (x, y) -> b(x < y), Kind.PREDICATE, true),
        new Op("le", Tensor::le, (x, y) -> b(x <= y), Kind.PREDICATE, true),
        new Op("gt", Tensor::gt, (x, y) -> b(x > y), Kind.PREDICATE, true),
        new Op("ge", Tensor::ge, (x, y) -> b(x >= y), Kind.PREDICATE, true),
        new Op("eq", Tensor::eq, (x, y) -> b(x == y), Kind.PREDICATE, true),
        new Op("ne", Tensor::ne, (x, y) -> b(x != y), Kind.PREDICATE, true),
        new Op("logicalAnd", Tensor::logicalAnd, (x, y) -> b(x != 0 && y != 0), Kind.LOGICAL, true),
        new Op("logicalOr", Tensor::logicalOr, (x, y) -> b(x != 0 || y != 0), Kind.LOGICAL, true),
        new Op("logicalXor", Tensor::logicalXor, (x, y) -> b((x != 0) != (y != 0)), Kind.LOGICAL, true));

    static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.UINT8, DType.BOOL};
    /** torch's promotion lattice for these types, as a plain ordering: the later type wins. */
    static final List<DType> ORDER = List.of(DType.BOOL, DType.UINT8, DType.INT32, DType.INT64, DType.FLOAT32,
        DType.FLOAT64);

    static DType promote(DType a, DType b) {
        return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Op op : OPS) {
            for (int seed = 0; seed < 24; seed++) {
                out.add(Arguments.of(op, (long) seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void broadcastingAgainstReference(Op op, long seed) {
        Gen g = new Gen(seed * 977 + op.name.hashCode());
        DType da = TYPES[g.rnd.nextInt(TYPES.length)];
        DType db = TYPES[g.rnd.nextInt(TYPES.length)];
        if (!op.bools && (da == DType.BOOL || db == DType.BOOL)) {
            da = DType.FLOAT32;
        }
        if (op.name.equals("sub") && db == DType.BOOL) {
            db = DType.INT64; // torch refuses subtraction with any bool operand (boolArithmetic checks it)
        }
        if (op.name.equals("sub") && da == DType.BOOL) {
            da = DType.INT64;
        }
        if (op.name.equals("pow") && !promote(da, db).isFloatingPoint()) {
            da = DType.FLOAT64; // integer powers are covered by hand below (no negative exponents, no overflow)
        }
        int[] sa = g.shape(0, 4);
        int[] sb = g.partner(sa);
        if (g.rnd.nextBoolean()) {
            int[] t = sa;
            sa = sb;
            sb = t;
        }
        Tensor a = g.tensor(da, sa);
        Tensor b = g.tensor(db, sb);
        Tensor r = op.f.apply(a, b);
        // Both operands have dims (or both are 0-d): plain promotion. Mixed 0-d cases are in PromotionTest.
        boolean mixed = (a.ndim() == 0) != (b.ndim() == 0);
        DType common = mixed ? Ops.resultType(a, b) : promote(da, db);
        DType outType = op.kind != Kind.ARITH ? DType.BOOL
            : op.name.equals("div") && !common.isFloatingPoint() ? DType.FLOAT32 : common;
        DType compute = op.kind == Kind.LOGICAL ? DType.BOOL : op.name.equals("div") ? outType : common;
        int[] shape = Ref.broadcast(sa, sb);
        Ref.check(op + "(" + Gen.describe(a) + ", " + Gen.describe(b) + ")", r, outType, shape,
            i -> op.ref.applyAsDouble(Ref.cast(Ref.at(a, i), compute), Ref.cast(Ref.at(b, i), compute)),
            Ref.rtol(outType), outType == DType.FLOAT32 ? 1e-7 : 0);
    }

    /** Result type helper for mixed 0-d / dimensioned operands, kept independent in PromotionTest's table. */
    static final class Ops {
        static DType resultType(Tensor a, Tensor b) {
            Tensor dim = a.ndim() > 0 ? a : b;
            Tensor zero = a.ndim() > 0 ? b : a;
            int cd = category(dim.dtype());
            int cz = category(zero.dtype());
            return cz > cd ? promote(dim.dtype(), zero.dtype()) : dim.dtype();
        }

        static int category(DType t) {
            return t == DType.BOOL ? 0 : t.isFloatingPoint() ? 2 : 1;
        }
    }

    static Stream<Arguments> scalarCases() {
        List<Arguments> out = new ArrayList<>();
        for (int seed = 0; seed < 60; seed++) {
            out.add(Arguments.of((long) seed));
        }
        return out.stream();
    }

    /** Java numbers as operands: weaker than tensors; a Java long is a Python int (integer tensors stay integral), a double a Python float. */
    @ParameterizedTest
    @MethodSource("scalarCases")
    void scalarOperands(long seed) {
        Gen g = new Gen(seed);
        DType dt = TYPES[(int) (seed % 5)];
        int[] shape = g.shape(0, 3);
        Tensor x = g.tensor(dt, shape);
        double s = seed % 2 == 0 ? g.rnd.nextInt(7) - 3 : Math.round((g.rnd.nextDouble() * 4 - 2) * 8) / 8.0 + 0.125;
        boolean whole = seed % 2 == 0; // then s is passed as a long: a Python int
        long si = (long) s;
        DType arith = dt.isFloatingPoint() ? dt : whole ? (dt == DType.BOOL ? DType.INT64 : dt) : DType.FLOAT32;
        DType divType = dt.isFloatingPoint() ? dt : DType.FLOAT32;
        double sc = Ref.cast(s, arith);
        String w = Gen.describe(x) + " with " + s;
        Ref.check("add " + w, whole ? x.add(si) : x.add(s), arith, shape, i -> x.getDouble(i) + sc);
        if (dt == DType.BOOL) {
            // torch refuses subtraction with a bool tensor, whichever side.
            assertThrows(IllegalArgumentException.class, () -> x.sub(si));
            assertThrows(IllegalArgumentException.class, () -> x.rsub(s));
        } else {
            Ref.check("sub " + w, whole ? x.sub(si) : x.sub(s), arith, shape, i -> x.getDouble(i) - sc);
            Ref.check("rsub " + w, whole ? x.rsub(si) : x.rsub(s), arith, shape, i -> sc - x.getDouble(i));
        }
        Ref.check("mul " + w, whole ? x.mul(si) : x.mul(s), arith, shape, i -> x.getDouble(i) * sc);
        Ref.check("div " + w, whole ? x.div(si) : x.div(s), divType, shape,
            i -> Ref.cast(x.getDouble(i), divType) / Ref.cast(s, divType), Ref.rtol(divType), 0);
        // torch: s / x is x.reciprocal() * s (two roundings).
        Ref.check("rdiv " + w, whole ? x.rdiv(si) : x.rdiv(s), divType, shape,
            i -> Ref.cast(Ref.cast(1.0 / Ref.cast(x.getDouble(i), divType), divType) * Ref.cast(s, divType), divType),
            Ref.rtol(divType), 0);
        Ref.check("lt " + w, whole ? x.lt(si) : x.lt(s), DType.BOOL, shape, i -> b(Ref.cast(x.getDouble(i), arith) < sc));
        Ref.check("ge " + w, whole ? x.ge(si) : x.ge(s), DType.BOOL, shape, i -> b(Ref.cast(x.getDouble(i), arith) >= sc));
        Ref.check("eq " + w, whole ? x.eq(si) : x.eq(s), DType.BOOL, shape, i -> b(Ref.cast(x.getDouble(i), arith) == sc));
        Ref.check("ne " + w, whole ? x.ne(si) : x.ne(s), DType.BOOL, shape, i -> b(Ref.cast(x.getDouble(i), arith) != sc));
    }

    static Stream<Arguments> whereCases() {
        return scalarCases();
    }

    @ParameterizedTest
    @MethodSource("whereCases")
    void whereBroadcastsAllThree(long seed) {
        Gen g = new Gen(seed + 1000);
        int[] s = g.shape(0, 4);
        int[] sc = g.partner(s);
        int[] sa = g.partner(s);
        if (sa.length > s.length && sc.length > s.length) {
            sa = java.util.Arrays.copyOfRange(sa, 1, sa.length); // two new leading dims might not agree
        }
        Tensor cond = g.tensor(DType.BOOL, sc);
        DType da = TYPES[g.rnd.nextInt(4)];
        DType db = TYPES[g.rnd.nextInt(4)];
        Tensor a = g.tensor(da, sa);
        Tensor b = g.tensor(db, s);
        Tensor r = Tensor.where(cond, a, b);
        int[] shape = Ref.broadcast(Ref.broadcast(sc, sa), s);
        DType out = (a.ndim() == 0) != (b.ndim() == 0) ? Ops.resultType(a, b) : promote(da, db);
        Ref.check("where(" + Gen.describe(cond) + ", " + Gen.describe(a) + ", " + Gen.describe(b) + ")", r, out, shape,
            i -> Ref.at(cond, i) != 0 ? Ref.at(a, i) : Ref.at(b, i));
    }

    @Test
    void integerPowersAndLogicalNot() {
        Tensor base = tensor(-3, -1, 0, 2, 5);
        Tensor e = tensor(3, 4, 0, 10, 2);
        assertArrayEquals(new long[] {-27, 1, 1, 1024, 25}, base.pow(e).toLongArray());
        assertEquals(DType.INT64, base.pow(e).dtype());
        assertArrayEquals(new double[] {0.25, 8}, tensor(2.0, 2.0).pow(tensor(-2.0, 3.0)).toDoubleArray());
        assertArrayEquals(new boolean[] {true, false, false, true},
            tensor(0.0, 1.5, Double.NaN, -0.0).logicalNot().toBooleanArray());
        assertArrayEquals(new boolean[] {false, true}, tensor(true, false).logicalNot().toBooleanArray());
        Tensor x = tensor(1.0, 2.0);
        assertTrue(x.equal(tensor(1.0, 2.0)));
        assertTrue(!x.equal(tensor(1.0, 2.0, 3.0)));
        assertTrue(!x.equal(tensor(1.0, 2.5)));
        assertTrue(x.allclose(tensor(1.0 + 1e-6, 2.0)));
        assertTrue(!x.allclose(tensor(1.001, 2.0)));
    }

    @Test
    void whereWithNumbers() {
        Tensor c = tensor(true, false, true);
        Tensor i = tensor(1, 2, 3);
        assertArrayEquals(new long[] {1, 0, 3}, Tensors.where(c, i, 0).toLongArray());
        assertEquals(DType.INT64, Tensors.where(c, i, 0).dtype());
        // torch: where(cond, int_tensor, 0.5) is float32 [1, 0.5, 3], not a truncated 0.
        Tensor f = Tensors.where(c, i, 0.5);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new double[] {1, 0.5, 3}, f.toDoubleArray());
        assertArrayEquals(new double[] {-1, 2, -1}, Tensors.where(c, -1.0, i).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Tensor.where(i, i, i));
        assertTrue(e.getMessage().startsWith("where expected condition to be a boolean tensor, but got a tensor with "
            + "dtype torch.int64"), e.getMessage());
    }

    @Test
    void boolArithmetic() {
        Tensor t = tensor(true, true, false);
        Tensor f = tensor(true, false, false);
        assertEquals(DType.BOOL, t.add(f).dtype());
        assertArrayEquals(new boolean[] {true, true, false}, t.add(f).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, false}, t.mul(f).toBooleanArray());
        assertEquals(DType.INT64, t.add(1).dtype());
        assertArrayEquals(new long[] {2, 2, 1}, t.add(1).toLongArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.sub(f));
        assertTrue(e.getMessage().startsWith("Subtraction, the `-` operator, with two bool tensors is not supported."),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensor(1, 2, 3).sub(f), "one bool operand is enough");
        assertTrue(e.getMessage().startsWith("Subtraction, the `-` operator, with a bool tensor is not supported."),
            e.getMessage());
    }
}
