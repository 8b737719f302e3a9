package org.workbook.random;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * numpy's legacy generator ({@code np.random.seed}, {@code np.random.RandomState}) reproduced bit
 * for bit, so lessons written against the book print the book's numbers. Same engine (MT19937),
 * same seeding, same 53-bit doubles, the same polar Gaussian with its cached second value, the
 * same masked rejection sampling for integers, the same Fisher-Yates shuffle.
 *
 * <pre>
 * jshell&gt; var rng = NumpyRandom.seed(42)             // np.random.seed(42)
 * jshell&gt; rng.normal(0, 0.15, 3)                      // np.random.normal(0, 0.15, 3)
 * $2 ==&gt; tensor([ 0.0745, -0.0207,  0.0972], dtype=torch.float64)
 * jshell&gt; rng.randint(0, 10, 5)
 * $3 ==&gt; tensor([6, 9, 2, 6, 7])
 * jshell&gt; Arrays.toString(NumpyRandom.seed(0).permutationArray(5))
 * $4 ==&gt; "[2, 0, 1, 3, 4]"
 * </pre>
 *
 * <p>Every sampler comes three ways: a scalar ({@code normal(0, 1)}), a {@link Tensor} of
 * FLOAT64 (INT64 for integers) for a shape ({@code normal(0, 1, 20, 1)}), and a row-major
 * primitive array for a shape ({@code normalArray(0, 1, 20)}). Values are drawn in row-major
 * order, as numpy fills them. The Gaussian uses {@link GlibcLog}, because numpy calls the C
 * library's {@code log}; the other samplers are exact on any platform.
 *
 * <p>Each instance is its own stream ({@code np.random.RandomState(seed)}); the methods are
 * synchronized, so one instance may be shared between threads, though the order of draws then
 * depends on scheduling.
 */
public final class NumpyRandom {
    private static final long MAX_SEED = 0xFFFFFFFFL;
    private static final NumpyRandom GLOBAL = new NumpyRandom();

    private final MersenneTwister mt = new MersenneTwister(0);
    private boolean hasGauss;
    private double gauss;

    private NumpyRandom() {
    }

    /**
     * A generator in the state {@code np.random.seed(seed)} leaves numpy's global one in.
     *
     * @param seed in [0, 2^32 - 1], numpy's range for integer seeds
     */
    public static NumpyRandom seed(long seed) {
        NumpyRandom r = new NumpyRandom();
        r.reseed(seed);
        return r;
    }

    /**
     * A generator seeded from a key of several words, like {@code np.random.seed([1, 2, 3])}.
     *
     * @param key one or more integers in [0, 2^32 - 1]
     */
    public static NumpyRandom seed(long[] key) {
        NumpyRandom r = new NumpyRandom();
        r.reseed(key);
        return r;
    }

    /**
     * One shared generator, for code that wants numpy's module-level state; reseed it with
     * {@code NumpyRandom.global().reseed(42)}. It starts seeded with 0 (numpy seeds from the OS).
     */
    public static NumpyRandom global() {
        return GLOBAL;
    }

