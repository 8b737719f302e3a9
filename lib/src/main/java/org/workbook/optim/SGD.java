package org.workbook.optim;

import java.util.LinkedHashMap;
import java.util.Map;

import org.workbook.backend.FusedKernels;
import org.workbook.backend.cpu.Simd;
import org.workbook.backend.cpu.SimdOptim;
import org.workbook.backend.cuda.CudaMemory;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Stochastic gradient descent with torch's options and update rule (1.13):
 * d = grad + weightDecay * p; with momentum, buf = momentum * buf + (1 - dampening) * d
 * (buf = d on the first step) and d = nesterov ? d + momentum * buf : buf; then p -= lr * d.
 *
 * <pre>{@code
 * jshell> var opt = new SGD(model.parameters(), 0.1)
 * jshell> loss.backward(); opt.step(); opt.zeroGrad();
 * }</pre>
 */
public class SGD extends Optimizer {
    public SGD(Iterable<? extends Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    public SGD(Iterable<? extends Tensor> params, double lr, double momentum, double dampening, double weightDecay,
               boolean nesterov) {
        super(params, options(lr, momentum, dampening, weightDecay, nesterov));
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    private static Map<String, Double> options(double lr, double momentum, double dampening, double wd, boolean nesterov) {
        if (lr < 0 || momentum < 0 || wd < 0) {
            throw new IllegalArgumentException("Invalid SGD hyper-parameter: lr=" + lr + ", momentum=" + momentum
                + ", weight_decay=" + wd + " (all must be >= 0)");
        }
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("lr", lr);
        o.put("momentum", momentum);
        o.put("dampening", dampening);
        o.put("weight_decay", wd);
        o.put("nesterov", nesterov ? 1.0 : 0.0);
        return o;
    }

    /** update reads the gradient and keeps none of it (a subclass may, so only this class says so). */
    @Override
    protected boolean readsGradientsOnly() {
        return getClass() == SGD.class;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup g, Map<String, Object> st) {
        double lr = g.get("lr");
        double mom = g.get("momentum");
        double damp = g.get("dampening");
        double wd = g.get("weight_decay");
        boolean nesterov = g.get("nesterov") != 0;
        if (p.backend() instanceof FusedKernels device) {
            // On a GPU: one kernel per parameter, the momentum buffer a device tensor.
            Tensor buf = (Tensor) st.get("momentum_buffer");
            boolean first = buf == null && mom != 0;
            if (first) {
                // Outlives any CudaMemory scope around the step (the Learner opens one per batch).
                buf = CudaMemory.untracked(() -> Tensor.empty(p.dtype(), p.device(), p.shapeArray()));
                st.put("momentum_buffer", buf);
            }
            device.sgdStep(p, grad.contiguous(), buf, lr, mom, damp, wd, nesterov, first);
            return;
        }
        if (p.dtype() == DType.FLOAT32) {
            float[] w = floats(p);
            float[] gr = floats(grad.contiguous()); // only read
            float[] buf = (float[]) st.get("momentum_buffer");
            boolean first = buf == null && mom != 0;
            if (first) {
                buf = new float[w.length];
                st.put("momentum_buffer", buf);
            }
            // The same float32 arithmetic as torch's CPU kernels: scalars rounded to float first, and
            // add(x, alpha=a) as one fused multiply-add (Vectorized::fmadd), so results match bit for bit.
            float fwd = (float) wd;
            float fmom = (float) mom;
            float fdamp = (float) (1 - damp);
            float flr = (float) -lr;
            if (Simd.ENABLED) {
                SimdOptim.sgd(w, gr, buf, wd != 0, fwd, mom != 0, fmom, fdamp, first, nesterov, flr);
                writeBack(p, w);
                return;
            }
            for (int i = 0; i < w.length; i++) {
                float d = gr[i];
                if (wd != 0) {
                    d = Math.fma(w[i], fwd, d);
                }
                if (mom != 0) {
                    buf[i] = first ? d : Math.fma(d, fdamp, buf[i] * fmom);
                    d = nesterov ? Math.fma(buf[i], fmom, d) : buf[i];
                }
                w[i] = Math.fma(d, flr, w[i]);
            }
            writeBack(p, w);
        } else {
            double[] w = doubles(p);
            double[] gr = grad.contiguous().toDoubleArray();
            double[] buf = (double[]) st.get("momentum_buffer");
            boolean first = buf == null && mom != 0;
            if (first) {
                buf = new double[w.length];
                st.put("momentum_buffer", buf);
            }
            double dampAlpha = 1 - damp;
            for (int i = 0; i < w.length; i++) {
                double d = gr[i];
                if (wd != 0) {
                    d = Math.fma(w[i], wd, d);
                }
                if (mom != 0) {
                    buf[i] = first ? d : Math.fma(d, dampAlpha, buf[i] * mom);
                    d = nesterov ? Math.fma(buf[i], mom, d) : buf[i];
                }
                w[i] = Math.fma(d, -lr, w[i]);
            }
            writeBack(p, w);
        }
    }
}
