package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/** The Vector API's preferred species on this CPU. Loaded only when {@link Simd#ENABLED} is being decided. */
final class SimdInfo {
    private SimdInfo() { }

    static int floatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }

    static int doubleLanes() {
        return DoubleVector.SPECIES_PREFERRED.length();
    }

    static int bits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
