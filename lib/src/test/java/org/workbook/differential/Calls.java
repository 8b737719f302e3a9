package org.workbook.differential;

import java.util.List;
import java.util.Map;

import org.workbook.nn.F;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The elementwise ops of the case language, called as a student would write them: a Python
 * int becomes a long argument and a Python float a double, in two separate call sites so
 * each binds to its own overload. Everything else goes to {@link StructureCalls}.
 */
final class Calls {
    private static final java.util.Set<String> SCALAR_OPS = java.util.Set.of("add", "sub", "mul", "div", "pow",
            "rsub", "rdiv", "lt", "le", "gt", "ge", "eq", "ne", "add_", "sub_", "mul_", "div_", "pow_", "fill_",
            "clamp_min", "clamp_max");

    private Calls() { }

    static Object call(String op, List<Object> a, Map<String, Object> k) {
        Object second = a.size() > 1 ? a.get(1) : null;
        if (second instanceof Scalar s && a.get(0) instanceof Tensor x && SCALAR_OPS.contains(op)) {
            return s.isInt() ? withLong(op, x, s.l()) : withDouble(op, x, s.d());
        }
        switch (op) {
            case "add": return t(a, 0).add(t(a, 1));
            case "sub": return t(a, 0).sub(t(a, 1));
            case "mul": return t(a, 0).mul(t(a, 1));
            case "div": return t(a, 0).div(t(a, 1));
            case "pow": return t(a, 0).pow(t(a, 1));
            case "lt": return t(a, 0).lt(t(a, 1));
            case "le": return t(a, 0).le(t(a, 1));
            case "gt": return t(a, 0).gt(t(a, 1));
            case "ge": return t(a, 0).ge(t(a, 1));
            case "eq": return t(a, 0).eq(t(a, 1));
            case "ne": return t(a, 0).ne(t(a, 1));
            case "maximum": return t(a, 0).maximum(t(a, 1));
            case "minimum": return t(a, 0).minimum(t(a, 1));
            case "logical_and": return t(a, 0).logicalAnd(t(a, 1));
            case "logical_or": return t(a, 0).logicalOr(t(a, 1));
            case "logical_xor": return t(a, 0).logicalXor(t(a, 1));
            case "add_": return t(a, 0).add_(t(a, 1));
            case "sub_": return t(a, 0).sub_(t(a, 1));
            case "mul_": return t(a, 0).mul_(t(a, 1));
            case "div_": return t(a, 0).div_(t(a, 1));
            case "copy_": return t(a, 0).copy_(t(a, 1));
            case "clamp": return clamp(t(a, 0), (Scalar) a.get(1), (Scalar) a.get(2));
            case "clamp_": return t(a, 0).clamp_(((Scalar) a.get(1)).d(), ((Scalar) a.get(2)).d());
            case "leaky_relu": return t(a, 0).leakyRelu(((Number) k.get("slope")).doubleValue());
            case "where": return where(t(a, 0), a.get(1), a.get(2));
            default: break;
        }
        if (a.size() == 1 && a.get(0) instanceof Tensor x) {
            Tensor y = unary(op, x);
            if (y != null) {
                return y;
            }
        }
        return StructureCalls.call(op, a, k);
    }

    static Tensor t(List<Object> a, int i) {
        return (Tensor) a.get(i);
    }

    private static Tensor withLong(String op, Tensor x, long v) {
        switch (op) {
            case "add": return x.add(v);
            case "sub": return x.sub(v);
            case "mul": return x.mul(v);
            case "div": return x.div(v);
            case "pow": return x.pow(v);
            case "rsub": return x.rsub(v);
            case "rdiv": return x.rdiv(v);
            case "lt": return x.lt(v);
            case "le": return x.le(v);
            case "gt": return x.gt(v);
            case "ge": return x.ge(v);
            case "eq": return x.eq(v);
            case "ne": return x.ne(v);
            case "add_": return x.add_(v);
            case "sub_": return x.sub_(v);
            case "mul_": return x.mul_(v);
            case "div_": return x.div_(v);
            case "pow_": return x.pow_(v);
            case "fill_": return x.fill_(v);
            case "clamp_min": return x.clampMin(v);
            case "clamp_max": return x.clampMax(v);
            default: throw new IllegalArgumentException("no scalar op " + op);
        }
    }

    private static Tensor withDouble(String op, Tensor x, double v) {
        switch (op) {
            case "add": return x.add(v);
            case "sub": return x.sub(v);
            case "mul": return x.mul(v);
            case "div": return x.div(v);
            case "pow": return x.pow(v);
            case "rsub": return x.rsub(v);
            case "rdiv": return x.rdiv(v);
            case "lt": return x.lt(v);
            case "le": return x.le(v);
            case "gt": return x.gt(v);
            case "ge": return x.ge(v);
            case "eq": return x.eq(v);
            case "ne": return x.ne(v);
            case "add_": return x.add_(v);
            case "sub_": return x.sub_(v);
            case "mul_": return x.mul_(v);
            case "div_": return x.div_(v);
            case "pow_": return x.pow_(v);
            case "fill_": return x.fill_(v);
            case "clamp_min": return x.clampMin(v);
            case "clamp_max": return x.clampMax(v);
            default: throw new IllegalArgumentException("no scalar op " + op);
        }
    }

    private static Tensor clamp(Tensor x, Scalar lo, Scalar hi) {
        if (lo.isInt() && hi.isInt()) {
            return x.clamp(lo.l(), hi.l());
        }
        return x.clamp(lo.d(), hi.d());
    }

    private static Tensor where(Tensor cond, Object a, Object b) {
        if (a instanceof Scalar s) {
            return s.isInt() ? Tensors.where(cond, s.l(), (Tensor) b) : Tensors.where(cond, s.d(), (Tensor) b);
        }
        if (b instanceof Scalar s) {
            return s.isInt() ? Tensors.where(cond, (Tensor) a, s.l()) : Tensors.where(cond, (Tensor) a, s.d());
        }
        return Tensors.where(cond, (Tensor) a, (Tensor) b);
    }

    private static Tensor unary(String op, Tensor x) {
        switch (op) {
            case "neg": return x.neg();
            case "abs": return x.abs();
            case "exp": return x.exp();
            case "log": return x.log();
            case "sqrt": return x.sqrt();
            case "sigmoid": return x.sigmoid();
            case "relu": return F.relu(x);
            case "tanh": return x.tanh();
            case "sin": return x.sin();
            case "cos": return x.cos();
            case "square": return x.square();
            case "reciprocal": return x.reciprocal();
            case "log1p": return x.log1p();
            case "expm1": return x.expm1();
            case "sign": return x.sign();
            case "floor": return x.floor();
            case "ceil": return x.ceil();
            case "round": return x.round();
            case "logical_not": return x.logicalNot();
            case "contiguous": return x.contiguous();
            case "clone": return x.clone();
            case "detach": return x.detach();
            case "t": return x.t();
            case "float": return x.toFloat();
            case "double": return x.toDouble();
            case "long": return x.toLong();
            case "int": return x.toInt();
            case "bool": return x.bool();
            case "neg_": return x.neg_();
            case "relu_": return x.relu_();
            case "zero_": return x.zero_();
            default: return null;
        }
    }
}
