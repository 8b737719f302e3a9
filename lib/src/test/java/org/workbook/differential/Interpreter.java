package org.workbook.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Replays a case's steps through the library: the Java twin of differential_ops.run. The
 * environment maps each var to what its step returned (a Tensor, or max/min's values and
 * indices); {@link #failedStep} says where the library threw, if it did.
 */
final class Interpreter {
    final Map<String, Object> env = new LinkedHashMap<>();
    final Map<String, String> producedBy = new LinkedHashMap<>();
    final List<String> leaves = new ArrayList<>();
    int failedStep = -1;
    RuntimeException failure;

    static DType dtype(String name) {
        switch (name) {
            case "float32": return DType.FLOAT32;
            case "float64": return DType.FLOAT64;
            case "int64": return DType.INT64;
            case "int32": return DType.INT32;
            case "bool": return DType.BOOL;
            default: throw new IllegalArgumentException("no dtype " + name);
        }
    }

    static String dtypeName(DType d) {
        return d.torchName().substring("torch.".length());
    }

    @SuppressWarnings("unchecked")
    void run(DiffCase c) {
        for (int i = 0; i < c.steps().size(); i++) {
            Map<String, Object> step = c.steps().get(i);
            String op = (String) step.get("op");
            Map<String, Object> k = (Map<String, Object>) step.getOrDefault("k", Map.of());
            String v = (String) step.get("v");
            try {
                if (op.equals("input")) {
                    env.put(v, input(k));
                    if (Boolean.TRUE.equals(k.get("rg"))) {
                        leaves.add(v);
                    }
                    continue;
                }
                List<Object> raw = (List<Object>) step.getOrDefault("a", List.of());
                List<Object> args = new ArrayList<>();
                for (Object a : raw) {
                    args.add(a == null ? null : a instanceof String s ? env.get(s) : Scalar.of((Map<?, ?>) a));
                }
                Object out = Calls.call(op, args, k);
                if (v != null) {
                    env.put(v, out);
                    producedBy.put(v, op);
                }
            } catch (RuntimeException | StackOverflowError e) {
                failedStep = i;
                failure = e instanceof RuntimeException r ? r : new RuntimeException(e);
                return;
            }
        }
    }

    /** An input tensor with the case's exact values. */
    static Tensor input(Map<String, Object> k) {
        int[] shape = ((List<?>) k.get("shape")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        String data = (String) k.get("data");
        String[] tok = data.isEmpty() ? new String[0] : data.split(" ");
        Tensor t;
        switch ((String) k.get("dtype")) {
            case "float32": {
                float[] f = new float[tok.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) Scalar.parse(tok[i]);
                }
                t = Tensors.fromArray(f, shape);
                break;
            }
            case "float64": {
                double[] f = new double[tok.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Scalar.parse(tok[i]);
                }
                t = Tensors.fromArray(f, shape);
                break;
            }
            case "int64": {
                long[] f = new long[tok.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Long.parseLong(tok[i]);
                }
                t = Tensors.fromArray(f, shape);
                break;
            }
            case "int32": {
                int[] f = new int[tok.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Integer.parseInt(tok[i]);
                }
                t = Tensors.fromArray(f, shape);
                break;
            }
            default: {
                boolean[] f = new boolean[tok.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = tok[i].equals("1");
                }
                t = Tensors.fromArray(new long[tok.length], shape).to(DType.BOOL);
                if (f.length > 0) {
                    t = Tensors.tensor(f).reshape(shape);
                }
            }
        }
        if (Boolean.TRUE.equals(k.get("rg"))) {
            t.requiresGrad_();
        }
        return t;
    }
}
