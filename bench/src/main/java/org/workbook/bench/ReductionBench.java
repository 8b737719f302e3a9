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
 * Reductions over a batch-shaped tensor (256 x 784, a batch of flattened MNIST
 * images): over dim 1 (per-image, contiguous runs), over dim 0 (per-pixel, strided,
 * the bias-gradient shape), and over everything.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReductionBench {
    @Param({"256x784"})
    public String shape;

    private Tensor x;

    @Setup
    public void setup() {
        Parallel.setNumThreads(1);
        Tensors.manualSeed(0);
        String[] p = shape.split("x");
        x = randn(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    @Benchmark
    public Tensor sumDim1() {
        return x.sum(1);
    }

    @Benchmark
    public Tensor sumDim0() {
        return x.sum(0);
    }

    @Benchmark
    public Tensor sumAll() {
        return x.sum();
    }

    @Benchmark
    public Tensor meanDim1() {
        return x.mean(1);
    }
}
