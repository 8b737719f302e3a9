// Device helpers shared by the kernel sources: dtype tags, Java's conversions, strided offsets,
// shared-memory block reductions. Plain CUDA C++ (no CUDA headers, no warp shuffles), so that
// NVRTC compiles it to PTX and g++ compiles the same text on the CPU through
// lib/src/test/cuda/cuda_emu.h for the host-emulation tests.
#ifndef WB_DEVICE_CUH
#define WB_DEVICE_CUH

#include "workbook.cuh"

#define WB_DEV __device__ __forceinline__

// Vector (float4) accesses must be 16-byte aligned; the CPU emulation checks it through this hook.
#ifndef WB_CHECK_ALIGNED
#define WB_CHECK_ALIGNED(p, bytes)
#endif

// Every 1-D kernel walks its elements with this grid-stride loop, so any grid size is right.
// 64-bit index: i + stride must not wrap near n = 2^31 - 1.
#define WB_GRID_LOOP(i, n)                                                            \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(n); \
         i += (long long)blockDim.x * gridDim.x)

// The largest block the shared-memory trees below are sized for (launch with 256).
#define WB_MAX_BLOCK 256

// ---- dtype tags: b8 and u8 share a C type but convert differently, so kernels template on tags.
struct F32 { typedef float T; static const int floating = 1, boolean = 0; };
struct F64 { typedef double T; static const int floating = 1, boolean = 0; };
struct I64 { typedef long long T; static const int floating = 0, boolean = 0; };
struct I32 { typedef int T; static const int floating = 0, boolean = 0; };
struct U8 { typedef unsigned char T; static const int floating = 0, boolean = 0; };
struct B8 { typedef unsigned char T; static const int floating = 0, boolean = 1; };

WB_DEV float wb_nanf() { return __int_as_float(0x7fc00000); }  // Java's canonical NaN
WB_DEV double wb_nan() { return __longlong_as_double(0x7ff8000000000000LL); }
WB_DEV float wb_inff() { return __int_as_float(0x7f800000); }
WB_DEV double wb_inf() { return __longlong_as_double(0x7ff0000000000000LL); }
template <class T> WB_DEV T wb_nan_of();
template <> WB_DEV float wb_nan_of<float>() { return wb_nanf(); }
template <> WB_DEV double wb_nan_of<double>() { return wb_nan(); }

// Java's (long) d: truncation toward zero, NaN -> 0, saturating at the long range. A plain C
// cast is undefined out of range (x86 gives LLONG_MIN), PTX's cvt.rzi happens to agree with Java.
WB_DEV long long wb_d2l(double d) {
    if (d != d) return 0;
    if (d >= 9.2233720368547758e18) return 0x7fffffffffffffffLL;
    if (d <= -9.2233720368547758e18) return (long long)(-0x7fffffffffffffffLL - 1);
    return (long long)d;
}

// Wrapping int64 arithmetic (Java's long): signed overflow is undefined in C++, so go unsigned.
WB_DEV long long wb_wrap_add(long long a, long long b) { return (long long)((unsigned long long)a + (unsigned long long)b); }
WB_DEV long long wb_wrap_sub(long long a, long long b) { return (long long)((unsigned long long)a - (unsigned long long)b); }
WB_DEV long long wb_wrap_mul(long long a, long long b) { return (long long)((unsigned long long)a * (unsigned long long)b); }

// LongKernels.ipow, wrapping. A negative exponent gives torch's truncated value (1, +-1 or 0); a
// negative *number* exponent is refused by the host (torch: "Integers to negative integer powers ...").
WB_DEV long long wb_ipow(long long base, long long e) {
    if (e < 0) return base == 1 ? 1 : (base == -1 ? ((e & 1) ? -1 : 1) : 0);
    long long r = 1;
    while (e > 0) {
        if (e & 1) r = wb_wrap_mul(r, base);
        base = wb_wrap_mul(base, base);
        e >>= 1;
    }
    return r;
}

