package org.workbook.random;

/**
 * PyTorch's CPU random generator ({@code torch.Generator}, {@code torch.manual_seed}) behind the
 * tensor factories {@code randn}, {@code rand}, {@code randint} and {@code randperm}. After the
 * same seed it gives the float32 numbers of PyTorch 1.13 on x86-64 bit for bit (PyTorch runs
 * its AVX2 kernels on every CPU that has AVX2), as the golden tests check:
 *
 * <ul>
 *   <li>the engine is MT19937 seeded with the seed's low 32 bits;</li>
 *   <li>{@code rand}/{@code uniform_}: 24 random bits per float32 ({@code (w & 0xFFFFFF) / 2^24}),
 *       53 bits from two words per float64;</li>
 *   <li>{@code randn}/{@code normal_} on 16 or more values: all the uniforms first, then
 *       Box-Muller in blocks of 16 (lane j pairs value j with value j + 8), and, when 16 does
 *       not divide the count, 16 fresh uniforms for the last 16 slots, which are recomputed;
 *       float32 uses PyTorch's AVX2 kernel ({@link TorchNormal});</li>
 *   <li>fewer than 16 values: Box-Muller on two 53-bit uniforms per pair, in double, with the
 *       sine half cached in the generator for the next such value;</li>
 *   <li>{@code randint}: {@code word % range + low}, from two words once the range reaches 2^32;</li>
 *   <li>{@code randperm}: the identity, then for each i a swap with {@code i + word % (n - i)}.</li>
 * </ul>
 *
 * <p>The double-precision Box-Muller steps call {@code sin}/{@code cos}, here {@link StrictMath}'s
 * (the same on every JVM) rather than glibc's, and {@link GlibcLog} for {@code log}. So float64
 * normals agree with PyTorch's to within an ulp, exactly for about 97% of values; rounded to
 * float32 that difference does not show in any of the golden values.
 *
 * <pre>
 * jshell&gt; var g = new Generator().manualSeed(0)
 * jshell&gt; float[] x = new float[3]; g.fillNormal(x, 0, 3, 0, 1); Arrays.toString(x)
 * $3 ==&gt; "[1.5409961, -0.2934289, -2.1787894]"      // torch.manual_seed(0); torch.randn(3)
 * jshell&gt; Arrays.toString(new Generator(0).randperm(5))
 * $4 ==&gt; "[4, 0, 1, 3, 2]"
 * </pre>
 *
 * <p>Methods are synchronized, so one generator may be shared by threads (the order of their
 * draws then depends on scheduling).
 */
public final class Generator {
    /** The seed a generator starts with when never seeded, as in PyTorch. */
    public static final long DEFAULT_SEED = 67280421310721L;

    private static final Generator GLOBAL = new Generator();
    private static final double TWO_PI = 2.0 * Math.PI;

    private final MersenneTwister mt = new MersenneTwister(0);
    private long seed;
    private boolean hasNextNormal;
    private double nextNormal;

    /** A generator in PyTorch's initial state ({@link #DEFAULT_SEED}). */
    public Generator() {
        manualSeed(DEFAULT_SEED);
    }

    /** {@code torch.Generator().manual_seed(seed)}. */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /** The generator behind {@code Tensors.randn} and friends ({@code torch.default_generator}). */
    public static Generator global() {
        return GLOBAL;
    }

    /**
     * Reseeds ({@code manual_seed}) and forgets the cached normal value. Any long is accepted;
     * PyTorch reads negative seeds as unsigned 64-bit, and only the low 32 bits reach MT19937.
     */
    public synchronized Generator manualSeed(long seed) {
        this.seed = seed;
        mt.seed(seed);
        hasNextNormal = false;
        nextNormal = 0;
        return this;
    }

    /** The last seed set ({@code initial_seed()}), as a signed long (-1 means 2^64 - 1). */
    public synchronized long initialSeed() {
        return seed;
    }

    /** A double in [0, 1) with 53 random bits: {@code torch.rand(1, dtype=torch.float64)}. */
    public synchronized double nextDouble() {
        return uniform53(mt.nextLong());
    }

    // ---------------------------------------------------------------- uniform

    /** Fills {@code out[off..off+n)} like {@code uniform_(from, to)} on a float32 tensor. */
    public synchronized void fillUniform(float[] out, int off, int n, double from, double to) {
        checkRegion(out.length, off, n);
        checkUniform(from, to);
        float f = (float) from;
        float range = (float) to - f;
        for (int i = off; i < off + n; i++) {
            out[i] = Math.fma(uniform24(mt.nextInt()), range, f);
        }
    }

    /** Fills {@code out[off..off+n)} like {@code uniform_(from, to)} on a float64 tensor. */
    public synchronized void fillUniform(double[] out, int off, int n, double from, double to) {
        checkRegion(out.length, off, n);
        checkUniform(from, to);
        double range = to - from;
        for (int i = off; i < off + n; i++) {
            out[i] = Math.fma(uniform53(mt.nextLong()), range, from);
        }
    }

    // ---------------------------------------------------------------- normal

