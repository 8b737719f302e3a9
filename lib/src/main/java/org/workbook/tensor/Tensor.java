package org.workbook.tensor;

import java.util.List;

import org.workbook.autograd.Engine;
import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.BinaryOp;
import org.workbook.backend.UnaryOp;
import org.workbook.ops.Arith;
import org.workbook.ops.Elementwise;
import org.workbook.ops.Indexing;
import org.workbook.ops.Joining;
import org.workbook.ops.LinAlg;
import org.workbook.ops.MathOps;
import org.workbook.ops.WhereOp;

/**
 * An n-dimensional array with PyTorch's semantics: broadcasting, type promotion,
 * views that share storage, autograd. Method names follow torch so Python and Java
 * read side by side ({@code x.float()} is {@code x.toFloat()}, as {@code float} is
 * a Java keyword; operators are methods: {@code a + b} is {@code a.add(b)}).
 *
 * <pre>{@code
 * jshell> var m = tensor(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})
 * jshell> var c = tensor(10, 20, 30)
 * jshell> m.add(c.get(":, None"))
 * $3 ==> tensor([[11, 12, 13],
 *         [24, 25, 26],
 *         [37, 38, 39]])
 * jshell> m.matmul(c)
 * $4 ==> tensor([140, 320, 500])
 * }</pre>
 *
 * Reductions, views and indexing are in {@link TensorOps}, which this class extends.
 */
public class Tensor extends TensorOps {
    Tensor(Storage storage, int[] shape, int[] strides, int offset, Device device) {
        super(storage, shape, strides, offset, device);
    }

    /** A tensor over the same elements as {@code data} (for subclasses such as nn.Parameter). */
    protected Tensor(Tensor data) {
        super(data.storage, data.shape.clone(), data.strides.clone(), data.offset, data.device);
    }

    // ---- creation used by ops (lesson code uses Tensors.*) ------------------------------------

    /** A new contiguous tensor of uninitialised (zero) values. */
    public static Tensor empty(DType dtype, int... shape) {
        Shape.of(shape);
        return new Tensor(Storage.allocate(dtype, Shapes.numel(shape)), shape.clone(), Shapes.contiguousStrides(shape),
            0, Device.CPU);
    }

    /** A new contiguous tensor on {@code device} (zeros on the CPU, unspecified values on a GPU). */
    public static Tensor empty(DType dtype, Device device, int... shape) {
        if (device.isCpu()) {
            return empty(dtype, shape);
        }
        Shape.of(shape);
        return new Tensor(backendOf(device).allocate(dtype, Shapes.numel(shape)), shape.clone(),
            Shapes.contiguousStrides(shape), 0, device);
    }

    /** Zeros on {@code device}. */
    public static Tensor zeros(DType dtype, Device device, int... shape) {
        Tensor t = empty(dtype, device, shape);
        if (!device.isCpu()) {
            t.backend().fill(t, 0);
        }
        return t;
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return empty(dtype, shape);
    }

    public static Tensor onesLike(Tensor t) {
        Tensor o = empty(t.dtype(), t.device, t.shape);
        o.backend().fill(o, 1);
        return o;
    }

    /** A 0-d tensor holding v in dtype. */
    public static Tensor scalar(double v, DType dtype) {
        Tensor t = empty(dtype);
        t.storage.setDouble(0, v);
        return t;
    }

    /** A Java number as an operand: weaker than tensors in type promotion, as torch's wrapped numbers. */
    static Tensor wrap(double v) {
        Tensor t = empty(DType.FLOAT64);
        t.storage.doubles()[0] = v;
        t.wrappedNumber = true;
        return t;
    }

    static Tensor wrapLong(long v) {
        Tensor t = empty(DType.INT64);
        t.storage.longs()[0] = v;
        t.wrappedNumber = true;
        return t;
    }

    /** A view of base's storage with the given layout (torch's as_strided); no checks beyond bounds. */
    public static Tensor asStrided(Tensor base, int[] shape, int[] strides, int offset) {
        return new Tensor(base.storage, shape, strides, offset, base.device);
    }

    public static Tensor fromArray(long[] data, int... shape) {
        return Tensors.fromArray(data, shape);
    }

    public static Tensor arange(int n) {
        return Tensors.arange(n);
    }

    public boolean isWrappedNumber() {
        return wrappedNumber;
    }

    // ---- dtype conversion ---------------------------------------------------------------------

