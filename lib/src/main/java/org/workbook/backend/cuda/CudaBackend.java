package org.workbook.backend.cuda;

import org.workbook.backend.Backend;
import org.workbook.backend.BinaryOp;
import org.workbook.backend.ReduceOp;
import org.workbook.backend.UnaryOp;
import org.workbook.backend.Window2d;
import org.workbook.backend.WindowKernels;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/**
 * The primitives on one GPU, each a launch of a kernel from lib/src/main/cuda. The
 * host side only decides layouts (merged dims, permutations for reductions, transposed
 * operands for matmul) and types; a 0-d operand still on the CPU (a Java number, a
 * torch-style CPU scalar) is passed by value instead of copied over. The few cases
 * without a kernel (bool arithmetic, products of small integer types) run on the CPU
 * backend through a copy, so results never differ between devices.
 */
public final class CudaBackend extends CudaFused implements Backend, WindowKernels {
    private static final CudaBackend[] BACKENDS = new CudaBackend[64];
    private static final java.util.Set<UnaryOp> INTEGRAL_UNARY = java.util.EnumSet.of(UnaryOp.NEG, UnaryOp.ABS,
        UnaryOp.SIGN, UnaryOp.SQUARE, UnaryOp.RELU, UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.CLAMP,
        UnaryOp.POW_SCALAR);

    private CudaBackend(CudaContext context) {
        super(context);
    }

    /** The backend of cuda:{@code i}. */
    public static synchronized CudaBackend of(int i) {
        if (BACKENDS[i] == null) {
            BACKENDS[i] = new CudaBackend(Cuda.context(i));
        }
        return BACKENDS[i];
    }

    @Override
    public Storage allocate(DType dtype, int n) {
        return Storage.onDevice(dtype, context.allocate((long) n * dtype.itemSize()), n);
    }

