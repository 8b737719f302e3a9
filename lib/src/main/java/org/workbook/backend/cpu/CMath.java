package org.workbook.backend.cpu;

/**
 * C's {@code pow}, which torch uses, where Java's {@link Math#pow} differs: C gives
 * {@code pow(1, y) = 1} for every y (NaN and infinities included) and
 * {@code pow(-1, +-inf) = 1}; Java gives NaN for both.
 */
final class CMath {
    private CMath() { }

    static double pow(double x, double y) {
        if (x == 1.0 || (x == -1.0 && Double.isInfinite(y))) {
            return 1.0;
        }
        return Math.pow(x, y);
    }
}
