package org.workbook.bench;

import static org.workbook.tensor.Tensors.randn;

import java.util.List;

import org.workbook.nn.Conv2d;
import org.workbook.tensor.Tensor;

/**
 * Issue 17 item 4: one convolution layer forward and backward as in chapter 13 (3×3,
 * stride 2, padding 1) on a batch of 64 28×28 inputs, 1→8 and 8→16 channels; the loss is
 * the output's sum and the gradients are cleared to null after each backward, as torch's
 * twin does with {@code zero_grad(set_to_none=True)}. Target 1.0.
 */
public final class ConvCases {
    private ConvCases() { }

    public static List<BenchCase> all() {
        return List.of(conv("conv_1to8", 1, 8), conv("conv_8to16", 8, 16));
    }

    private static BenchCase conv(String id, int in, int out) {
        return new BenchCase(id, "conv", "Conv2d(" + in + ", " + out + ", 3, 2, 1) fwd+bwd, batch 64, 28x28", 1.0,
            () -> {
                Conv2d layer = new Conv2d(in, out, 3, 2, 1);
                Tensor x = randn(64, in, 28, 28).requiresGrad_();
                return () -> {
                    Tensor loss = layer.apply(x).sum();
                    loss.backward();
                    layer.zeroGrad();
                    x.setGrad(null);
                    return loss;
                };
            });
    }
}
