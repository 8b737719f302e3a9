package org.workbook.bench;

import java.util.List;

import org.workbook.backend.cuda.Cuda;
import org.workbook.tensor.Device;

/**
 * Our GPU as bench/compare --device cuda reports it, and the {@code --tiny} code-path
 * check: each GPU case built at a tiny size and run twice, with no timing method and
 * no torch, so the emulator of lib/src/test/fakecuda (or a real GPU) can show that every
 * call the cases make works before anyone spends GPU time on a full run.
 */
final class GpuSide {
    private GpuSide() { }

    /** "cuda:0: NAME" (one line per GPU), or "no GPU: REASON". */
    static String status() {
        int n = Device.cudaDeviceCount();
        if (n == 0) {
            return "no GPU: " + Cuda.unavailableReason();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\n").append("cuda:").append(i).append(": ").append(Cuda.context(i).name());
        }
        return sb.toString();
    }

    /** The GPU the cases use and whether cuBLAS serves the MLP's products. */
    static String describe() {
        String cublas = Cuda.cublasStatus(CudaCases.GPU);
        return "cuda:" + CudaCases.GPU + " (" + Cuda.context(CudaCases.GPU).name() + "), cuBLAS "
            + (cublas.isEmpty() ? "for the MLP's products" : "not used (" + cublas + ")")
            + ", our own kernel for the sgemm case";
    }

    /** Builds each case and runs its op twice; prints the times (rough: a smoke check, not a measurement). */
    static void tinyRun(List<BenchCase> cases) {
        System.out.println("--tiny: each GPU case at a tiny size, run twice on " + describe()
            + " (a code-path check, not a measurement)");
        for (BenchCase c : cases) {
            BenchCase.Op op = c.setup().get();
            long t0 = System.nanoTime();
            op.run();
            long t1 = System.nanoTime();
            Object r = op.run();
            long t2 = System.nanoTime();
            System.out.printf("%-18s %-38s first %s, second %s: ok (%s)%n", c.id(), c.title(), Row.time(t1 - t0),
                Row.time(t2 - t1), r);
        }
    }
}
