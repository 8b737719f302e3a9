package org.workbook.bench;

import static org.workbook.tensor.Tensors.manualSeed;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.randn;

import java.util.List;
import java.util.function.Supplier;

import org.workbook.autograd.GradMode;
import org.workbook.backend.cuda.Cuda;
import org.workbook.backend.cuda.CudaMemory;
import org.workbook.nn.Module;
import org.workbook.optim.Adam;
import org.workbook.tensor.Device;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;

/**
 * {@code bench/compare --device cuda}: ours on {@code Device.cuda(0)} beside PyTorch on
 * {@code 'cuda'} (compare_torch.py's {@code cuda_cases}, same ids), timed by the same method
 * as the CPU cases. Every timed call ends with {@code Cuda.synchronize(0)} (torch:
 * {@code torch.cuda.synchronize()}): GPU calls return before the GPU is done, and without
 * it we would time the queueing, not the work.
 *
 * <ul>
 * <li>{@code cuda_l8_mlp_epoch}: TrainingCases' {@code l8_mlp_epoch} with the model and the
 *     data on the GPU: the 784-100-10 MLP + LogSoftmax, NLLLoss, Adam 1e-3, batch 64 over a
 *     fresh random permutation of the 50,000 normalised training images (782 steps). Each
 *     side draws the permutation where it gathers fastest: ours on the CPU (our indexing
 *     reads indices on the host), torch's on the GPU. The library as the lessons use it:
 *     cuBLAS when it loads, memory freed by the garbage collector. Target ours/torch &le; 1.0;
 *     the accuracy after one epoch is checked on both sides.</li>
 * <li>{@code cuda_sgemm_4096}: 4096x4096 @ 4096x4096 in float32, our SGEMM kernel (cuBLAS
 *     switched off on our side) against torch's cuBLAS with TF32 off; each call's result is
 *     freed at once on both sides (a CudaMemory scope here; torch drops it). Target: at least
 *     40 % of torch's TFLOP/s.</li>
 * </ul>
 * {@code tiny} (bench/compare --tiny) shrinks both to a code-path check: a 128^3 product and
 * ten MLP steps over 640 images, e.g. under the CUDA emulator of lib/src/test/fakecuda.
 */
public final class CudaCases {
    static final int GPU = 0;
    static final double SGEMM_MIN_PERCENT = 40;

    private CudaCases() { }

    public static List<BenchCase> all(boolean tiny) {
        int n = tiny ? 128 : 4096;
        int rows = tiny ? 640 : Integer.MAX_VALUE;
        Supplier<CourseData.Split> data = () -> onGpu(rows);
        return List.of(
            new BenchCase("cuda_l8_mlp_epoch", "cuda", "l8 MLP 784-100-10, Adam, " + (tiny ? 10 : 782) + " steps", 1.0,
                () -> {
                    Cuda.setCublasEnabled(true);
                    return synced(mlpTrainer(data)::epoch);
                },
                tiny ? null : new BenchCase.Accuracy(1, () -> {
                    Cuda.setCublasEnabled(true);
                    manualSeed(0);
                    TrainingCases.Trainer t = mlpTrainer(data);
                    t.epoch();
                    CourseData.Split d = data.get();
                    try (GradMode.Scope ignored = noGrad()) {
                        return t.model.apply(d.xValid()).argmax(1).eq(d.yValid()).toFloat().mean().item();
                    }
                })),
            BenchCase.throughput("cuda_sgemm_" + n, "cuda", "sgemm " + n + "^3 f32, our kernel vs cuBLAS",
                2.0 * n * n * n, SGEMM_MIN_PERCENT, () -> {
                    Cuda.setCublasEnabled(false);
                    Device gpu = Device.cuda(GPU);
                    Tensor a = randn(n, n).to(gpu);
                    Tensor b = randn(n, n).to(gpu);
                    return () -> {
                        try (CudaMemory.Scope s = CudaMemory.scope()) {
                            Tensor c = a.matmul(b);
                            Cuda.synchronize(GPU);
                            return c.numel();
                        }
                    };
                }));
    }

    /** The MLP, moved to the GPU before its optimizer is made (as in torch), over the GPU split. */
    private static TrainingCases.Trainer mlpTrainer(Supplier<CourseData.Split> data) {
        Module m = TrainingCases.l8Mlp().to(Device.cuda(GPU));
        return new TrainingCases.Trainer(m, new Adam(m.parameters(), 1e-3), false, data);
    }

    /** The op, then a wait for the GPU to finish what it queued. */
    private static BenchCase.Op synced(BenchCase.Op op) {
        return () -> {
            Object r = op.run();
            Cuda.synchronize(GPU);
            return r;
        };
    }

    private static CourseData.Split gpuSplit;
    private static int gpuRows;

    /** The lesson-8 split on the GPU (its first {@code rows} images of each part), copied once. */
    static synchronized CourseData.Split onGpu(int rows) {
        if (gpuSplit == null || gpuRows != rows) {
            CourseData.Split d = CourseData.lesson8();
            Device gpu = Device.cuda(GPU);
            gpuSplit = new CourseData.Split(head(d.x(), rows).to(gpu), head(d.y(), rows).to(gpu),
                head(d.xValid(), rows).to(gpu), head(d.yValid(), rows).to(gpu));
            gpuRows = rows;
        }
        return gpuSplit;
    }

    private static Tensor head(Tensor t, int rows) {
        return rows >= t.size(0) ? t : t.get(Slice.of(0, rows)).contiguous();
    }
}
