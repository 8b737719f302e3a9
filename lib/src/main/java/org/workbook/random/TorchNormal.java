package org.workbook.random;

/**
 * The Box-Muller step of PyTorch 1.13's CPU {@code normal_} for float32 tensors of 16 or more
 * elements ({@code normal_fill_16_AVX2}): eight pairs of uniforms become sixteen normals, using
 * the Cephes-derived {@code log256_ps} and {@code sincos256_ps} of {@code avx_mathfun.h}
 * (Julien Pommier's sse_mathfun, zlib license) instead of the C library's functions.
 *
 * <p>Each AVX lane is ordinary IEEE float arithmetic, so the lanes are written here as scalar
 * Java. PyTorch compiles that file with {@code -mfma}, and GCC then fuses a multiply into the add
 * that consumes it; the {@link Math#fma} calls below sit exactly where it did, which the golden
 * tests confirm on thousands of values.
 */
final class TorchNormal {
    private static final float TWO_PI = (float) (2.0 * Math.PI);
    private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000);
    private static final float SQRTHF = 0.707106781186547524f;
    private static final float[] LOG_P = {
        7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f,
        1.4249322787E-1f, -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f,
        3.3333331174E-1f,
    };
    private static final float LOG_Q1 = -2.12194440e-4f;
    private static final float LOG_Q2 = 0.693359375f;

    private static final float FOPI = 1.27323954473516f; // 4 / pi
    private static final float MINUS_DP1 = -0.78515625f;
    private static final float MINUS_DP2 = -2.4187564849853515625e-4f;
    private static final float MINUS_DP3 = -3.77489497744594108e-8f;
    private static final float SINCOF_P0 = -1.9515295891E-4f;
    private static final float SINCOF_P1 = 8.3321608736E-3f;
    private static final float SINCOF_P2 = -1.6666654611E-1f;
    private static final float COSCOF_P0 = 2.443315711809948E-005f;
    private static final float COSCOF_P1 = -1.388731625493765E-003f;
    private static final float COSCOF_P2 = 4.166664568298827E-002f;

    private TorchNormal() {
    }

    /**
     * Turns the 16 uniforms at {@code data[off..off+16)} into normals in place: lane j pairs
     * {@code 1 - data[off+j]} (the radius) with {@code data[off+8+j]} (the angle).
     */
    static void fill16(float[] data, int off, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - data[off + j];
            float u2 = data[off + 8 + j];
            float radius = (float) Math.sqrt(-2.0f * log(u1)); // float sqrt is correctly rounded
            float theta = TWO_PI * u2;
            data[off + j] = Math.fma(radius * cos(theta), std, mean);
            data[off + 8 + j] = Math.fma(radius * sin(theta), std, mean);
        }
    }

    /** {@code log256_ps} for one lane: NaN for x <= 0. */
    static float log(float x) {
        if (!(x > 0)) {
            return Float.NaN;
        }
        x = Math.max(x, MIN_NORM_POS);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 0x7f) + 1.0f;
        // Keep the mantissa, exponent of 0.5: x in [0.5, 1).
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
        boolean small = x < SQRTHF;
        float tmp = small ? x : 0.0f;
        x = x - 1.0f;
        e = e - (small ? 1.0f : 0.0f);
        x = x + tmp;
        float z = x * x;
        float y = LOG_P[0];
        for (int i = 1; i < LOG_P.length; i++) {
            y = Math.fma(y, x, LOG_P[i]);
        }
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = y - z * 0.5f;
        x = x + y;
        return x + e * LOG_Q2;
    }

    /** {@code sincos256_ps}'s sine for one lane. */
    static float sin(float x) {
        int sign = Float.floatToRawIntBits(x) & 0x80000000;
        int j = octant(x);
        sign ^= (j & 4) << 29;
        float r = reduce(Math.abs(x), j);
        // The AVX code blends the two polynomials by masking one to +0 and adding.
        float v = (j & 2) == 0 ? 0.0f + sinPoly(r) : cosPoly(r) + 0.0f;
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ sign);
    }

    /** {@code sincos256_ps}'s cosine for one lane. */
    static float cos(float x) {
        int j = octant(x);
        int sign = (~(j - 2) & 4) << 29;
        float r = reduce(Math.abs(x), j);
        float v = (j & 2) == 0 ? cosPoly(r) + 0.0f : 0.0f + sinPoly(r);
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ sign);
    }

    /** j = (int)(|x| * 4/pi) rounded up to even, as Cephes does. */
    private static int octant(float x) {
        int j = (int) (Math.abs(x) * FOPI);
        return (j + 1) & ~1;
    }

    /** x - j*pi/4 in three pieces ("extended precision modular arithmetic"). */
    private static float reduce(float x, int j) {
        float y = j;
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        return Math.fma(y, MINUS_DP3, x);
    }

    private static float cosPoly(float x) {
        float z = x * x;
        float y = Math.fma(Math.fma(COSCOF_P0, z, COSCOF_P1), z, COSCOF_P2);
        y = y * z;
        y = Math.fma(y, z, -(z * 0.5f));
        return y + 1.0f;
    }

    private static float sinPoly(float x) {
        float z = x * x;
        float y = Math.fma(Math.fma(SINCOF_P0, z, SINCOF_P1), z, SINCOF_P2);
        y = y * z;
        return Math.fma(y, x, x);
    }
}