    /**
     * Reseeds this generator in place ({@code np.random.seed(seed)} on this stream), dropping any
     * cached Gaussian. (Java cannot have an instance {@code seed(long)} beside the static factory.)
     */
    public synchronized NumpyRandom reseed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (4294967295)"
                    + " as numpy requires, but got " + seed + "; reduce it, e.g. seed & 0xFFFFFFFFL");
        }
        mt.seed(seed);
        hasGauss = false;
        gauss = 0;
        return this;
    }

    /** Reseeds from a key of words in [0, 2^32 - 1] ({@code np.random.seed([1, 2, 3])}). */
    public synchronized NumpyRandom reseed(long[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("seed key must have at least one element, got "
                    + (key == null ? "null" : "an empty array") + "; pass e.g. new long[] {1, 2, 3}");
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] < 0 || key[i] > MAX_SEED) {
                throw new IllegalArgumentException("seed key element " + i + " must be between 0 and"
                        + " 2**32 - 1 (4294967295), but got " + key[i]);
            }
        }
        mt.seedByArray(key);
        hasGauss = false;
        gauss = 0;
        return this;
    }

    // ---------------------------------------------------------------- uniform doubles

    /** A double in [0, 1) with 53 random bits ({@code np.random.random_sample()}). */
    public synchronized double randomSample() {
        return nextDouble();
    }

    /** {@code np.random.random_sample(shape)} as a FLOAT64 tensor. */
    public Tensor randomSample(int... shape) {
        return Tensors.fromArray(randomSampleArray(shape), shape.clone());
    }

    /** {@code np.random.random_sample(shape)}, row-major. */
    public synchronized double[] randomSampleArray(int... shape) {
        double[] out = new double[numel("randomSample", shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = nextDouble();
        }
        return out;
    }

    /** A double in [low, high) ({@code np.random.uniform(low, high)}); low > high is allowed. */
    public synchronized double uniform(double low, double high) {
        return low + checkRange(low, high) * nextDouble();
    }

    /** {@code np.random.uniform(low, high, shape)} as a FLOAT64 tensor. */
    public Tensor uniform(double low, double high, int... shape) {
        return Tensors.fromArray(uniformArray(low, high, shape), shape.clone());
    }

    /** {@code np.random.uniform(low, high, shape)}, row-major. */
    public synchronized double[] uniformArray(double low, double high, int... shape) {
        double range = checkRange(low, high);
        double[] out = new double[numel("uniform", shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = low + range * nextDouble();
        }
        return out;
    }

    // ---------------------------------------------------------------- Gaussians

    /** A standard normal value ({@code np.random.standard_normal()}). */
    public synchronized double standardNormal() {
        return nextGauss();
    }

    /** {@code np.random.standard_normal(shape)} as a FLOAT64 tensor. */
    public Tensor standardNormal(int... shape) {
        return Tensors.fromArray(standardNormalArray(shape), shape.clone());
    }

    /** {@code np.random.standard_normal(shape)}, row-major. */
    public synchronized double[] standardNormalArray(int... shape) {
        double[] out = new double[numel("standardNormal", shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = nextGauss();
        }
        return out;
    }

    /** A normal value with mean {@code loc} and standard deviation {@code scale} >= 0. */
    public synchronized double normal(double loc, double scale) {
        checkScale(scale);
        return loc + scale * nextGauss();
    }

    /** {@code np.random.normal(loc, scale, shape)} as a FLOAT64 tensor. */
    public Tensor normal(double loc, double scale, int... shape) {
        return Tensors.fromArray(normalArray(loc, scale, shape), shape.clone());
    }

    /** {@code np.random.normal(loc, scale, shape)}, row-major. */
    public synchronized double[] normalArray(double loc, double scale, int... shape) {
        checkScale(scale);
        double[] out = new double[numel("normal", shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = loc + scale * nextGauss();
        }
        return out;
    }

    // ---------------------------------------------------------------- integers

    /** An integer in [low, high) ({@code np.random.randint(low, high)}, int64). */
    public synchronized long randint(long low, long high) {
        long rng = checkBounds(low, high);
        return low + boundedMasked(rng);
    }

    /** {@code np.random.randint(low, high, shape)} as an INT64 tensor. */
    public Tensor randint(long low, long high, int... shape) {
        return Tensors.fromArray(randintArray(low, high, shape), shape.clone());
    }

    /** {@code np.random.randint(low, high, shape)}, row-major. */
    public synchronized long[] randintArray(long low, long high, int... shape) {
        long rng = checkBounds(low, high);
        long[] out = new long[numel("randint", shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = low + boundedMasked(rng);
        }
        return out;
    }

    /** {@code np.random.permutation(n)}: 0..n-1 shuffled, as an INT64 tensor of shape [n]. */
    public Tensor permutation(int n) {
        return Tensors.fromArray(permutationArray(n), n);
    }

    /** {@code np.random.permutation(n)} as an array. */
    public synchronized long[] permutationArray(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation(n) needs n >= 0, but got n = " + n
                    + " (numpy would silently return an empty array)");
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        shuffle(out);
        return out;
    }

    // ---------------------------------------------------------------- shuffles

    /** Shuffles in place, drawing exactly as {@code np.random.shuffle} does on a 1-d array. */
    public synchronized void shuffle(long[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = interval(i);
            long t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** Shuffles in place, as {@code np.random.shuffle}. */
    public synchronized void shuffle(int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = interval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** Shuffles in place, as {@code np.random.shuffle}. */
    public synchronized void shuffle(double[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = interval(i);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** Shuffles in place, as {@code np.random.shuffle} on a Python list; the list must be mutable. */
    public synchronized void shuffle(List<?> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            Collections.swap(x, i, interval(i));
        }
    }

    // ---------------------------------------------------------------- internals

    /** numpy's {@code mt19937_next_double}: 27 + 26 bits. */
    private double nextDouble() {
        int a = mt.nextInt() >>> 5;
        int b = mt.nextInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** numpy's {@code legacy_gauss}: Marsaglia's polar method, keeping the second value. */
    private double nextGauss() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * GlibcLog.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** A value in [0, rng] by masked rejection ({@code random_bounded_uint64_fill}). */
    private long boundedMasked(long rng) {
        if (rng == 0) {
            return 0;
        }
        if (Long.compareUnsigned(rng, MAX_SEED) <= 0) {
            if (rng == MAX_SEED) {
                return mt.nextUnsignedInt();
            }
            long mask = mask(rng);
            long v;
            do {
                v = mt.nextUnsignedInt() & mask;
            } while (v > rng);
            return v;
        }
        if (rng == -1L) {
            return mt.nextLong();
        }
        long mask = mask(rng);
        long v;
        do {
            v = mt.nextLong() & mask;
        } while (Long.compareUnsigned(v, rng) > 0);
        return v;
    }

    /** numpy's {@code random_interval(max)}: a value in [0, max] for the shuffles. */
    private int interval(int max) {
        long mask = mask(max);
        long v;
        do {
            v = mt.nextUnsignedInt() & mask;
        } while (v > max);
        return (int) v;
    }

    /** The smallest all-ones mask covering {@code v}. */
    private static long mask(long v) {
        return v == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(v);
    }

    private static double checkRange(double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("uniform(low, high) needs a finite high - low, but got"
                    + " low = " + low + ", high = " + high + "; use finite bounds");
        }
        return range;
    }

    private static void checkScale(double scale) {
        // numpy tests the sign bit, so -0.0 is refused too.
        if (!Double.isNaN(scale) && Math.copySign(1.0, scale) < 0) {
            throw new IllegalArgumentException("normal(loc, scale) needs scale >= 0 (a standard "
                    + "deviation), but got scale = " + scale + "; use Math.abs(scale)");
        }
    }

    /** high - 1 - low as an unsigned count, or an error when the interval is empty. */
    private static long checkBounds(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("randint(low, high) draws from [low, high) and needs "
                    + "low < high, but got low = " + low + ", high = " + high
                    + "; for a single value v use randint(v, v + 1)");
        }
        return high - 1 - low;
    }

    @Override
    public String toString() {
        return "NumpyRandom(MT19937" + (hasGauss ? ", cached gauss " + gauss : "") + ")"
                + (this == GLOBAL ? " global" : "");
    }

    /** The element count of a numpy-style size, refusing negative or oversized shapes. */
    static int numel(String method, int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException(method + ": shape must not be null; pass no "
                    + "numbers for a 0-d result or e.g. (20, 1)");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(method + ": negative dimensions are not allowed, "
                        + "got shape " + Arrays.toString(shape) + "; every size must be >= 0");
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(method + ": shape " + Arrays.toString(shape)
                        + " has more than 2^31 - 9 elements, more than a Java array holds; "
                        + "draw it in smaller pieces");
            }
        }
        return (int) n;
    }
}
