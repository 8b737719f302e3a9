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
 * inline and no vector crosses a method boundary (see {@link SimdSum} for why). Loaded only when
 * {@link Simd#ENABLED}.
 */
final class SimdMoments {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();

    /** True when four double vectors are the 32 logical lanes (AVX-512): {@link #run} applies. */
    static final boolean WIDE = FL == 16 && L == 8 && Moments.LANES == 32;
    /** True when eight double vectors are the 32 logical lanes (AVX2): {@link #run256} applies. */
    static final boolean NARROW = FL == 8 && L == 4 && Moments.LANES == 32;
    /** True when this CPU's vectors have a kernel here; else {@link Moments}' scalar loops run. */
    static final boolean FITS = WIDE || NARROW;

    private SimdMoments() { }

    /**
     * Σ over the row of (x - centre)² (squares true) or of x (centre unused), x[from, from + n).
     * {@code scratch} holds at least 8 doubles.
     */
    static double run(float[] x, int from, int n, double centre, boolean squares, double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = from;
        int end = from + n;
        if (squares) {
            DoubleVector c = DoubleVector.broadcast(D, centre);
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
        } else {
            for (; i + 32 <= end; i += 32) {
                FloatVector f0 = FloatVector.fromArray(F, x, i);
                FloatVector f1 = FloatVector.fromArray(F, x, i + 16);
                a0 = a0.add(f0.convertShape(VectorOperators.F2D, D, 0));
                a1 = a1.add(f0.convertShape(VectorOperators.F2D, D, 1));
                a2 = a2.add(f1.convertShape(VectorOperators.F2D, D, 0));
                a3 = a3.add(f1.convertShape(VectorOperators.F2D, D, 1));
            }
        }
        a0.add(a1).add(a2.add(a3)).intoArray(scratch, 0);
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            double d = squares ? x[i] - centre : x[i];
            s += squares ? d * d : d;
        }
        return s;
    }

    /** {@link #run(float[], int, int, double, boolean, double[])} for float64 rows. */
    static double run(double[] x, int from, int n, double centre, boolean squares, double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = from;
        int end = from + n;
        if (squares) {
            DoubleVector c = DoubleVector.broadcast(D, centre);
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
        } else {
            for (; i + 32 <= end; i += 32) {
                a0 = a0.add(DoubleVector.fromArray(D, x, i));
                a1 = a1.add(DoubleVector.fromArray(D, x, i + 8));
                a2 = a2.add(DoubleVector.fromArray(D, x, i + 16));
                a3 = a3.add(DoubleVector.fromArray(D, x, i + 24));
            }
        }
        a0.add(a1).add(a2.add(a3)).intoArray(scratch, 0);
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            double d = squares ? x[i] - centre : x[i];
            s += squares ? d * d : d;
        }
        return s;
    }
    /**
     * {@link #run(float[], int, int, double, boolean, double[])} on 256-bit vectors: accumulators
     * b0..b7 hold lanes 4k..4k+3; the 8-lane fold of the 512-bit kernel is (b0 + b2) + (b4 + b6)
     * for lanes 0-3 and (b1 + b3) + (b5 + b7) for lanes 4-7, the same sums in the same order.
     */
    static double run256(float[] x, int from, int n, double centre, boolean squares, double[] scratch) {
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
            DoubleVector d0 = (DoubleVector) f0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d1 = (DoubleVector) f0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector d2 = (DoubleVector) f1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d3 = (DoubleVector) f1.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector d4 = (DoubleVector) f2.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d5 = (DoubleVector) f2.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector d6 = (DoubleVector) f3.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d7 = (DoubleVector) f3.convertShape(VectorOperators.F2D, D, 1);
            if (squares) {
                d0 = d0.sub(c);
                d1 = d1.sub(c);
                d2 = d2.sub(c);
                d3 = d3.sub(c);
                d4 = d4.sub(c);
                d5 = d5.sub(c);
                d6 = d6.sub(c);
                d7 = d7.sub(c);
                d0 = d0.mul(d0);
                d1 = d1.mul(d1);
                d2 = d2.mul(d2);
                d3 = d3.mul(d3);
                d4 = d4.mul(d4);
                d5 = d5.mul(d5);
                d6 = d6.mul(d6);
                d7 = d7.mul(d7);
            }
            b0 = b0.add(d0);
            b1 = b1.add(d1);
            b2 = b2.add(d2);
            b3 = b3.add(d3);
            b4 = b4.add(d4);
            b5 = b5.add(d5);
            b6 = b6.add(d6);
            b7 = b7.add(d7);
        }
        b0.add(b2).add(b4.add(b6)).intoArray(scratch, 0);
        b1.add(b3).add(b5.add(b7)).intoArray(scratch, 4);
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            double d = squares ? x[i] - centre : x[i];
            s += squares ? d * d : d;
        }
        return s;
    }

    /** {@link #run256(float[], int, int, double, boolean, double[])} for float64 rows. */
    static double run256(double[] x, int from, int n, double centre, boolean squares, double[] scratch) {
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
            DoubleVector d0 = DoubleVector.fromArray(D, x, i);
            DoubleVector d1 = DoubleVector.fromArray(D, x, i + 4);
            DoubleVector d2 = DoubleVector.fromArray(D, x, i + 8);
            DoubleVector d3 = DoubleVector.fromArray(D, x, i + 12);
            DoubleVector d4 = DoubleVector.fromArray(D, x, i + 16);
            DoubleVector d5 = DoubleVector.fromArray(D, x, i + 20);
            DoubleVector d6 = DoubleVector.fromArray(D, x, i + 24);
            DoubleVector d7 = DoubleVector.fromArray(D, x, i + 28);
            if (squares) {
                d0 = d0.sub(c);
                d1 = d1.sub(c);
                d2 = d2.sub(c);
                d3 = d3.sub(c);
                d4 = d4.sub(c);
                d5 = d5.sub(c);
                d6 = d6.sub(c);
                d7 = d7.sub(c);
                d0 = d0.mul(d0);
                d1 = d1.mul(d1);
                d2 = d2.mul(d2);
                d3 = d3.mul(d3);
                d4 = d4.mul(d4);
                d5 = d5.mul(d5);
                d6 = d6.mul(d6);
                d7 = d7.mul(d7);
            }
            b0 = b0.add(d0);
            b1 = b1.add(d1);
            b2 = b2.add(d2);
            b3 = b3.add(d3);
            b4 = b4.add(d4);
            b5 = b5.add(d5);
            b6 = b6.add(d6);
            b7 = b7.add(d7);
        }
        b0.add(b2).add(b4.add(b6)).intoArray(scratch, 0);
        b1.add(b3).add(b5.add(b7)).intoArray(scratch, 4);
        double s = 0;
        for (int k = 0; k < 8; k++) {
            s += scratch[k];
        }
        for (; i < end; i++) {
            double d = squares ? x[i] - centre : x[i];
            s += squares ? d * d : d;
        }
        return s;
    }
}
