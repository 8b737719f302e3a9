package org.workbook.backend.cpu;

import static org.workbook.backend.cpu.DoubleMath.EXP_HI;
import static org.workbook.backend.cpu.DoubleMath.EXP_LO;
import static org.workbook.backend.cpu.DoubleMath.INVLN2;
import static org.workbook.backend.cpu.DoubleMath.LG1;
import static org.workbook.backend.cpu.DoubleMath.LG2;
import static org.workbook.backend.cpu.DoubleMath.LG3;
import static org.workbook.backend.cpu.DoubleMath.LG4;
import static org.workbook.backend.cpu.DoubleMath.LG5;
import static org.workbook.backend.cpu.DoubleMath.LG6;
import static org.workbook.backend.cpu.DoubleMath.LG7;
import static org.workbook.backend.cpu.DoubleMath.LN2_HI;
import static org.workbook.backend.cpu.DoubleMath.LN2_LO;
import static org.workbook.backend.cpu.DoubleMath.LOG_BASE;
import static org.workbook.backend.cpu.DoubleMath.LOG_SHIFT;
import static org.workbook.backend.cpu.DoubleMath.MANTISSA;
import static org.workbook.backend.cpu.DoubleMath.P1;
import static org.workbook.backend.cpu.DoubleMath.P2;
import static org.workbook.backend.cpu.DoubleMath.P3;
import static org.workbook.backend.cpu.DoubleMath.P4;
import static org.workbook.backend.cpu.DoubleMath.P5;
import static org.workbook.backend.cpu.DoubleMath.ROUND;
import static org.workbook.backend.cpu.DoubleMath.ROUND_BITS;
import static org.workbook.backend.cpu.DoubleMath.SIGN;
import static org.workbook.backend.cpu.DoubleMath.TWO52_BIAS;
import static org.workbook.backend.cpu.DoubleMath.TWO52_BIAS_SUB;
import static org.workbook.backend.cpu.DoubleMath.TWO52_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;


/**
 * exp and log over double runs, and float32 pow computed in double lanes,
 * through the Vector API: {@link DoubleMath}'s steps lane by
 * lane (same operations, same order, no fma), so the same bits as the scalar kernels; their
 * accuracy is documented there. The float ops widen a block of floats into a double scratch
 * array ({@code convertShape(F2D, D, 0 / 1)}), run the double loop over it and narrow back
 * ({@code convertShape(D2F, F, 0 / -1)}, the two halves blended): one loop per function
 * serves both types, and no vector crosses a method boundary (see {@link SimdSum}'s comment).
 * No {@code DoubleVector.min/max}: with them, C2 (JDK 17, AVX-512) compiled exp's loop 5x slower
 * than the same loop with a compare and blend at the end. Loaded only when {@link Simd#ENABLED}.
 */
final class SimdDoubleMath {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int DL = D.length();
    /**
     * The long lanes of D's shape, for the bit moves: {@code convertShape(REINTERPRET_D2L, LS, 0)}
     * and back name their species as constants, where {@code reinterpretAsLongs/AsDoubles} look it up
     * through shared JDK code whose type profile other kernels pollute; then C2 no longer knows the
     * result's class and boxes every vector of the loop (tanh's ran 3.5x slower in a long JVM).
     */
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    /** The one float species; its upper half is where part -1 of a D2F conversion lands. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();
    private static final VectorMask<Float> UPPER = F.indexInRange(-DL, DL);
    /** Floats per block: the 4 KB double scratch stays in L1 between the passes. */
    private static final int BLOCK = 512;

    private SimdDoubleMath() { }

    /** z[zo + i] = pow(x[xo + i], p) over floats for a {@link DoubleMath#powByLogs} p, {@link DoubleMath#powf}'s steps. */
    static void powFloats(float[] x, int xo, float[] z, int zo, int n, double p) {
        boolean integer = p == Math.rint(p);
        boolean odd = DoubleMath.isOddInteger(p);
        int end = F.loopBound(n);
        int size = Math.min(BLOCK, end);
        double[] v = new double[size];
        double[] r = new double[size];
        for (int i = 0; i < end; i += BLOCK) {
            int len = Math.min(BLOCK, end - i);
            widen(x, xo + i, v, len);
            for (int j = 0; j < len; j += DL) {
                DoubleVector.fromArray(D, v, j).abs().intoArray(r, j);
            }
            log(r, 0, r, 0, len);
            for (int j = 0; j < len; j += DL) {
                DoubleVector.fromArray(D, r, j).mul(p).intoArray(r, j);
            }
            exp(r, 0, r, 0, len);
            if (odd) {
                for (int j = 0; j < len; j += DL) {
                    LongVector mag = (LongVector) DoubleVector.fromArray(D, r, j)
                        .convertShape(VectorOperators.REINTERPRET_D2L, LS, 0);
                    LongVector sign = (LongVector) DoubleVector.fromArray(D, v, j)
                        .convertShape(VectorOperators.REINTERPRET_D2L, LS, 0);
                    ((DoubleVector) mag.or(sign.and(SIGN)).convertShape(VectorOperators.REINTERPRET_L2D, D, 0))
                        .intoArray(r, j);
                }
            } else if (!integer) {
                for (int j = 0; j < len; j += DL) {
                    DoubleVector vv = DoubleVector.fromArray(D, v, j);
                    DoubleVector.fromArray(D, r, j).blend(Double.NaN, vv.lt(0.0).and(vv.compare(VectorOperators.GT,
                        Double.NEGATIVE_INFINITY))).intoArray(r, j);
                }
            }
            narrow(r, len, z, zo + i);
        }
        for (int i = end; i < n; i++) {
            z[zo + i] = DoubleMath.powf(x[xo + i], p);
        }
    }

