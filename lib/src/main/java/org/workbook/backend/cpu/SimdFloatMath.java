package org.workbook.backend.cpu;

import static org.workbook.backend.cpu.FloatMath.E0;
import static org.workbook.backend.cpu.FloatMath.E1;
import static org.workbook.backend.cpu.FloatMath.E2;
import static org.workbook.backend.cpu.FloatMath.E3;
import static org.workbook.backend.cpu.FloatMath.E4;
import static org.workbook.backend.cpu.FloatMath.G0;
import static org.workbook.backend.cpu.FloatMath.G1;
import static org.workbook.backend.cpu.FloatMath.G2;
import static org.workbook.backend.cpu.FloatMath.K0;
import static org.workbook.backend.cpu.FloatMath.K1;
import static org.workbook.backend.cpu.FloatMath.K2;
import static org.workbook.backend.cpu.FloatMath.K3;
import static org.workbook.backend.cpu.FloatMath.K4;
import static org.workbook.backend.cpu.FloatMath.L2L;
import static org.workbook.backend.cpu.FloatMath.L2U;
import static org.workbook.backend.cpu.FloatMath.LN2_HI;
import static org.workbook.backend.cpu.FloatMath.LN2_LO;
import static org.workbook.backend.cpu.FloatMath.LOG1P_BOUND;
import static org.workbook.backend.cpu.FloatMath.ROUND;
import static org.workbook.backend.cpu.FloatMath.R_LN2;
import static org.workbook.backend.cpu.FloatMath.TANH_ONE;
import static org.workbook.backend.cpu.FloatMath.TWO64;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath}'s e^x, sigmoid, log, log1p, tanh (SLEEF's float algorithms, torch's bits) and
 * torch's float32 softplus, lane by lane over contiguous runs: the same operations in the same
 * order, fma where the scalar form has {@code Math.fma}, so the same bits as the scalar kernels
 * ({@code SimdExpAccuracyTest}, {@code FloatMathAccuracyTest}, {@code UnaryPathsTest}). Sixteen
 * float lanes where the double algorithms they replace ran eight: log and tanh over 256x784
 * floats twice as fast. The bit moves name their species as constants
 * ({@code convertShape(REINTERPRET_F2I, I, 0)}), see {@link SimdDoubleMath}'s field LS for why.
 * Loaded only when {@link Simd#ENABLED}.
 */
final class SimdFloatMath {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Softplus's and tanh's scratch blocks: 16 KB each, in L1 between their passes. */
    private static final int BLOCK = 4096;

    private SimdFloatMath() { }

    /** z[zo + i] = e^x[xo + i], i in [0, n). */
    static void exp(float[] x, int xo, float[] z, int zo, int n) {
        expScaled(x, xo, z, zo, n, 1f, false);
    }

    /** z[zo + i] = 1 / (1 + e^-x[xo + i]). */
    static void sigmoid(float[] x, int xo, float[] z, int zo, int n) {
        expScaled(x, xo, z, zo, n, -1f, true);
    }

    /**
     * z[zo + i] = e^(k x[xo + i]), or 1 / (1 + that) when {@code sigmoid}. k is 1 (exp: k x = x
     * exactly), -1 (the sigmoid's e^-x) or softplus's beta (torch's float x * beta). The steps
     * are written in the loop, not in a helper taking a vector (see SimdSum's comment); C2 takes
     * the loop-invariant branch out of the loop.
     */
    private static void expScaled(float[] x, int xo, float[] z, int zo, int n, float k, boolean sigmoid) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector nL2U = FloatVector.broadcast(F, -L2U);
        FloatVector nL2L = FloatVector.broadcast(F, -L2L);
        FloatVector e2 = FloatVector.broadcast(F, E2);
        FloatVector e3 = FloatVector.broadcast(F, E3);
        FloatVector e4 = FloatVector.broadcast(F, E4);
        FloatVector half = FloatVector.broadcast(F, 0.5f);
        int i = 0;
        for (int e = F.loopBound(n); i < e; i += L) {
            // The scalar form's clamp by compare and blend (NaN compares false and stays NaN): the
            // lanewise min/max carry Math.min/max's -0. and NaN rules, several instructions each.
            FloatVector v = FloatVector.fromArray(F, x, xo + i).mul(k);
            // |v| < 87 in every lane (the usual input; false for NaN and the infinities): no lane needs
            // the clamp, and 2^n below is one normal float. Skipping the clamp's compares and blends
            // there took the exp of 256x784 floats from 88 to 61 µs.
            boolean inRange = v.abs().lt(87f).allTrue();
            if (!inRange) {
                v = v.blend(100f, v.compare(VectorOperators.GT, 100f)).blend(-104f, v.lt(-104f));
            }
            FloatVector t = v.mul(R_LN2).add(ROUND);
            FloatVector q = t.sub(ROUND);
            FloatVector s = q.fma(nL2L, q.fma(nL2U, v));
            FloatVector u = s.fma(E0, E1).fma(s, e2).fma(s, e3).fma(s, e4).fma(s, half);
            FloatVector er = s.mul(s).fma(u, s).add(1f);
            // n from t's low mantissa bits (t = 1.5 * 2^23 + n, so t's bits are 0x4B400000 + n).
            IntVector tb = (IntVector) t.convertShape(VectorOperators.REINTERPRET_F2I, I, 0);
            FloatVector ex;
            if (inRange) {
                // |n| <= 126 and 2^n is a normal float, one product rounded once, as the two below
                // (er * 2^(n/2) is exact): the same bits in 3 operations instead of 8.
                ex = er.mul((FloatVector) tb.sub(0x4B400000 - 127).lanewise(VectorOperators.LSHL, 23)
                    .convertShape(VectorOperators.REINTERPRET_I2F, F, 0));
            } else {
                // 2^n in two factors: n runs from -150 to 144, beyond a normal float's exponent.
                IntVector nv = tb.sub(0x4B400000);
                IntVector n1 = nv.lanewise(VectorOperators.ASHR, 1);
                FloatVector f1 = (FloatVector) n1.add(127).lanewise(VectorOperators.LSHL, 23)
                    .convertShape(VectorOperators.REINTERPRET_I2F, F, 0);
                FloatVector f2 = (FloatVector) nv.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23)
                    .convertShape(VectorOperators.REINTERPRET_I2F, F, 0);
                ex = er.mul(f1).mul(f2);
            }
            (sigmoid ? one.div(ex.add(1f)) : ex).intoArray(z, zo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            z[zo + i] = sigmoid ? FloatMath.sigmoid(v) : FloatMath.exp(v * k);
        }
    }

    /** z[zo + i] = log x[xo + i]. */
    static void log(float[] x, int xo, float[] z, int zo, int n) {
        logLanes(x, xo, z, zo, n, false);
    }

    /** z[zo + i] = log(1 + x[xo + i]). */
    static void log1p(float[] x, int xo, float[] z, int zo, int n) {
        logLanes(x, xo, z, zo, n, true);
    }

    /** FloatMath.log's or log1p's steps lane by lane (logSeries written out in the loop). */
    private static void logLanes(float[] x, int xo, float[] z, int zo, int n, boolean log1p) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector zero = FloatVector.zero(F);
        FloatVector ln2hi = FloatVector.broadcast(F, LN2_HI);
        FloatVector ln2lo = FloatVector.broadcast(F, LN2_LO);
        FloatVector g2 = FloatVector.broadcast(F, G2);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += L) {
            FloatVector d = FloatVector.fromArray(F, x, xo + i);
            FloatVector a = log1p ? d.add(1f) : d;
            // log of positive normal finite floats only (the usual input): no lane needs the subnormal
            // scaling or a special value's blend below, which would each give back what they were given
            boolean plain = !log1p && d.compare(VectorOperators.GE, Float.MIN_NORMAL)
                .and(d.lt(Float.POSITIVE_INFINITY)).allTrue();
            VectorMask<Float> o = a.lt(Float.MIN_NORMAL);
            FloatVector y = plain ? a : a.blend(a.mul(TWO64), o);
            IntVector e = ((IntVector) y.mul(1f / 0.75f).convertShape(VectorOperators.REINTERPRET_F2I, I, 0))
                .lanewise(VectorOperators.LSHR, 23).and(0xff).sub(0x7f);
            IntVector e23 = e.lanewise(VectorOperators.LSHL, 23);
            FloatVector ef = (FloatVector) e.convertShape(VectorOperators.I2F, F, 0);
            if (!plain) {
                ef = ef.blend(ef.sub(64f), o);
            }
            FloatVector nh;
            FloatVector nl;
            FloatVector dh;
            FloatVector dl;
            if (log1p) {
                FloatVector t = (FloatVector) IntVector.broadcast(I, 0x3f800000).sub(e23)
                    .convertShape(VectorOperators.REINTERPRET_I2F, F, 0);
                nh = d.fma(t, t.sub(1f));
                nl = zero;
                dh = nh.add(2f);
                dl = FloatVector.broadcast(F, 2f).sub(dh).add(nh);
            } else {
                FloatVector m = (FloatVector) ((IntVector) y.convertShape(VectorOperators.REINTERPRET_F2I, I, 0))
                    .sub(e23).convertShape(VectorOperators.REINTERPRET_I2F, F, 0);
                nh = m.sub(1f);
                FloatVector nv = nh.add(1f);
                nl = FloatVector.broadcast(F, -1f).sub(nh.sub(nv)).add(m.sub(nv));
                dh = m.add(1f);
                FloatVector dv = dh.sub(1f);
                dl = one.sub(dh.sub(dv)).add(m.sub(dv));
            }
            FloatVector sh = ef.mul(LN2_HI);
            FloatVector sl = ef.fma(ln2lo, ef.fma(ln2hi, sh.neg()));
            FloatVector t = one.div(dh);
            FloatVector xh = nh.mul(t);
            FloatVector u = t.fma(nh, xh.neg());
            FloatVector v = dl.neg().fma(t, dh.neg().fma(t, one));
            FloatVector xl = xh.fma(v, nl.fma(t, u));
            FloatVector x2 = xh.mul(xh);
            FloatVector p = x2.fma(G0, G1).fma(x2, g2);
            FloatVector ah = xh.mul(2f);
            FloatVector s1 = sh.add(ah);
            FloatVector s1l = sh.sub(s1).add(ah).add(sl).add(xl.mul(2f));
            FloatVector w = x2.mul(xh).mul(p);
            FloatVector s2 = s1.add(w);
            FloatVector r = s2.add(s1.sub(s2).add(w).add(s1l));
            if (log1p) {
                r = r.blend(Float.NaN, d.lt(-1f)).blend(Float.NEGATIVE_INFINITY, d.eq(-1f)).blend(d, d.eq(0f));
            } else if (!plain) {
                r = r.blend(Float.POSITIVE_INFINITY, d.eq(Float.POSITIVE_INFINITY))
                    .blend(Float.NaN, d.lt(0f).or(d.compare(VectorOperators.NE, d)))
                    .blend(Float.NEGATIVE_INFINITY, d.eq(0f));
            }
            if (log1p && d.compare(VectorOperators.GT, LOG1P_BOUND).anyTrue()) {
                // log(x) where 1 + x rounds to x: rare, so lane by lane (from a copy: z may be x).
                float[] lanes = new float[L];
                d.intoArray(lanes, 0);
                for (int k = 0; k < L; k++) {
                    lanes[k] = FloatMath.log1p(lanes[k]);
                }
                r = FloatVector.fromArray(F, lanes, 0);
            }
            r.intoArray(z, zo + i);
        }
        for (; i < n; i++) {
            z[zo + i] = log1p ? FloatMath.log1p(x[xo + i]) : FloatMath.log(x[xo + i]);
        }
    }

    /**
     * z[zo + i] = tanh x[xo + i]: FloatMath.tanh's steps lane by lane, in blocks of two passes:
     * e^|x| as a double-float into two scratch blocks, then (e - 1/e) / (e + 1/e). One loop of all
     * the steps ran at a third of the float units' rate: each vector is a chain of some 70
     * dependent operations, and two shorter loops keep more vectors in flight.
     */
    static void tanh(float[] x, int xo, float[] z, int zo, int n) {
        int end = F.loopBound(n);
        float[] hi = new float[Math.min(BLOCK, end)];
        float[] lo = new float[hi.length];
        for (int b = 0; b < end; b += BLOCK) {
            int len = Math.min(BLOCK, end - b);
            expAbs2(x, xo + b, hi, lo, len);
            tanhFromExp(x, xo + b, hi, lo, z, zo + b, len);
        }
        for (int i = end; i < n; i++) {
            z[zo + i] = FloatMath.tanh(x[xo + i]);
        }
    }

    /**
     * hi[i] + lo[i] = e^|x[xo + i]| as a double-float (SLEEF's expk2f) where |x| < 87 (anything
     * elsewhere: tanh only reads lanes with |x| <= TANH_ONE), len a multiple of L.
     */
    private static void expAbs2(float[] x, int xo, float[] hi, float[] lo, int len) {
        FloatVector nL2U = FloatVector.broadcast(F, -L2U);
        FloatVector nL2L = FloatVector.broadcast(F, -L2L);
        FloatVector k2 = FloatVector.broadcast(F, K2);
        FloatVector k3 = FloatVector.broadcast(F, K3);
        FloatVector k4 = FloatVector.broadcast(F, K4);
        FloatVector half = FloatVector.broadcast(F, 0.5f);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < len; i += L) {
            FloatVector y = FloatVector.fromArray(F, x, xo + i).abs();
            FloatVector t = y.mul(R_LN2).add(ROUND);
            FloatVector q = t.sub(ROUND);
            FloatVector b = q.mul(nL2U);
            FloatVector sh = y.add(b);
            FloatVector v = sh.sub(y);
            FloatVector sl = y.sub(sh.sub(v)).add(b.sub(v));
            b = q.mul(nL2L);
            FloatVector s2 = sh.add(b);
            v = s2.sub(sh);
            sl = sh.sub(s2.sub(v)).add(b.sub(v)).add(sl);
            sh = s2;
            FloatVector u = sh.fma(K0, K1).fma(sh, k2).fma(sh, k3);
            FloatVector mh = sh.mul(u);
            FloatVector ml = sl.fma(u, sh.fma(u, mh.neg()));
            FloatVector th = mh.add(K4);
            v = th.sub(mh);
            FloatVector tl = mh.sub(th.sub(v)).add(k4.sub(v)).add(ml);
            mh = sh.mul(th);
            ml = sh.fma(tl, sl.fma(th, sh.fma(th, mh.neg())));
            th = mh.add(0.5f);
            v = th.sub(mh);
            tl = mh.sub(th.sub(v)).add(half.sub(v)).add(ml);
            FloatVector qh = sh.mul(sh);
            FloatVector ql = sh.add(sh).fma(sl, sh.fma(sh, qh.neg()));
            mh = qh.mul(th);
            ml = qh.fma(tl, ql.fma(th, qh.fma(th, mh.neg())));
            FloatVector ah = sh.add(mh);
            v = ah.sub(sh);
            FloatVector al = sh.sub(ah.sub(v)).add(mh.sub(v)).add(sl.add(ml));
            FloatVector eh = ah.add(1f);
            FloatVector el = one.sub(eh).add(ah).add(al);
            // 2^n, n from t's low mantissa bits (t = 1.5 * 2^23 + n): one normal float for |x| < 87
            // (n <= 126), where one product rounds as FloatMath.tanh's two factors do (the first of
            // which is exact); past that tanh is +-1 and tanhFromExp puts that in those lanes.
            FloatVector p = (FloatVector) ((IntVector) t.convertShape(VectorOperators.REINTERPRET_F2I, I, 0))
                .sub(0x4B400000 - 127).lanewise(VectorOperators.LSHL, 23)
                .convertShape(VectorOperators.REINTERPRET_I2F, F, 0);
            eh.mul(p).intoArray(hi, i);
            el.mul(p).intoArray(lo, i);
        }
    }

    /** z[zo + i] = tanh x[xo + i] from e^|x| = hi[i] + lo[i]: (e - 1/e) / (e + 1/e), x's sign. */
    private static void tanhFromExp(float[] x, int xo, float[] hi, float[] lo, float[] z, int zo, int len) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < len; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            FloatVector eh = FloatVector.fromArray(F, hi, i);
            FloatVector el = FloatVector.fromArray(F, lo, i);
            FloatVector rh = one.div(eh);
            FloatVector rl = rh.mul(el.neg().fma(rh, eh.neg().fma(rh, one)));
            FloatVector nh = eh.sub(rh);
            FloatVector nl = eh.sub(nh).sub(rh).add(el).sub(rl);
            FloatVector dh = eh.add(rh);
            FloatVector dl = eh.sub(dh).add(rh).add(el).add(rl);
            FloatVector w = one.div(dh);
            FloatVector xh = nh.mul(w);
            FloatVector xl = xh.fma(dl.neg().fma(w, dh.neg().fma(w, one)), nl.fma(w, w.fma(nh, xh.neg())));
            FloatVector r = xh.add(xl);
            // Every |x| <= TANH_ONE (false for NaN): r is finite and none of the blends below changes a lane.
            boolean plain = xv.abs().compare(VectorOperators.LE, TANH_ONE).allTrue();
            if (!plain) {
                r = r.blend(one, xv.abs().compare(VectorOperators.GT, TANH_ONE).or(r.compare(VectorOperators.NE, r)));
            }
            // Math.copySign(r, x) with r >= 0: x's sign bit onto r; NaN x stays x.
            FloatVector signed = (FloatVector) ((IntVector) r.convertShape(VectorOperators.REINTERPRET_F2I, I, 0))
                .or(((IntVector) xv.convertShape(VectorOperators.REINTERPRET_F2I, I, 0)).and(0x80000000))
                .convertShape(VectorOperators.REINTERPRET_I2F, F, 0);
            (plain ? signed : signed.blend(xv, xv.compare(VectorOperators.NE, xv))).intoArray(z, zo + i);
        }
    }

    /**
     * z[zo + i] = softplus(x[xo + i]) as torch's float32 kernel computes it (beta and threshold
     * as floats): x where x beta > threshold, else log1p(e^(x beta)) / beta, in blocks: e^(x beta)
     * into a scratch block, log1p over it in place, then the choice. {@link CpuSoftplus#softplusf}'s
     * steps, so the same bits.
     */
    static void softplus(float[] x, int xo, float[] z, int zo, int n, float beta, float threshold) {
        float[] s = new float[Math.min(BLOCK, n)];
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            expScaled(x, xo + b, s, 0, len, beta, false);
            logLanes(s, 0, s, 0, len, true);
            int i = 0;
            for (int e = F.loopBound(len); i < e; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, xo + b + i);
                FloatVector.fromArray(F, s, i).div(beta).blend(v, v.mul(beta).compare(VectorOperators.GT, threshold))
                    .intoArray(z, zo + b + i);
            }
            for (; i < len; i++) {
                float v = x[xo + b + i];
                z[zo + b + i] = v * beta > threshold ? v : s[i] / beta;
            }
        }
    }

    /**
     * gx[gxo + i] = g[go + i] where x beta > threshold, else (g e^(x beta)) / (e^(x beta) + 1), torch's
     * float32 softplus backward: e^(x beta) into a scratch block, then the rest lane by lane.
     * {@link CpuSoftplus#softplusGrad}'s steps, so the same bits.
     */
    static void softplusBackward(float[] g, int go, float[] x, int xo, float[] gx, int gxo, int n, float beta,
            float threshold) {
        float[] s = new float[Math.min(BLOCK, n)];
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            expScaled(x, xo + b, s, 0, len, beta, false);
            int i = 0;
            for (int e = F.loopBound(len); i < e; i += L) {
                FloatVector gv = FloatVector.fromArray(F, g, go + b + i);
                FloatVector z = FloatVector.fromArray(F, s, i);
                FloatVector y = FloatVector.fromArray(F, x, xo + b + i).mul(beta);
                gv.mul(z).div(z.add(1f)).blend(gv, y.compare(VectorOperators.GT, threshold)).intoArray(gx, gxo + b + i);
            }
            for (; i < len; i++) {
                float y = x[xo + b + i] * beta;
                float z = s[i];
                float gi = g[go + b + i];
                gx[gxo + b + i] = y > threshold ? gi : gi * z / (z + 1f);
            }
        }
    }
}
