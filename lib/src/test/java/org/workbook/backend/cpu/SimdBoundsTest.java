package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * After {@link Simd#fixBoundsChecks()}, the property that would turn the Vector API's bounds
 * checks off changes nothing: an out-of-bounds vector load still fails (the grader relies on it).
 */
class SimdBoundsTest {
    @Test
    void boundsChecksStayOnOnceFixed() {
        Simd.fixBoundsChecks();
        String old = System.getProperty(Simd.BOUNDS_CHECK_PROPERTY);
        System.setProperty(Simd.BOUNDS_CHECK_PROPERTY, "0");
        try {
            float[] small = new float[3];
            assertThrows(IndexOutOfBoundsException.class,
                () -> FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, small, 0));
            assertThrows(IllegalStateException.class, Simd::fixBoundsChecks, "a weakening value is refused");
        } finally {
            if (old == null) {
                System.clearProperty(Simd.BOUNDS_CHECK_PROPERTY);
            } else {
                System.setProperty(Simd.BOUNDS_CHECK_PROPERTY, old);
            }
        }
    }
}
