package org.workbook.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 SGD and Adam steps of {@code optim.SGD}/{@code optim.Adam} through the Vector
 * API, operation for operation as their scalar loops (lanewise fma is Math.fma, lanewise sqrt
 * of a float is the rounded double sqrt) but for Adam's division by sqrt(bc2), done through its
 * reciprocal with an exact correction, so the same bits; the tail runs the scalar form.
 * Callers branch on {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
public final class SimdOptim {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private SimdOptim() { }

    /** One SGD step: the scalars as SGD rounds them (fwd = wd, fdamp = 1 - dampening, flr = -lr). */
    public static void sgd(float[] w, float[] g, float[] buf, boolean decay, float fwd, boolean momentum, float fmom,
                           float fdamp, boolean first, boolean nesterov, float flr) {
        FloatVector vwd = FloatVector.broadcast(F, fwd);
        FloatVector vdamp = FloatVector.broadcast(F, fdamp);
        FloatVector vmom = FloatVector.broadcast(F, fmom);
        FloatVector vlr = FloatVector.broadcast(F, flr);
        int i = 0;
        for (int e = F.loopBound(w.length); i < e; i += L) {
            FloatVector wv = FloatVector.fromArray(F, w, i);
            FloatVector d = FloatVector.fromArray(F, g, i);
            if (decay) {
                d = wv.fma(vwd, d);
            }
            if (momentum) {
                FloatVector b = first ? d : d.fma(vdamp, FloatVector.fromArray(F, buf, i).mul(vmom));
                b.intoArray(buf, i);
                d = nesterov ? b.fma(vmom, d) : b;
            }
            d.fma(vlr, wv).intoArray(w, i);
        }
        for (; i < w.length; i++) {
            float d = g[i];
            if (decay) {
                d = Math.fma(w[i], fwd, d);
            }
            if (momentum) {
                buf[i] = first ? d : Math.fma(d, fdamp, buf[i] * fmom);
                d = nesterov ? Math.fma(buf[i], fmom, d) : buf[i];
            }
            w[i] = Math.fma(d, flr, w[i]);
        }
    }

    /** One Adam step with the scalars as Adam rounds them (fstep = -lr / bc1, fbc2 = sqrt(bc2)). */
    public static void adam(float[] w, float[] g, float[] m, float[] v, boolean decay, float fwd, float fb1, float f1b1,
                            float fb2, float f1b2, float fbc2, float feps, float fstep) {
        FloatVector vwd = FloatVector.broadcast(F, fwd);
        FloatVector v1b1 = FloatVector.broadcast(F, f1b1);
        // sqrt(v) / fbc2 through the reciprocal: q = s·(1/c) is within an ulp of s / c, and one step
        // with the exact residual s - q·c (an fma) gives the correctly rounded quotient (Markstein's
        // theorem: 1/c correctly rounded, nothing overflows or underflows on the way; s = sqrt(v) is 0
        // or at least 2^-75, and q below 2^126). torch's bits with one division per element instead
        // of two: divisions and square roots share one unit, which bounds this loop (Adam on the
        // MLP's 79,510 parameters 32 -> 26 µs). SimdOptimTest checks it across the float range.
        FloatVector vc = FloatVector.broadcast(F, fbc2);
        FloatVector vrc = FloatVector.broadcast(F, 1f / fbc2);
        int i = 0;
        for (int e = F.loopBound(w.length); i < e; i += L) {
            FloatVector wv = FloatVector.fromArray(F, w, i);
            FloatVector d = FloatVector.fromArray(F, g, i);
            if (decay) {
                d = wv.fma(vwd, d);
            }
            FloatVector mv = d.fma(v1b1, FloatVector.fromArray(F, m, i).mul(fb1));
            FloatVector vv = d.mul(f1b2).fma(d, FloatVector.fromArray(F, v, i).mul(fb2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector s = vv.sqrt();
            FloatVector q = s.mul(vrc);
            if (q.lt(0x1p126f).allTrue()) {
                // (NaN and infinity fail the test and divide.) The step would turn -0 into +0, but v is never
                // -0: the fma above adds (1 - b2)·d·d >= +0 to v·b2, and +0 + -0 is +0.
                q = q.neg().fma(vc, s).fma(vrc, q);
            } else {
                q = s.div(vc);
            }
            FloatVector denom = q.add(feps);
            wv.add(mv.mul(fstep).div(denom)).intoArray(w, i);
        }
        for (; i < w.length; i++) {
            float d = decay ? Math.fma(w[i], fwd, g[i]) : g[i];
            m[i] = Math.fma(d, f1b1, m[i] * fb1);
            v[i] = Math.fma(f1b2 * d, d, v[i] * fb2);
            float denom = (float) Math.sqrt(v[i]) / fbc2 + feps;
            w[i] = w[i] + fstep * m[i] / denom;
        }
    }
}
