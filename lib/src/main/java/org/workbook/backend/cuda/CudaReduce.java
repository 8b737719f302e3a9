package org.workbook.backend.cuda;

import org.workbook.backend.ReduceOp;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Reductions over any dims: the kept dims and the reduced dims each become a merged
 * layout, and one block per output element walks its reduced elements. Types the
 * kernels lack are converted first, as the CPU backend's results would be: integer
 * sums in int64, all/any as min/max over (x != 0).
 */
final class CudaReduce {
    private CudaReduce() {
    }

    static void reduce(CudaBackend be, ReduceOp op, Tensor a, int[] dims, Tensor out) {
        switch (op) {
            case ALL: case ANY: {
                long inner = 1;
                for (int d : dims) {
                    inner *= a.size(d);
                }
                if (inner == 0) {
                    be.fill(out, op == ReduceOp.ALL ? 1 : 0); // torch: all() of nothing is True, any() False
                    return;
                }
                Tensor nz = convert(be, convert(be, a, DType.BOOL), DType.INT64);
                Tensor tmp = Tensor.empty(DType.INT64, be.device(), out.shapeArray());
                run(be, "reduce_i64", nz, dims, tmp, (op == ReduceOp.ALL ? ReduceOp.MIN : ReduceOp.MAX).ordinal());
                be.copy(tmp, out);
                return;
            }
            case ARGMAX: case ARGMIN: {
                Tensor x = supported(be, a);
                run(be, "argreduce_" + CudaFused.suffix(x.dtype()), x, dims, out, op.ordinal());
                return;
            }
            default: {
                DType work = out.dtype() == DType.FLOAT32 || out.dtype() == DType.FLOAT64 ? out.dtype() : DType.INT64;
                Tensor x = convert(be, a, work);
                if (out.dtype() == work) {
                    run(be, "reduce_" + CudaFused.suffix(work), x, dims, out, op.ordinal());
                } else {
                    Tensor tmp = Tensor.empty(work, be.device(), out.shapeArray());
                    run(be, "reduce_" + CudaFused.suffix(work), x, dims, tmp, op.ordinal());
                    be.copy(tmp, out);
                }
            }
        }
    }

    static void variance(CudaBackend be, Tensor a, int[] dims, int correction, Tensor out) {
        CudaFused.requireFloating("var/std", out);
        Tensor x = convert(be, a, out.dtype());
        run(be, "variance_" + CudaFused.suffix(out.dtype()), x, dims, out, correction);
    }

    /** a in a dtype the reduce kernels have (f32, f64, i64), converting smaller integer types to int64. */
    private static Tensor supported(CudaBackend be, Tensor a) {
        DType t = a.dtype();
        return t == DType.FLOAT32 || t == DType.FLOAT64 || t == DType.INT64 ? a : convert(be, a, DType.INT64);
    }

    private static Tensor convert(CudaBackend be, Tensor a, DType to) {
        if (a.dtype() == to) {
            return a;
        }
        Tensor c = Tensor.empty(to, be.device(), a.shapeArray());
        be.copy(a, c);
        return c;
    }

    /** Launches one block per output element; out is contiguous over the kept dims. */
    private static void run(CudaBackend be, String kernel, Tensor x, int[] dims, Tensor out, int opOrCorrection) {
        int nd = x.ndim();
        boolean[] red = new boolean[nd];
        for (int d : dims) {
            red[d] = true;
        }
        int nk = nd - dims.length;
        int[] ks = new int[nk];
        int[] kst = new int[nk];
        int[] rs = new int[dims.length];
        int[] rst = new int[dims.length];
        int k = 0;
        int r = 0;
        for (int d = 0; d < nd; d++) {
            if (red[d]) {
                rs[r] = x.size(d);
                rst[r++] = x.stride(d);
            } else {
                ks[k] = x.size(d);
                kst[k++] = x.stride(d);
            }
        }
        Layout kept = Layout.of(ks, new int[][] {kst}, new int[] {x.offset()});
        Layout reduced = Layout.of(rs, new int[][] {rst}, new int[] {0});
        long outer = kept.numel;
        long inner = reduced.numel;
        if (outer == 0) {
            return;
        }
        if (kernel.startsWith("reduce_") && outer == 1 && inner >= 2L * CHUNK && reduced.shape.length == 1
                && reduced.strides[0][0] == 1) {
            split(be, kernel, x, (int) inner, out, opOrCorrection);
            return;
        }
        launch(be, kernel, kept, reduced, CudaFused.address(x), CudaFused.elementAddress(out), opOrCorrection);
    }

    private static void launch(CudaBackend be, String kernel, Layout kept, Layout reduced, long x, long out, int op) {
        long outer = kept.numel;
        be.context.kernels().launch(kernel, (int) Math.min(outer, CudaKernels.MAX_BLOCKS), 1, 1, CudaKernels.BLOCK, 1,
            1, 0, new KernelArgs().i((int) outer).i((int) reduced.numel).struct(kept.shapeStruct())
            .struct(kept.stridesStruct(0)).struct(reduced.shapeStruct()).struct(reduced.stridesStruct(0)).ptr(x)
            .ptr(out).i(op));
    }

    static final int CHUNK = 8192;

    /**
     * One output from many contiguous elements (x.sum(), x.mean() of a whole dataset): one block
     * would do it alone, so blocks first reduce chunks of CHUNK elements in parallel (plus one
     * for the tail), and a second launch reduces the partial results.
     */
    private static void split(CudaBackend be, String kernel, Tensor x, int inner, Tensor out, int op) {
        int chunks = inner / CHUNK;
        int tail = inner % CHUNK;
        int stageOp = op == ReduceOp.MEAN.ordinal() ? ReduceOp.SUM.ordinal() : op;
        Tensor partial = Tensor.empty(out.dtype(), be.device(), chunks + (tail > 0 ? 1 : 0));
        long p = CudaFused.elementAddress(partial);
        long base = CudaFused.address(x);
        Layout unit = Layout.of(new int[] {CHUNK}, new int[][] {{1}}, new int[] {0});
        launch(be, kernel, Layout.of(new int[] {chunks}, new int[][] {{CHUNK}}, new int[] {x.offset()}), unit, base, p,
            stageOp);
        if (tail > 0) {
            launch(be, kernel, Layout.of(new int[0], new int[][] {{}}, new int[] {x.offset() + chunks * CHUNK}),
                Layout.of(new int[] {tail}, new int[][] {{1}}, new int[] {0}), base,
                p + (long) chunks * partial.elementSize(), stageOp);
        }
        launch(be, kernel, Layout.of(new int[0], new int[][] {{}}, new int[] {0}),
            Layout.of(new int[] {partial.numel()}, new int[][] {{1}}, new int[] {0}), CudaFused.address(partial),
            CudaFused.elementAddress(out), stageOp);
        if (op == ReduceOp.MEAN.ordinal()) {
            Tensor count = Tensor.asStrided(Tensor.scalar(inner, out.dtype()), out.shapeArray().clone(),
                new int[out.ndim()], 0);
            be.binary(org.workbook.backend.BinaryOp.DIV, out, count, out);
        }
    }
}
