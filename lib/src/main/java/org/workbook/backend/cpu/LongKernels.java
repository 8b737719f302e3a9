package org.workbook.backend.cpu;

import java.util.EnumMap;
import java.util.Map;

import org.workbook.backend.BinaryOp;
import org.workbook.backend.UnaryOp;

/**
 * int64 loops (int32, uint8 and bool arithmetic is computed here too and narrowed
 * afterwards, as the results are the same modulo the narrowing), and the bool
 * loops of the logical ops.
 */
final class LongKernels {
    static final Map<BinaryOp, Kernel> BINARY = new EnumMap<>(BinaryOp.class);

    private LongKernels() { }

    @FunctionalInterface
    private interface LongOp {
        long apply(long x, long y);
    }

    @FunctionalInterface
    private interface LongPred {
        boolean test(long x, long y);
    }

    // Integer work is rare in lessons (indices, counts), so one loop shape with a
    // per-element call is fine here; the float and double kernels are the hot ones.
    private static Kernel arith(LongOp f) {
        return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
            long[] xs = (long[]) a;
            long[] ys = (long[]) b;
            long[] z = (long[]) o;
            for (int i = 0; i < n; i++) {
                z[oo + i * os] = f.apply(xs[ao + i * as], ys[bo + i * bs]);
            }
        };
    }

    private static Kernel pred(LongPred f) {
        return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
            long[] xs = (long[]) a;
            long[] ys = (long[]) b;
            byte[] z = (byte[]) o;
            for (int i = 0; i < n; i++) {
                z[oo + i * os] = f.test(xs[ao + i * as], ys[bo + i * bs]) ? (byte) 1 : (byte) 0;
            }
        };
    }

    private static Kernel logical(LongPred f) {
        return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
            byte[] xs = (byte[]) a;
            byte[] ys = (byte[]) b;
            byte[] z = (byte[]) o;
            for (int i = 0; i < n; i++) {
                z[oo + i * os] = f.test(xs[ao + i * as], ys[bo + i * bs]) ? (byte) 1 : (byte) 0;
            }
        };
    }

    /**
     * base^exp wrapping as Java's long. A negative exponent truncates as torch's integer pow with
     * a tensor exponent does ({@code [2, 4] ** [-1, 2]} is {@code [0, 16]}); a negative number as
     * the exponent is refused before it gets here (MathOps.pow), as torch refuses it.
     */
    static long ipow(long base, long exp) {
        if (exp < 0) {
            return base == 1 ? 1 : base == -1 ? ((exp & 1) != 0 ? -1 : 1) : 0;
        }
        long r = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) {
                r *= base;
            }
            base *= base;
            exp >>= 1;
        }
        return r;
    }

    static {
        BINARY.put(BinaryOp.ADD, arith((x, y) -> x + y));
        BINARY.put(BinaryOp.SUB, arith((x, y) -> x - y));
        BINARY.put(BinaryOp.MUL, arith((x, y) -> x * y));
        BINARY.put(BinaryOp.POW, arith(LongKernels::ipow));
        BINARY.put(BinaryOp.MAXIMUM, arith(Math::max));
        BINARY.put(BinaryOp.MINIMUM, arith(Math::min));
        BINARY.put(BinaryOp.LT, pred((x, y) -> x < y));
        BINARY.put(BinaryOp.LE, pred((x, y) -> x <= y));
        BINARY.put(BinaryOp.GT, pred((x, y) -> x > y));
        BINARY.put(BinaryOp.GE, pred((x, y) -> x >= y));
        BINARY.put(BinaryOp.EQ, pred((x, y) -> x == y));
        BINARY.put(BinaryOp.NE, pred((x, y) -> x != y));
        BINARY.put(BinaryOp.LOGICAL_AND, logical((x, y) -> x != 0 && y != 0));
        BINARY.put(BinaryOp.LOGICAL_OR, logical((x, y) -> x != 0 || y != 0));
        BINARY.put(BinaryOp.LOGICAL_XOR, logical((x, y) -> (x != 0) != (y != 0)));
    }

    static Kernel unary(UnaryOp op, double p1, double p2) {
        long lo = Double.isNaN(p1) ? Long.MIN_VALUE : (long) Math.ceil(p1);
        long hi = Double.isNaN(p2) ? Long.MAX_VALUE : (long) Math.floor(p2);
        switch (op) {
            case NEG: return map(x -> -x);
            case ABS: return map(Math::abs);
            case SIGN: return map(Long::signum);
            case SQUARE: return map(x -> x * x);
            case RELU: return map(x -> Math.max(x, 0));
            case FLOOR: case CEIL: case ROUND: return map(x -> x);
            case CLAMP: return map(x -> Math.min(Math.max(x, lo), hi));
            case POW_SCALAR: return map(x -> ipow(x, (long) p1));
            default:
                throw new IllegalArgumentException(op + " is not defined for integer tensors; convert first, "
                    + "e.g. x.toFloat()");
        }
    }

    private static Kernel map(java.util.function.LongUnaryOperator f) {
        return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
            long[] xs = (long[]) a;
            long[] z = (long[]) o;
            for (int i = 0; i < n; i++) {
                z[oo + i * os] = f.applyAsLong(xs[ao + i * as]);
            }
        };
    }
}
