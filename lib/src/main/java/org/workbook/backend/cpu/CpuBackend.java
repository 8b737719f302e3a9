package org.workbook.backend.cpu;

import org.workbook.backend.Backend;
import org.workbook.backend.BinaryOp;
import org.workbook.backend.LayerKernels;
import org.workbook.backend.ReduceOp;
import org.workbook.backend.UnaryOp;
import org.workbook.backend.Window2d;
import org.workbook.backend.WindowKernels;
import org.workbook.tensor.DType;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/** The CPU backend: Java loops over primitive arrays (SIMD through the Vector API when the JVM has it, {@link Simd}), a BLAS for matmul. */
public final class CpuBackend implements Backend, WindowKernels, LayerKernels {
    public static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() { }

    @Override
    public Storage allocate(DType dtype, int n) {
        return Storage.allocate(dtype, n);
    }

    @Override
    public void unary(UnaryOp op, double p1, double p2, Tensor a, Tensor out) {
        Kernel k;
        switch (a.dtype()) {
            case FLOAT32: k = Simd.floatUnary(op, p1, p2); break;
            case FLOAT64: k = Simd.doubleUnary(op, p1, p2); break;
            case INT64: k = LongKernels.unary(op, p1, p2); break;
            default: throw new IllegalArgumentException("unary " + op + ": no kernel for " + a.dtype());
        }
        run3(k, out, a, null);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Kernel k;
        switch (a.dtype()) {
            case FLOAT32: k = FloatKernels.BINARY.get(op); break;
            case FLOAT64: k = DoubleKernels.BINARY.get(op); break;
            case INT64: case BOOL: k = LongKernels.BINARY.get(op); break;
            default: k = null;
        }
        if (k == null) {
            throw new IllegalArgumentException("\"" + op.name().toLowerCase() + "\" not implemented for '"
                + a.dtype().torchName() + "'");
        }
        run3(k, out, a, b);
    }

    /** Runs kernel k with operand order (a, b) -> out over out's shape. */
    static void run3(Kernel k, Tensor out, Tensor a, Tensor b) {
        Object oa = out.storage().array();
        Object aa = a.storage().array();
        Object ba = b == null ? null : b.storage().array();
        StridedLoop.forEach(out.shapeArray(), out.strideArray(), out.offset(), a.strideArray(), a.offset(),
            b == null ? null : b.strideArray(), b == null ? 0 : b.offset(),
            (o0, s0, o1, s1, o2, s2, n) -> k.run(aa, o1, s1, ba, o2, s2, oa, o0, s0, n));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        Copy.copy(src, dst);
    }

    @Override
    public void fill(Tensor dst, double value) {
        Copy.fill(dst, value);
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        Copy.copy(b, out);
        Copy.maskedCopy(cond, a, out);
    }

    @Override
    public void reduce(ReduceOp op, Tensor a, int[] dims, Tensor out) {
        Reduce.reduce(op, a, dims, out);
    }

    @Override
    public void variance(Tensor a, int[] dims, int correction, Tensor out) {
        Reduce.variance(a, dims, correction, out);
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        Gemm.matmul(a, b, out);
    }

    @Override
    public void indexSelect(Tensor src, int dim, long[] index, Tensor out) {
        Gather.indexSelect(src, dim, index, out);
    }

    @Override
    public void indexAdd(Tensor dst, int dim, long[] index, Tensor src) {
        Gather.indexAdd(dst, dim, index, src);
    }
    @Override
    public void im2col(Tensor x, Window2d g, Tensor cols) {
        Im2col.im2col(x, g, cols);
    }

    @Override
    public void col2im(Tensor cols, Window2d g, Tensor x) {
        Im2col.col2im(cols, g, x);
    }

    @Override
    public void maxPool(Tensor x, Window2d g, Tensor y, Tensor indices) {
        Pool2d.maxPool(x, g, y, indices);
    }

    @Override
    public void maxPoolBackward(Tensor gy, Tensor indices, Window2d g, Tensor gx) {
        Pool2d.maxPoolBackward(gy, indices, g, gx);
    }

    @Override
    public void avgPool(Tensor x, Window2d g, boolean countIncludePad, int divisorOverride, Tensor y) {
        Pool2d.avgPool(x, g, countIncludePad, divisorOverride, y);
    }

    @Override
    public void avgPoolBackward(Tensor gy, Window2d g, boolean countIncludePad, int divisorOverride, Tensor gx) {
        Pool2d.avgPoolBackward(gy, g, countIncludePad, divisorOverride, gx);
    }

    @Override
    public void channelStats(Tensor x, Tensor mean, Tensor var) {
        PositionSums.stats(x, mean, var);
    }

    @Override
    public void channelSums(Tensor a, Tensor b, Tensor sumA, Tensor sumAB) {
        PositionSums.sums(a, b, sumA, sumAB);
    }

    @Override
    public Object conv2d(Tensor x, Tensor w, Tensor bias, Window2d g, int groups, Tensor y, boolean keep) {
        return CpuConv.forward(x, w, bias, g, groups, y, keep);
    }

    @Override
    public void conv2dBackward(Tensor x, Tensor w, Tensor gy, Window2d g, int groups, Object kept, Tensor gx, Tensor gw,
                               Tensor gb) {
        CpuConv.backward(x, w, gy, g, groups, kept, gx, gw, gb);
    }

    @Override
    public void conv2dRelease(Object kept) {
        ColumnPool.give(kept);
    }

    @Override
    public void batchNorm(Tensor x, Tensor mean, Tensor invstd, Tensor weight, Tensor bias, Tensor y) {
        CpuBatchNorm.forward(x, mean, invstd, weight, bias, y);
    }

    @Override
    public void batchNormBackward(Tensor g, Tensor x, Tensor mean, Tensor invstd, Tensor weight, boolean training,
                                  Tensor gx, Tensor sumG, Tensor sumGX) {
        CpuBatchNorm.backward(g, x, mean, invstd, weight, training, gx, sumG, sumGX);
    }
}