// C's pow, as torch (CMath.pow on the CPU): pow(1, y) = 1 for any y, pow(-1, +-inf) = 1.
WB_DEV double wb_pow(double x, double y) {
    return pow(x, y);
}

// Java's Math.max / Math.min (NaN handled by the callers): +0 is above -0.
// copysign(1, z) reads the sign of a zero (z == 0 cannot: -0 == +0).
template <class T> WB_DEV T wb_jmax(T a, T b) {
    if (a == 0 && b == 0) return copysign(1.0, (double)a) > 0 ? a : b;
    return a >= b ? a : b;
}
template <class T> WB_DEV T wb_jmin(T a, T b) {
    if (a == 0 && b == 0) return copysign(1.0, (double)a) > 0 ? b : a;
    return a <= b ? a : b;
}

// ---- Conversions as the CPU backend's Storage does them (torch's casts, Java's arithmetic):
// to bool: x != 0 (NaN -> true); float -> integer: Java's (long) then wrap to the width;
// integer -> float32: through double, as the CPU's converting copy does.
template <class S, class D> WB_DEV typename D::T wb_cast(typename S::T x) {
    typedef typename D::T DT;
    if constexpr (D::boolean != 0) {
        return (DT)(x != 0 ? 1 : 0);
    } else if constexpr (S::floating != 0) {
        if constexpr (D::floating != 0) return (DT)x;
        else return (DT)wb_d2l((double)x);
    } else if constexpr (D::floating != 0) {
        return (DT)(double)x;
    } else {
        return (DT)(long long)x;
    }
}

// ---- Float math by overload, so one template serves float (libdevice's f-functions, within
// 1-2 ulp) and double.
#define WB_MATH1(name, f, d) \
    WB_DEV float name(float x) { return f(x); } \
    WB_DEV double name(double x) { return d(x); }
WB_MATH1(wb_abs, fabsf, fabs)
WB_MATH1(wb_exp, expf, exp)
WB_MATH1(wb_log, logf, log)
WB_MATH1(wb_sqrt, sqrtf, sqrt)
WB_MATH1(wb_tanh, tanhf, tanh)
WB_MATH1(wb_floor, floorf, floor)
WB_MATH1(wb_ceil, ceilf, ceil)
WB_MATH1(wb_rint, rintf, rint)
WB_MATH1(wb_sin, sinf, sin)
WB_MATH1(wb_cos, cosf, cos)
WB_MATH1(wb_log1p, log1pf, log1p)
WB_MATH1(wb_expm1, expm1f, expm1)
#undef WB_MATH1

