package org.workbook.nn;

import org.workbook.autograd.Node;
import org.workbook.backend.FusedKernels;
import org.workbook.tensor.Tensor;

/**
 * softmax and logSoftmax over the last dim as one device kernel each way, for
 * backends that offer them (a GPU): the composed form would launch five kernels and
 * keep four temporaries per call.
 */
final class FusedSoftmax {
    private FusedSoftmax() {
    }

    static Tensor apply(FusedKernels device, Tensor x, boolean log) {
        Tensor in = x.detach().contiguous();
        Tensor out = Tensor.empty(x.dtype(), x.device(), x.shapeArray());
        device.softmax(in, out, log);
        if (Node.needed(x)) {
            Tensor result = out.detach();
            out.setGradFn(new Node(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor dx = Tensor.empty(result.dtype(), result.device(), result.shapeArray());
                    device.softmaxBackward(g.contiguous(), result, dx, log);
                    return new Tensor[] {dx};
                }
            });
        }
        return out;
    }
}
