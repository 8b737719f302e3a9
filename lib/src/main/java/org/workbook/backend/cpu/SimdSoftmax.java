package org.workbook.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * log_softmax over the rows of a contiguous float32 [rows, cols] block, and its backward,
 * in two passes over each row and one output array (the composed form makes four
 * temporaries): y = (x - max) - log(sum(exp(x - max))), with the same float steps as the
 * composed ops (exp as {@link FloatMath#exp(float)}, the sum accumulated in double);
 * dx = g - exp(y) * sum(g). Callers branch on {@link Simd#ENABLED} first: this class is
 * loaded only when it is true.
 */
public final class SimdSoftmax {
    private static final VectorSpecies<Float> F =
        VectorSpecies.of(float.class, VectorShape.forBitSize(DoubleVector.SPECIES_PREFERRED.vectorBitSize()));
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private SimdSoftmax() { }

    /** y[r, :] = log_softmax(x[r, :]) for x at offset xo, y at 0. */
    public static void logSoftmax(float[] x, int xo, float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int p = xo + r * cols;
            int q = r * cols;
            float m = max(x, p, cols);
            FloatVector mv = FloatVector.broadcast(F, m);
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = s0;
            int i = 0;
            for (int e = F.loopBound(cols); i < e; i += L) {
                FloatVector ex = SimdUnary.expVector(FloatVector.fromArray(F, x, p + i).sub(mv));
                s0 = s0.add(ex.convertShape(VectorOperators.F2D, D, 0));
                s1 = s1.add(ex.convertShape(VectorOperators.F2D, D, 1));
            }
            double s = lanes(s0.add(s1));
            for (; i < cols; i++) {
                s += FloatMath.exp(x[p + i] - m);
            }
            float logSum = (float) Math.log((float) s);
            i = 0;
            for (int e = F.loopBound(cols); i < e; i += L) {
                FloatVector.fromArray(F, x, p + i).sub(mv).sub(logSum).intoArray(y, q + i);
            }
            for (; i < cols; i++) {
                y[q + i] = (x[p + i] - m) - logSum;
            }
        }
    }

    /** dx[r, :] = g[r, :] - exp(y[r, :]) * sum(g[r, :]), all contiguous from offset 0. */
    public static void logSoftmaxBackward(float[] g, float[] y, float[] dx, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int p = r * cols;
            float sg = (float) SimdSum.run(g, p, cols);
            int i = 0;
            for (int e = F.loopBound(cols); i < e; i += L) {
                FloatVector gv = FloatVector.fromArray(F, g, p + i);
                gv.sub(SimdUnary.expVector(FloatVector.fromArray(F, y, p + i)).mul(sg)).intoArray(dx, p + i);
            }
            for (; i < cols; i++) {
                dx[p + i] = g[p + i] - FloatMath.exp(y[p + i]) * sg;
            }
        }
    }

    /** The row's max by the scalar rule (first NaN wins; a zero keeps the sign of the first zero). */
    private static float max(float[] x, int p, int n) {
        int i = SimdExtremes.argExtreme(x, p, n, true);
        return x[p + i];
    }

    private static double lanes(DoubleVector v) {
        double[] t = new double[D.length()];
        v.intoArray(t, 0);
        double s = 0;
        for (double d : t) {
            s += d;
        }
        return s;
    }
}
