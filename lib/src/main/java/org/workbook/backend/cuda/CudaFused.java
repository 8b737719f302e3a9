package org.workbook.backend.cuda;

import org.workbook.backend.FusedKernels;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * The one-launch layer kernels (softmax, NLL, optimizer steps, random numbers) and
 * the small helpers every CUDA op class uses. {@link CudaBackend} extends it.
 */
abstract class CudaFused implements FusedKernels {
    final CudaContext context;

    CudaFused(CudaContext context) {
        this.context = context;
    }

    /** The kernel-name suffix of a dtype (workbook.cuh). */
    static String suffix(DType t) {
        switch (t) {
            case FLOAT32: return "f32";
            case FLOAT64: return "f64";
            case INT64: return "i64";
            case INT32: return "i32";
            case UINT8: return "u8";
            default: return "b8";
        }
    }

    /** Device address of t's storage (element 0 of the storage, not of the view: kernels add the offset). */
    static long address(Tensor t) {
        if (!(t.storage().memory() instanceof CudaBuffer b)) {
            throw new IllegalArgumentException("expected a tensor on a CUDA device, got one on " + t.device());
        }
        return b.pointer();
    }

    /** Address of t's first element, for kernels that take contiguous arrays without an offset. */
    static long elementAddress(Tensor t) {
        return address(t) + (long) t.offset() * t.elementSize();
    }

    /** True for a CPU operand that holds one value (a Java number, a 0-d tensor, expanded or not). */
    static boolean isHostScalar(Tensor t) {
        if (t.storage().isOnDevice() || t.numel() == 0) {
            return false;
        }
        for (int s : t.strideArray()) {
            if (s != 0) {
                return t.numel() <= 1;
            }
        }
        return true;
    }

    static double hostValue(Tensor t) {
        return t.storage().getDouble(t.offset());
    }

    /** t itself when on this device, else a device copy (CPU scalars and small constants reach here). */
    Tensor onDevice(Tensor t) {
        if (t.storage().isOnDevice()) {
            if (t.storage().memory() instanceof CudaBuffer b && b.context() != context) {
                throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at "
                    + "least two devices, " + t.device() + " and cuda:" + context.ordinal() + "!");
            }
            return t;
        }
        if (isHostScalar(t)) {
            Tensor one = CudaTransfer.upload((CudaBackend) this, Tensor.scalar(hostValue(t), t.dtype()));
            return Tensor.asStrided(one, t.shapeArray().clone(), new int[t.ndim()], 0);
        }
        return CudaTransfer.upload((CudaBackend) this, t);
    }

    static void requireContiguous(String what, Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && !t.isContiguous()) {
                throw new IllegalArgumentException(what + " needs contiguous tensors; call .contiguous() first");
            }
        }
    }

    static void requireFloating(String what, Tensor t) {
        if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(what + " needs float32 or float64, got " + t.dtype());
        }
    }

    // ---- FusedKernels -------------------------------------------------------------------------

    @Override
    public void softmax(Tensor x, Tensor out, boolean log) {
        requireFloating("softmax", x);
        requireContiguous("softmax", x, out);
        int cols = x.ndim() == 0 ? 1 : x.size(-1);
        int rows = cols == 0 ? 0 : x.numel() / cols;
        context.kernels().launch((log ? "log_softmax_" : "softmax_") + suffix(x.dtype()),
            Math.min(rows, CudaKernels.MAX_BLOCKS), 1, 1, CudaKernels.BLOCK, 1, 1, 0,
            new KernelArgs().i(rows).i(cols).ptr(elementAddress(x)).ptr(elementAddress(out)));
    }

    @Override
    public void softmaxBackward(Tensor g, Tensor y, Tensor dx, boolean log) {
        requireContiguous("softmax backward", g, y, dx);
        int cols = y.ndim() == 0 ? 1 : y.size(-1);
        int rows = cols == 0 ? 0 : y.numel() / cols;
        context.kernels().launch((log ? "log_softmax_backward_" : "softmax_backward_") + suffix(y.dtype()),
            Math.min(rows, CudaKernels.MAX_BLOCKS), 1, 1, CudaKernels.BLOCK, 1, 1, 0, new KernelArgs().i(rows).i(cols)
                .ptr(elementAddress(g)).ptr(elementAddress(y)).ptr(elementAddress(dx)));
    }

    @Override
    public void nllForward(Tensor logp, Tensor target, Tensor picked) {
        requireContiguous("nll_loss", logp, target, picked);
        int n = logp.size(0);
        int c = logp.size(1);
        CudaBuffer bad = context.allocate(4);
        try {
            context.copyToDevice(bad.pointer(), jcuda.Pointer.to(new int[1]), 4);
            context.kernels().launch1d("nll_forward_" + suffix(logp.dtype()), n, new KernelArgs().i(n).i(c)
                .ptr(elementAddress(logp)).ptr(elementAddress(target)).ptr(elementAddress(picked))
                .ptr(bad.pointer()));
            int[] flag = new int[1];
            context.copyToHost(jcuda.Pointer.to(flag), bad.pointer(), 4);
            if (flag[0] != 0) {
                int i = flag[0] - 1;
                throw new IndexOutOfBoundsException("Target " + target.storage().getLong(target.offset() + i)
                    + " is out of bounds: nll_loss needs class indices in [0, " + c + ") (row " + i + ")");
            }
        } finally {
            bad.release();
        }
    }

    @Override
    public void nllBackward(Tensor target, Tensor g, double scale, Tensor dx) {
        requireContiguous("nll_loss backward", target, g, dx);
        int n = dx.size(0);
        int c = dx.size(1);
        context.kernels().launch1d("nll_backward_" + suffix(dx.dtype()), n, new KernelArgs().i(n).i(c)
            .ptr(elementAddress(target)).ptr(elementAddress(g)).i(g.numel() == 1 ? 0 : 1).d(scale)
            .ptr(elementAddress(dx)));
    }

    @Override
    public void sgdStep(Tensor w, Tensor g, Tensor buf, double lr, double momentum, double dampening,
                        double weightDecay, boolean nesterov, boolean firstStep) {
        requireFloating("SGD", w);
        requireContiguous("SGD", w, g, buf);
        context.kernels().launch1d("sgd_step_" + suffix(w.dtype()), w.numel(), new KernelArgs().i(w.numel())
            .ptr(elementAddress(w)).ptr(elementAddress(g)).ptr(buf == null ? 0 : elementAddress(buf)).d(lr)
            .d(momentum).d(dampening).d(weightDecay).i(nesterov ? 1 : 0).i(firstStep ? 1 : 0));
    }

    @Override
    public void adamStep(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                         double weightDecay, double bc1, double bc2) {
        requireFloating("Adam", w);
        requireContiguous("Adam", w, g, m, v);
        context.kernels().launch1d("adam_step_" + suffix(w.dtype()), w.numel(), new KernelArgs().i(w.numel())
            .ptr(elementAddress(w)).ptr(elementAddress(g)).ptr(elementAddress(m)).ptr(elementAddress(v)).d(lr)
            .d(beta1).d(beta2).d(eps).d(weightDecay).d(bc1).d(bc2));
    }

    @Override
    public void random(Tensor out, boolean normal, long seed, long offset, double a, double b) {
        requireFloating("random", out);
        requireContiguous("random", out);
        context.kernels().launch1d((normal ? "rand_normal_" : "rand_uniform_") + suffix(out.dtype()), out.numel(),
            new KernelArgs().i(out.numel()).ptr(elementAddress(out)).l(seed).l(offset).d(a).d(b));
    }
}
