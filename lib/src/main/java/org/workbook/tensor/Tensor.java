package org.workbook.tensor;

import java.util.List;

import org.workbook.autograd.Engine;
import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.BinaryOp;
import org.workbook.backend.UnaryOp;
import org.workbook.ops.Elementwise;
import org.workbook.ops.InPlace;
import org.workbook.ops.InPlaceNodes;
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
 * Arithmetic is in {@link TensorArith}, reductions and views in {@link TensorOps}, which this class extends.
 */
public class Tensor extends TensorArith {
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
        Tensor t = new Tensor(base.storage, shape, strides, offset, base.device);
        t.version = base.version; // the same elements: an in-place write through either is seen by both
        return t;
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

    /** True when both have the same shape and values (torch.equal). */
    public boolean equal(Tensor o) {
        return java.util.Arrays.equals(shape, o.shape) && (numel() == 0 || eq(o).all().item() != 0);
    }

    /** |this - o| <= atol + rtol * |o| everywhere (torch.allclose with its defaults 1e-5, 1e-8). */
    public boolean allclose(Tensor o) {
        return allclose(o, 1e-5, 1e-8);
    }

    /** As torch.allclose: both of one dtype ("Float did not match Double" otherwise); equal values, infinities included, are close. */
    public boolean allclose(Tensor o, double rtol, double atol) {
        if (dtype() != o.dtype()) {
            throw new IllegalArgumentException(org.workbook.ops.Reductions.kernelTypeName(dtype()) + " did not match "
                + org.workbook.ops.Reductions.kernelTypeName(o.dtype()) + " (allclose compares tensors of one dtype: "
                + "convert one, e.g. b.to(a.dtype()))");
        }
        try (var g = GradMode.noGrad()) {
            Tensor a = toDouble();
            Tensor b = o.toDouble();
            return a.eq(b).logicalOr(a.sub(b).abs().le(b.abs().mul(rtol).add(atol))).all().item() != 0;
        }
    }

    /** cond ? a : b, elementwise with broadcasting. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return WhereOp.where(cond, a, b);
    }

    // ---- in place (trailing underscore, as torch; recorded by autograd, see InPlace) -----------

    private Tensor binaryInPlace(BinaryOp op, Tensor o, java.util.function.UnaryOperator<Tensor> outOfPlace) {
        org.workbook.ops.Nulls.check(o, op, true, "other");
        return InPlace.apply(this, new Tensor[] {o}, outOfPlace, () -> Elementwise.binaryInPlace(op, this, o));
    }

    private Tensor unaryInPlace(UnaryOp op, double p1, double p2, java.util.function.UnaryOperator<Tensor> outOfPlace) {
        return InPlace.apply(this, new Tensor[0], outOfPlace, () -> Elementwise.unaryInPlace(op, p1, p2, this));
    }

    public Tensor add_(Tensor o) { return binaryInPlace(BinaryOp.ADD, o, x -> x.add(o)); }
    public Tensor add_(double s) { return binaryInPlace(BinaryOp.ADD, num(s), x -> x.add(s)); }
    public Tensor add_(long s) { return binaryInPlace(BinaryOp.ADD, num(s), x -> x.add(s)); }
    public Tensor sub_(Tensor o) { return binaryInPlace(BinaryOp.SUB, o, x -> x.sub(o)); }
    public Tensor sub_(double s) { return binaryInPlace(BinaryOp.SUB, num(s), x -> x.sub(s)); }
    public Tensor sub_(long s) { return binaryInPlace(BinaryOp.SUB, num(s), x -> x.sub(s)); }
    public Tensor mul_(Tensor o) { return binaryInPlace(BinaryOp.MUL, o, x -> x.mul(o)); }
    public Tensor mul_(double s) { return binaryInPlace(BinaryOp.MUL, num(s), x -> x.mul(s)); }
    public Tensor mul_(long s) { return binaryInPlace(BinaryOp.MUL, num(s), x -> x.mul(s)); }
    public Tensor div_(Tensor o) { return binaryInPlace(BinaryOp.DIV, o, x -> x.div(o)); }
    public Tensor div_(double s) { return binaryInPlace(BinaryOp.DIV, num(s), x -> x.div(s)); }
    public Tensor div_(long s) { return binaryInPlace(BinaryOp.DIV, num(s), x -> x.div(s)); }
    public Tensor pow_(double e) {
        if (!dtype().isFloatingPoint()) {
            Elementwise.checkNoInternalOverlap(this); // torch's iterator looks at that first
            throw new IllegalArgumentException("Found dtype " + org.workbook.ops.Reductions.kernelTypeName(dtype())
                + " but expected Float (x ** " + e + " is a float: convert first, x = x.toFloat())");
        }
        return unaryInPlace(UnaryOp.POW_SCALAR, e, 0, x -> x.pow(e));
    }
    public Tensor pow_(long e) {
        MathOps.checkIntegerExponent(this, e);
        return unaryInPlace(UnaryOp.POW_SCALAR, e, 0, x -> x.pow(e));
    }
    public Tensor neg_() { return unaryInPlace(UnaryOp.NEG, 0, 0, Tensor::neg); }
    public Tensor relu_() {
        MathOps.checkNotBool(this, "relu");
        return unaryInPlace(UnaryOp.RELU, 0, 0, Tensor::relu);
    }
    public Tensor clamp_(double min, double max) {
        return unaryInPlace(UnaryOp.CLAMP, min, max, x -> x.clamp(min, max));
    }
    public Tensor clamp_(long min, long max) {
        return unaryInPlace(UnaryOp.CLAMP, min, max, x -> x.clamp(min, max));
    }

    /** Sets every element to 0 (used to reset gradients: {@code w.grad().zero_()}). */
    public Tensor zero_() {
        return InPlace.apply(this, new Tensor[0], x -> InPlaceNodes.filled(x, 0, "ZeroBackward0"),
            () -> backend().fill(this, 0));
    }

