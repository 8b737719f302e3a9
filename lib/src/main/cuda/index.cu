// Gather and scatter-add along one dim of contiguous tensors viewed as [outer, dimSize, inner]:
// index_select (integer-tensor indexing, embeddings) and index_add (their gradients). 1-D grid
// over the outer * len * inner selected elements (that count is an output's numel, < 2^31).
#include "wb_device.cuh"

// A negative index counts from the end, as Gather.checked allows; the host has already refused
// anything outside [-dimSize, dimSize), so the -1 below is only a guard against a wild read.
WB_DEV long long ix_wrap(long long j, int dimSize) {
    if (j < 0) j += dimSize;
    return (j >= 0 && j < dimSize) ? j : -1;
}

template <class T>
WB_DEV void index_select_impl(int outer, int len, int inner, int dimSize, const T* src, const long long* idx, T* out) {
    long long n = (long long)outer * len * inner;
    WB_GRID_LOOP(e, n) {
        int ei = (int)e;
        int i = ei % inner, rest = ei / inner;
        int l = rest % len, o = rest / len;
        long long j = ix_wrap(idx[l], dimSize);
        out[e] = j < 0 ? (T)0 : src[((long long)o * dimSize + j) * inner + i];
    }
}

WB_DEV void ix_atomic_add(float* p, float v) { atomicAdd(p, v); }
WB_DEV void ix_atomic_add(double* p, double v) { atomicAdd(p, v); }
// Two's complement: adding the unsigned image wraps exactly as Java's long addition.
WB_DEV void ix_atomic_add(long long* p, long long v) {
    atomicAdd((unsigned long long*)p, (unsigned long long)v);
}

// Atomic, so repeated indices add up; the order of those float additions varies from run to run.
template <class T>
WB_DEV void index_add_impl(int outer, int len, int inner, int dimSize, T* dst, const long long* idx, const T* src) {
    long long n = (long long)outer * len * inner;
    WB_GRID_LOOP(e, n) {
        int ei = (int)e;
        int i = ei % inner, rest = ei / inner;
        int l = rest % len, o = rest / len;
        long long j = ix_wrap(idx[l], dimSize);
        if (j >= 0) ix_atomic_add(&dst[((long long)o * dimSize + j) * inner + i], src[e]);
    }
}

#define WB_SELECT(sfx, T)                                                                                   \
    extern "C" __global__ void index_select_##sfx(int outer, int len, int inner, int dimSize, const T* src, \
                                                  const long long* idx, T* out) {                           \
        index_select_impl<T>(outer, len, inner, dimSize, src, idx, out);                                    \
    }
#define WB_ADD(sfx, T)                                                                                      \
    extern "C" __global__ void index_add_##sfx(int outer, int len, int inner, int dimSize, T* dst,          \
                                               const long long* idx, const T* src) {                        \
        index_add_impl<T>(outer, len, inner, dimSize, dst, idx, src);                                       \
    }

WB_SELECT(f32, float)
WB_SELECT(f64, double)
WB_SELECT(i64, long long)
WB_SELECT(i32, int)
WB_SELECT(u8, unsigned char)
WB_SELECT(b8, unsigned char)
WB_ADD(f32, float)
WB_ADD(f64, double)
WB_ADD(i64, long long)
