package org.workbook.bench;

import static org.workbook.tensor.Tensors.randint;
import static org.workbook.tensor.Tensors.randn;

import java.util.List;

import org.workbook.nn.Linear;
import org.workbook.nn.LogSoftmax;
import org.workbook.nn.NLLLoss;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.optim.Adam;
import org.workbook.tensor.Tensor;

/**
 * Issue 3 item 4: one training step of the 784-100-10 ReLU MLP with LogSoftmax on a
 * batch of 64 (PERF-BASELINE 2(iv)): forward, NLL loss, backward, {@code Adam.step},
 * {@code zeroGrad}; target 0.6 (issue 16). {@code mlp_fwd_bwd} is the same without the optimizer
 * (the gradients are cleared to null after each backward, as zeroGrad does; torch's
 * twin uses {@code zero_grad(set_to_none=True)}), to separate autograd from Adam.
 * The batch is a fixed random one (randn inputs, randint labels), the same shapes torch uses.
 */
public final class AutogradCases {
    private AutogradCases() { }

    static Sequential mlp() {
        return new Sequential(new Linear(784, 100), new ReLU(), new Linear(100, 10), new LogSoftmax(1));
    }

    public static List<BenchCase> all() {
        return List.of(
            new BenchCase("mlp_step", "autograd", "MLP 784-100-10 step, batch 64, Adam", 0.6, () -> {
                Sequential model = mlp();
                Adam opt = new Adam(model.parameters(), 1e-3);
                NLLLoss crit = new NLLLoss();
                Tensor x = randn(64, 784);
                Tensor y = randint(0, 10, 64);
                return () -> {
                    Tensor loss = crit.apply(model.apply(x), y);
                    loss.backward();
                    opt.step();
                    opt.zeroGrad();
                    return loss;
                };
            }),
            new BenchCase("mlp_fwd_bwd", "autograd", "MLP 784-100-10 forward+NLL+backward", Double.NaN, () -> {
                Sequential model = mlp();
                NLLLoss crit = new NLLLoss();
                Tensor x = randn(64, 784);
                Tensor y = randint(0, 10, 64);
                return () -> {
                    Tensor loss = crit.apply(model.apply(x), y);
                    loss.backward();
                    model.zeroGrad();
                    return loss;
                };
            }));
    }
}
