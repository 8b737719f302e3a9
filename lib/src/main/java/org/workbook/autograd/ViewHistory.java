package org.workbook.autograd;

import java.util.Arrays;

import org.workbook.tensor.Tensor;

/**
 * The graph nodes that keep views and their base consistent after an in-place write,
 * as torch's: the base's history becomes {@code CopySlices} (the base's old history
 * with the op applied to the view's region), and a view's becomes
 * {@code AsStridedBackward0} of the base.
 *
 * <pre>{@code
 * jshell> var y = x.mul(2); y.get("0:2").mul_(3); y.gradFn()
 * $3 ==> <CopySlices>
 * }</pre>
 *
 * Both work on a buffer laid out like the base's storage span, so the view's region of
 * a gradient is found through the view's own strides and offset, whatever they are.
 */
public final class ViewHistory {
    private ViewHistory() { }

    /** A view's layout (shape, strides, offset), copied when the node is made. */
    private record Geometry(int[] shape, int[] strides, int offset) {
        static Geometry of(Tensor t) {
            return new Geometry(t.shapeArray().clone(), t.strideArray().clone(), t.offset());
        }

        /** Number of storage elements from offset to the last element, plus one. */
        int span() {
            long last = 0;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == 0) {
                    return 0;
                }
                last += (long) (shape[d] - 1) * strides[d];
            }
            return Math.toIntExact(last + 1);
        }

        Tensor in(Tensor buffer, int origin) {
            return Tensor.asStrided(buffer, shape, strides, offset - origin);
        }
    }

    /** A zero buffer covering the base's span, with the base's layout view over it. */
    private static Tensor[] bufferFor(Geometry base, Tensor like) {
        Tensor buf = Tensor.zeros(like.dtype(), like.device(), base.span());
        return new Tensor[] {buf, base.in(buf, base.offset())};
    }

    /** {@code view}'s grad_fn after its base's history changed: base's gradient is g written into the view's region. */
    public static Node asStridedNode(Tensor base, Tensor view) {
        Geometry b = Geometry.of(base);
        Geometry v = Geometry.of(view);
        return new Node("AsStridedBackward0", base) {
            @Override
            protected Tensor[] backward(Tensor g) {
                Tensor[] bb = bufferFor(b, g);
                // Broadcast (stride-0) dims read one element many times: their gradients add up.
                int[] shape = v.shape().clone();
                int[] sumDims = new int[shape.length];
                int n = 0;
                for (int d = 0; d < shape.length; d++) {
                    if (v.strides()[d] == 0 && shape[d] > 1) {
                        sumDims[n++] = d;
                        shape[d] = 1;
                    }
                }
                Tensor gg = n == 0 ? g : g.sum(Arrays.copyOf(sumDims, n), true);
                Tensor.asStrided(bb[0], shape, v.strides(), v.offset() - b.offset()).copy_(gg);
                return new Tensor[] {bb[1].clone()};
            }
        };
    }

    /**
     * The base's new grad_fn after {@code op} (the node the in-place op recorded, input 0
     * being the view's old value) wrote into {@code view}: the gradient of the view's
     * region goes through op, the rest of the base's gradient passes unchanged.
     */
    public static Node copySlices(Tensor base, Tensor view, Node op) {
        Geometry b = Geometry.of(base);
        Geometry v = Geometry.of(view);
        Tensor[] opInputs = op.inputs();
        Tensor[] inputs = opInputs.clone();
        inputs[0] = base;
        return new Node("CopySlices", inputs) {
            @Override
            protected Tensor[] backward(Tensor g) {
                Tensor[] bb = bufferFor(b, g);
                bb[1].copy_(g);
                Tensor region = v.in(bb[0], b.offset());
                Tensor[] og = op.apply(region.clone());
                if (og[0] != null) {
                    region.copy_(og[0]);
                } else {
                    region.fill_(0);
                }
                Tensor[] out = og.clone();
                out[0] = bb[1].clone();
                return out;
            }

            @Override
            void release() {
                super.release();
                op.release(); // the op's saved tensors go with this backward, as torch frees them
            }
        };
    }
}
