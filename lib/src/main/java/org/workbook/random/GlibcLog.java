package org.workbook.random;

/**
 * The natural logarithm exactly as glibc (2.28 and later) computes it on x86-64 CPUs with FMA,
 * which is the {@code log} numpy's legacy Gaussian sampler calls. {@link Math#log} and
 * {@link StrictMath#log} are within an ulp of it but differ in about 0.1% and 7% of inputs, and
 * even a correctly rounded log differs in about 0.08% (where glibc itself misrounds), so
 * {@code np.random.normal} could not be reproduced to the last bit without this.
 *
 * <p>The algorithm is Arm's optimized-routines log: {@code log(x) = k*ln2 + log(c) + log1p(z/c - 1)}
 * with {@code x = 2^k z}, a 128-entry table of {@code 1/c, log(c)} and a degree-6 polynomial;
 * inputs within 1/16 of 1 use a degree-12 polynomial instead. glibc's x86-64 build fuses every
 * multiply feeding an add into one FMA, and {@link Math#fma} reproduces that exactly on any
 * JVM. The constants live in {@link GlibcLogTable}.
 *
 * <pre>
 * jshell&gt; GlibcLog.log(0.5)
 * $1 ==&gt; -0.6931471805599453
 * </pre>
 */
public final class GlibcLog {
    private static final int TABLE_BITS = 7;
    private static final int N = 1 << TABLE_BITS;
    private static final long OFF = 0x3fe6000000000000L;
    private static final long NEAR_ONE_LO = Double.doubleToRawLongBits(1.0 - 0x1p-4);
    private static final long NEAR_ONE_HI = Double.doubleToRawLongBits(1.0 + 0x1.09p-4);

    private static final double LN2_HI = Double.longBitsToDouble(GlibcLogTable.LN2_HI);
    private static final double LN2_LO = Double.longBitsToDouble(GlibcLogTable.LN2_LO);
    private static final double[] A = doubles(GlibcLogTable.POLY);
    private static final double[] B = doubles(GlibcLogTable.POLY1);
    private static final double[] INVC = new double[N];
    private static final double[] LOGC = new double[N];

    static {
        if (A.length != 5 || B.length != 11 || GlibcLogTable.TAB.length != 2 * N) {
            throw new IllegalStateException("GlibcLogTable has the wrong size; regenerate it with "
                    + "python3 bench/golden/gen_random.py --log-table");
        }
        for (int i = 0; i < N; i++) {
            INVC[i] = Double.longBitsToDouble(GlibcLogTable.TAB[2 * i]);
            LOGC[i] = Double.longBitsToDouble(GlibcLogTable.TAB[2 * i + 1]);
        }
    }

    private GlibcLog() {
    }

    /** {@code log(x)}, bit for bit as glibc's x86-64 FMA variant; NaN below 0, -Infinity at 0. */
    public static double log(double x) {
        long ix = Double.doubleToRawLongBits(x);
        if (Long.compareUnsigned(ix - NEAR_ONE_LO, NEAR_ONE_HI - NEAR_ONE_LO) < 0) {
            return logNearOne(x);
        }
        int top = (int) (ix >>> 48);
        if (Integer.compareUnsigned(top - 0x0010, 0x7ff0 - 0x0010) >= 0) {
            if (ix << 1 == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (x == Double.POSITIVE_INFINITY) {
                return x;
            }
            if ((top & 0x8000) != 0 || (top & 0x7ff0) == 0x7ff0) {
                return Double.NaN;
            }
            // Subnormal: scale into the normal range and take 52 back off the exponent.
            ix = Double.doubleToRawLongBits(x * 0x1p52);
            ix -= 52L << 52;
        }
        // x = 2^k z with z in [OFF, 2 OFF); the table index comes from z's top mantissa bits.
        long tmp = ix - OFF;
        int i = (int) ((tmp >>> (52 - TABLE_BITS)) % N);
        int k = (int) (tmp >> 52);
        double z = Double.longBitsToDouble(ix - (tmp & (0xfffL << 52)));
        double invc = INVC[i];
        double r = Math.fma(z, invc, -1.0);
        double kd = k;
        double w = Math.fma(kd, LN2_HI, LOGC[i]);
        double hi = w + r;
        double lo = Math.fma(kd, LN2_LO, w - hi + r);
        double r2 = r * r;
        double p = Math.fma(r2, Math.fma(r, A[4], A[3]), Math.fma(r, A[2], A[1]));
        double t = Math.fma(r2, A[0], lo);
        return Math.fma(r * r2, p, t) + hi;
    }

    private static double logNearOne(double x) {
        if (x == 1.0) {
            return 0.0;
        }
        double r = x - 1.0;
        double r2 = r * r;
        double r3 = r * r2;
        double p3 = Math.fma(r3, B[10], Math.fma(r2, B[9], Math.fma(r, B[8], B[7])));
        double p2 = Math.fma(r3, p3, Math.fma(r2, B[6], Math.fma(r, B[5], B[4])));
        double p1 = Math.fma(r3, p2, Math.fma(r2, B[3], Math.fma(r, B[2], B[1])));
        // Split r into a 26-bit head and a tail so r*r*B[0] (B[0] = -0.5) is exact.
        double w = r * 0x1p27;
        double rhi = r + w - w;
        double rlo = r - rhi;
        w = rhi * rhi * B[0];
        double hi = r + w;
        double lo = r - hi + w;
        lo = Math.fma(B[0] * rlo, rhi + r, lo);
        double y = Math.fma(r3, p1, lo);
        return y + hi;
    }

    private static double[] doubles(long[] bits) {
        double[] d = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            d[i] = Double.longBitsToDouble(bits[i]);
        }
        return d;
    }
}
