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
public record BenchCase(String id, String group, String title, double target, Supplier<Op> setup) {
    /** The timed operation; its result is kept so the JIT cannot drop the work. */
    @FunctionalInterface
    public interface Op {
        Object run();
    }

    public boolean hasTarget() {
        return !Double.isNaN(target);
    }
}
