package org.workbook.tensor;

import org.workbook.backend.BinaryOp;
import org.workbook.backend.UnaryOp;
import org.workbook.ops.Arith;
import org.workbook.ops.Elementwise;
import org.workbook.ops.MathOps;

/**
 * The arithmetic side of {@link Tensor}: elementwise math, comparisons and clamping,
 * out of place. A Java number is a Python number: an integer literal is a Python int
 * (it keeps an integer tensor integral), a double literal a Python float (it makes
 * an integer tensor float32), exactly as in torch.
 *
 * <pre>{@code
 * jshell> arange(3).mul(2)
 * $1 ==> tensor([0, 2, 4])
 * jshell> arange(3).mul(2.0)
 * $2 ==> tensor([0., 2., 4.])
 * }</pre>
 */
public abstract class TensorArith extends TensorOps {
    TensorArith(Storage storage, int[] shape, int[] strides, int offset, Device device) {
        super(storage, shape, strides, offset, device);
    }

    private Tensor me() {
        return (Tensor) this;
    }

    /** A Python float as an operand: weaker than tensors in promotion, but a float. */
    static Tensor num(double s) {
        return Tensor.wrap(s);
    }

    /** A Python int as an operand. */
    static Tensor num(long s) {
        return Tensor.wrapLong(s);
    }

    public Tensor add(Tensor o) { return Arith.add(me(), o); }
    public Tensor add(double s) { return Arith.add(me(), num(s)); }
    public Tensor add(long s) { return Arith.add(me(), num(s)); }
    public Tensor sub(Tensor o) { return Arith.sub(me(), o); }
    public Tensor sub(double s) { return Arith.sub(me(), num(s)); }
    public Tensor sub(long s) { return Arith.sub(me(), num(s)); }
    public Tensor mul(Tensor o) { return Arith.mul(me(), o); }
    public Tensor mul(double s) { return Arith.mul(me(), num(s)); }
    public Tensor mul(long s) { return Arith.mul(me(), num(s)); }
    public Tensor div(Tensor o) { return Arith.div(me(), o); }
    public Tensor div(double s) { return Arith.div(me(), num(s)); }
    public Tensor div(long s) { return Arith.div(me(), num(s)); }
    public Tensor pow(Tensor e) { return Arith.pow(me(), e); }
    /** x ** e for a Python float e: an integer tensor gives float32. */
    public Tensor pow(double e) { return MathOps.pow(me(), e, true); }
    /** x ** e for a Python int e: integer tensors stay integral (a negative e is refused, as torch). */
    public Tensor pow(long e) { return MathOps.pow(me(), e, false); }
    /** s - this (torch's rsub, for {@code 1 - x}). */
    public Tensor rsub(double s) { return Arith.rsub(me(), num(s)); }
    public Tensor rsub(long s) { return Arith.rsub(me(), num(s)); }
    /** s / this (torch records {@code 3 / x} as {@code x.reciprocal() * 3}). */
    public Tensor rdiv(double s) { return Arith.rdiv(me(), num(s)); }
    public Tensor rdiv(long s) { return Arith.rdiv(me(), num(s)); }
    public Tensor maximum(Tensor o) { return Arith.extremum(me(), o, true); }
    public Tensor minimum(Tensor o) { return Arith.extremum(me(), o, false); }

    public Tensor neg() { return MathOps.neg(me()); }
    public Tensor abs() { return MathOps.abs(me()); }
    public Tensor exp() { return MathOps.exp(me()); }
    public Tensor log() { return MathOps.log(me()); }
    public Tensor sqrt() { return MathOps.sqrt(me()); }
    public Tensor sigmoid() { return MathOps.sigmoid(me()); }
    public Tensor relu() { return MathOps.relu(me()); }
    public Tensor tanh() { return MathOps.tanh(me()); }
    public Tensor sin() { return MathOps.sin(me()); }
    public Tensor cos() { return MathOps.cos(me()); }
    public Tensor square() { return MathOps.square(me()); }
    public Tensor reciprocal() { return MathOps.reciprocal(me()); }
    public Tensor log1p() { return MathOps.log1p(me()); }
    public Tensor expm1() { return MathOps.expm1(me()); }
    public Tensor sign() { return MathOps.piecewiseConstant(UnaryOp.SIGN, me()); }
    public Tensor floor() { return MathOps.piecewiseConstant(UnaryOp.FLOOR, me()); }
    public Tensor ceil() { return MathOps.piecewiseConstant(UnaryOp.CEIL, me()); }
    public Tensor round() { return MathOps.piecewiseConstant(UnaryOp.ROUND, me()); }
    public Tensor leakyRelu(double slope) { return MathOps.leakyRelu(me(), slope); }

