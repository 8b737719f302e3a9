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
 * Elementwise ops: per-op overhead at n = 10, throughput at 10^6 (L3-resident) and
 * 10^7 (DRAM). The allocating forms are bench/compare's cases; the in-place forms
 * show how much of the time is the fresh result array (allocation and zeroing).
 *
 * <pre>
 * ./workbook bench jmh ElementwiseBench -p n=10000000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElementwiseBench {
    @Param({"10", "1000000", "10000000"})
    public int n;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setup() {
        Parallel.setNumThreads(1);
        Tensors.manualSeed(0);
        a = randn(n);
        b = randn(n);
    }

    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    @Benchmark
    public Tensor mul() {
        return a.mul(b);
    }

    @Benchmark
    public Tensor exp() {
        return a.exp();
    }

    /** a += b: the same loop with no allocation (a drifts, which does not change the cost). */
    @Benchmark
    public Tensor addInPlace() {
        return a.add_(b);
    }
}
