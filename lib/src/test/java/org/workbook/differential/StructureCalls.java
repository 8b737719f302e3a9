package org.workbook.differential;

import static org.workbook.differential.Calls.t;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.workbook.nn.F;
import org.workbook.tensor.DType;
import org.workbook.tensor.Index;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;
import org.workbook.tensor.ValuesIndices;

/**
 * The case language's reductions, views, indexing, joining, matmul, nn functions,
 * factories and backward, as library calls.
 */
final class StructureCalls {
    private StructureCalls() { }

    static Object call(String op, List<Object> a, Map<String, Object> k) {
        Tensor x = a.isEmpty() || !(a.get(0) instanceof Tensor) ? null : t(a, 0);
        switch (op) {
            case "sum": case "mean": case "var": case "std": case "prod": case "max": case "min":
            case "argmax": case "argmin": case "all": case "any":
                return reduce(op, x, k);
            case "get_values": return ((ValuesIndices) a.get(0)).values();
            case "get_indices": return ((ValuesIndices) a.get(0)).indices();
            case "view": return x.view(ints(k.get("shape")));
            case "reshape": return x.reshape(ints(k.get("shape")));
            case "expand": return x.expand(ints(k.get("shape")));
            case "permute": return x.permute(ints(k.get("dims")));
            case "transpose": return x.transpose(i(k, "d0"), i(k, "d1"));
            case "unsqueeze": return x.unsqueeze(i(k, "dim"));
            case "squeeze": return k.containsKey("dim") ? x.squeeze(i(k, "dim")) : x.squeeze();
            case "flatten": return k.containsKey("start") ? x.flatten(i(k, "start"), i(k, "end")) : x.flatten();
            case "select": return x.select(i(k, "dim"), i(k, "i"));
            case "narrow": return x.narrow(i(k, "dim"), i(k, "start"), i(k, "len"));
            case "to": return x.to(Interpreter.dtype((String) k.get("dtype")));
            case "get": return get(x, a, k);
            case "set": return set(x, a, k);
            case "cat": return Tensors.cat(tensors(a), i(k, "dim"));
            case "stack": return Tensors.stack(tensors(a), i(k, "dim"));
            case "matmul": return x.matmul(t(a, 1));
            case "mm": return x.mm(t(a, 1));
            case "dot": return x.dot(t(a, 1));
            case "outer": return x.outer(t(a, 1));
            case "softmax": return F.softmax(x, i(k, "dim"));
            case "log_softmax": return F.logSoftmax(x, i(k, "dim"));
            case "linear": return F.linear(x, t(a, 1), t(a, 2));
            case "mse_loss": return F.mseLoss(x, t(a, 1));
            case "l1_loss": return F.l1Loss(x, t(a, 1));
            case "cross_entropy": return F.crossEntropy(x, t(a, 1));
            case "nll_loss": return F.nllLoss(x, t(a, 1));
            case "binary_cross_entropy": return F.binaryCrossEntropy(x, t(a, 1));
            case "binary_cross_entropy_with_logits": return F.binaryCrossEntropyWithLogits(x, t(a, 1));
            case "nonzero": return x.nonzero();
            case "expand_as": return x.expandAs(t(a, 1));
            case "view_as": return x.viewAs(t(a, 1));
            case "reshape_as": return x.reshapeAs(t(a, 1));
            case "equal": return x.equal(t(a, 1));
            case "allclose": return x.allclose(t(a, 1));
            case "zeros": return k.get("dtype") == null ? Tensors.zeros(ints(k.get("shape")))
                    : Tensors.zeros(Interpreter.dtype((String) k.get("dtype")), ints(k.get("shape")));
            case "ones": return k.get("dtype") == null ? Tensors.ones(ints(k.get("shape")))
                    : Tensors.ones(Interpreter.dtype((String) k.get("dtype")), ints(k.get("shape")));
            case "zeros_like": return Tensors.zerosLike(x);
            case "ones_like": return Tensors.onesLike(x);
            case "arange": return arange(a);
            case "linspace": return Tensors.linspace(((Scalar) a.get(0)).d(), ((Scalar) a.get(1)).d(), i(k, "n"));
            case "eye": return Tensors.eye(i(k, "n"), i(k, "m"));
            case "full": return full(a, k);
            case "backward": return backward(x, a, k);
            case "module": case "module_repr": return ModuleCalls.call(op, a, k);
            default: throw new IllegalArgumentException("the differential interpreter has no op " + op);
        }
    }

