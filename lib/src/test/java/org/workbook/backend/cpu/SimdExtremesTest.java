package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SimdExtremes}' row max/min (four vector accumulators, then the scalar tail) and
 * argmax/argmin against the scalar rule, on rows of every length up to ten vectors at odd
 * offsets, with NaN, +-inf, +-0. and repeated extremes planted anywhere: the extreme's value
 * (NaN when any is), and the first index holding it (the first NaN when there is one).
 */
class SimdExtremesTest {
    static float[] row(Random r, int n) {
        float[] x = new float[n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 10);
        }
        int plants = r.nextInt(4);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e30f, -1e30f};
        for (int k = 0; k < plants && n > 0; k++) {
            x[3 + r.nextInt(n)] = special[r.nextInt(special.length)];
        }
        if (r.nextInt(5) == 0 && n > 0) {
            java.util.Arrays.fill(x, 3, 3 + n, r.nextBoolean() ? 0f : -0f); // all zeros: the sign rule
            x[3 + r.nextInt(n)] = r.nextBoolean() ? 0f : -0f;
        }
        return x;
    }

    /** The scalar kernel's rule: strictly better replaces, the first NaN ends the search. */
    static int scalarArg(float[] x, int from, int n, boolean max) {
        int best = 0;
        float bv = x[from];
        for (int i = 1; i < n && bv == bv; i++) {
            float v = x[from + i];
            if (v != v || (max ? v > bv : v < bv)) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void extremesAndTheirFirstIndexAreTheScalarRules(boolean max) {
        assertTrue(Simd.ENABLED, Simd.describe());
        Random r = new Random(max ? 11 : 12);
        int l = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        for (int trial = 0; trial < 4000; trial++) {
            int n = 1 + r.nextInt(10 * l);
            float[] x = row(r, n);
            float m = SimdExtremes.extreme(x, 3, n, max);
            boolean anyNaN = false;
            float want = x[3];
            for (int i = 0; i < n; i++) {
                anyNaN |= x[3 + i] != x[3 + i];
                want = max ? Math.max(want, x[3 + i]) : Math.min(want, x[3 + i]);
            }
            if (anyNaN) {
                assertTrue(Float.isNaN(m), "NaN in a row of " + n);
            } else {
                assertEquals(want, m, 0f, "extreme of a row of " + n); // a zero's sign is not settled
            }
            assertEquals(scalarArg(x, 3, n, max), SimdExtremes.argExtreme(x, 3, n, max), "index in a row of " + n);
        }
    }
}