    /**
     * Fills {@code out[off..off+n)} like {@code normal_(mean, std)} on a contiguous float32
     * tensor of n elements ({@code randn} is mean 0, std 1).
     */
    public synchronized void fillNormal(float[] out, int off, int n, double mean, double std) {
        checkRegion(out.length, off, n);
        checkStd(std);
        if (n < 16) {
            for (int i = off; i < off + n; i++) {
                out[i] = (float) normalSample(mean, std);
            }
            return;
        }
        float m = (float) mean;
        float s = (float) std;
        for (int i = off; i < off + n; i++) {
            out[i] = uniform24(mt.nextInt());
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            TorchNormal.fill16(out, off + i, m, s);
        }
        if (n % 16 != 0) {
            int tail = off + n - 16;
            for (int i = tail; i < tail + 16; i++) {
                out[i] = uniform24(mt.nextInt());
            }
            TorchNormal.fill16(out, tail, m, s);
        }
    }

    /** Fills {@code out[off..off+n)} like {@code normal_(mean, std)} on a float64 tensor. */
    public synchronized void fillNormal(double[] out, int off, int n, double mean, double std) {
        checkRegion(out.length, off, n);
        checkStd(std);
        if (n < 16) {
            for (int i = off; i < off + n; i++) {
                out[i] = normalSample(mean, std);
            }
            return;
        }
        for (int i = off; i < off + n; i++) {
            out[i] = uniform53(mt.nextLong());
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            fill16(out, off + i, mean, std);
        }
        if (n % 16 != 0) {
            int tail = off + n - 16;
            for (int i = tail; i < tail + 16; i++) {
                out[i] = uniform53(mt.nextLong());
            }
            fill16(out, tail, mean, std);
        }
    }

    /** {@code normal_fill_16} for doubles: the scalar kernel with libm calls. */
    private static void fill16(double[] data, int off, double mean, double std) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1 - data[off + j];
            double u2 = data[off + 8 + j];
            double radius = Math.sqrt(-2 * GlibcLog.log(u1));
            double theta = TWO_PI * u2;
            data[off + j] = Math.fma(radius * StrictMath.cos(theta), std, mean);
            data[off + 8 + j] = Math.fma(radius * StrictMath.sin(theta), std, mean);
        }
    }

    /** {@code at::normal_distribution<double>}: Box-Muller, caching the sine half. */
    private double normalSample(double mean, double std) {
        if (hasNextNormal) {
            hasNextNormal = false;
            return Math.fma(nextNormal, std, mean);
        }
        double u1 = uniform53(mt.nextLong());
        double u2 = uniform53(mt.nextLong());
        double r = Math.sqrt(-2.0 * GlibcLog.log(1.0 - u2));
        double theta = TWO_PI * u1;
        nextNormal = r * StrictMath.sin(theta);
        hasNextNormal = true;
        return Math.fma(r * StrictMath.cos(theta), std, mean);
    }

    // ---------------------------------------------------------------- integers

    /** One integer in [low, high), as {@code torch.randint(low, high, (1,))} (int64). */
    public synchronized long randomLong(long lowInclusive, long highExclusive) {
        return lowInclusive + bounded(checkRandint(lowInclusive, highExclusive));
    }

    /** Fills {@code out[off..off+n)} like {@code torch.randint(low, high, (n,))}. */
    public synchronized void fillRandint(long[] out, int off, int n, long low, long high) {
        checkRegion(out.length, off, n);
        long range = checkRandint(low, high);
        for (int i = off; i < off + n; i++) {
            out[i] = low + bounded(range);
        }
    }

    /** {@code torch.randperm(n)}: 0..n-1 in random order. */
    public synchronized long[] randperm(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm(n) needs n >= 0, but got n = " + n);
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (mt.nextUnsignedInt() % (n - i));
            long t = r[i];
            r[i] = r[z + i];
            r[z + i] = t;
        }
        return r;
    }

    /** A word modulo the unsigned range, as {@code uniform_int_from_to_distribution}. */
    private long bounded(long range) {
        if (Long.compareUnsigned(range, 1L << 32) >= 0) {
            return Long.remainderUnsigned(mt.nextLong(), range);
        }
        return mt.nextUnsignedInt() % range;
    }

    // ---------------------------------------------------------------- helpers

    private static float uniform24(int word) {
        return (word & 0xFFFFFF) * 0x1p-24f;
    }

    private static double uniform53(long word) {
        return (word & ((1L << 53) - 1)) * 0x1p-53;
    }

    private static void checkRegion(int length, int off, int n) {
        if (n < 0 || off < 0 || off > length - n) {
            throw new IllegalArgumentException("cannot fill " + n + " values from offset " + off
                    + " of an array of length " + length + "; need 0 <= off, 0 <= n, off + n <= length");
        }
    }

    private static void checkUniform(double from, double to) {
        if (!(from <= to) || !Double.isFinite(to - from)) {
            throw new IllegalArgumentException("uniform_ expects a finite range from <= to, but got"
                    + " from = " + from + ", to = " + to + "; swap or bound them");
        }
    }

    private static void checkStd(double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal_ expects std >= 0.0, but got std = " + std
                    + "; a standard deviation cannot be negative");
        }
    }

    private static long checkRandint(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("randint expects low < high (it draws from [low, high)),"
                    + " but got low = " + low + ", high = " + high);
        }
        return high - low;
    }

    @Override
    public String toString() {
        return "Generator(seed=" + Long.toUnsignedString(initialSeed()) + ")";
    }
}
