// Row kernels over contiguous [rows, cols]: softmax, log_softmax and their backward passes (one
// block per row, grid-stride over rows; launch grid = min(rows, 65535), block 256), and NLL loss
// (1-D over samples). The arithmetic follows nn/F.java step by step, as the CPU runs it: the row
// max (first index wins, NaN propagates), sums accumulated in double and rounded to T, the rest
// in T.
#include "wb_device.cuh"

template <class T> WB_DEV T row_max(const T* xr, int cols, WbArg<T>* sh) {
    WbArgBetter<T> better{true};
    WbArg<T> best;
    best.v = 0;
    best.i = -1;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        WbArg<T> e;
        e.v = xr[c];
        e.i = c;
        best = better(best, e);
    }
    return wb_block_reduce(best, sh, better).v;
}

// x - max - log(sum(exp(x - max)))
template <class T> WB_DEV void log_softmax_impl(int rows, int cols, const T* x, T* y) {
    __shared__ WbArg<T> sha[WB_MAX_BLOCK];
    __shared__ double shd[WB_MAX_BLOCK];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const T* xr = x + (long long)r * cols;
        T* yr = y + (long long)r * cols;
        T m = row_max(xr, cols, sha);
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) s += (double)wb_exp(xr[c] - m);
        T ls = wb_log((T)wb_block_reduce(s, shd, WbSum()));
        for (int c = threadIdx.x; c < cols; c += blockDim.x) yr[c] = (xr[c] - m) - ls;
    }
}

// e = exp(x - max); e / sum(e)
template <class T> WB_DEV void softmax_impl(int rows, int cols, const T* x, T* y) {
    __shared__ WbArg<T> sha[WB_MAX_BLOCK];
    __shared__ double shd[WB_MAX_BLOCK];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const T* xr = x + (long long)r * cols;
        T* yr = y + (long long)r * cols;
        T m = row_max(xr, cols, sha);
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) s += (double)wb_exp(xr[c] - m);
        T sum = (T)wb_block_reduce(s, shd, WbSum());
        for (int c = threadIdx.x; c < cols; c += blockDim.x) yr[c] = wb_exp(xr[c] - m) / sum;
    }
}

// dx = g - exp(y) * sum(g)
template <class T> WB_DEV void log_softmax_backward_impl(int rows, int cols, const T* g, const T* y, T* dx) {
    __shared__ double shd[WB_MAX_BLOCK];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        long long o = (long long)r * cols;
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) s += (double)g[o + c];
        T sg = (T)wb_block_reduce(s, shd, WbSum());
        for (int c = threadIdx.x; c < cols; c += blockDim.x) dx[o + c] = g[o + c] - wb_exp(y[o + c]) * sg;
    }
}

// dx = y * (g - sum(g * y))
template <class T> WB_DEV void softmax_backward_impl(int rows, int cols, const T* g, const T* y, T* dx) {
    __shared__ double shd[WB_MAX_BLOCK];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        long long o = (long long)r * cols;
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) s += (double)(g[o + c] * y[o + c]);
        T sgy = (T)wb_block_reduce(s, shd, WbSum());
        for (int c = threadIdx.x; c < cols; c += blockDim.x) dx[o + c] = y[o + c] * (g[o + c] - sgy);
    }
}

// *bad = the smallest i + 1 over bad targets, whatever order the threads arrive in (the host
// zeroes it first), so the error message names the first bad sample as the CPU's does.
WB_DEV void record_bad(int* bad, int v) {
    int prev = atomicCAS(bad, 0, v);
    while (prev != 0 && prev > v) {
        int seen = atomicCAS(bad, prev, v);
        if (seen == prev) break;
        prev = seen;
    }
}

template <class T>
WB_DEV void nll_forward_impl(int n, int c, const T* logp, const long long* target, T* picked, int* bad) {
    WB_GRID_LOOP(i, n) {
        long long t = target[i];
        if (t < 0 || t >= c) {
            picked[i] = 0;
            record_bad(bad, (int)i + 1);
        } else {
            picked[i] = -logp[i * c + t];
        }
    }
}

template <class T>
WB_DEV void nll_backward_impl(int n, int c, const long long* target, const T* g, int gStep, double scale, T* dx) {
    WB_GRID_LOOP(i, n) {
        long long t = target[i];
        if (t >= 0 && t < c) dx[i * c + t] = (T)(-(double)g[i * gStep] * scale);  // Losses: -gi * scale
    }
}

#define WB_ROWS(sfx, T)                                                                                      \
    extern "C" __global__ void log_softmax_##sfx(int rows, int cols, const T* x, T* y) {                     \
        log_softmax_impl<T>(rows, cols, x, y);                                                               \
    }                                                                                                        \
    extern "C" __global__ void softmax_##sfx(int rows, int cols, const T* x, T* y) {                         \
        softmax_impl<T>(rows, cols, x, y);                                                                   \
    }                                                                                                        \
    extern "C" __global__ void log_softmax_backward_##sfx(int rows, int cols, const T* g, const T* y, T* dx) { \
        log_softmax_backward_impl<T>(rows, cols, g, y, dx);                                                  \
    }                                                                                                        \
    extern "C" __global__ void softmax_backward_##sfx(int rows, int cols, const T* g, const T* y, T* dx) {   \
        softmax_backward_impl<T>(rows, cols, g, y, dx);                                                      \
    }                                                                                                        \
    extern "C" __global__ void nll_forward_##sfx(int n, int c, const T* logp, const long long* target,       \
                                                 T* picked, int* bad) {                                      \
        nll_forward_impl<T>(n, c, logp, target, picked, bad);                                                \
    }                                                                                                        \
    extern "C" __global__ void nll_backward_##sfx(int n, int c, const long long* target, const T* g,         \
                                                  int gStep, double scale, T* dx) {                          \
        nll_backward_impl<T>(n, c, target, g, gStep, scale, dx);                                             \
    }

WB_ROWS(f32, float)
WB_ROWS(f64, double)
