// Elementwise kernels over strided operands: unary, binary, compare, copy (casts), fill, where.
// Semantics are the CPU backend's (backend/cpu/FloatKernels, DoubleKernels, LongKernels, Copy),
// which follow torch; see workbook.cuh for the signatures.
#include "wb_device.cuh"

// ---- unary, floating: FloatKernels' formulas. lo/hi are CLAMP's bounds (NaN already -> +-inf).
template <class T> WB_DEV T unary_fp(T x, int op, T lo, T hi, double p1) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return wb_abs(x);
        case U_EXP: return wb_exp(x);
        case U_LOG: return wb_log(x);
        case U_SQRT: return wb_sqrt(x);
        case U_SIGMOID: return (T)1 / ((T)1 + wb_exp(-x));
        case U_RELU: return x < 0 ? (T)0 : x;  // NaN stays NaN, -0 stays -0 (torch)
        case U_TANH: return wb_tanh(x);
        case U_SIGN: return x > 0 ? (T)1 : (x < 0 ? (T)-1 : (T)0);  // sign(NaN) = sign(-0) = 0, as the CPU
        case U_FLOOR: return wb_floor(x);
        case U_CEIL: return wb_ceil(x);
        case U_ROUND: return wb_rint(x);  // half to even
        case U_RECIPROCAL: return (T)1 / x;
        case U_SIN: return wb_sin(x);
        case U_COS: return wb_cos(x);
        case U_SQUARE: return x * x;
        case U_LOG1P: return wb_log1p(x);
        case U_EXPM1: return wb_expm1(x);
        case U_CLAMP: { T r = x < lo ? lo : x; return x != x ? x : (r > hi ? hi : r); }  // lo > hi gives hi
        // (T) Math.pow(x, p1): in double, then rounded. x*x is the same bits for p1 = 2 (the
        // exact double square rounds to the float square) and skips the slow pow.
        case U_POW_SCALAR: return p1 == 2.0 ? x * x : (T)wb_pow((double)x, p1);
        case U_LEAKY_RELU: return x > 0 ? x : x * (T)p1;  // torch: the slope in the input's type
        default: return wb_nan_of<T>();
    }
}

// ---- unary, integral: LongKernels' formulas in int64, narrowed to T (as the CPU narrows).
WB_DEV long long unary_int(long long v, int op, long long lo, long long hi, long long e) {
    switch (op) {
        case U_NEG: return wb_wrap_sub(0, v);
        case U_ABS: return v < 0 ? wb_wrap_sub(0, v) : v;
        case U_SIGN: return (v > 0) - (v < 0);
        case U_SQUARE: return wb_wrap_mul(v, v);
        case U_RELU: return v > 0 ? v : 0;
        case U_FLOOR: case U_CEIL: case U_ROUND: return v;
        case U_CLAMP: {
            long long r = v > lo ? v : lo;  // Math.min(Math.max(x, lo), hi)
            return r < hi ? r : hi;
        }
        case U_POW_SCALAR: return wb_ipow(v, e);
        default: return 0;  // not defined for integers: the host refuses these ops
    }
}

template <class D> WB_DEV void unary_impl(int n, const WbShape& s, const WbStrides& a, const WbStrides& o,
                                          const typename D::T* x, typename D::T* y, int op, double p1, double p2) {
    typedef typename D::T T;
    if constexpr (D::floating != 0) {
        T lo = p1 != p1 ? (T)-wb_inf() : (T)p1;
        T hi = p2 != p2 ? (T)wb_inf() : (T)p2;
        WB_GRID_LOOP(i, n) {
            int oa, oo;
            wb_offsets(i, s, a, o, oa, oo);
            y[oo] = (T)unary_fp<T>(x[oa], op, lo, hi, p1);
        }
    } else {
        // LongKernels: lo = (long) ceil(p1), hi = (long) floor(p2), exponent (long) p1.
        long long lo = p1 != p1 ? (long long)(-0x7fffffffffffffffLL - 1) : wb_d2l(ceil(p1));
        long long hi = p2 != p2 ? 0x7fffffffffffffffLL : wb_d2l(floor(p2));
        long long e = wb_d2l(p1);
        WB_GRID_LOOP(i, n) {
            int oa, oo;
            wb_offsets(i, s, a, o, oa, oo);
            y[oo] = (T)unary_int((long long)x[oa], op, lo, hi, e);
        }
    }
}

// ---- binary arithmetic (ADD..MINIMUM)
template <class T> WB_DEV T binary_fp(T x, T y, int op) {
    switch (op) {
        case B_ADD: return x + y;
        case B_SUB: return x - y;
        case B_MUL: return x * y;
        case B_DIV: return x / y;
        case B_POW: return (T)wb_pow((double)x, (double)y);
        case B_MAXIMUM: return (x != x || y != y) ? wb_nan_of<T>() : wb_jmax(x, y);
        case B_MINIMUM: return (x != x || y != y) ? wb_nan_of<T>() : wb_jmin(x, y);
        default: return wb_nan_of<T>();
    }
}

WB_DEV long long binary_int(long long x, long long y, int op) {
    switch (op) {
        case B_ADD: return wb_wrap_add(x, y);
        case B_SUB: return wb_wrap_sub(x, y);
        case B_MUL: return wb_wrap_mul(x, y);
        // Java's / truncates; x / 0 would trap on the CPU emulation and is garbage on a GPU, so it
        // gives 0 (the host never sends it: torch's / promotes integers to float).
        case B_DIV: return y == 0 ? 0 : (y == -1 ? wb_wrap_sub(0, x) : x / y);
        case B_POW: return wb_ipow(x, y);
        case B_MAXIMUM: return x > y ? x : y;
        case B_MINIMUM: return x < y ? x : y;
        default: return 0;
    }
}