// ---- Strided offsets: element i (row-major over s) of each operand. Unrolled over WB_MAXDIM with
// guards, so the struct fields stay constant-bank parameter loads (no local-memory copy).
WB_DEV void wb_offsets(long long i, const WbShape& s, const WbStrides& a, int& oa) {
    oa = a.off;
    if (s.ndim == 1) {  // the host collapses contiguous operands to one dim: no division
        oa += (int)i * a.stride[0];
        return;
    }
    int rem = (int)i;
#pragma unroll
    for (int d = WB_MAXDIM - 1; d >= 0; --d) {
        if (d < s.ndim) {
            int q = rem / s.size[d], id = rem - q * s.size[d];
            rem = q;
            oa += id * a.stride[d];
        }
    }
}
WB_DEV void wb_offsets(long long i, const WbShape& s, const WbStrides& a, const WbStrides& b, int& oa, int& ob) {
    oa = a.off;
    ob = b.off;
    if (s.ndim == 1) {
        oa += (int)i * a.stride[0];
        ob += (int)i * b.stride[0];
        return;
    }
    int rem = (int)i;
#pragma unroll
    for (int d = WB_MAXDIM - 1; d >= 0; --d) {
        if (d < s.ndim) {
            int q = rem / s.size[d], id = rem - q * s.size[d];
            rem = q;
            oa += id * a.stride[d];
            ob += id * b.stride[d];
        }
    }
}
WB_DEV void wb_offsets(long long i, const WbShape& s, const WbStrides& a, const WbStrides& b, const WbStrides& c,
                       int& oa, int& ob, int& oc) {
    oa = a.off;
    ob = b.off;
    oc = c.off;
    if (s.ndim == 1) {
        oa += (int)i * a.stride[0];
        ob += (int)i * b.stride[0];
        oc += (int)i * c.stride[0];
        return;
    }
    int rem = (int)i;
#pragma unroll
    for (int d = WB_MAXDIM - 1; d >= 0; --d) {
        if (d < s.ndim) {
            int q = rem / s.size[d], id = rem - q * s.size[d];
            rem = q;
            oa += id * a.stride[d];
            ob += id * b.stride[d];
            oc += id * c.stride[d];
        }
    }
}
WB_DEV void wb_offsets(long long i, const WbShape& s, const WbStrides& a, const WbStrides& b, const WbStrides& c,
                       const WbStrides& e, int& oa, int& ob, int& oc, int& oe) {
    oa = a.off;
    ob = b.off;
    oc = c.off;
    oe = e.off;
    if (s.ndim == 1) {
        oa += (int)i * a.stride[0];
        ob += (int)i * b.stride[0];
        oc += (int)i * c.stride[0];
        oe += (int)i * e.stride[0];
        return;
    }
    int rem = (int)i;
#pragma unroll
    for (int d = WB_MAXDIM - 1; d >= 0; --d) {
        if (d < s.ndim) {
            int q = rem / s.size[d], id = rem - q * s.size[d];
            rem = q;
            oa += id * a.stride[d];
            ob += id * b.stride[d];
            oc += id * c.stride[d];
            oe += id * e.stride[d];
        }
    }
}

// ---- Block-wide reduction through shared memory (sh holds blockDim.x <= WB_MAX_BLOCK entries).
// Every thread of the block must call it (it synchronises); all get the result. The tree's
// shape depends only on blockDim.x, so a sum comes out the same on every run. Any block size
// works: the part above the largest power of two is folded in first.
template <class A, class Op> WB_DEV A wb_block_reduce(A v, A* sh, Op op) {
    unsigned t = threadIdx.x, nt = blockDim.x;
    sh[t] = v;
    __syncthreads();
    unsigned p = 1;
    while (p * 2 <= nt) p *= 2;
    if (t + p < nt) sh[t] = op(sh[t], sh[t + p]);
    __syncthreads();
    for (unsigned s = p / 2; s > 0; s >>= 1) {
        if (t < s) sh[t] = op(sh[t], sh[t + s]);
        __syncthreads();
    }
    A r = sh[0];
    __syncthreads();  // sh may be reused by the caller's next reduction
    return r;
}

struct WbSum {
    template <class A> WB_DEV A operator()(A a, A b) const { return a + b; }
};
struct WbWrapSum {
    WB_DEV long long operator()(long long a, long long b) const { return wb_wrap_add(a, b); }
};
struct WbProd {
    WB_DEV double operator()(double a, double b) const { return a * b; }
    WB_DEV long long operator()(long long a, long long b) const { return wb_wrap_mul(a, b); }
};

// A candidate extreme: value and its index in the reduced order (-1: none yet).
template <class T> struct WbArg {
    T v;
    long long i;
};

// The better of two candidates, as the CPU's sequential scan decides: a NaN beats everything
// (the first NaN wins), then the strictly greater (max) or smaller (min) value, and on a tie the
// lower index; so the tree gives exactly the scan's answer whatever order it combines in.
template <class T> struct WbArgBetter {
    bool max;
    WB_DEV WbArg<T> operator()(WbArg<T> a, WbArg<T> b) const {
        if (a.i < 0) return b;
        if (b.i < 0) return a;
        bool an = a.v != a.v, bn = b.v != b.v;
        if (an || bn) {
            if (an && bn) return a.i < b.i ? a : b;
            return an ? a : b;
        }
        if (a.v == b.v) return a.i < b.i ? a : b;
        return (max ? a.v > b.v : a.v < b.v) ? a : b;
    }
};

#endif