    @Override
    public void unary(UnaryOp op, double p1, double p2, Tensor a, Tensor out) {
        DType t = a.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT64) {
            throw new IllegalArgumentException("unary " + op + ": no kernel for " + t);
        }
        if (t == DType.INT64 && !INTEGRAL_UNARY.contains(op)) {
            // the CPU's words, so both devices refuse the same calls the same way
            throw new IllegalArgumentException(op + " is not defined for integer tensors; convert first, "
                + "e.g. x.toFloat()");
        }
        Tensor x = onDevice(a);
        Layout l = Layout.of(out, x);
        context.kernels().launch1d("unary_" + suffix(t), l.numel, new KernelArgs().i((int) l.numel)
            .struct(l.shapeStruct()).struct(l.stridesStruct(1)).struct(l.stridesStruct(0))
            .ptr(address(x)).ptr(address(out)).i(op.ordinal()).d(p1).d(p2));
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        DType t = a.dtype();
        if (!op.isPredicate() && t == DType.BOOL) {
            viaCpu(out, cpuOut -> CpuBackend.INSTANCE.binary(op, CudaTransfer.download(a), CudaTransfer.download(b), cpuOut));
            return;
        }
        if (!op.isPredicate() && t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT64) {
            throw new IllegalArgumentException("\"" + op.name().toLowerCase() + "\" not implemented for '"
                + t.torchName() + "'");
        }
        int scalars = (isHostScalar(a) ? 1 : 0) | (isHostScalar(b) ? 2 : 0);
        Tensor x = (scalars & 1) != 0 ? a : onDevice(a);
        Tensor y = (scalars & 2) != 0 ? b : onDevice(b);
        Layout l = Layout.of(out, x, y);
        String name = (op.isPredicate() ? "compare_" : "binary_") + suffix(t);
        context.kernels().launch1d(name, l.numel, new KernelArgs().i((int) l.numel).struct(l.shapeStruct())
            .struct(l.stridesStruct(1)).struct(l.stridesStruct(2)).struct(l.stridesStruct(0))
            .ptr((scalars & 1) != 0 ? 0 : address(x)).ptr((scalars & 2) != 0 ? 0 : address(y)).ptr(address(out))
            .i(op.ordinal()).i(scalars)
            .d((scalars & 1) != 0 ? hostValue(a) : 0).d((scalars & 2) != 0 ? hostValue(b) : 0));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        if (!dst.storage().isOnDevice()) {
            throw new IllegalArgumentException("copy from " + src.device() + " into a CPU tensor goes through "
                + "Tensor.to(Device.CPU)");
        }
        Tensor s = onDevice(src);
        Layout l = Layout.of(dst, s);
        context.kernels().launch1d("copy_" + suffix(s.dtype()) + "_" + suffix(dst.dtype()), l.numel,
            new KernelArgs().i((int) l.numel).struct(l.shapeStruct()).struct(l.stridesStruct(1))
                .struct(l.stridesStruct(0)).ptr(address(s)).ptr(address(dst)));
    }

    @Override
    public void fill(Tensor dst, double value) {
        Layout l = Layout.of(dst);
        context.kernels().launch1d("fill_" + suffix(dst.dtype()), l.numel, new KernelArgs().i((int) l.numel)
            .struct(l.shapeStruct()).struct(l.stridesStruct(0)).ptr(address(dst)).d(value));
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        Tensor c = onDevice(cond.dtype() == DType.BOOL ? cond : cond.bool());
        Tensor x = onDevice(a);
        Tensor y = onDevice(b);
        Layout l = Layout.of(out, c, x, y);
        context.kernels().launch1d("where_" + suffix(out.dtype()), l.numel, new KernelArgs().i((int) l.numel)
            .struct(l.shapeStruct()).struct(l.stridesStruct(1)).struct(l.stridesStruct(2)).struct(l.stridesStruct(3))
            .struct(l.stridesStruct(0)).ptr(address(c)).ptr(address(x)).ptr(address(y)).ptr(address(out)));
    }

    @Override
    public void reduce(ReduceOp op, Tensor a, int[] dims, Tensor out) {
        CudaReduce.reduce(this, op, onDevice(a), dims, out);
    }

    @Override
    public void variance(Tensor a, int[] dims, int correction, Tensor out) {
        CudaReduce.variance(this, onDevice(a), dims, correction, out);
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        CudaMatmul.matmul(this, onDevice(a), onDevice(b), out);
    }

    @Override
    public void indexSelect(Tensor src, int dim, long[] index, Tensor out) {
        CudaGather.indexSelect(this, onDevice(src), dim, index, out);
    }

    @Override
    public void indexAdd(Tensor dst, int dim, long[] index, Tensor src) {
        CudaGather.indexAdd(this, dst, dim, index, onDevice(src));
    }

    // ---- helpers shared by the op classes --------------------------------------------------

    Device device() {
        return Device.cuda(context.ordinal());
    }

    /** Runs a CPU computation into a CPU copy of out's shape and dtype, then copies the values in. */
    void viaCpu(Tensor out, java.util.function.Consumer<Tensor> cpuWork) {
        Tensor cpuOut = Tensor.empty(out.dtype(), out.shapeArray());
        cpuWork.accept(cpuOut);
        copy(CudaTransfer.upload(this, cpuOut), out);
    }

    @Override
    public void im2col(Tensor x, Window2d g, Tensor cols) {
        CudaWindows.launch(this, "im2col", g, cols, new KernelArgs(), x, cols);
    }

    @Override
    public void col2im(Tensor cols, Window2d g, Tensor x) {
        CudaWindows.launch(this, "col2im", g, x, new KernelArgs(), cols, x);
    }

    @Override
    public void maxPool(Tensor x, Window2d g, Tensor y, Tensor indices) {
        CudaWindows.launch(this, "max_pool", g, y, new KernelArgs(), x, y, indices);
    }

    @Override
    public void maxPoolBackward(Tensor gy, Tensor indices, Window2d g, Tensor gx) {
        CudaWindows.launch(this, "max_pool_backward", g, gx, new KernelArgs(), gy, indices, gx);
    }

    @Override
    public void avgPool(Tensor x, Window2d g, boolean countIncludePad, int divisorOverride, Tensor y) {
        CudaWindows.launch(this, "avg_pool", g, y, new KernelArgs().i(countIncludePad ? 1 : 0).i(divisorOverride), x,
            y);
    }

    @Override
    public void avgPoolBackward(Tensor gy, Window2d g, boolean countIncludePad, int divisorOverride, Tensor gx) {
        CudaWindows.launch(this, "avg_pool_backward", g, gx, new KernelArgs().i(countIncludePad ? 1 : 0)
            .i(divisorOverride), gy, gx);
    }

    @Override
    public void channelStats(Tensor x, Tensor mean, Tensor var) {
        CudaWindows.channels(this, "channel_stats", x, x, mean, var);
    }

    @Override
    public void channelSums(Tensor a, Tensor b, Tensor sumA, Tensor sumAB) {
        CudaWindows.channels(this, "channel_sums", a, a, b, sumA, sumAB);
    }
}
