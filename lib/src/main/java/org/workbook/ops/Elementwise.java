package org.workbook.ops;

import org.workbook.backend.BinaryOp;
import org.workbook.backend.UnaryOp;
import org.workbook.tensor.DType;
import org.workbook.tensor.Shapes;
import org.workbook.tensor.Tensor;

/**
 * Elementwise forward computation without autograd: type promotion as torch does
 * it, broadcasting by expanding to stride-0 views, then one backend call.
 */
public final class Elementwise {
    private Elementwise() { }

    private static int category(DType t) {
        return t == DType.BOOL ? 0 : (t.isFloatingPoint() ? 2 : 1);
    }

    /**
     * torch.result_type for two operands: tensors with dimensions decide, 0-d tensors
     * only when of a higher category (bool < integer < float), Java numbers last.
     */
    public static DType resultType(Tensor a, Tensor b) {
        DType dim = null;
        DType zero = null;
        DType wrapped = null;
        for (Tensor t : new Tensor[] {a, b}) {
            if (t.isWrappedNumber()) {
                wrapped = wrapped == null ? t.dtype() : DType.promote(wrapped, t.dtype());
            } else if (t.ndim() == 0) {
                zero = zero == null ? t.dtype() : DType.promote(zero, t.dtype());
            } else {
                dim = dim == null ? t.dtype() : DType.promote(dim, t.dtype());
            }
        }
        DType r = dim;
        if (zero != null) {
            r = r == null || category(zero) > category(r) ? (r == null ? zero : DType.promote(r, zero)) : r;
        }
        if (wrapped != null) {
            if (r == null) {
                r = wrapped;
            } else if (category(wrapped) > category(r)) {
                // A Java double meets an integer tensor: the default float type, as torch.
                r = wrapped.isFloatingPoint() ? DType.FLOAT32 : DType.promote(r, DType.INT64);
            }
        }
        return r;
    }

    /** The dtype the loop runs in: integer types narrower than int64 compute in int64. */
    static DType computeType(DType t) {
        return t.isFloatingPoint() ? t : DType.INT64;
    }

    /** t broadcast to shape for a backend call: t itself when it already has that shape (no view to record). */
    static Tensor expandTo(Tensor t, int[] shape) {
        return java.util.Arrays.equals(t.shapeArray(), shape) ? t : t.expand(shape);
    }

    /** A view of t in dtype d (t itself when it already is). */
    static Tensor as(Tensor t, DType d) {
        return t.dtype() == d ? t : t.to(d);
    }

    /** out = a op b with broadcasting and promotion; comparisons and logical ops give bool. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Nulls.check(a, op, false, "input");
        Nulls.check(b, op, false, "other");
        if (op == BinaryOp.SUB && a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
            // Computed in int64 and narrowed back, bool - bool would silently be xor; torch refuses it.
            throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. "
                + "Use the `^` or `logical_xor()` operator instead. (In Java: a.logicalXor(b))");
        }
        if (op == BinaryOp.SUB && (a.dtype() == DType.BOOL || b.dtype() == DType.BOOL)) {
            // 1 - mask would be a silent int; torch refuses it.
            throw new IllegalArgumentException("Subtraction, the `-` operator, with a bool tensor is not supported. "
                + "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead. (In Java: "
                + "mask.logicalNot(), or convert first: mask.toLong())");
        }
        int[] shape = a.ndim() == b.ndim() && java.util.Arrays.equals(a.shapeArray(), b.shapeArray())
            ? a.shapeArray() : Shapes.broadcast(a.shapeArray(), b.shapeArray());
        DType rt = resultType(a, b);
        if (op == BinaryOp.DIV && !rt.isFloatingPoint()) {
            rt = DType.FLOAT32; // true division, as torch's '/'
        }
        DType ct;
        if (op.isLogical()) {
            ct = DType.BOOL;
        } else {
            ct = computeType(rt);
        }
        // A narrow integer result type (uint8, int32) is computed in int64; an operand of another type is first
        // cast to the result type, as torch does, so that uint8.maximum(tensor(-8)) or u.lt(-3) see 248 / 253.
        boolean narrow = !op.isLogical() && rt != ct;
        Tensor x = expandTo(as(narrow ? as(a, rt) : a, ct), shape);
        Tensor y = expandTo(as(narrow ? as(b, rt) : b, ct), shape);
        DType outType = op.isPredicate() ? DType.BOOL : ct;
        Tensor out = Tensor.empty(outType, Devices.common(a, b), shape.clone());
        out.backend().binary(op, x, y, out);
        if (!op.isPredicate() && rt != ct) {
            return out.to(rt);
        }
        return out;
    }

    /** self = self op b in place (b broadcast to self's shape); self's dtype must hold the result. */
    public static Tensor binaryInPlace(BinaryOp op, Tensor self, Tensor b) {
        Nulls.check(b, op, true, "other");
        checkNoInternalOverlap(self); // torch's TensorIterator checks this before shapes and dtypes
        DType rt = resultType(self, b);
        if (op == BinaryOp.DIV && !rt.isFloatingPoint()) {
            rt = DType.FLOAT32;
        }
        int[] shape = self.shapeArray();
        int[] full = Shapes.broadcast(shape, b.shapeArray()); // names both shapes when they do not broadcast
        if (!java.util.Arrays.equals(full, shape)) {
            throw new IllegalArgumentException("output with shape " + java.util.Arrays.toString(shape) + " doesn't match "
                + "the broadcast shape " + java.util.Arrays.toString(full) + " (an in-place op cannot grow its tensor; "
                + "use the out-of-place form)");
        }
        // torch's canCast: only floating -> integral and non-bool -> bool are refused, so float32.add_(float64)
        // and int32.add_(int64) are fine (the result is narrowed), int64.add_(float) is not.
        if ((rt.isFloatingPoint() && !self.dtype().isFloatingPoint()) || (rt != DType.BOOL && self.dtype() == DType.BOOL)) {
            throw new IllegalArgumentException("result type " + Reductions.kernelTypeName(rt) + " can't be cast to the "
                + "desired output type " + Reductions.kernelTypeName(self.dtype()) + " (in-place "
                + op.name().toLowerCase() + "; use the out-of-place form, or convert first: x = x.toFloat())");
        }
        Devices.checkSame(self, b);
        // float32.div_(float64) computes in float64 and rounds once, as torch.
        DType ct = rt.isFloatingPoint() ? DType.promote(rt, self.dtype()) : computeType(self.dtype());
        Tensor y = expandTo(as(b, ct), shape);
        if (ct == self.dtype()) {
            Tensor x = overlapSafe(self, y);
            self.backend().binary(op, self, x, self);
        } else {
            Tensor tmp = self.to(ct);
            self.backend().binary(op, tmp, y, tmp);
            self.backend().copy(tmp, self);
        }
        return self;
    }

