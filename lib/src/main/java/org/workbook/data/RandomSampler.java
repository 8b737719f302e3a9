package org.workbook.data;

import java.util.SplittableRandom;
import org.workbook.tensor.Tensors;

/**
 * The order a shuffling {@link DataLoader} visits its items in: a fresh
 * permutation each epoch, cheap (a Fisher-Yates shuffle of an int array).
 *
 * <pre>{@code
 * jshell> var s = new RandomSampler(42)
 * jshell> s.permutation(5)     // epoch 1: some order of 0..4
 * jshell> s.permutation(5)     // epoch 2: another order; both the same on every run
 * }</pre>
 *
 * With a seed the sequence of epochs is its own and repeats from run to run.
 * {@link #global()} instead draws each epoch's seed from the tensor library's
 * global generator, as PyTorch's RandomSampler does, so
 * {@code Tensors.manualSeed(n)} makes the order repeatable.
 */
public final class RandomSampler {
    private final SplittableRandom rng;   // null: draw from the global generator

    public RandomSampler(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    private RandomSampler() {
        this.rng = null;
    }

    /** A sampler seeded anew each epoch from the global generator ({@code manualSeed}). */
    public static RandomSampler global() {
        return new RandomSampler();
    }

    /** The next epoch's order of {@code 0 .. n-1}. */
    public synchronized int[] permutation(int n) {
        SplittableRandom r = rng != null ? rng : new SplittableRandom(globalSeed());
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long globalSeed() {
        long[] v = Tensors.randint(0, 1L << 31, 2).toLongArray();
        return (v[0] << 31) ^ v[1];
    }

    @Override
    public String toString() {
        return rng != null ? "RandomSampler(seeded)" : "RandomSampler(global generator)";
    }
}
