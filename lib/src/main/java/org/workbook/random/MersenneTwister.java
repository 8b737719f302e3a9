package org.workbook.random;

/**
 * The MT19937 Mersenne Twister engine (Matsumoto and Nishimura, 1998): 624 words of state,
 * 32-bit outputs. Both numpy's legacy {@code RandomState} and PyTorch's CPU generator are this
 * engine seeded the same way ({@code init_genrand}), so {@link NumpyRandom} and
 * {@link Generator} share it and differ only in how they turn words into numbers.
 *
 * <pre>
 * jshell&gt; var mt = new MersenneTwister(5489)
 * jshell&gt; Integer.toUnsignedString(mt.nextInt())
 * $2 ==&gt; "3499211612"      // the reference implementation's first output for its default seed
 * </pre>
 *
 * <p>Not thread-safe: the generators that own one synchronize around it.
 */
public final class MersenneTwister {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;

    /** An engine seeded with the low 32 bits of {@code seed}, as {@code init_genrand} does. */
    public MersenneTwister(long seed) {
        seed(seed);
    }

    private MersenneTwister(MersenneTwister other) {
        System.arraycopy(other.mt, 0, mt, 0, N);
        pos = other.pos;
    }

    /**
     * Reseeds with the low 32 bits of {@code seed} ({@code init_genrand}); callers check ranges,
     * because numpy rejects seeds outside [0, 2^32) while PyTorch silently truncates.
     */
    public void seed(long seed) {
        int s = (int) seed;
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            // Knuth's multiplier; int overflow is the intended arithmetic modulo 2^32.
            s = 1812433253 * (s ^ (s >>> 30)) + i;
            mt[i] = s;
        }
        pos = N;
    }

    /**
     * Reseeds from a key of 32-bit words ({@code init_by_array}), as
     * {@code np.random.seed([1, 2, 3])} does. Each element must be in [0, 2^32).
     */
    public void seedByArray(long[] key) {
        seed(19650218L);
        int i = 1;
        int j = 0;
        int k = Math.max(N, key.length);
        for (; k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1664525)) + (int) key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (k = N - 1; k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000; // guarantees a non-zero state, as the reference does
        pos = N;
    }

    /** The next 32-bit output; read it unsigned ({@code Integer.toUnsignedLong}). */
    public int nextInt() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next output as an unsigned value in [0, 2^32). */
    public long nextUnsignedInt() {
        return Integer.toUnsignedLong(nextInt());
    }

    /**
     * 64 bits from two outputs, the first one high: numpy's {@code mt19937_next64} and
     * PyTorch's {@code random64()} both combine them this way.
     */
    public long nextLong() {
        long hi = nextUnsignedInt();
        long lo = nextUnsignedInt();
        return (hi << 32) | lo;
    }

    /** An independent engine in the same state. */
    public MersenneTwister copy() {
        return new MersenneTwister(this);
    }

    private void twist() {
        int kk = 0;
        for (; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        pos = 0;
    }
}
