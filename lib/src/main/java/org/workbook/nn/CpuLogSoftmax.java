package org.workbook.nn;

import org.workbook.autograd.Node;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.backend.cpu.Simd;
import org.workbook.backend.cpu.SimdSoftmax;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * logSoftmax over the last dim of a float32 CPU tensor as one SIMD pass each way
 * ({@link SimdSoftmax}) instead of the composed max, sub, exp, sum, log, sub (four
 * temporaries, each a fresh zeroed array). Used only when {@link Simd#ENABLED}; the composed
 * form in {@link F#logSoftmax} stays the scalar path and the reference (within a few ulps:
 * the sums add in another order).
 */
final class CpuLogSoftmax {
    private CpuLogSoftmax() { }

    static boolean applies(Tensor in, int dim) {
        return Simd.ENABLED && in.backend() == CpuBackend.INSTANCE && in.dtype() == DType.FLOAT32 && in.ndim() > 0
            && in.numel() > 0 && dim == in.ndim() - 1;
    }

    static Tensor apply(Tensor x) {
        // Only x's storage is read: a contiguous x is used as it is (no detached alias to allocate).
        Tensor in = x.isContiguous() ? x : x.detach().contiguous();
        int cols = in.shapeArray()[in.ndim() - 1];
        int rows = in.numel() / cols;
        Tensor out = Tensor.empty(DType.FLOAT32, in.device(), in.shapeArray());
        SimdSoftmax.logSoftmax(in.storage().floats(), in.offset(), out.storage().floats(), rows, cols);
        if (Node.needed(x)) {
            Tensor result = out;
            out.setGradFn(new Node("LogSoftmaxBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gc = g.contiguous();
                    if (gc.dtype() != DType.FLOAT32 || gc.offset() != 0 || gc.numel() != result.numel()) {
                        return new Tensor[] {g.sub(result.exp().mul(F.softmaxSum(g, result.ndim() - 1)))};
                    }
                    Tensor dx = Tensor.empty(DType.FLOAT32, result.device(), result.shapeArray());
                    SimdSoftmax.logSoftmaxBackward(gc.storage().floats(), result.storage().floats(),
                        dx.storage().floats(), rows, cols);
                    return new Tensor[] {fresh(dx)}; // new, held by no one: a leaf x keeps it as its grad
                }
            }.savesOutput(out));
        }
        return out;
    }
}