    /** copy_'s checks, in torch's words and order: self must not overlap itself, and src must broadcast to self. */
    public static void checkCopyShapes(Tensor self, Tensor src) {
        checkNoInternalOverlap(self);
        int[] full = Shapes.broadcast(self.shapeArray(), src.shapeArray());
        if (!java.util.Arrays.equals(full, self.shapeArray())) {
            throw new IllegalArgumentException("output with shape " + java.util.Arrays.toString(self.shapeArray())
                + " doesn't match the broadcast shape " + java.util.Arrays.toString(full));
        }
    }

    /** Writing through a broadcast (stride 0) view would update one element several times: torch refuses it. */
    public static void checkNoInternalOverlap(Tensor self) {
        if (self.numel() == 0) {
            return; // nothing is written (torch: an empty tensor does not overlap itself)
        }
        for (int d = 0; d < self.ndim(); d++) {
            if (self.strideArray()[d] == 0 && self.shapeArray()[d] > 1) {
                throw new IllegalArgumentException("unsupported operation: more than one element of the written-to "
                    + "tensor refers to a single memory location. Please clone() the tensor before performing the "
                    + "operation.");
            }
        }
    }

    /** A dtype as C++ names its element type in torch's messages (caffe2's TypeMeta). */
    static String cppTypeName(DType t) {
        switch (t) {
            case BOOL: return "bool";
            case UINT8: return "unsigned char";
            case INT32: return "int";
            case INT64: return "long int";
            case FLOAT32: return "float";
            default: return "double";
        }
    }

    /** b itself, unless it shares storage with self (then a copy, so reads don't see our writes). */
    private static Tensor overlapSafe(Tensor self, Tensor b) {
        return b.storage() == self.storage() ? b.contiguous().clone() : b;
    }

    /** Unary op; float-only ops on integer input compute in float32, as torch. */
    public static Tensor unary(UnaryOp op, double p1, double p2, Tensor a) {
        DType ct = op.needsFloat() ? a.dtype().toFloatingPoint() : computeType(a.dtype());
        if (a.dtype() == DType.BOOL && op == UnaryOp.NEG) {
            throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. "
                + "If you are trying to invert a mask, use logicalNot() instead.");
        }
        Tensor x = as(a, ct);
        Tensor out = Tensor.empty(ct, a.device(), a.shapeArray().clone());
        a.backend().unary(op, p1, p2, x, out);
        if (!op.needsFloat() && ct != a.dtype() && a.dtype() != DType.BOOL) {
            return out.to(a.dtype());
        }
        return out;
    }

    /** Unary op written back into self. */
    public static Tensor unaryInPlace(UnaryOp op, double p1, double p2, Tensor self) {
        boolean floatResult = op.needsFloat() || (op == UnaryOp.CLAMP && (MathOps.fractional(p1) || MathOps.fractional(p2)))
            || (op == UnaryOp.POW_SCALAR && p1 != Math.rint(p1));
        // As clamp/pow out of place, a fractional bound or exponent makes an integer result float (torch refuses
        // to write that back into an integer tensor rather than round it). clamp_ checks this before anything
        // else; the others in torch's TensorIterator, after the overlap check.
        if (op != UnaryOp.CLAMP) {
            checkNoInternalOverlap(self);
        }
        if (floatResult && !self.dtype().isFloatingPoint()) {
            // clamp_'s own check prints the C++ type (long int); torch's iterator, for the others, the dtype (Long)
            String into = op == UnaryOp.CLAMP ? cppTypeName(self.dtype()) : Reductions.kernelTypeName(self.dtype());
            throw new IllegalArgumentException("result type Float can't be cast to the desired output type " + into
                + " (in-place " + op.name().toLowerCase() + "; convert first: x = x.toFloat())");
        }
        if (op == UnaryOp.CLAMP) {
            checkNoInternalOverlap(self);
        }
        DType ct = computeType(self.dtype());
        if (ct == self.dtype()) {
            self.backend().unary(op, p1, p2, self, self);
        } else {
            Tensor tmp = self.to(ct);
            self.backend().unary(op, p1, p2, tmp, tmp);
            self.backend().copy(tmp, self);
        }
        return self;
    }
}
