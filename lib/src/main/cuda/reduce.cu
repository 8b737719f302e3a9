// Reductions: one block per output element (grid-stride over outputs), each thread folds a
// strided share of the reduced elements, then a shared-memory tree combines the block.
// Semantics are backend/cpu/Reduce.java's: floating sums, means, products and variances
// accumulate in double; int64 sums and products wrap as Java's long; MAX/MIN/ARG* keep the first
// index of the extreme and let a NaN win. Launch: grid = min(outer, 65535) blocks of 256 threads
// (any block size <= 256 is correct).
#include "wb_device.cuh"

// Element r of output j's reduced set, given j's base offset (ka.off included).
WB_DEV int red_at(int base, int r, const WbShape& rs, const WbStrides& ra) {
    int o;
    wb_offsets(r, rs, ra, o);  // includes ra.off
    return base + o;
}

template <class T>
WB_DEV WbArg<T> scan_extreme(int base, int inner, const WbShape& rs, const WbStrides& ra, const T* x, bool max,
                             WbArg<T>* sh) {
    WbArgBetter<T> better{max};
    WbArg<T> best;
    best.v = 0;
    best.i = -1;
    for (int r = threadIdx.x; r < inner; r += blockDim.x) {
        WbArg<T> c;
        c.v = x[red_at(base, r, rs, ra)];
        c.i = r;
        best = better(best, c);
    }
    return wb_block_reduce(best, sh, better);
}

template <class D>
WB_DEV void reduce_impl(int outer, int inner, const WbShape& ks, const WbStrides& ka, const WbShape& rs,
                        const WbStrides& ra, const typename D::T* x, typename D::T* y, int op) {
    typedef typename D::T T;
    __shared__ double shd[WB_MAX_BLOCK];
    __shared__ long long shl[WB_MAX_BLOCK];
    __shared__ WbArg<T> sha[WB_MAX_BLOCK];
    for (int j = blockIdx.x; j < outer; j += gridDim.x) {
        int base;
        wb_offsets(j, ks, ka, base);
        if (op == R_MAX || op == R_MIN) {
            WbArg<T> b = scan_extreme<T>(base, inner, rs, ra, x, op == R_MAX, sha);
            // inner == 0 is refused by the host ("max(): Expected reduction dim to be specified").
            if (threadIdx.x == 0) y[j] = b.i < 0 ? (T)0 : b.v;
        } else if (op == R_ALL || op == R_ANY) {
            long long nz = 0;  // how many elements are non-zero (NaN counts, as x != 0)
            for (int r = threadIdx.x; r < inner; r += blockDim.x) nz += x[red_at(base, r, rs, ra)] != 0 ? 1 : 0;
            nz = wb_block_reduce(nz, shl, WbSum());
            if (threadIdx.x == 0) y[j] = (T)((op == R_ALL ? nz == inner : nz > 0) ? 1 : 0);
        } else if (D::floating || op == R_MEAN) {
            // Floating SUM/MEAN/PROD, and int64 MEAN (the CPU sums it as doubles, then casts).
            bool prod = op == R_PROD;
            double acc = prod ? 1.0 : 0.0;
            for (int r = threadIdx.x; r < inner; r += blockDim.x) {
                double v = (double)x[red_at(base, r, rs, ra)];
                acc = prod ? acc * v : acc + v;
            }
            acc = prod ? wb_block_reduce(acc, shd, WbProd()) : wb_block_reduce(acc, shd, WbSum());
            if (op == R_MEAN) acc = acc / inner;  // 0 / 0 = NaN for an empty mean, as torch
            if (threadIdx.x == 0) {
                if constexpr (D::floating != 0) y[j] = (T)acc;
                else y[j] = (T)wb_d2l(acc);
            }
        } else {
            bool prod = op == R_PROD;
            long long acc = prod ? 1 : 0;
            for (int r = threadIdx.x; r < inner; r += blockDim.x) {
                long long v = (long long)x[red_at(base, r, rs, ra)];
                acc = prod ? wb_wrap_mul(acc, v) : wb_wrap_add(acc, v);
            }
            acc = prod ? wb_block_reduce(acc, shl, WbProd()) : wb_block_reduce(acc, shl, WbWrapSum());
            if (threadIdx.x == 0) y[j] = (T)acc;
        }
    }
}

template <class D>
WB_DEV void argreduce_impl(int outer, int inner, const WbShape& ks, const WbStrides& ka, const WbShape& rs,
                           const WbStrides& ra, const typename D::T* x, long long* y, int op) {
    typedef typename D::T T;
    __shared__ WbArg<T> sha[WB_MAX_BLOCK];
    for (int j = blockIdx.x; j < outer; j += gridDim.x) {
        int base;
        wb_offsets(j, ks, ka, base);
        WbArg<T> b = scan_extreme<T>(base, inner, rs, ra, x, op == R_ARGMAX, sha);
        if (threadIdx.x == 0) y[j] = b.i < 0 ? 0 : b.i;
    }
}

// Two passes inside the block, as Reduce.variance: the mean, then the squared deviations.
template <class D>
WB_DEV void variance_impl(int outer, int inner, const WbShape& ks, const WbStrides& ka, const WbShape& rs,
                          const WbStrides& ra, const typename D::T* x, typename D::T* y, int correction) {
    typedef typename D::T T;
    __shared__ double shd[WB_MAX_BLOCK];
    for (int j = blockIdx.x; j < outer; j += gridDim.x) {
        int base;
        wb_offsets(j, ks, ka, base);
        double s = 0;
        for (int r = threadIdx.x; r < inner; r += blockDim.x) s += (double)x[red_at(base, r, rs, ra)];
        double mean = wb_block_reduce(s, shd, WbSum()) / inner;
        double ss = 0;
        for (int r = threadIdx.x; r < inner; r += blockDim.x) {
            double d = (double)x[red_at(base, r, rs, ra)] - mean;
            ss += d * d;
        }
        ss = wb_block_reduce(ss, shd, WbSum());
        int den = inner - correction > 0 ? inner - correction : 0;
        if (threadIdx.x == 0) y[j] = (T)(ss / den);  // den 0: inf or NaN, as Java's double division
    }
}

#define WB_RED_PARAMS int outer, int inner, WbShape ks, WbStrides ka, WbShape rs, WbStrides ra
#define WB_REDUCE(sfx, D)                                                                                    \
    extern "C" __global__ void reduce_##sfx(WB_RED_PARAMS, const D::T* x, D::T* y, int op) {                \
        reduce_impl<D>(outer, inner, ks, ka, rs, ra, x, y, op);                                              \
    }                                                                                                        \
    extern "C" __global__ void argreduce_##sfx(WB_RED_PARAMS, const D::T* x, long long* y, int op) {        \
        argreduce_impl<D>(outer, inner, ks, ka, rs, ra, x, y, op);                                           \
    }
#define WB_VARIANCE(sfx, D)                                                                                  \
    extern "C" __global__ void variance_##sfx(WB_RED_PARAMS, const D::T* x, D::T* y, int correction) {      \
        variance_impl<D>(outer, inner, ks, ka, rs, ra, x, y, correction);                                    \
    }

WB_REDUCE(f32, F32)
WB_REDUCE(f64, F64)
WB_REDUCE(i64, I64)
WB_VARIANCE(f32, F32)
WB_VARIANCE(f64, F64)
