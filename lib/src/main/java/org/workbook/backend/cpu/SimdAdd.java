package org.workbook.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * dst[d + k] += src[s + k] through the Vector API. C2 leaves this loop scalar when dst and src
 * are two float[] parameters (they might be one array, and JDK 17 has no runtime alias check);
 * col2im's runs ({@link PhaseWindows#fold}) are such a loop. Callers branch on
 * {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
final class SimdAdd {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdAdd() { }

    static void addTo(float[] dst, int d, float[] src, int s, int len) {
        int k = 0;
        for (int e = F.loopBound(len); k < e; k += F.length()) {
            FloatVector.fromArray(F, dst, d + k).add(FloatVector.fromArray(F, src, s + k)).intoArray(dst, d + k);
        }
        for (; k < len; k++) {
            dst[d + k] += src[s + k];
        }
    }
}
