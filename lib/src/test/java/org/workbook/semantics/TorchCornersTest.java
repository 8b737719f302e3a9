package org.workbook.semantics;

import static org.workbook.semantics.SemanticsGolden.fn;
import static org.workbook.semantics.SemanticsGolden.grads;
import static org.workbook.tensor.Tensors.cat;
import static org.workbook.tensor.Tensors.full;
import static org.workbook.tensor.Tensors.ones;
import static org.workbook.tensor.Tensors.randn;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workbook.nn.F;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Corners that differential runs with other seeds than the committed one found (the programs of
 * bench/golden/gen_semantics.py's "corner_" cases): which slices torch records, fills through
 * broadcast views, the order of its in-place checks, what mean(dim) saves, losses' dtypes and node
 * names, signed zeros in gradients and in maximum/minimum ties, against torch's answers.
 */
class TorchCornersTest {
    private static final String NO_ERROR = "no error";

    /** float32 values as torch's bit patterns (the generator's bits()). */
    private static String bits(Tensor t) {
        StringBuilder b = new StringBuilder();
        for (float v : t.toFloatArray()) {
            b.append(b.length() == 0 ? "" : " ").append(String.format("%08x", Float.floatToRawIntBits(v)));
        }
        return b.toString();
    }

    private static String names(Tensor... ts) {
        StringBuilder b = new StringBuilder();
        for (Tensor t : ts) {
            b.append(b.length() == 0 ? "" : " ").append(fn(t));
        }
        return b.toString();
    }

    private static String setThenName(String index) {
        Tensor x = randn(4, 3).requiresGrad_().mul(1);
        x.set(index, ones(3));
        return fn(x);
    }

    static Map<String, Callable<String>> programs() {
        Map<String, Callable<String>> p = new LinkedHashMap<>();
        p.put("corner_leaky_relu_float_slope", () ->
            bits(F.leakyRelu(tensor(-1.9478622674942017f, -0.22847935557365417f, -1.0921868085861206f, 2f), 0.2))
                + " " + bits(F.leakyRelu(tensor(-1.0921868085861206f), 0.01)));
        p.put("corner_index_whole_slice_in_tuple", () -> {
            Tensor a = randn(4, 3).requiresGrad_().mul(1);
            return names(a.get(":4"), a.get(":, :3"), a.get(":4, :3"), a.get("None, :4"), a.get("..., :3"), a.get(":"),
                a.get("0:4, 1:"));
        });
        p.put("corner_setitem_whole_slice_copies", () -> String.join(" ", setThenName(":4, :3"), setThenName(":4"),
            setThenName(":, :3"), setThenName("None, :4"), setThenName("...")));
        p.put("corner_setitem_number_fills_expanded", () -> {
            Tensor a = zeros(1, 3);
            Tensor b = a.expand(3, 3);
            b.set("0", 4);
            b.set("1:", tensor(2f).reshape());
            return a.toString();
        });
        p.put("corner_setitem_tensor_into_expanded", () -> zeros(1, 3).expand(3, 3).set(":", ones(3)).toString());
        p.put("corner_fill_tensor_value_gradient", () -> {
            Tensor w = tensor(2f).reshape().requiresGrad_();
            Tensor x = randn(4, 3).requiresGrad_().mul(1);
            x.set("...", w);
            x.mul(3).sum().backward();
            return fn(x) + " | " + grads(w);
        });
        p.put("corner_empty_target_overlap_allowed", () -> {
            Tensor b = zeros(1, 3).expand(3, 3);
            b.set("3:1", ones(1));
            b.get("3:1").add_(1);
            return b.toString();
        });
        p.put("corner_overlap_before_broadcast", () -> {
            zeros(1, 3).expand(3, 3).div_(ones(2, 3));
            return NO_ERROR;
        });
        p.put("corner_clamp_cast_before_overlap", () -> {
            zeros(DType.INT64, 1).expand(3).clamp_(-0.5, 1.0);
            return NO_ERROR;
        });
        p.put("corner_pow_overlap_before_cast", () -> {
            zeros(DType.INT64, 1).expand(3).pow_(0.5);
            return NO_ERROR;
        });
        p.put("corner_mean_dim_second_backward", () -> {
            Tensor c = randn(1, 2, 2).requiresGrad_().mean(new int[] {2}, true).mean();
            c.backward();
            c.backward();
            return NO_ERROR;
        });
        p.put("corner_mean_dim_saves_input", () -> {
            Tensor b = randn(2, 3).requiresGrad_().mul(1);
            Tensor c = b.mean(1);
            b.add_(1);
            c.sum().backward();
            return NO_ERROR;
        });
        p.put("corner_cat_legacy_empty_any_dim", () -> cat(List.of(tensor(new float[0]), tensor(new float[0])), 3)
            + " " + cat(List.of(tensor(new float[0])), -2).shape());
        p.put("corner_cross_entropy_probabilities_unbatched", () -> {
            Tensor a = tensor(DType.FLOAT64, 0.1, -0.3, 0.4, 0.5).requiresGrad_();
            Tensor l = F.crossEntropy(a, F.softmax(tensor(DType.FLOAT64, -1.25, 0.25, 1.0, -1.25), 0));
            l.backward();
            return l + " | " + grads(a);
        });
        p.put("corner_bce_logits_bool_input", () -> {
            F.binaryCrossEntropyWithLogits(tensor(true, false), tensor(true, false));
            return NO_ERROR;
        });
        p.put("corner_bce_logits_target_dtype", () -> {
            Tensor x = tensor(DType.FLOAT64, 0.05587093541183453, -2.0).requiresGrad_();
            Tensor l = F.binaryCrossEntropyWithLogits(x, tensor(1f, 0f));
            l.backward();
            return l + " | " + grads(x);
        });
        p.put("corner_softmax_empty_bool", () -> F.softmax(zeros(DType.BOOL, 1, 0), 1) + " "
            + F.logSoftmax(zeros(DType.BOOL, 4, 0), -2));
        p.put("corner_argmax_empty_bool", () -> zeros(DType.BOOL, 2, 0).argmax(-1).toString());
        p.put("corner_argmax_empty_result_bool", () -> zeros(DType.BOOL, 0, 3).argmax(1).toString());
        p.put("corner_mse_bool_target", () -> F.mseLoss(tensor(1.897693395614624f, 0.5f), tensor(true, false)).toString());
        p.put("corner_pow_zero_exponent_gradient", () -> {
            Tensor a = tensor(0.5f, 2f).requiresGrad_();
            a.pow(tensor(0f, 1f)).mul(tensor(-1.5f, 1f)).sum().backward();
            return grads(a);
        });
        p.put("corner_expand_to_scalar_gradient", () -> {
            Tensor a = tensor(4f).reshape().requiresGrad_();
            a.expandAs(tensor(1f).reshape()).mul(0).mul(-0.75).sum().backward();
            return grads(a);
        });
        p.put("corner_outer_gradient_sign", () -> {
            Tensor c = tensor(-0.1f).reshape(1).requiresGrad_();
            tensor(0f).reshape(1).outer(c).mul(-1.75).sum().backward();
            return grads(c);
        });
        p.put("corner_prod_gradient_huge", () -> {
            Tensor a = tensor(-0.75f, -1.0000000150474662e+30f).requiresGrad_();
            a.prod(0, false).mul(a).backward(tensor(0.16838438808918f, 1.9539856910705566f));
            return grads(a);
        });
        p.put("corner_var_of_scalar_gradient", () -> {
            StringBuilder b = new StringBuilder();
            for (double v : new double[] {2, Double.NaN, Double.POSITIVE_INFINITY}) {
                Tensor a = tensor(DType.FLOAT64, v).reshape().requiresGrad_();
                a.var().backward(tensor(DType.FLOAT64, -3.0).reshape());
                b.append(b.length() == 0 ? "" : " ").append(grads(a));
            }
            return b.toString();
        });
        p.put("corner_max_min_zero_ties", () -> {
            Tensor z = tensor(-0f);
            return String.join(" ", z.reshape(1).maximum(zeros(3)).toString(),
                zeros(20).minimum(full(new int[] {20}, -0.0)).toString(),
                full(new int[] {20}, -0.0).maximum(zeros(20)).toString(),
                z.neg().reshape(1).expand(9).minimum(z.reshape(1).expand(9)).toString(),
                tensor(DType.FLOAT64, -0.0).reshape(1).maximum(zeros(DType.FLOAT64, 10)).toString());
        });
        p.put("corner_mean_is_float_sum_over_n", () -> {
            Tensor x = tensor(1.75f, 3.0000000054977558e+38f, 3.0000000054977558e+38f);
            return x.mean() + " " + x.reshape(3, 1).mean(0) + " " + bits(tensor(0.1f, 0.7f, 0.3f).mean().reshape(1));
        });
        p.put("corner_softmax_backward_negative_zero_rows", () -> {
            List<String> out = new java.util.ArrayList<>();
            for (boolean log : new boolean[] {true, false}) {
                for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                    Tensor a = tensor(new double[][] {{0.68}, {-0.13}}).to(dt).requiresGrad_();
                    (log ? F.logSoftmax(a, 1) : F.softmax(a, 1)).backward(full(dt, new int[] {2, 1}, -0.0));
                    out.add(pyList(a.grad()));
                    Tensor b = tensor(new double[][] {{0.68, 0.1}}).to(dt).requiresGrad_();
                    (log ? F.logSoftmax(b, 0) : F.softmax(b, 0)).backward(full(dt, new int[] {1, 2}, -0.0));
                    out.add(pyList(b.grad()));
                }
            }
            return String.join(" ", out);
        });
        p.put("corner_pow_bool_shapes_first", () -> zeros(DType.BOOL, 3, 2).pow(zeros(DType.BOOL, 3, 3)).toString());
        p.put("corner_bce_nan_probability", () ->
            F.binaryCrossEntropy(tensor(0.5f, Float.NaN), tensor(1f, 0f)).toString());
        p.put("corner_log1p_past_sleef_bound", () -> tensor(1e38f, 1.0000001e38f, 3e38f, -0.5f).log1p() + " "
            + tensor(DType.FLOAT64, 1e307, 2e307, 0.5).log1p());
        p.put("corner_empty_products_of_two_dtypes", () -> {
            int[][][] shapes = {{{2, 0}, {0}}, {{0}, {0, 3}}, {{2, 0}, {0, 3}}, {{2, 3}, {3, 0}}, {{1, 2, 0}, {1, 0, 3}},
                {{2, 2, 0}, {0, 3}}, {{2, 0}, {2, 0, 3}}, {{0}, {2, 0, 3}}, {{2, 0, 3}, {3}}};
            List<String> out = new java.util.ArrayList<>();
            for (int[][] s : shapes) {
                Tensor r = zeros(DType.FLOAT64, s[0]).matmul(zeros(DType.FLOAT32, s[1]));
                out.add(r.dtype().torchName() + java.util.Arrays.toString(r.shapeArray()));
            }
            return String.join(" ", out);
        });
        p.put("corner_max_min_all_zero_ties", () -> {
            List<String> out = new java.util.ArrayList<>();
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int n : new int[] {2, 3, 5, 9, 12, 20, 37}) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = (i * 7 + n) % 3 != 0 ? -0.0 : 0.0;
                    }
                    Tensor t = org.workbook.tensor.Tensors.fromArray(v, n).to(dt);
                    out.add(py(t.max().item()) + "," + py(t.neg().min().item()) + "," + py(t.neg().max().item()));
                }
            }
            return String.join(" ", out);
        });
        p.put("corner_mse_shapes_before_dtype", () -> F.mseLoss(zeros(DType.BOOL, 4), zeros(DType.BOOL, 5)).toString());
        return p;
    }

    /** A zero as Python prints a float: 0.0 or -0.0. */
    private static String py(double d) {
        return d == 0 && Double.doubleToRawLongBits(d) < 0 ? "-0.0" : d == 0 ? "0.0" : Double.toString(d);
    }

    /** A tensor's values as Python prints t.flatten().tolist() for these (zeros only here). */
    private static String pyList(Tensor t) {
        List<String> v = new java.util.ArrayList<>();
        for (double d : t.toDoubleArray()) {
            v.add(d == 0 ? (Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0") : Double.toString(d));
        }
        return "[" + String.join(", ", v) + "]";
    }

    @TestFactory
    Stream<DynamicTest> cornersOtherSeedsFound() {
        return SemanticsGolden.replay(programs(), "corner_");
    }
}
