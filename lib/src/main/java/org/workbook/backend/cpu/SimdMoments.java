package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two passes of a row's variance ({@link Moments}) through the Vector API: Σx, then
 * Σ(x - mean)², in double, with {@link Moments#LANES} (32) logical accumulators, element i of a
 * block of 32 going to accumulator i, then folded as {@link Moments#fold} does and the tail
 * added one by one: the order of {@link Moments}' scalar loops, so both paths give the same bits.
 * Written for 512-bit vectors (16 floats, 8 doubles: four double accumulators hold the 32
 * lanes) and for 256-bit ones (AVX2: eight accumulators, lane m of the folded vectors split over
 * two of them); {@link #FITS} is false on other CPUs, where the scalar loops run. The vector steps are
 * inline and no vector crosses a method boundary (see {@link SimdSum} for why), and each pass
 * is its own method with one loop: one method for both passes, its accumulators merged from two
 * loops, ran 10x slower in one bench JVM of two (C2 boxed the vectors at the merge). Loaded only when
 * {@link Simd#ENABLED}.
 */
final class SimdMoments {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();

    /** True when four double vectors are the 32 logical lanes (AVX-512): {@link #sum} and {@link #squares} apply. */
    static final boolean WIDE = FL == 16 && L == 8 && Moments.LANES == 32;
    /** True when eight double vectors are the 32 logical lanes (AVX2): {@link #sum256}, {@link #squares256}. */
    static final boolean NARROW = FL == 8 && L == 4 && Moments.LANES == 32;
    /** True when this CPU's vectors have a kernel here; else {@link Moments}' scalar loops run. */
    static final boolean FITS = WIDE || NARROW;

    private SimdMoments() { }

    /** Σ x[from, from + n) on 512-bit vectors; {@code scratch} holds at least 8 doubles. */
    static double sum(float[] x, int from, int n, double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            FloatVector f0 = FloatVector.fromArray(F, x, i);
            FloatVector f1 = FloatVector.fromArray(F, x, i + 16);
            a0 = a0.add(f0.convertShape(VectorOperators.F2D, D, 0));
            a1 = a1.add(f0.convertShape(VectorOperators.F2D, D, 1));
            a2 = a2.add(f1.convertShape(VectorOperators.F2D, D, 0));
            a3 = a3.add(f1.convertShape(VectorOperators.F2D, D, 1));
        }
        a0.add(a1).add(a2.add(a3)).intoArray(scratch, 0);
        return fold8(x, i, end, scratch);
    }

    /** Σ (x - centre)² over x[from, from + n) on 512-bit vectors. */
    static double squares(float[] x, int from, int n, double centre, double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector c = DoubleVector.broadcast(D, centre);
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            FloatVector f0 = FloatVector.fromArray(F, x, i);
            FloatVector f1 = FloatVector.fromArray(F, x, i + 16);
            DoubleVector d0 = ((DoubleVector) f0.convertShape(VectorOperators.F2D, D, 0)).sub(c);
            DoubleVector d1 = ((DoubleVector) f0.convertShape(VectorOperators.F2D, D, 1)).sub(c);
            DoubleVector d2 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, D, 0)).sub(c);
            DoubleVector d3 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, D, 1)).sub(c);
            a0 = a0.add(d0.mul(d0));
            a1 = a1.add(d1.mul(d1));
            a2 = a2.add(d2.mul(d2));
            a3 = a3.add(d3.mul(d3));
        }
        a0.add(a1).add(a2.add(a3)).intoArray(scratch, 0);
        return fold8(x, i, end, scratch, centre);
    }

    /** {@link #sum(float[], int, int, double[])} for float64 rows. */
    static double sum(double[] x, int from, int n, double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            a0 = a0.add(DoubleVector.fromArray(D, x, i));
            a1 = a1.add(DoubleVector.fromArray(D, x, i + 8));
            a2 = a2.add(DoubleVector.fromArray(D, x, i + 16));
            a3 = a3.add(DoubleVector.fromArray(D, x, i + 24));
        }
        a0.add(a1).add(a2.add(a3)).intoArray(scratch, 0);
        return fold8(x, i, end, scratch);
    }

    /** {@link #squares(float[], int, int, double, double[])} for float64 rows. */
    static double squares(double[] x, int from, int n, double centre, double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector c = DoubleVector.broadcast(D, centre);
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            DoubleVector d0 = DoubleVector.fromArray(D, x, i).sub(c);
            DoubleVector d1 = DoubleVector.fromArray(D, x, i + 8).sub(c);
            DoubleVector d2 = DoubleVector.fromArray(D, x, i + 16).sub(c);
            DoubleVector d3 = DoubleVector.fromArray(D, x, i + 24).sub(c);
            a0 = a0.add(d0.mul(d0));
            a1 = a1.add(d1.mul(d1));
            a2 = a2.add(d2.mul(d2));
            a3 = a3.add(d3.mul(d3));
        }
        a0.add(a1).add(a2.add(a3)).intoArray(scratch, 0);
        return fold8(x, i, end, scratch, centre);
    }

    /**
     * {@link #sum(float[], int, int, double[])} on 256-bit vectors: accumulators b0..b7 hold lanes
     * 4k..4k+3; the 8-lane fold of the 512-bit kernel is (b0 + b2) + (b4 + b6) for lanes 0-3 and
     * (b1 + b3) + (b5 + b7) for lanes 4-7, the same sums in the same order.
     */
    static double sum256(float[] x, int from, int n, double[] scratch) {
        DoubleVector b0 = DoubleVector.zero(D);
        DoubleVector b1 = b0;
        DoubleVector b2 = b0;
        DoubleVector b3 = b0;
        DoubleVector b4 = b0;
        DoubleVector b5 = b0;
        DoubleVector b6 = b0;
        DoubleVector b7 = b0;
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            FloatVector f0 = FloatVector.fromArray(F, x, i);
            FloatVector f1 = FloatVector.fromArray(F, x, i + 8);
            FloatVector f2 = FloatVector.fromArray(F, x, i + 16);
            FloatVector f3 = FloatVector.fromArray(F, x, i + 24);
            b0 = b0.add(f0.convertShape(VectorOperators.F2D, D, 0));
            b1 = b1.add(f0.convertShape(VectorOperators.F2D, D, 1));
            b2 = b2.add(f1.convertShape(VectorOperators.F2D, D, 0));
            b3 = b3.add(f1.convertShape(VectorOperators.F2D, D, 1));
            b4 = b4.add(f2.convertShape(VectorOperators.F2D, D, 0));
            b5 = b5.add(f2.convertShape(VectorOperators.F2D, D, 1));
            b6 = b6.add(f3.convertShape(VectorOperators.F2D, D, 0));
            b7 = b7.add(f3.convertShape(VectorOperators.F2D, D, 1));
        }
        b0.add(b2).add(b4.add(b6)).intoArray(scratch, 0);
        b1.add(b3).add(b5.add(b7)).intoArray(scratch, 4);
        return fold8(x, i, end, scratch);
    }

    /** {@link #squares(float[], int, int, double, double[])} on 256-bit vectors. */
    static double squares256(float[] x, int from, int n, double centre, double[] scratch) {
        DoubleVector b0 = DoubleVector.zero(D);
        DoubleVector b1 = b0;
        DoubleVector b2 = b0;
        DoubleVector b3 = b0;
        DoubleVector b4 = b0;
        DoubleVector b5 = b0;
        DoubleVector b6 = b0;
        DoubleVector b7 = b0;
        DoubleVector c = DoubleVector.broadcast(D, centre);
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            FloatVector f0 = FloatVector.fromArray(F, x, i);
            FloatVector f1 = FloatVector.fromArray(F, x, i + 8);
            FloatVector f2 = FloatVector.fromArray(F, x, i + 16);
            FloatVector f3 = FloatVector.fromArray(F, x, i + 24);
            DoubleVector d0 = ((DoubleVector) f0.convertShape(VectorOperators.F2D, D, 0)).sub(c);
            DoubleVector d1 = ((DoubleVector) f0.convertShape(VectorOperators.F2D, D, 1)).sub(c);
            DoubleVector d2 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, D, 0)).sub(c);
            DoubleVector d3 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, D, 1)).sub(c);
            DoubleVector d4 = ((DoubleVector) f2.convertShape(VectorOperators.F2D, D, 0)).sub(c);
            DoubleVector d5 = ((DoubleVector) f2.convertShape(VectorOperators.F2D, D, 1)).sub(c);
            DoubleVector d6 = ((DoubleVector) f3.convertShape(VectorOperators.F2D, D, 0)).sub(c);
            DoubleVector d7 = ((DoubleVector) f3.convertShape(VectorOperators.F2D, D, 1)).sub(c);
            b0 = b0.add(d0.mul(d0));
            b1 = b1.add(d1.mul(d1));
            b2 = b2.add(d2.mul(d2));
            b3 = b3.add(d3.mul(d3));
            b4 = b4.add(d4.mul(d4));
            b5 = b5.add(d5.mul(d5));
            b6 = b6.add(d6.mul(d6));
            b7 = b7.add(d7.mul(d7));
        }
        b0.add(b2).add(b4.add(b6)).intoArray(scratch, 0);
        b1.add(b3).add(b5.add(b7)).intoArray(scratch, 4);
        return fold8(x, i, end, scratch, centre);
    }

    /** {@link #sum256(float[], int, int, double[])} for float64 rows. */
    static double sum256(double[] x, int from, int n, double[] scratch) {
        DoubleVector b0 = DoubleVector.zero(D);
        DoubleVector b1 = b0;
        DoubleVector b2 = b0;
        DoubleVector b3 = b0;
        DoubleVector b4 = b0;
        DoubleVector b5 = b0;
        DoubleVector b6 = b0;
        DoubleVector b7 = b0;
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            b0 = b0.add(DoubleVector.fromArray(D, x, i));
            b1 = b1.add(DoubleVector.fromArray(D, x, i + 4));
            b2 = b2.add(DoubleVector.fromArray(D, x, i + 8));
            b3 = b3.add(DoubleVector.fromArray(D, x, i + 12));
            b4 = b4.add(DoubleVector.fromArray(D, x, i + 16));
            b5 = b5.add(DoubleVector.fromArray(D, x, i + 20));
            b6 = b6.add(DoubleVector.fromArray(D, x, i + 24));
            b7 = b7.add(DoubleVector.fromArray(D, x, i + 28));
        }
        b0.add(b2).add(b4.add(b6)).intoArray(scratch, 0);
        b1.add(b3).add(b5.add(b7)).intoArray(scratch, 4);
        return fold8(x, i, end, scratch);
    }

    /** {@link #squares256(float[], int, int, double, double[])} for float64 rows. */
    static double squares256(double[] x, int from, int n, double centre, double[] scratch) {
        DoubleVector b0 = DoubleVector.zero(D);
        DoubleVector b1 = b0;
        DoubleVector b2 = b0;
        DoubleVector b3 = b0;
        DoubleVector b4 = b0;
        DoubleVector b5 = b0;
        DoubleVector b6 = b0;
        DoubleVector b7 = b0;
        DoubleVector c = DoubleVector.broadcast(D, centre);
        int i = from;
        int end = from + n;
        for (; i + 32 <= end; i += 32) {
            DoubleVector d0 = DoubleVector.fromArray(D, x, i).sub(c);
            DoubleVector d1 = DoubleVector.fromArray(D, x, i + 4).sub(c);
            DoubleVector d2 = DoubleVector.fromArray(D, x, i + 8).sub(c);
            DoubleVector d3 = DoubleVector.fromArray(D, x, i + 12).sub(c);
            DoubleVector d4 = DoubleVector.fromArray(D, x, i + 16).sub(c);
            DoubleVector d5 = DoubleVector.fromArray(D, x, i + 20).sub(c);
            DoubleVector d6 = DoubleVector.fromArray(D, x, i + 24).sub(c);
            DoubleVector d7 = DoubleVector.fromArray(D, x, i + 28).sub(c);
            b0 = b0.add(d0.mul(d0));
            b1 = b1.add(d1.mul(d1));
            b2 = b2.add(d2.mul(d2));
            b3 = b3.add(d3.mul(d3));
            b4 = b4.add(d4.mul(d4));
            b5 = b5.add(d5.mul(d5));
            b6 = b6.add(d6.mul(d6));
            b7 = b7.add(d7.mul(d7));
        }
        b0.add(b2).add(b4.add(b6)).intoArray(scratch, 0);
        b1.add(b3).add(b5.add(b7)).intoArray(scratch, 4);
        return fold8(x, i, end, scratch, centre);
    }

    /** scratch[0] + ... + scratch[7], then x[i, end) one by one: the fold's last steps and the tail. */
    private static double fold8(float[] x, int i, int end, double[] scratch) {
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            s += x[i];
        }
        return s;
    }

    private static double fold8(double[] x, int i, int end, double[] scratch) {
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            s += x[i];
        }
        return s;
    }

    /** {@link #fold8(float[], int, int, double[])} with the tail's squared deviations from centre. */
    private static double fold8(float[] x, int i, int end, double[] scratch, double centre) {
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            double d = x[i] - centre;
            s += d * d;
        }
        return s;
    }

    private static double fold8(double[] x, int i, int end, double[] scratch, double centre) {
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            double d = x[i] - centre;
            s += d * d;
        }
        return s;
    }
}
