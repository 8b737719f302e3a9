package org.workbook.bench;

import static org.workbook.tensor.Tensors.randn;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.workbook.backend.cpu.Parallel;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Matrix products, m x k @ k x n: the square sgemm and the course's training
 * shapes. Run with OPENBLAS_NUM_THREADS=1 (./workbook bench jmh sets it) for
 * single-threaded figures; the forward and the transposed (weight-gradient) forms
 * both go to the BLAS without copies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatmulBench {
    /** m x k x n. */
    @Param({"1024x1024x1024", "64x784x10", "256x784x30", "256x784x1"})
    public String shape;

    private Tensor a;
    private Tensor b;
    private Tensor at;

    @Setup
    public void setup() {
        Parallel.setNumThreads(1);
        Tensors.manualSeed(0);
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]);
        int k = Integer.parseInt(p[1]);
        int n = Integer.parseInt(p[2]);
        a = randn(m, k);
        b = randn(k, n);
        at = randn(k, m);
    }

    /** a @ b, the forward product. */
    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }

    /** atᵀ @ b with a transposed view, the layout of a backward pass (xᵀ @ grad). */
    @Benchmark
    public Tensor matmulTransposed() {
        return at.t().matmul(b);
    }
}