    public Tensor fill_(double v) {
        return InPlace.apply(this, new Tensor[0], x -> InPlaceNodes.filled(x, v, "FillBackward2"),
            () -> backend().fill(this, v));
    }

    public Tensor fill_(long v) {
        return fill_((double) v);
    }

    /**
     * Sets every element to a 0-d tensor's value, as torch's {@code fill_(Tensor)} (FillBackward3: the
     * value's gradient is the sum of the incoming one). Like fill_ with a number it may write through a
     * broadcast view, which copy_ refuses.
     */
    public Tensor fill_(Tensor value) {
        if (value.ndim() != 0) {
            throw new IllegalArgumentException("fill_ only supports 0-dimension value tensor but got tensor with "
                + value.ndim() + " dimensions. (Pick one element first, e.g. v.get(\"0\"), or use copy_.)");
        }
        return InPlace.apply(this, new Tensor[] {value}, x -> InPlaceNodes.filled(x, value),
            () -> backend().fill(this, value.item()));
    }

    /** Copies src's values (broadcast to this shape, converted to this dtype) into this tensor. */
    public Tensor copy_(Tensor src) {
        InPlace.checkAllowed(this); // torch checks the leaf first, then the shapes
        Elementwise.checkCopyShapes(this, src);
        return InPlace.apply(this, new Tensor[] {src}, x -> InPlaceNodes.copied(x, src), () -> {
            Tensor s = src.storage == storage ? src.contiguous().clone() : src;
            if (!s.device.equals(device) && !s.device.isCpu()) {
                s = Transfers.copyTo(s, device); // GPU values into a CPU tensor (or across GPUs) come over first
            }
            backend().copy(s.expand(shape), this);
        });
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

    /**
     * The same storage, not tracked: updates through it are invisible to autograd (torch's .data),
     * even to the version check, which is why it is the escape hatch and detach() is the safe form.
     */
    public Tensor data() {
        Tensor d = detach();
        d.version = new VersionCounter();
        return d;
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
