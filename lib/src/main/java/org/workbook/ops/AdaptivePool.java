package org.workbook.ops;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * adaptive_avg_pool2d: output cell i averages rows floor(i·H/oh) .. ceil((i+1)·H/oh) - 1,
 * and likewise for columns. A rectangle's mean is the mean over its rows of the mean
 * over its columns, so the op is two small matrix products, Ph · x · Pwᵀ, with Ph
 * [oh, H] holding 1/rows in each cell's rows; the backward is Phᵀ · g · Pw. Matrix
 * products run on every backend.
 *
 * <pre>{@code
 * jshell> F.adaptiveAvgPool2d(arange(16).view(1, 1, 4, 4).toFloat(), 1, 1)
 * $1 ==> tensor([[[[7.5000]]]])
 * }</pre>
 */
public final class AdaptivePool {
    private AdaptivePool() { }

    public static Tensor adaptiveAvgPool2d(Tensor input, int oh, int ow) {
        if (input.ndim() == 3) {
            return adaptiveAvgPool2d(input.unsqueeze(0), oh, ow).squeeze(0);
        }
        if (input.ndim() != 4 || input.size(2) == 0 || input.size(3) == 0) {
            throw new IllegalArgumentException("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got "
                + Arrays.toString(input.shapeArray()) + " (images are [N, C, H, W] or [C, H, W])");
        }
        if (oh < 0 || ow < 0) {
            throw new IllegalArgumentException("adaptive_avg_pool2d: elements of output_size must be greater than or "
                + "equal to 0 but received {" + oh + ", " + ow + "}");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("\"adaptive_avg_pool2d\" not implemented for '"
                + Reductions.kernelTypeName(input.dtype()) + "' (convert first: x.toFloat())");
        }
        if (oh == 1 && ow == 1) {
            return input.mean(new int[] {-2, -1}, true); // torch too: the global average pool is a mean (MeanBackward1)
        }
        Tensor ph = averaging(input.size(2), oh).to(input.device(), input.dtype());
        Tensor pw = averaging(input.size(3), ow).to(input.device(), input.dtype());
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            y = ph.matmul(input.matmul(pw.t())).contiguous();
        }
        if (Node.needed(input)) {
            y.setGradFn(new Node("AdaptiveAvgPool2DBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {ph.t().matmul(g).matmul(pw).contiguous()};
                }
            }.saves(input));
        }
        return y;
    }

    /** [out, n]: row i is 1/len over the inputs cell i averages. */
    private static Tensor averaging(int n, int out) {
        double[] m = new double[out * n];
        for (int i = 0; i < out; i++) {
            int start = (int) ((long) i * n / out); // torch's integer start/end indices
            int end = (int) (((long) (i + 1) * n + out - 1) / out);
            for (int j = start; j < end; j++) {
                m[i * n + j] = 1.0 / (end - start);
            }
        }
        return Tensors.fromArray(m, out, n);
    }
}