    /** tmp[j] = x[xo + j] for j in [0, len), len a multiple of FL. */
    private static void widen(float[] x, int xo, double[] tmp, int len) {
        for (int j = 0; j < len; j += FL) {
            FloatVector f = FloatVector.fromArray(F, x, xo + j);
            ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0)).intoArray(tmp, j);
            ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1)).intoArray(tmp, j + DL);
        }
    }

    /** z[zo + j] = (float) tmp[j] for j in [0, len), len a multiple of FL: each half converted, then blended. */
    private static void narrow(double[] tmp, int len, float[] z, int zo) {
        for (int j = 0; j < len; j += FL) {
            FloatVector lo = (FloatVector) DoubleVector.fromArray(D, tmp, j).convertShape(VectorOperators.D2F, F, 0);
            FloatVector hi = (FloatVector) DoubleVector.fromArray(D, tmp, j + DL)
                .convertShape(VectorOperators.D2F, F, -1);
            lo.blend(hi, UPPER).intoArray(z, zo + j);
        }
    }

    /** z[zo + i] = e^x[xo + i], {@link DoubleMath#exp(double)}'s steps. */
    static void exp(double[] x, int xo, double[] z, int zo, int n) {
        int i = 0;
        for (int e = D.loopBound(n); i < e; i += DL) {
            DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
            DoubleVector t = v.mul(INVLN2).add(ROUND);
            DoubleVector k = t.sub(ROUND);
            DoubleVector hi = v.sub(k.mul(LN2_HI));
            DoubleVector lo = k.mul(LN2_LO);
            DoubleVector r = hi.sub(lo);
            DoubleVector rr = r.mul(r);
            DoubleVector q = rr.mul(rr.mul(rr.mul(rr.mul(P5).add(P4)).add(P3)).add(P2)).add(P1);
            DoubleVector c = r.sub(rr.mul(q));
            // The steps of tanhForFloat's first lines too: a helper would pass vectors (see the class comment).
            DoubleVector y = hi.sub(lo.sub(r.mul(c).div(DoubleVector.broadcast(D, 2.0).sub(c)))).add(1.0);
            LongVector nv = ((LongVector) t.convertShape(VectorOperators.REINTERPRET_D2L, LS, 0)).sub(ROUND_BITS);
            LongVector n1 = nv.add(2048).lanewise(VectorOperators.LSHR, 1).sub(1024);
            DoubleVector f1 = (DoubleVector) n1.add(1023).lanewise(VectorOperators.LSHL, 52)
                .convertShape(VectorOperators.REINTERPRET_L2D, D, 0);
            DoubleVector f2 = (DoubleVector) nv.sub(n1).add(1023).lanewise(VectorOperators.LSHL, 52)
                .convertShape(VectorOperators.REINTERPRET_L2D, D, 0);
            y.mul(f1).mul(f2).blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.GT, EXP_HI))
                .blend(0.0, v.compare(VectorOperators.LT, EXP_LO)).intoArray(z, zo + i);
        }
        for (; i < n; i++) {
            z[zo + i] = DoubleMath.exp(x[xo + i]);
        }
    }

    /** z[zo + i] = log x[xo + i], {@link DoubleMath#log(double)}'s steps. */
    static void log(double[] x, int xo, double[] z, int zo, int n) {
        int i = 0;
        for (int e = D.loopBound(n); i < e; i += DL) {
            DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
            VectorMask<Double> sub = v.lt(0x1p-1022);
            LongVector bits = ((LongVector) v.blend(v.mul(0x1p54), sub)
                .convertShape(VectorOperators.REINTERPRET_D2L, LS, 0)).add(LOG_SHIFT);
            DoubleVector dk = ((DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).or(TWO52_BITS)
                .convertShape(VectorOperators.REINTERPRET_L2D, D, 0))
                .sub(DoubleVector.broadcast(D, TWO52_BIAS).blend(TWO52_BIAS_SUB, sub));
            DoubleVector f = ((DoubleVector) bits.and(MANTISSA).add(LOG_BASE)
                .convertShape(VectorOperators.REINTERPRET_L2D, D, 0)).sub(1.0);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector zz = s.mul(s);
            DoubleVector w = zz.mul(zz);
            DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
            DoubleVector t2 = zz.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
            DoubleVector y = s.mul(hfsq.add(t2.add(t1))).add(dk.mul(LN2_LO)).sub(hfsq).add(f).add(dk.mul(LN2_HI));
            y = y.blend(Double.NaN, v.lt(0.0)).blend(Double.NEGATIVE_INFINITY, v.eq(0.0));
            v.blend(y, v.lt(Double.POSITIVE_INFINITY)).intoArray(z, zo + i); // +inf and NaN stay
        }
        for (; i < n; i++) {
            z[zo + i] = DoubleMath.log(x[xo + i]);
        }
    }
}
