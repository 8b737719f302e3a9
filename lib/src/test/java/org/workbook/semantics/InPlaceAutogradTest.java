package org.workbook.semantics;

import static org.workbook.semantics.SemanticsGolden.grads;
import static org.workbook.semantics.SemanticsGolden.rg;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workbook.tensor.Tensor;

/**
 * Issue 13: in-place ops on tensors of the graph (recorded, through views as CopySlices),
 * version counters (torch's "modified by an inplace operation"), and which graphs can be
 * backpropagated twice, each against torch's printed answer or message.
 */
class InPlaceAutogradTest {
    private static final String NO_ERROR = "finished without an error";

    static Map<String, Callable<String>> programs() {
        Map<String, Callable<String>> p = new LinkedHashMap<>();
        p.put("inplace_chain_on_views", () -> {
            Tensor x = rg(1, 2, 3); Tensor y = x.mul(2); y.add_(1); y.get("0:2").mul_(3); y.sum().backward();
            return y + " | " + grads(x);
        });
        p.put("inplace_mul_by_tensor", () -> {
            Tensor x = rg(1, 2); Tensor w = rg(3, 4); Tensor y = x.mul(1); y.mul_(w); y.sum().backward();
            return y + " | " + grads(x, w);
        });
        p.put("inplace_div_by_tensor", () -> {
            Tensor x = rg(1, 2); Tensor w = rg(4, 8); Tensor y = x.mul(1); y.div_(w); y.sum().backward();
            return grads(x, w);
        });
        p.put("inplace_relu_then_scale", () -> {
            Tensor x = rg(-1, 2); Tensor y = x.mul(3); y.relu_(); y.mul(y).sum().backward(); return y + " | " + grads(x);
        });
        p.put("inplace_saved_output_modified", () -> {
            Tensor x = rg(1, 2, 3); Tensor y = x.exp(); y.add_(1); y.sum().backward(); return NO_ERROR;
        });
        p.put("inplace_saved_input_modified", () -> {
            Tensor x = rg(1, 2); Tensor w = rg(3, 4); Tensor y = x.mul(1); Tensor z = y.mul(w); y.mul_(2);
            z.sum().backward();
            return NO_ERROR;
        });
        p.put("inplace_leaf_refused", () -> { rg(1, 2).add_(1); return NO_ERROR; });
        p.put("inplace_view_of_leaf_refused", () -> { rg(1, 2).get("0:1").mul_(2); return NO_ERROR; });
        p.put("inplace_no_grad_update_bumps_version", () -> {
            Tensor w = rg(1, 2); Tensor out = w.mul(w).sum();
            try (var g = noGrad()) {
                w.add_(1);
            }
            out.backward();
            return NO_ERROR;
        });
        p.put("inplace_data_is_untracked", () -> {
            Tensor x = rg(1, 2); Tensor y = x.exp(); y.data().add_(1); y.sum().backward(); return grads(x);
        });
        p.put("inplace_set_into_plain_tensor", () -> {
            Tensor x = rg(1, 2, 3); Tensor a = zeros(4); a.set("1:", x.mul(2)); a.mul(a).sum().backward();
            return a + " | " + grads(x);
        });
        p.put("inplace_set_scalar_in_graph", () -> {
            Tensor x = rg(1, 2, 3); Tensor y = x.mul(1); y.set("0", 5); y.sum().backward(); return y + " | " + grads(x);
        });
        p.put("inplace_index_put_in_graph", () -> {
            Tensor x = rg(1, 2, 3); Tensor v = rg(7, 8); Tensor y = x.mul(1); y.set(tensor(0, 2), v);
            y.mul(2).sum().backward();
            return y + " | " + grads(x, v);
        });
        p.put("inplace_mask_put_in_graph", () -> {
            Tensor x = rg(-1, 2, -3); Tensor y = x.mul(1); y.set(y.lt(0), 0.0); y.sum().backward();
            return y + " | " + grads(x);
        });
        p.put("inplace_other_view_sees_write", () -> {
            Tensor x = rg(1, 2, 3); Tensor y = x.mul(1); Tensor v = y.get("1:"); Tensor w = y.get(":2"); v.mul_(2);
            w.sum().backward();
            return w + " | " + grads(x);
        });
        p.put("inplace_copy_into_graph", () -> {
            Tensor x = rg(1, 2); Tensor y = x.mul(5); y.copy_(x.mul(x)); y.sum().backward(); return y + " | " + grads(x);
        });
        p.put("inplace_zero_and_fill", () -> {
            Tensor x = rg(1, 2); Tensor y = x.mul(2); Tensor z = x.mul(3); y.zero_(); z.fill_(4.0);
            y.add(z).add(x).sum().backward();
            return y + " " + z + " | " + grads(x);
        });
        p.put("inplace_exp_of_view_in_place", () -> {
            Tensor x = tensor(new double[][] {{1, 2}, {3, 4}}).requiresGrad_(); Tensor y = x.mul(1);
            y.get(":, 1").pow_(2);
            y.sum().backward();
            return y + " | " + grads(x);
        });

        p.put("twice_add_accumulates", () -> {
            Tensor x = rg(1, 2); Tensor y = x.add(1).sum(); y.backward(); y.backward(); return grads(x);
        });
        p.put("twice_mul_refused", () -> {
            Tensor x = rg(1, 2); Tensor y = x.mul(2).sum(); y.backward(); y.backward(); return NO_ERROR;
        });
        p.put("twice_retain_graph", () -> {
            Tensor x = rg(1, 2); Tensor y = x.mul(x).sum(); y.backward(null, true); y.backward(); return grads(x);
        });
        p.put("twice_views_and_sum", () -> {
            Tensor x = rg(1, 2, 3); Tensor y = x.get("1:").sum(); y.backward(); y.backward(); return grads(x);
        });
        return p;
    }

    @TestFactory
    Stream<DynamicTest> inPlaceOpsAreRecordedAndVersionChecked() {
        return SemanticsGolden.replay(programs(), "inplace_");
    }

    @TestFactory
    Stream<DynamicTest> backwardTwiceOnlyFailsWhenSavedValuesWereFreed() {
        return SemanticsGolden.replay(programs(), "twice_");
    }
}
