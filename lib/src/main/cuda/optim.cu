// Optimizer steps in place over n contiguous elements, operation for operation as optim/SGD.java
// and optim/Adam.java (torch 1.13's single-tensor formulas, which the CPU matches bit for bit):
// float32 rounds every hyper-parameter to float first and uses fused multiply-adds exactly where
// torch's kernels do; everything else is separate mul/add (the PTX is built with --fmad=false).
#include "wb_device.cuh"

WB_DEV float op_fma(float a, float b, float c) { return fmaf(a, b, c); }
WB_DEV double op_fma(double a, double b, double c) { return fma(a, b, c); }

// d = g + wd * w; buf = first ? d : momentum * buf + (1 - dampening) * d;
// d = nesterov ? d + momentum * buf : buf; w -= lr * d.
template <class T>
WB_DEV void sgd_impl(int n, T* w, const T* g, T* buf, double lr, double momentum, double dampening,
                     double weightDecay, int nesterov, int firstStep) {
    const T wd = (T)weightDecay, mom = (T)momentum, damp = (T)(1 - dampening), nlr = (T)-lr;
    WB_GRID_LOOP(i, n) {
        T d = g[i];
        if (weightDecay != 0) d = op_fma(w[i], wd, d);
        if (momentum != 0) {
            T b = firstStep ? d : op_fma(d, damp, buf[i] * mom);
            buf[i] = b;
            d = nesterov ? op_fma(b, mom, d) : b;
        }
        w[i] = op_fma(d, nlr, w[i]);
    }
}

// m = b1 m + (1 - b1) d; v = b2 v + (1 - b2) d^2; w += -(lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps),
// with bc1 = 1 - beta1^step and bc2 = 1 - beta2^step (the host's biasCorrection1, 2).
template <class T>
WB_DEV void adam_impl(int n, T* w, const T* g, T* m, T* v, double lr, double beta1, double beta2, double eps,
                      double weightDecay, double bc1, double bc2) {
    const T b1 = (T)beta1, ob1 = (T)(1 - beta1), b2 = (T)beta2, ob2 = (T)(1 - beta2);
    const T bc2s = (T)sqrt(bc2), e = (T)eps, step = (T)-(lr / bc1), wd = (T)weightDecay;
    WB_GRID_LOOP(i, n) {
        T d = weightDecay != 0 ? op_fma(w[i], wd, g[i]) : g[i];
        T mi = op_fma(d, ob1, m[i] * b1);
        T vi = op_fma(ob2 * d, d, v[i] * b2);
        m[i] = mi;
        v[i] = vi;
        T denom = wb_sqrt(vi) / bc2s + e;
        w[i] = w[i] + step * mi / denom;
    }
}

#define WB_OPTIM(sfx, T)                                                                                   \
    extern "C" __global__ void sgd_step_##sfx(int n, T* w, const T* g, T* buf, double lr, double momentum, \
                                              double dampening, double weightDecay, int nesterov,          \
                                              int firstStep) {                                             \
        sgd_impl<T>(n, w, g, buf, lr, momentum, dampening, weightDecay, nesterov, firstStep);              \
    }                                                                                                      \
    extern "C" __global__ void adam_step_##sfx(int n, T* w, const T* g, T* m, T* v, double lr, double beta1, \
                                               double beta2, double eps, double weightDecay,               \
                                               double biasCorrection1, double biasCorrection2) {           \
        adam_impl<T>(n, w, g, m, v, lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2); \
    }

WB_OPTIM(f32, float)
WB_OPTIM(f64, double)
