package org.workbook.bench;

import java.util.function.Supplier;

/**
 * One case of the side-by-side comparison: an id shared with the PyTorch side
 * ({@code bench/compare_torch.py} defines the same ids), a title for the table,
 * the target for ours/torch (NaN: reported, no target), and a setup that
 * builds the inputs and returns the operation to time.
 *
 * <pre>{@code
 * jshell> var c = new BenchCase("add_1e7", "tensor", "add, 10^7 floats", 1.0, () -> {
 *    ...>     Tensor a = randn(10_000_000), b = randn(10_000_000);
 *    ...>     return () -> a.add(b); })
 * }</pre>
 */
public record BenchCase(String id, String group, String title, double target, Supplier<Op> setup,
                        Accuracy accuracy, Throughput throughput) {
    /** A case without an accuracy check. */
    public BenchCase(String id, String group, String title, double target, Supplier<Op> setup) {
        this(id, group, title, target, setup, null, null);
    }

    /** A training case with its accuracy check. */
    public BenchCase(String id, String group, String title, double target, Supplier<Op> setup, Accuracy accuracy) {
        this(id, group, title, target, setup, accuracy, null);
    }

    /**
     * A case judged by throughput instead of time: each call does {@code flops} floating-point
     * operations, both sides' TFLOP/s are printed, and the target is that ours reaches at least
     * {@code minPercentOfTorch} % of torch's (e.g. our SGEMM against cuBLAS).
     */
    public static BenchCase throughput(String id, String group, String title, double flops, double minPercentOfTorch,
                                       Supplier<Op> setup) {
        return new BenchCase(id, group, title, Double.NaN, setup, null, new Throughput(flops, minPercentOfTorch));
    }

    /** Floating-point operations per call, and the least share of torch's rate that passes. */
    public record Throughput(double flops, double minPercentOfTorch) {
        /** TFLOP/s at {@code ns} per call. */
        public double tflops(double ns) {
            return flops / ns / 1e3;
        }
    }

    /**
     * A training case's check that the timed work really learns: trains a fresh model
     * (seeded) for {@code epochs} epochs and returns its validation accuracy. Run once,
     * outside the timing; compare_torch.py does the same for its twin.
     */
    public record Accuracy(int epochs, java.util.function.DoubleSupplier run) { }

    /** The timed operation; its result is kept so the JIT cannot drop the work. */
    @FunctionalInterface
    public interface Op {
        Object run();
    }

    public boolean hasAccuracy() {
        return accuracy != null;
    }

    public boolean hasTarget() {
        return !Double.isNaN(target) || throughput != null;
    }
}
