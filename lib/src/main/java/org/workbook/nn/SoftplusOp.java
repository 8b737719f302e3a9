package org.workbook.nn;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.backend.cpu.CpuSoftplus;
import org.workbook.backend.cpu.TorchTails;
import org.workbook.ops.Reductions;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * {@link F#softplus(Tensor, double, double)}: torch's formula, x where beta x > threshold,
 * else log(1 + e^(beta x)) / beta, and its SoftplusBackward0 (g where beta x > threshold,
 * else (g e^(beta x)) / (e^(beta x) + 1), from the saved input). float32 on the CPU is one pass
 * each way ({@link CpuSoftplus}: torch's float kernels step for step, so their bits, through the
 * Vector API when present); other dtypes and devices compose the primitives in torch's order.
 */
final class SoftplusOp {
    private SoftplusOp() { }

    static Tensor apply(Tensor x, double beta, double threshold) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("\"softplus_cpu\" not implemented for '"
                + Reductions.kernelTypeName(x.dtype()) + "' (softplus needs floating point: convert first, "
                + "x.toFloat())");
        }
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = forward(x, beta, threshold);
        }
        if (Node.needed(x)) {
            out.setGradFn(new Node("SoftplusBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {gradient(g, x, beta, threshold)};
                }
            }.saves(x));
        }
        return out;
    }

    /** torch's softplus_backward: g where beta x > threshold, else (g e^(beta x)) / (e^(beta x) + 1). */
    private static Tensor gradient(Tensor g, Tensor x, double beta, double threshold) {
        if (x.dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32 && x.backend() == CpuBackend.INSTANCE
                && g.backend() == CpuBackend.INSTANCE && Arrays.equals(g.shapeArray(), x.shapeArray())) {
            // torch's kernel runs its scalar formula on what its vector loop leaves over: known from the
            // layouts before the copies below.
            int rx = TorchTails.innerRun(x);
            int rg = TorchTails.innerRun(g);
            int run = rx == 0 || rg == 0 ? 0 : Math.min(rx, rg);
            Tensor xc = x.detach().contiguous();
            Tensor gc = g.contiguous();
            Tensor gx = Tensor.empty(DType.FLOAT32, x.device(), x.shapeArray());
            CpuSoftplus.backwardFloats(gc.storage().floats(), gc.offset(), xc.storage().floats(), xc.offset(),
                gx.storage().floats(), x.numel(), run, beta, threshold);
            return gx;
        }
        Tensor y = x.mul(beta);
        Tensor z = y.exp();
        return Tensor.where(y.gt(threshold), g, g.mul(z).div(z.add(1.0)));
    }

    private static Tensor forward(Tensor x, double beta, double threshold) {
        if (x.dtype() == DType.FLOAT32 && x.backend() == CpuBackend.INSTANCE) {
            int run = TorchTails.innerRun(x);
            Tensor in = x.contiguous();
            Tensor out = Tensor.empty(DType.FLOAT32, x.device(), x.shapeArray());
            CpuSoftplus.floats(in.storage().floats(), in.offset(), out.storage().floats(), 0, in.numel(), run, beta,
                threshold);
            return out;
        }
        Tensor y = x.mul(beta);
        return Tensor.where(y.gt(threshold), x, y.exp().log1p().div(beta));
    }
}