    private static Object reduce(String op, Tensor x, Map<String, Object> k) {
        if (!k.containsKey("dim")) {
            switch (op) {
                case "sum": return x.sum();
                case "mean": return x.mean();
                case "var": return x.var();
                case "std": return x.std();
                case "prod": return x.prod();
                case "max": return x.max();
                case "min": return x.min();
                case "argmax": return x.argmax();
                case "argmin": return x.argmin();
                case "all": return x.all();
                default: return x.any();
            }
        }
        Object d = k.get("dim");
        boolean keep = Boolean.TRUE.equals(k.get("keepdim"));
        boolean unbiased = !Boolean.FALSE.equals(k.get("unbiased"));
        int[] dims = d instanceof List ? ints(d) : new int[] {((Number) d).intValue()};
        int one = dims[0];
        switch (op) {
            case "sum": return x.sum(dims, keep);
            case "mean": return x.mean(dims, keep);
            case "var": return x.var(dims, unbiased, keep);
            case "std": return x.std(dims, unbiased, keep);
            case "prod": return x.prod(one, keep);
            case "max": return x.max(one, keep);
            case "min": return x.min(one, keep);
            case "argmax": return x.argmax(one, keep);
            case "argmin": return x.argmin(one, keep);
            case "all": return x.all(one);
            default: return x.any(one);
        }
    }

    /** The index items as get(Object...) takes them; pure basic indices go through the string form. */
    @SuppressWarnings("unchecked")
    private static Object[] items(List<Object> a, Map<String, Object> k) {
        List<Map<String, Object>> idx = (List<Map<String, Object>>) k.get("idx");
        Object[] out = new Object[idx.size()];
        for (int j = 0; j < out.length; j++) {
            Map<String, Object> it = idx.get(j);
            if (it.containsKey("t")) {
                out[j] = a.get(((Number) it.get("t")).intValue());
            } else if (it.containsKey("n")) {
                out[j] = ((Number) it.get("n")).intValue();
            } else if (it.containsKey("none")) {
                out[j] = Index.NONE;
            } else if (it.containsKey("ell")) {
                out[j] = Index.ELLIPSIS;
            } else {
                out[j] = Index.parse((String) it.get("s")).get(0);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> k) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> it : (List<Map<String, Object>>) k.get("idx")) {
            if (it.containsKey("t")) {
                return null;
            }
            parts.add(it.containsKey("n") ? String.valueOf(it.get("n")) : it.containsKey("none") ? "None"
                    : it.containsKey("ell") ? "..." : (String) it.get("s"));
        }
        return String.join(", ", parts);
    }

    private static Tensor get(Tensor x, List<Object> a, Map<String, Object> k) {
        String s = text(k);
        return s != null ? x.get(s) : x.get(items(a, k));
    }

    private static Tensor set(Tensor x, List<Object> a, Map<String, Object> k) {
        Object v = a.get(a.size() - 1);
        String s = text(k);
        if (v instanceof Scalar sc) {
            if (s != null) {
                return sc.isInt() ? x.set(s, sc.l()) : x.set(s, sc.d());
            }
            Object[] it = items(a, k);
            if (it.length == 1 && it[0] instanceof Tensor m) {
                return sc.isInt() ? x.set(m, sc.l()) : x.set(m, sc.d());
            }
            return x.put(it, Tensor.scalar(sc.d(), x.dtype()));
        }
        return s != null ? x.set(s, (Tensor) v) : x.put(items(a, k), (Tensor) v);
    }

    private static List<Tensor> tensors(List<Object> a) {
        List<Tensor> ts = new ArrayList<>();
        a.forEach(o -> ts.add((Tensor) o));
        return ts;
    }

    private static Tensor arange(List<Object> a) {
        boolean ints = a.stream().allMatch(o -> ((Scalar) o).isInt());
        if (ints) {
            int[] v = a.stream().mapToInt(o -> (int) ((Scalar) o).l()).toArray();
            return v.length == 1 ? Tensors.arange(v[0]) : v.length == 2 ? Tensors.arange(v[0], v[1])
                    : Tensors.arange(v[0], v[1], v[2]);
        }
        double[] v = a.stream().mapToDouble(o -> ((Scalar) o).d()).toArray();
        return Tensors.arange(v[0], v[1], v.length > 2 ? v[2] : 1.0);
    }

    private static Tensor full(List<Object> a, Map<String, Object> k) {
        Scalar s = (Scalar) a.get(0);
        int[] shape = ints(k.get("shape"));
        if (k.get("dtype") != null) {
            DType d = Interpreter.dtype((String) k.get("dtype"));
            return s.isInt() ? Tensors.full(d, shape, s.l()) : Tensors.full(d, shape, s.d());
        }
        return s.isInt() ? Tensors.full(shape, s.l()) : Tensors.full(shape, s.d());
    }

    private static Object backward(Tensor root, List<Object> a, Map<String, Object> k) {
        Tensor g = a.size() > 1 ? t(a, 1) : null;
        if (Boolean.TRUE.equals(k.get("retain"))) {
            root.backward(g, true);
        } else if (g != null) {
            root.backward(g);
        } else {
            root.backward();
        }
        return null;
    }

    static int i(Map<String, Object> k, String key) {
        return ((Number) k.get(key)).intValue();
    }

    static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }
}