    /** This tensor in dtype {@code d}: itself when it already is, else a converted copy (differentiable). */
    public Tensor to(DType d) {
        if (d == dtype()) {
            return this;
        }
        Tensor out = contiguousCopy(d);
        if (Node.needed(this) && d.isFloatingPoint()) {
            DType from = dtype();
            out.setGradFn(new Node("ToCopyBackward0", this) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.to(from)};
                }
            });
        }
        return out;
    }

    /** torch's {@code x.float()}. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** torch's {@code x.double()}. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** torch's {@code x.long()}. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** torch's {@code x.int()}. */
    public Tensor toInt() {
        return to(DType.INT32);
    }

    public Tensor bool() {
        return to(DType.BOOL);
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    public Tensor add(Tensor o) { return Arith.add(this, o); }
    public Tensor add(double s) { return Arith.add(this, num(s)); }
    public Tensor sub(Tensor o) { return Arith.sub(this, o); }
    public Tensor sub(double s) { return Arith.sub(this, num(s)); }
    public Tensor mul(Tensor o) { return Arith.mul(this, o); }
    public Tensor mul(double s) { return Arith.mul(this, num(s)); }
    public Tensor div(Tensor o) { return Arith.div(this, o); }
    public Tensor div(double s) { return Arith.div(this, num(s)); }
    public Tensor pow(Tensor e) { return Arith.pow(this, e); }
    public Tensor pow(double e) { return MathOps.pow(this, e); }
    /** s - this (torch's rsub, for {@code 1 - x}). */
    public Tensor rsub(double s) { return Arith.rsub(this, num(s)); }
    /** s / this. */
    public Tensor rdiv(double s) { return Arith.div(num(s), this); }
    public Tensor maximum(Tensor o) { return Arith.extremum(this, o, true); }
    public Tensor minimum(Tensor o) { return Arith.extremum(this, o, false); }

    /** A Java number as a wrapped operand: a whole double stays integral for integer tensors (x * 2 stays int64). */
    private Tensor num(double s) {
        if (!dtype().isFloatingPoint() && s == Math.rint(s) && Math.abs(s) < 0x1p53) {
            return wrapLong((long) s);
        }
        return wrap(s);
    }

    public Tensor neg() { return MathOps.neg(this); }
    public Tensor abs() { return MathOps.abs(this); }
    public Tensor exp() { return MathOps.exp(this); }
    public Tensor log() { return MathOps.log(this); }
    public Tensor sqrt() { return MathOps.sqrt(this); }
    public Tensor sigmoid() { return MathOps.sigmoid(this); }
    public Tensor relu() { return MathOps.relu(this); }
    public Tensor tanh() { return MathOps.tanh(this); }
    public Tensor sin() { return MathOps.sin(this); }
    public Tensor cos() { return MathOps.cos(this); }
    public Tensor square() { return MathOps.square(this); }
    public Tensor reciprocal() { return MathOps.reciprocal(this); }
    public Tensor log1p() { return MathOps.log1p(this); }
    public Tensor expm1() { return MathOps.expm1(this); }
    public Tensor sign() { return MathOps.piecewiseConstant(UnaryOp.SIGN, this); }
    public Tensor floor() { return MathOps.piecewiseConstant(UnaryOp.FLOOR, this); }
    public Tensor ceil() { return MathOps.piecewiseConstant(UnaryOp.CEIL, this); }
    public Tensor round() { return MathOps.piecewiseConstant(UnaryOp.ROUND, this); }
    public Tensor leakyRelu(double slope) { return MathOps.leakyRelu(this, slope); }

    /** Limits values to [min, max]. */
    public Tensor clamp(double min, double max) { return MathOps.clamp(this, min, max); }
    /** torch's {@code clamp(min=...)}: only a lower bound (the lessons' {@code clip(x, 0)}). */
    public Tensor clampMin(double min) { return MathOps.clamp(this, min, Double.NaN); }
    public Tensor clampMax(double max) { return MathOps.clamp(this, Double.NaN, max); }
    /** numpy's name for clamp. */
    public Tensor clip(double min, double max) { return clamp(min, max); }

    // ---- comparisons and logic (bool results, no gradient) -------------------------------------

    public Tensor lt(Tensor o) { return Elementwise.binary(BinaryOp.LT, this, o); }
    public Tensor lt(double s) { return Elementwise.binary(BinaryOp.LT, this, num(s)); }
    public Tensor le(Tensor o) { return Elementwise.binary(BinaryOp.LE, this, o); }
    public Tensor le(double s) { return Elementwise.binary(BinaryOp.LE, this, num(s)); }
    public Tensor gt(Tensor o) { return Elementwise.binary(BinaryOp.GT, this, o); }
    public Tensor gt(double s) { return Elementwise.binary(BinaryOp.GT, this, num(s)); }
    public Tensor ge(Tensor o) { return Elementwise.binary(BinaryOp.GE, this, o); }
    public Tensor ge(double s) { return Elementwise.binary(BinaryOp.GE, this, num(s)); }
    public Tensor eq(Tensor o) { return Elementwise.binary(BinaryOp.EQ, this, o); }
    public Tensor eq(double s) { return Elementwise.binary(BinaryOp.EQ, this, num(s)); }
    public Tensor ne(Tensor o) { return Elementwise.binary(BinaryOp.NE, this, o); }
    public Tensor ne(double s) { return Elementwise.binary(BinaryOp.NE, this, num(s)); }
    public Tensor logicalAnd(Tensor o) { return Elementwise.binary(BinaryOp.LOGICAL_AND, this, o); }
    public Tensor logicalOr(Tensor o) { return Elementwise.binary(BinaryOp.LOGICAL_OR, this, o); }
    public Tensor logicalXor(Tensor o) { return Elementwise.binary(BinaryOp.LOGICAL_XOR, this, o); }
    public Tensor logicalNot() { return Elementwise.binary(BinaryOp.EQ, this.bool(), wrapLong(0).to(DType.BOOL)); }

    /** True when both have the same shape and values (torch.equal). */
    public boolean equal(Tensor o) {
        return java.util.Arrays.equals(shape, o.shape) && (numel() == 0 || eq(o).all().item() != 0);
    }

    /** |this - o| <= atol + rtol * |o| everywhere (torch.allclose with its defaults 1e-5, 1e-8). */
    public boolean allclose(Tensor o) {
        return allclose(o, 1e-5, 1e-8);
    }

    public boolean allclose(Tensor o, double rtol, double atol) {
        try (var g = GradMode.noGrad()) {
            Tensor a = toDouble();
            Tensor b = o.toDouble();
            return a.sub(b).abs().le(b.abs().mul(rtol).add(atol)).all().item() != 0;
        }
    }

    /** cond ? a : b, elementwise with broadcasting. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return WhereOp.where(cond, a, b);
    }

    // ---- in place (trailing underscore, as torch) ---------------------------------------------

    private Tensor checkInPlace(String op) {
        if (requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException(isLeaf()
                ? "a leaf Variable that requires grad is being used in an in-place operation (" + op + "). Do the update "
                    + "inside noGrad() (try (var g = noGrad()) { ... }) or on x.data()."
                : "in-place " + op + " on a tensor that is part of the autograd graph is not supported here; use the "
                    + "out-of-place form (x = x." + op.replace("_", "") + "(...)).");
        }
        return this;
    }

    public Tensor add_(Tensor o) { checkInPlace("add_"); return Elementwise.binaryInPlace(BinaryOp.ADD, this, o); }
    public Tensor add_(double s) { checkInPlace("add_"); return Elementwise.binaryInPlace(BinaryOp.ADD, this, num(s)); }
    public Tensor sub_(Tensor o) { checkInPlace("sub_"); return Elementwise.binaryInPlace(BinaryOp.SUB, this, o); }
    public Tensor sub_(double s) { checkInPlace("sub_"); return Elementwise.binaryInPlace(BinaryOp.SUB, this, num(s)); }
    public Tensor mul_(Tensor o) { checkInPlace("mul_"); return Elementwise.binaryInPlace(BinaryOp.MUL, this, o); }
    public Tensor mul_(double s) { checkInPlace("mul_"); return Elementwise.binaryInPlace(BinaryOp.MUL, this, num(s)); }
    public Tensor div_(Tensor o) { checkInPlace("div_"); return Elementwise.binaryInPlace(BinaryOp.DIV, this, o); }
    public Tensor div_(double s) { checkInPlace("div_"); return Elementwise.binaryInPlace(BinaryOp.DIV, this, num(s)); }
    public Tensor pow_(double e) { checkInPlace("pow_"); return Elementwise.unaryInPlace(UnaryOp.POW_SCALAR, e, 0, this); }
    public Tensor neg_() { checkInPlace("neg_"); return Elementwise.unaryInPlace(UnaryOp.NEG, 0, 0, this); }
    public Tensor relu_() { checkInPlace("relu_"); return Elementwise.unaryInPlace(UnaryOp.RELU, 0, 0, this); }
    public Tensor clamp_(double min, double max) {
        checkInPlace("clamp_");
        return Elementwise.unaryInPlace(UnaryOp.CLAMP, min, max, this);
    }

    /** Sets every element to 0 (used to reset gradients: {@code w.grad().zero_()}). */
    public Tensor zero_() {
        return fill_(0);
    }

    public Tensor fill_(double v) {
        checkInPlace("fill_");
        backend().fill(this, v);
        return this;
    }

    /** Copies src's values (broadcast to this shape, converted to this dtype) into this tensor. */
    public Tensor copy_(Tensor src) {
        checkInPlace("copy_");
        Tensor s = src.storage == storage ? src.contiguous().clone() : src;
        if (!s.device.equals(device) && !s.device.isCpu()) {
            s = Transfers.copyTo(s, device); // GPU values into a CPU tensor (or across GPUs) come over first
        }
        backend().copy(s.expand(shape), this);
        return this;
    }

    // ---- matrix products ---------------------------------------------------------------------

    public Tensor matmul(Tensor o) { return LinAlg.matmul(this, o); }
    public Tensor mm(Tensor o) { return LinAlg.mm(this, o); }
    public Tensor dot(Tensor o) { return LinAlg.dot(this, o); }
    public Tensor outer(Tensor o) { return LinAlg.outer(this, o); }

    public static Tensor cat(List<Tensor> ts, int dim) { return Joining.cat(ts, dim); }
    public static Tensor stack(List<Tensor> ts, int dim) { return Joining.stack(ts, dim); }

    // ---- indexing ---------------------------------------------------------------------------

    /** numpy-style indexing from a string: {@code x.get("0, 10:15, None")}. */
    public Tensor get(String index) { return Indexing.get(this, Index.parse(index).toArray()); }
    /** Typed indexing: ints, {@link Slice}, {@link Index#NONE}, {@link Index#ELLIPSIS}, int/bool tensors. */
    public Tensor get(Object... index) { return Indexing.get(this, index); }

    /** x[index] = v. */
    public Tensor set(String index, double v) { Indexing.set(this, Index.parse(index).toArray(), scalar(v, dtype())); return this; }
    public Tensor set(String index, Tensor v) { Indexing.set(this, Index.parse(index).toArray(), v); return this; }
    /** x[mask or indices] = v. */
    public Tensor set(Tensor index, double v) { Indexing.set(this, new Object[] {index}, scalar(v, dtype())); return this; }
    public Tensor set(Tensor index, Tensor v) { Indexing.set(this, new Object[] {index}, v); return this; }
    /** x[i0, i1, ...] = v with typed index items. */
    public Tensor put(Object[] index, Tensor v) { Indexing.set(this, index, v); return this; }

    // ---- autograd -----------------------------------------------------------------------------

    /** Starts tracking operations on this leaf tensor (torch's requires_grad_()). */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    public Tensor requiresGrad_(boolean on) {
        if (on && !dtype().isFloatingPoint()) {
            throw new IllegalStateException("only Tensors of floating point dtype can require gradients (this one is "
                + dtype().torchName() + "; convert with toFloat() first)");
        }
        if (!isLeaf() && !on) {
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables; use detach()");
        }
        requiresGrad = on;
        return this;
    }

    /** Backpropagates from this scalar: fills {@code .grad} of every leaf it depends on (accumulating). */
    public void backward() {
        Engine.backward(this, null, false);
    }

    public void backward(Tensor gradient) {
        Engine.backward(this, gradient, false);
    }

    /** With {@code retainGraph}, the graph can be backpropagated through again. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Engine.backward(this, gradient, retainGraph);
    }

    /** The same storage, out of the graph (torch's detach()). */
    public Tensor detach() {
        return asStrided(this, shape, strides, offset);
    }

    /** The same storage, not tracked: updates through it are invisible to autograd (torch's .data). */
    public Tensor data() {
        return detach();
    }

    /** A copy with its own storage; differentiable. */
    @Override
    public Tensor clone() {
        Tensor out = contiguousCopy(dtype());
        if (Node.needed(this)) {
            out.setGradFn(new Node("CloneBackward0", this) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g};
                }
            });
        }
        return out;
    }
}