    /** Limits values to [min, max] (Python floats: an integer tensor gives float32); min > max gives max. */
    public Tensor clamp(double min, double max) { return MathOps.clamp(me(), min, max, true); }
    /** Limits values to [min, max] with Python ints: an integer tensor stays integral. */
    public Tensor clamp(long min, long max) { return MathOps.clamp(me(), min, max, false); }
    /** torch's {@code clamp(min=...)}: only a lower bound (the lessons' {@code clip(x, 0)}). */
    public Tensor clampMin(double min) { return MathOps.clamp(me(), min, Double.NaN, true); }
    public Tensor clampMin(long min) { return MathOps.clamp(me(), min, Double.NaN, false); }
    public Tensor clampMax(double max) { return MathOps.clamp(me(), Double.NaN, max, true); }
    public Tensor clampMax(long max) { return MathOps.clamp(me(), Double.NaN, max, false); }
    /** numpy's name for clamp. */
    public Tensor clip(double min, double max) { return clamp(min, max); }
    public Tensor clip(long min, long max) { return clamp(min, max); }

    // ---- comparisons and logic (bool results, no gradient) -------------------------------------

    public Tensor lt(Tensor o) { return Elementwise.binary(BinaryOp.LT, me(), o); }
    public Tensor lt(double s) { return Elementwise.binary(BinaryOp.LT, me(), num(s)); }
    public Tensor lt(long s) { return Elementwise.binary(BinaryOp.LT, me(), num(s)); }
    public Tensor le(Tensor o) { return Elementwise.binary(BinaryOp.LE, me(), o); }
    public Tensor le(double s) { return Elementwise.binary(BinaryOp.LE, me(), num(s)); }
    public Tensor le(long s) { return Elementwise.binary(BinaryOp.LE, me(), num(s)); }
    public Tensor gt(Tensor o) { return Elementwise.binary(BinaryOp.GT, me(), o); }
    public Tensor gt(double s) { return Elementwise.binary(BinaryOp.GT, me(), num(s)); }
    public Tensor gt(long s) { return Elementwise.binary(BinaryOp.GT, me(), num(s)); }
    public Tensor ge(Tensor o) { return Elementwise.binary(BinaryOp.GE, me(), o); }
    public Tensor ge(double s) { return Elementwise.binary(BinaryOp.GE, me(), num(s)); }
    public Tensor ge(long s) { return Elementwise.binary(BinaryOp.GE, me(), num(s)); }
    public Tensor eq(Tensor o) { return Elementwise.binary(BinaryOp.EQ, me(), o); }
    public Tensor eq(double s) { return Elementwise.binary(BinaryOp.EQ, me(), num(s)); }
    public Tensor eq(long s) { return Elementwise.binary(BinaryOp.EQ, me(), num(s)); }
    public Tensor ne(Tensor o) { return Elementwise.binary(BinaryOp.NE, me(), o); }
    public Tensor ne(double s) { return Elementwise.binary(BinaryOp.NE, me(), num(s)); }
    public Tensor ne(long s) { return Elementwise.binary(BinaryOp.NE, me(), num(s)); }
    public Tensor logicalAnd(Tensor o) { return Elementwise.binary(BinaryOp.LOGICAL_AND, me(), o); }
    public Tensor logicalOr(Tensor o) { return Elementwise.binary(BinaryOp.LOGICAL_OR, me(), o); }
    public Tensor logicalXor(Tensor o) { return Elementwise.binary(BinaryOp.LOGICAL_XOR, me(), o); }
    public Tensor logicalNot() {
        return Elementwise.binary(BinaryOp.EQ, me().bool(), Tensor.wrapLong(0).to(DType.BOOL));
    }
}
