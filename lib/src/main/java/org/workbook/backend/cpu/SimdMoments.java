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
 * lanes); {@link #FITS} is false on other CPUs, where the scalar loops run. The vector steps are
 * inline and no vector crosses a method boundary (see {@link SimdSum} for why). Loaded only when
 * {@link Simd#ENABLED}.
 */
final class SimdMoments {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();

    /** True when four double vectors are the 32 logical lanes (AVX-512): the kernels below apply. */
    static final boolean FITS = FL == 16 && L == 8 && Moments.LANES == 32;

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
}
