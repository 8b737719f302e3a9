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
                        Accuracy accuracy) {
    /** A case without an accuracy check. */
    public BenchCase(String id, String group, String title, double target, Supplier<Op> setup) {
        this(id, group, title, target, setup, null);
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
        return !Double.isNaN(target);
    }
}
