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
 * Adam with torch's defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8, no weight decay)
 * and its exact update (1.13, single-tensor path): m = b1 m + (1-b1) g;
 * v = b2 v + (1-b2) g²; p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
 * One fused pass over each parameter, rounding as torch's CPU kernels do (bit for bit,
 * checked against torch's own numbers in OptimGoldenTest).
 */
public class Adam extends Optimizer {
    public Adam(Iterable<? extends Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    public Adam(Iterable<? extends Tensor> params) {
        this(params, 1e-3);
    }

    public Adam(Iterable<? extends Tensor> params, double lr, double beta1, double beta2, double eps,
                double weightDecay) {
        super(params, options(lr, beta1, beta2, eps, weightDecay));
    }

    private static Map<String, Double> options(double lr, double b1, double b2, double eps, double wd) {
        if (lr < 0 || eps < 0 || b1 < 0 || b1 >= 1 || b2 < 0 || b2 >= 1 || wd < 0) {
            throw new IllegalArgumentException("Invalid Adam hyper-parameter: lr=" + lr + ", betas=(" + b1 + ", " + b2
                + "), eps=" + eps + ", weight_decay=" + wd + " (betas must be in [0, 1), the rest >= 0)");
        }
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("lr", lr);
        o.put("beta1", b1);
        o.put("beta2", b2);
        o.put("eps", eps);
        o.put("weight_decay", wd);
        return o;
    }

    /** update reads the gradient and keeps none of it (a subclass may, so only this class says so). */
    @Override
    protected boolean readsGradientsOnly() {
        return getClass() == Adam.class;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup g, Map<String, Object> st) {
        double lr = g.get("lr");
        double b1 = g.get("beta1");
        double b2 = g.get("beta2");
        double eps = g.get("eps");
        double wd = g.get("weight_decay");
        int step = (Integer) st.getOrDefault("step", 0) + 1;
        st.put("step", step);
        double bc1 = 1 - Math.pow(b1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
        double stepSize = lr / bc1;
        if (p.backend() instanceof FusedKernels device) {
            // On a GPU: one kernel per parameter; the moments are device tensors.
            // The moments outlive any CudaMemory scope around the step (the Learner opens one per batch).
            Tensor m = (Tensor) st.computeIfAbsent("exp_avg",
                k -> CudaMemory.untracked(() -> Tensor.zeros(p.dtype(), p.device(), p.shapeArray())));
            Tensor v = (Tensor) st.computeIfAbsent("exp_avg_sq",
                k -> CudaMemory.untracked(() -> Tensor.zeros(p.dtype(), p.device(), p.shapeArray())));
            device.adamStep(p, grad.contiguous(), m, v, lr, b1, b2, eps, wd, bc1, 1 - Math.pow(b2, step));
            return;
        }
        if (p.dtype() == DType.FLOAT32) {
            float[] w = floats(p);
            float[] gr = floats(grad.contiguous()); // only read
            float[] m = (float[]) st.computeIfAbsent("exp_avg", k -> new float[w.length]);
            float[] v = (float[]) st.computeIfAbsent("exp_avg_sq", k -> new float[w.length]);
            float fb1 = (float) b1;
            float f1b1 = (float) (1 - b1);
            float fb2 = (float) b2;
            float f1b2 = (float) (1 - b2);
            float fbc2 = (float) bc2Sqrt;
            float feps = (float) eps;
            float fstep = (float) -stepSize;
            float fwd = (float) wd;
            if (Simd.ENABLED) {
                SimdOptim.adam(w, gr, m, v, wd != 0, fwd, fb1, f1b1, fb2, f1b2, fbc2, feps, fstep);
                writeBack(p, w);
                return;
            }
            // torch's kernels, operation for operation: add(alpha=) and addcmul are fused multiply-adds
            // there, and addcdiv computes (value * m) / denom; anything else is off by an ulp.
            for (int i = 0; i < w.length; i++) {
                float d = wd != 0 ? Math.fma(w[i], fwd, gr[i]) : gr[i];
                m[i] = Math.fma(d, f1b1, m[i] * fb1);
                v[i] = Math.fma(f1b2 * d, d, v[i] * fb2);
                float denom = (float) Math.sqrt(v[i]) / fbc2 + feps;
                w[i] = w[i] + fstep * m[i] / denom;
            }
            writeBack(p, w);
        } else {
            double[] w = doubles(p);
            double[] gr = grad.contiguous().toDoubleArray();
            double[] m = (double[]) st.computeIfAbsent("exp_avg", k -> new double[w.length]);
            double[] v = (double[]) st.computeIfAbsent("exp_avg_sq", k -> new double[w.length]);
            for (int i = 0; i < w.length; i++) {
                double d = wd != 0 ? Math.fma(w[i], wd, gr[i]) : gr[i];
                m[i] = Math.fma(d, 1 - b1, m[i] * b1);
                v[i] = Math.fma((1 - b2) * d, d, v[i] * b2);
                double denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
                w[i] = w[i] + -stepSize * m[i] / denom;
            }
            writeBack(p, w);
        }
    }
}
