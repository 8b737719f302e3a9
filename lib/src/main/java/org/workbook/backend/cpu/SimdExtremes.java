package org.workbook.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * max/min/argmax/argmin along contiguous float32 rows through the Vector API, with the
 * scalar loop's answers: the first NaN wins, else the first index holding the extreme. One
 * pass finds the extreme (lanewise max, which lets NaN through as Math.max does), a second
 * its first index. A row whose extreme is zero goes to the scalar rule, which tells -0. from
 * 0. by order ({@code max(-0., 0.)} is the first one) where the vector max would not.
 * Loaded only when {@link Simd#ENABLED}.
 */
final class SimdExtremes {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private SimdExtremes() { }

    /** The index in [0, n) of the row's max (or min) by the scalar rule. */
    static int argExtreme(float[] x, int from, int n, boolean max) {
        float m = extreme(x, from, n, max);
        if (m == 0f) {
            return scalar(x, from, n, max);
        }
        int i = 0;
        if (m != m) {
            for (int e = F.loopBound(n); i < e; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, from + i);
                int k = v.compare(VectorOperators.NE, v).firstTrue();
                if (k < L) {
                    return i + k;
                }
            }
            for (; i < n; i++) {
                if (x[from + i] != x[from + i]) {
                    return i;
                }
            }
        } else {
            for (int e = F.loopBound(n); i < e; i += L) {
                int k = FloatVector.fromArray(F, x, from + i).compare(VectorOperators.EQ, m).firstTrue();
                if (k < L) {
                    return i + k;
                }
            }
            for (; i < n; i++) {
                if (x[from + i] == m) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("the extreme " + m + " is not in its row");
    }

    /**
     * max (or min) of x[from .. from + n), n > 0; NaN when any is NaN; a zero's sign is not settled.
     * Four accumulators: the lanewise max is a chain of several instructions (Math.max's NaN and
     * -0. rules), and one accumulator waited on it every step (three times slower over a 784-float row).
     */
    static float extreme(float[] x, int from, int n, boolean max) {
        int i = 0;
        float m;
        if (n >= L) {
            FloatVector a0 = FloatVector.fromArray(F, x, from);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            if (max) {
                for (i = L; i + 4 * L <= n; i += 4 * L) {
                    a0 = a0.max(FloatVector.fromArray(F, x, from + i));
                    a1 = a1.max(FloatVector.fromArray(F, x, from + i + L));
                    a2 = a2.max(FloatVector.fromArray(F, x, from + i + 2 * L));
                    a3 = a3.max(FloatVector.fromArray(F, x, from + i + 3 * L));
                }
                for (; i + L <= n; i += L) {
                    a0 = a0.max(FloatVector.fromArray(F, x, from + i));
                }
                m = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
            } else {
                for (i = L; i + 4 * L <= n; i += 4 * L) {
                    a0 = a0.min(FloatVector.fromArray(F, x, from + i));
                    a1 = a1.min(FloatVector.fromArray(F, x, from + i + L));
                    a2 = a2.min(FloatVector.fromArray(F, x, from + i + 2 * L));
                    a3 = a3.min(FloatVector.fromArray(F, x, from + i + 3 * L));
                }
                for (; i + L <= n; i += L) {
                    a0 = a0.min(FloatVector.fromArray(F, x, from + i));
                }
                m = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
            }
        } else {
            m = x[from];
        }
        for (; i < n; i++) {
            m = max ? Math.max(m, x[from + i]) : Math.min(m, x[from + i]);
        }
        return m;
    }

    /** The scalar kernel's rule (Reduce): strictly better replaces, the first NaN ends the search. */
    private static int scalar(float[] x, int from, int n, boolean max) {
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
}