template <class D> WB_DEV typename D::T binary_op(typename D::T x, typename D::T y, int op) {
    typedef typename D::T T;
    if constexpr (D::floating != 0) return binary_fp<T>(x, y, op);
    return (T)binary_int((long long)x, (long long)y, op);
}

template <class D> WB_DEV bool compare_op(typename D::T x, typename D::T y, int op) {
    switch (op) {
        case B_LT: return x < y;
        case B_LE: return x <= y;
        case B_GT: return x > y;
        case B_GE: return x >= y;
        case B_EQ: return x == y;
        case B_NE: return x != y;
        case B_LOGICAL_AND: return x != 0 && y != 0;
        case B_LOGICAL_OR: return x != 0 || y != 0;
        case B_LOGICAL_XOR: return (x != 0) != (y != 0);
        default: return false;
    }
}

// Binary and compare share the operand walk; R is the result's tag (bool for compare).
template <class D, bool CMP, class R>
WB_DEV void binary_impl(int n, const WbShape& s, const WbStrides& a, const WbStrides& b, const WbStrides& o,
                        const typename D::T* x, const typename D::T* y, R* z, int op, int scalars, double sa,
                        double sb) {
    typedef typename D::T T;
    // A scalar operand converts as fill does (Storage.setDouble): Java's casts.
    T cx = wb_cast<F64, D>(sa), cy = wb_cast<F64, D>(sb);
    bool sx = (scalars & 1) != 0, sy = (scalars & 2) != 0;
    WB_GRID_LOOP(i, n) {
        int oa, ob, oo;
        wb_offsets(i, s, a, b, o, oa, ob, oo);
        T xv = sx ? cx : x[oa];
        T yv = sy ? cy : y[ob];
        if (CMP) {
            z[oo] = (R)(compare_op<D>(xv, yv, op) ? 1 : 0);
        } else {
            z[oo] = (R)binary_op<D>(xv, yv, op);
        }
    }
}

#define WB_UNARY(sfx, D)                                                                                   \
    extern "C" __global__ void unary_##sfx(int n, WbShape s, WbStrides a, WbStrides o, const D::T* x,     \
                                           D::T* y, int op, double p1, double p2) {                       \
        unary_impl<D>(n, s, a, o, x, y, op, p1, p2);                                                       \
    }
#define WB_BINARY(sfx, D)                                                                                  \
    extern "C" __global__ void binary_##sfx(int n, WbShape s, WbStrides a, WbStrides b, WbStrides o,      \
                                            const D::T* x, const D::T* y, D::T* z, int op, int scalars,   \
                                            double sa, double sb) {                                        \
        binary_impl<D, false, D::T>(n, s, a, b, o, x, y, z, op, scalars, sa, sb);                          \
    }
#define WB_COMPARE(sfx, D)                                                                                 \
    extern "C" __global__ void compare_##sfx(int n, WbShape s, WbStrides a, WbStrides b, WbStrides o,     \
                                             const D::T* x, const D::T* y, unsigned char* z, int op,      \
                                             int scalars, double sa, double sb) {                          \
        binary_impl<D, true, unsigned char>(n, s, a, b, o, x, y, z, op, scalars, sa, sb);                  \
    }
#define WB_FILL(sfx, D)                                                                                    \
    extern "C" __global__ void fill_##sfx(int n, WbShape s, WbStrides o, D::T* y, double v) {             \
        D::T c = wb_cast<F64, D>(v);                                                                       \
        WB_GRID_LOOP(i, n) {                                                                               \
            int oo;                                                                                        \
            wb_offsets(i, s, o, oo);                                                                       \
            y[oo] = c;                                                                                     \
        }                                                                                                  \
    }
#define WB_WHERE(sfx, D)                                                                                   \
    extern "C" __global__ void where_##sfx(int n, WbShape s, WbStrides c, WbStrides a, WbStrides b,       \
                                           WbStrides o, const unsigned char* cond, const D::T* x,         \
                                           const D::T* y, D::T* z) {                                      \
        WB_GRID_LOOP(i, n) {                                                                               \
            int oc, oa, ob, oo;                                                                            \
            wb_offsets(i, s, c, a, b, o, oc, oa, ob, oo);                                                  \
            z[oo] = cond[oc] ? x[oa] : y[ob];                                                              \
        }                                                                                                  \
    }
#define WB_COPY(ss, S, ds, D)                                                                              \
    extern "C" __global__ void copy_##ss##_##ds(int n, WbShape s, WbStrides a, WbStrides o, const S::T* x, \
                                                D::T* y) {                                                \
        WB_GRID_LOOP(i, n) {                                                                               \
            int oa, oo;                                                                                    \
            wb_offsets(i, s, a, o, oa, oo);                                                                \
            y[oo] = wb_cast<S, D>(x[oa]);                                                                  \
        }                                                                                                  \
    }

#define WB_NUMERIC(M) M(f32, F32) M(f64, F64) M(i64, I64) M(i32, I32) M(u8, U8)
#define WB_ALL(M) WB_NUMERIC(M) M(b8, B8)

WB_NUMERIC(WB_UNARY)
WB_NUMERIC(WB_BINARY)
WB_ALL(WB_COMPARE)
WB_ALL(WB_FILL)
WB_ALL(WB_WHERE)

#define WB_COPY_FROM(ss, S) \
    WB_COPY(ss, S, f32, F32) WB_COPY(ss, S, f64, F64) WB_COPY(ss, S, i64, I64) \
    WB_COPY(ss, S, i32, I32) WB_COPY(ss, S, u8, U8) WB_COPY(ss, S, b8, B8)
WB_ALL(WB_COPY_FROM)
