package org.workbook.semantics;

import static org.workbook.semantics.SemanticsGolden.fn;
import static org.workbook.semantics.SemanticsGolden.grads;
import static org.workbook.semantics.SemanticsGolden.rg;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.cat;
import static org.workbook.tensor.Tensors.ones;
import static org.workbook.tensor.Tensors.randn;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workbook.nn.F;
import org.workbook.tensor.DType;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

/**
 * Issue 13: the grad_fn names students see printed, losses and reductions on the shapes torch
 * accepts, and errors where torch errors (with torch's words), against torch's answers.
 */
class NamesLossesErrorsTest {
    private static final String NO_ERROR = "finished without an error";
    private static final double INF = Double.POSITIVE_INFINITY;

    static Map<String, Callable<String>> programs() {
        Map<String, Callable<String>> p = new LinkedHashMap<>();
        p.put("name_mse_loss", () -> fn(F.mseLoss(rg(1, 2), tensor(0.0, 0.0))));
        p.put("name_index_pairs", () -> fn(randn(3, 4).requiresGrad_().get(arange(2), tensor(1, 3))));
        p.put("name_index_mask", () -> fn(randn(3).requiresGrad_().get(tensor(true, false, true))));
        p.put("name_index_columns", () -> fn(randn(3, 4).requiresGrad_().get(Slice.ALL, tensor(0, 2))));
        p.put("name_dot", () -> fn(rg(1, 2).matmul(tensor(3.0, 4.0))));
        p.put("name_mv", () -> fn(randn(2, 3).requiresGrad_().matmul(randn(3))));
        p.put("name_vector_matrix", () -> fn(rg(1, 2).matmul(randn(2, 3))));
        p.put("name_mm", () -> fn(randn(2, 3).requiresGrad_().matmul(randn(3, 4))));
        p.put("name_batched", () -> fn(randn(2, 2, 3).requiresGrad_().matmul(randn(3, 4))));
        p.put("name_batched_both", () -> fn(randn(2, 2, 3).requiresGrad_().matmul(randn(2, 3, 4))));
        p.put("name_rdiv", () -> fn(rg(1, 2).rdiv(3)));
        p.put("name_rdiv_value", () -> tensor(3.0, 7.0).rdiv(3).toString());
        p.put("name_full_slice", () -> fn(rg(1, 2).get(":")));
        p.put("name_full_slice_in_tuple", () -> fn(randn(2, 3).requiresGrad_().get(":, 0")));
        p.put("name_t_of_vector", () -> fn(rg(1, 2).t()));
        p.put("name_expand_same_shape", () -> fn(rg(1, 2).expand(2)));
        p.put("name_flatten_vector_is_self", () -> { Tensor x = rg(1, 2); return x.flatten() == x ? "True" : "False"; });
        p.put("name_max_dim_of_scalar", () -> fn(tensor(3.0).requiresGrad_().max(0).values()));

        p.put("loss_cross_entropy_unbatched", () -> {
            Tensor x = rg(1, 2, 0.5); Tensor l = F.crossEntropy(x, tensor(1)); l.backward(); return l + " | " + grads(x);
        });
        p.put("loss_nll_unbatched", () -> F.nllLoss(rg(-1, -2, -0.5), tensor(2)).toString());
        p.put("loss_cross_entropy_probabilities", () -> {
            Tensor x = tensor(new double[][] {{1, 2, 0.5}, {0, 0, 3}}).requiresGrad_();
            Tensor pr = tensor(new double[][] {{0.2, 0.5, 0.3}, {1, 0, 0}});
            Tensor l = F.crossEntropy(x, pr);
            l.backward();
            return l + " | " + grads(x);
        });
        p.put("loss_softmax_empty_dim", () -> F.softmax(zeros(2, 0), 1) + " " + F.logSoftmax(zeros(2, 0), 0));
        p.put("loss_cat_legacy_empty", () -> cat(zeros(0), ones(2, 2)).toString());
        p.put("loss_set_one_element_into_scalar_slot", () -> {
            Tensor y = zeros(5); y.set("3", tensor(new double[] {2})); return y.toString();
        });
        p.put("loss_max_dim_of_scalar_backward", () -> {
            Tensor x = tensor(3.0).requiresGrad_(); x.max(0).values().mul(2).backward(); return grads(x);
        });
        p.put("loss_bce_logits_promotes", () ->
            F.binaryCrossEntropyWithLogits(tensor(0.5, -1.0), tensor(DType.FLOAT64, 1, 0)).toString());
        p.put("loss_bce_logits_infinite", () ->
            F.binaryCrossEntropyWithLogits(tensor(INF, -1.0), tensor(1.0, 0.0)).toString());
        p.put("loss_bce_logits_value", () -> {
            Tensor x = rg(0.5, -1, 3); Tensor l = F.binaryCrossEntropyWithLogits(x, tensor(1.0, 0.0, 0.0));
            l.backward();
            return l + " | " + grads(x);
        });
        p.put("loss_mse_value_and_grad", () -> {
            Tensor x = rg(0.5, -1, 3); Tensor l = F.mseLoss(x, tensor(1.0, 0.0, 0.0)); l.backward();
            return l + " | " + grads(x);
        });

        p.put("err_narrow_past_end", () -> arange(5).narrow(0, 3, 4).toString());
        p.put("err_mean_of_long", () -> arange(3).mean().toString());
        p.put("err_std_of_long", () -> arange(3).std().toString());
        p.put("err_var_of_bool", () -> tensor(true, false).var().toString());
        p.put("err_softmax_of_long", () -> F.softmax(arange(3), 0).toString());
        p.put("err_argmax_of_bool", () -> tensor(true, false).argmax().toString());
        p.put("err_abs_of_bool", () -> tensor(true).abs().toString());
        p.put("err_relu_of_bool", () -> tensor(true).relu().toString());
        p.put("err_sub_with_bool", () -> tensor(new int[] {1}).sub(tensor(true)).toString());
        p.put("err_arange_step_sign", () -> arange(5, 0, 1).toString());
        p.put("err_negative_slice_step", () -> arange(5).get("::-1").toString());
        p.put("err_int_pow_negative_number", () -> arange(1, 3).pow(-1).toString());
        p.put("int_pow_negative_exponent_tensor", () -> tensor(2, 4, 1, -1).pow(tensor(-1, 2, -3, -3)).toString());
        p.put("pow_one_to_inf", () -> tensor(new double[] {1}).pow(INF) + " "
            + tensor(new double[] {1}).pow(tensor(new double[] {Double.NaN})));
        p.put("pow_minus_inf_half", () -> tensor(Double.NEGATIVE_INFINITY, 4.0).pow(0.5).toString());
        p.put("clamp_min_above_max", () -> tensor(1.0, 5.0, 9.0).clamp(6, 2) + " " + arange(5).clamp(3, 1));
        return p;
    }

    @TestFactory
    Stream<DynamicTest> gradFnNamesAsTorchPrintsThem() {
        return SemanticsGolden.replay(programs(), "name_");
    }

    @TestFactory
    Stream<DynamicTest> lossesAndReductionsOnTorchsShapes() {
        return SemanticsGolden.replay(programs(), "loss_");
    }

    @TestFactory
    Stream<DynamicTest> errorsWhereTorchErrorsAndPowCorners() {
        return SemanticsGolden.replay(programs(), "err_", "int_pow_", "pow_", "clamp_");
    }
}
