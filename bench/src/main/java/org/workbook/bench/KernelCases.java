package org.workbook.bench;

import static org.workbook.tensor.Tensors.randn;

import java.util.List;

import org.workbook.nn.F;
import org.workbook.nn.Parameter;
import org.workbook.nn.Sequential;
import org.workbook.optim.Adam;
import org.workbook.tensor.Tensor;

/**
 * Issue 16's kernel cases, the pieces of a training step that are not matrix products:
 * log_softmax over rows (the lesson-8 output layer, and a wide one), float32 sigmoid, log,
 * tanh and softplus over a 256x784 batch (forward only, the result discarded), ReLU's backward on
 * the MLP's hidden layer, and one Adam step over the MLP 784-100-10's parameters (with
 * fixed random gradients). Twins in bench/compare_torch.py under the same ids.
 */
public final class KernelCases {
    private KernelCases() { }

    public static List<BenchCase> all() {
        return List.of(
            new BenchCase("log_softmax_64x10", "kernel", "F.logSoftmax(x, 1), x 64x10", 1.0, () -> {
                Tensor x = randn(64, 10);
                return () -> F.logSoftmax(x, 1);
            }),
            new BenchCase("log_softmax_256x784", "kernel", "F.logSoftmax(x, 1), x 256x784", 1.0, () -> {
                Tensor x = randn(256, 784);
                return () -> F.logSoftmax(x, 1);
            }),
            new BenchCase("sigmoid_256x784", "kernel", "x.sigmoid(), x 256x784", 1.0, () -> {
                Tensor x = randn(256, 784);
                return x::sigmoid;
            }),
            new BenchCase("log_256x784", "kernel", "x.log(), x = randn(256, 784).abs()", 1.0, () -> {
                Tensor x = randn(256, 784).abs();
                return x::log;
            }),
            new BenchCase("tanh_256x784", "kernel", "x.tanh(), x 256x784", 1.0, () -> {
                Tensor x = randn(256, 784);
                return x::tanh;
            }),
            new BenchCase("softplus_256x784", "kernel", "F.softplus(x), x 256x784", 1.0, () -> {
                Tensor x = randn(256, 784);
                return () -> F.softplus(x);
            }),
            new BenchCase("relu_bwd_64x100", "kernel", "x.relu().backward(g), x 64x100", 1.0, () -> {
                Tensor x = randn(64, 100).requiresGrad_();
                Tensor g = randn(64, 100);
                return () -> {
                    Tensor y = x.relu();
                    y.backward(g);
                    x.setGrad(null);
                    return y;
                };
            }),
            new BenchCase("adam_mlp", "kernel", "Adam step, MLP 784-100-10's parameters", 1.0, () -> {
                Sequential model = AutogradCases.mlp();
                for (Parameter p : model.parameters()) {
                    p.setGrad(randn(p.shapeArray()));
                }
                Adam opt = new Adam(model.parameters(), 1e-3);
                return () -> {
                    opt.step();
                    return null;
                };
            }));
    }
}
