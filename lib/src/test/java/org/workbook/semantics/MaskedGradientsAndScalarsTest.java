package org.workbook.semantics;

import static org.workbook.semantics.SemanticsGolden.grads;
import static org.workbook.semantics.SemanticsGolden.rg;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.where;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workbook.tensor.Tensor;

/**
 * Issue 13, first two classes, against torch's printed answers: gradients through relu, clamp,
 * max/min and maximum/minimum are selected, not multiplied by a 0/1 mask (no -0., no nan from an
 * inf gradient); and a Java double is a Python float, a Java int or long a Python int.
 */
class MaskedGradientsAndScalarsTest {
    private static final double NAN = Double.NaN;

    static Map<String, Callable<String>> programs() {
        Map<String, Callable<String>> p = new LinkedHashMap<>();
        p.put("mask_relu_log", () -> { Tensor x = rg(-1, 2); x.relu().log().sum().backward(); return grads(x); });
        p.put("mask_relu_dead_units_no_negative_zero", () -> {
            Tensor x = rg(-1, -2, 3); x.relu().mul(-1).sum().backward(); return grads(x); });
        p.put("mask_relu_keeps_negative_zero", () -> tensor(-0.0, 0.0, -1.0, NAN, 2.0).relu().toString());
        p.put("mask_clamp_inf_gradient", () -> {
            Tensor x = rg(-2, 0.5, 3); x.clamp(0, 1).log().sum().backward(); return grads(x); });
        p.put("mask_clamp_negative_gradient", () -> {
            Tensor x = rg(-2, 0.5, 3); x.clamp(0.0, 1.0).mul(-1).sum().backward(); return grads(x); });
        p.put("mask_clamp_min_nan_input", () -> { Tensor x = rg(NAN, 1); x.clampMin(0).sum().backward(); return grads(x); });
        p.put("mask_max_whole_ties", () -> { Tensor x = rg(1, 3, 3); x.max().mul(-1).backward(); return grads(x); });
        p.put("mask_max_whole_inf_gradient", () -> { Tensor x = rg(0, -1); x.max().log().backward(); return grads(x); });
        p.put("mask_min_whole_negative", () -> { Tensor x = rg(4, 1, 2); x.min().mul(-2).backward(); return grads(x); });
        p.put("mask_max_dim", () -> {
            Tensor x = tensor(new double[][] {{1, 5}, {7, 2}}).requiresGrad_();
            x.max(1).values().mul(-1).sum().backward();
            return grads(x);
        });
        p.put("mask_min_dim_keepdim_inf", () -> {
            Tensor x = tensor(new double[][] {{1, 0}, {3, 2}}).requiresGrad_();
            x.min(1, true).values().log().sum().backward();
            return grads(x);
        });
        p.put("mask_maximum_ties_and_signs", () -> {
            Tensor a = rg(1, 2, 3); Tensor b = rg(3, 2, 1); a.maximum(b).mul(-1).sum().backward(); return grads(a, b); });
        p.put("mask_minimum_inf_gradient", () -> {
            Tensor a = rg(0, 2); Tensor b = rg(1, 0.5); a.minimum(b).log().sum().backward(); return grads(a, b); });
        p.put("mask_maximum_nan", () -> {
            Tensor a = rg(NAN, 1); Tensor b = rg(1, 2); a.maximum(b).sum().backward(); return grads(a, b); });

        p.put("scalar_int_times_float", () -> arange(3).mul(2.0).toString());
        p.put("scalar_int_times_int", () -> arange(3).mul(2).toString());
        p.put("scalar_int_pow_negative_float", () -> arange(1, 3).pow(-1.0).toString());
        p.put("scalar_int_pow_int", () -> arange(4).pow(2).toString());
        p.put("scalar_int_pow_float", () -> arange(4).pow(2.0).toString());
        p.put("scalar_int_plus_float", () -> arange(3).add(1.0).toString());
        p.put("scalar_int_minus_int", () -> arange(3).sub(1).toString());
        p.put("scalar_int_div_int", () -> arange(4).div(2).toString());
        p.put("scalar_rsub_float", () -> arange(3).rsub(1.0).toString());
        p.put("scalar_rsub_int", () -> arange(3).rsub(1).toString());
        p.put("scalar_eq_float", () -> arange(3).eq(1.0).toString());
        p.put("scalar_where_float", () -> where(tensor(true, false), tensor(1, 2), 0.5).toString());
        p.put("scalar_where_int", () -> where(tensor(true, false), tensor(1, 2), 0).toString());
        p.put("scalar_clamp_float_bounds", () -> arange(5).clamp(0.0, 2.0).toString());
        p.put("scalar_clamp_int_bounds", () -> arange(5).clamp(0, 2).toString());
        p.put("scalar_fill_float_into_int", () -> arange(5).fill_(2.7).toString());
        p.put("scalar_bool_plus_int", () -> tensor(true, false).add(1).toString());
        p.put("scalar_float32_times_double_stays_float32", () -> tensor(1.5, 2.5).mul(0.1).dtype().toString());
        return p;
    }

    @TestFactory
    Stream<DynamicTest> maskedGradientsSelect() {
        return SemanticsGolden.replay(programs(), "mask_");
    }

    @TestFactory
    Stream<DynamicTest> javaNumbersArePythonNumbers() {
        return SemanticsGolden.replay(programs(), "scalar_");
    }
}
