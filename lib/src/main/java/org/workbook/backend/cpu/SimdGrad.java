package org.workbook.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ReLU's backward (torch's threshold_backward) in one pass through the Vector API:
 * dx = y <= 0 ? 0 : g, so a NaN output passes g and a masked NaN gradient becomes 0, as
 * the composed {@code where(y > 0, g, 0)} gives, without its three temporaries. Callers
 * branch on {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
public final class SimdGrad {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdGrad() { }

    public static void reluBackward(float[] y, int yo, float[] g, int go, float[] dx, int n) {
        int i = 0;
        for (int e = F.loopBound(n); i < e; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            gv.blend(0f, FloatVector.fromArray(F, y, yo + i).compare(VectorOperators.LE, 0f)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = y[yo + i] <= 0 ? 0f : g[go + i];
        }
    }
}
