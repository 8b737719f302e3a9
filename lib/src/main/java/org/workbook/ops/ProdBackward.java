package org.workbook.ops;

import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;

/**
 * The gradient of prod, as torch's prod_backward: {@code g * (result / x)} when no element of a
 * reduced slice is zero (the same arithmetic, so the same bits), otherwise the product of the
 * other elements of the slice (exclusive products from both sides), which is also right for a
 * slice with one zero and gives 0 for a slice with several.
 */
final class ProdBackward {
    private ProdBackward() { }

    /** dim < 0: the whole tensor is one slice. g and result have keepdim shape already. */
    static Tensor of(Tensor g, Tensor x, Tensor result, int dim) {
        if (x.ndim() == 0) {
            return g;
        }
        boolean anyZero = x.eq(0L).any().item() != 0;
        if (!anyZero) {
            return g.mul(result.div(x)); // torch's order: a huge g times result / x may stay finite
        }
        if (dim < 0) {
            // torch: with two zeros or more every partial product is zero (+0, not a signed product).
            if (x.eq(0L).sum().item() > 1) {
                return Tensor.zeros(g.dtype(), g.device(), x.shapeArray());
            }
            return of(g.reshape(1), x.reshape(-1), result.reshape(1), 0).reshape(x.shapeArray());
        }
        return g.mul(exclusiveProducts(x, dim));
    }

    /** For each element, the product of the other elements along dim (computed on the host in double). */
    private static Tensor exclusiveProducts(Tensor x, int dim) {
        Device device = x.device();
        DType dt = x.dtype();
        Tensor moved = x.transpose(dim, x.ndim() - 1).contiguous().cpu();
        int n = moved.size(-1);
        double[] v = moved.toDoubleArray();
        double[] out = new double[v.length];
        for (int start = 0; start < v.length; start += n) {
            double left = 1;
            for (int i = 0; i < n; i++) {
                out[start + i] = left;
                left *= v[start + i];
            }
            double right = 1;
            for (int i = n - 1; i >= 0; i--) {
                out[start + i] *= right;
                right *= v[start + i];
            }
        }
        Tensor r = org.workbook.tensor.Tensors.fromArray(out, moved.shapeArray()).to(dt);
        return r.transpose(dim, x.ndim() - 1).contiguous().to(device);
    }
}
