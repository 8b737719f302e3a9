// elementwise.cu on the CPU emulation: every op of unary/binary/compare, every copy_S_D cast,
// fill and where, over random shapes (0- and 1-sized dims included) and strided layouts
// (broadcast, permuted, flipped, gapped), against references written from the Java kernels.
#include "emu_test.h"
#include "reference.h"
#include "elementwise.cu"

using namespace t;

template <class D> struct Info;
template <> struct Info<F32> { static constexpr ref::Kind kind = ref::FLOAT32; };
template <> struct Info<F64> { static constexpr ref::Kind kind = ref::FLOAT64; };
template <> struct Info<I64> { static constexpr ref::Kind kind = ref::INT64; };
template <> struct Info<I32> { static constexpr ref::Kind kind = ref::INT32; };
template <> struct Info<U8> { static constexpr ref::Kind kind = ref::UINT8; };
template <> struct Info<B8> { static constexpr ref::Kind kind = ref::BOOL; };

// Values with the troublemakers over-represented: NaN, infinities, signed zeros, ties for rint,
// values past the int32/int64 range, extremes of each integer type.
template <class D> typename D::T value() {
    using V = typename D::T;
    if constexpr (D::floating) {
        static const double sp[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3, -7,
                                    1e-3, 1e30, -1e30, 3e9, -3e9, 300.7, -1.7, 88.8, -104.5, 1e-40, 1, -1};
        if (irand(0, 2) == 0) return (V)sp[irand(0, std::size(sp) - 1)];
        return (V)urand(-5, 5);
    } else if constexpr (D::boolean) {
        return (V)irand(0, 1);
    } else {
        static const long long sp[] = {LLONG_MIN, LLONG_MAX, INT_MIN, INT_MAX, 0, 1, -1, 255, 256, 3037000500LL,
                                       1LL << 40, -(1LL << 33)};
        long long v = irand(0, 2) == 0 ? sp[irand(0, std::size(sp) - 1)] : irand(-60, 60);
        return (V)(unsigned long long)v;  // wraps into the type, as Java's narrowing casts
    }
}

template <class D> typename D::T sentinel() { return (typename D::T)(D::floating ? 12345.5 : 77); }

// ---- unary
template <class T> T ref_unary_fp(T x, int op, double p1, double p2, bool& exact) {
    double d = x;
    exact = true;
    T lo = std::isnan(p1) ? -INFINITY : (T)p1, hi = std::isnan(p2) ? INFINITY : (T)p2;
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return std::fabs(x);
        case U_RELU: return x < 0 ? 0 : x;  // -0 stays -0, as torch
        case U_SIGN: return x > 0 ? 1 : (x < 0 ? -1 : 0);
        case U_FLOOR: return (T)std::floor(d);
        case U_CEIL: return (T)std::ceil(d);
        case U_ROUND: return (T)ref::rint(d);
        case U_RECIPROCAL: return 1 / x;
        case U_SQUARE: return x * x;
        case U_SQRT: return (T)std::sqrt(d);
        case U_CLAMP: { T r = x < lo ? lo : x; return x != x ? x : (r > hi ? hi : r); }  // lo > hi gives hi
        case U_LEAKY_RELU: return x > 0 ? x : x * (T)p1;  // the slope in the input's type, as torch
    }
    exact = false;
    switch (op) {
        case U_EXP: return (T)std::exp(d);
        case U_LOG: return (T)std::log(d);
        case U_SIGMOID: return (T)(1 / (1 + std::exp(-d)));
        case U_TANH: return (T)std::tanh(d);
        case U_SIN: return (T)std::sin(d);
        case U_COS: return (T)std::cos(d);
        case U_LOG1P: return (T)std::log1p(d);
        case U_EXPM1: return (T)std::expm1(d);
        default: return (T)ref::pow(d, p1);  // U_POW_SCALAR
    }
}

inline long long ref_unary_int(long long v, int op, double p1, double p2) {
    switch (op) {
        case U_NEG: return ref::wrap(-(__int128)v);
        case U_ABS: return v < 0 ? ref::wrap(-(__int128)v) : v;
        case U_SIGN: return v > 0 ? 1 : (v < 0 ? -1 : 0);
        case U_SQUARE: return ref::wrap((__int128)v * v);
        case U_RELU: return std::max(v, 0LL);
        case U_CLAMP: {
            long long lo = std::isnan(p1) ? LLONG_MIN : ref::d2l(std::ceil(p1));
            long long hi = std::isnan(p2) ? LLONG_MAX : ref::d2l(std::floor(p2));
            return std::min(std::max(v, lo), hi);
        }
        case U_POW_SCALAR: return ref::ipow(v, ref::d2l(p1));
        default: return v;  // FLOOR, CEIL, ROUND
    }
}

static double param(int op, int which) {
    static const double clampv[] = {NAN, -1, 0.5, 2, -1e30, 2.5};
    static const double powv[] = {2, 0.5, 3, -1, 0, NAN, 1.5, 7};
    if (op == U_CLAMP) return clampv[irand(0, 5)];
    if (op == U_POW_SCALAR) return which ? 0 : powv[irand(0, 7)];
    if (op == U_LEAKY_RELU) return which ? 0 : (irand(0, 1) ? 0.01 : 0.2);
    return irand(0, 1) ? NAN : 0.3;  // ignored by other ops
}

template <class D>
void test_unary(const char* name, void (*k)(int, WbShape, WbStrides, WbStrides, const typename D::T*, typename D::T*,
                                            int, double, double)) {
    using V = typename D::T;
    static const int int_ops[] = {U_NEG, U_ABS, U_SIGN, U_FLOOR, U_CEIL, U_ROUND, U_SQUARE, U_RELU, U_CLAMP,
                                  U_POW_SCALAR};
    std::vector<int> ops;
    if (D::floating) for (int op = 0; op <= U_LEAKY_RELU; op++) ops.push_back(op);
    else ops.assign(std::begin(int_ops), std::end(int_ops));
    for (int op : ops)
        for (int rep = 0; rep < 8; rep++) {
            WbShape s = random_shape();
            WbStrides a, o;
            std::vector<V> x(random_layout(s, false, a)), y(random_layout(s, true, o), sentinel<D>());
            for (auto& v : x) v = value<D>();
            double p1 = param(op, 0), p2 = param(op, 1);
            if (!D::floating && op == U_POW_SCALAR) p1 = irand(0, 5) == 0 ? 63 : irand(0, 5);
            std::vector<V> want = y;
            bool exact = true;
            long long n = numel(s);
            for (long long i = 0; i < n; i++) {
                V xv = x[offset_of(i, s, a)];
                V r;
                if constexpr (D::floating) r = ref_unary_fp<V>(xv, op, p1, p2, exact);
                else r = (V)(unsigned long long)ref_unary_int((long long)xv, op, p1, p2);
                want[offset_of(i, s, o)] = r;
            }
            if (n > 0) emu_launch(small_grid(), small_block(), k, (int)n, s, a, o, x.data(), y.data(), op, p1, p2);
            std::string where = "op " + std::to_string(op) + " shape " + shape_str(s) + " in " +
                                strides_str(a, s.ndim) + " out " + strides_str(o, s.ndim) + " p1 " + str(p1) +
                                " p2 " + str(p2);
            bool ok = exact ? expect_same(name, where, y, want)
                            : expect_close(name, where, y, want, sizeof(V) == 4 ? 3e-7 : 1e-15, 1e-300);
            if (!ok) return;
        }
}

// ---- binary and compare
template <class D> typename D::T ref_binary(typename D::T x, typename D::T y, int op) {
    using V = typename D::T;
    if constexpr (D::floating) {
        switch (op) {
            case B_ADD: return x + y;
            case B_SUB: return x - y;
            case B_MUL: return x * y;
            case B_DIV: return x / y;
            case B_POW: return (V)ref::pow(x, y);
            case B_MAXIMUM: return ref::jmax(x, y);
            default: return ref::jmin(x, y);
        }
    } else {
        __int128 a = (long long)x, b = (long long)y;
        long long r;
        switch (op) {
            case B_ADD: r = ref::wrap(a + b); break;
            case B_SUB: r = ref::wrap(a - b); break;
            case B_MUL: r = ref::wrap(a * b); break;
            case B_DIV: r = b == 0 ? 0 : ref::wrap(a / b); break;
            case B_POW: r = ref::ipow((long long)a, std::min<long long>((long long)b, 70)); break;
            case B_MAXIMUM: r = (long long)std::max(a, b); break;
            default: r = (long long)std::min(a, b);
        }
        return (V)(unsigned long long)r;
    }
}
template <class V> bool ref_compare(V x, V y, int op) {
    switch (op) {
        case B_LT: return x < y;
        case B_LE: return x <= y;
        case B_GT: return x > y;
        case B_GE: return x >= y;
        case B_EQ: return x == y;
        case B_NE: return x != y;
        case B_LOGICAL_AND: return x != 0 && y != 0;
        case B_LOGICAL_OR: return x != 0 || y != 0;
        default: return (x != 0) != (y != 0);
    }
}

template <class D, bool CMP, class K> void test_binary(const char* name, K k) {
    using V = typename D::T;
    using R = std::conditional_t<CMP, unsigned char, V>;
    for (int op = CMP ? B_LT : B_ADD; op <= (CMP ? B_LOGICAL_XOR : B_MINIMUM); op++)
        for (int rep = 0; rep < 8; rep++) {
            WbShape s = random_shape();
            WbStrides a, b, o;
            std::vector<V> x(random_layout(s, false, a)), y(random_layout(s, false, b));
            std::vector<R> z(random_layout(s, true, o), CMP ? (R)77 : (R)sentinel<D>());
            for (auto& v : x) v = value<D>();
            for (auto& v : y) v = value<D>();
            if (!D::floating && op == B_POW) for (auto& v : y) v = (V)irand(0, 9);
            int scalars = irand(0, 3) == 0 ? irand(1, 3) : 0;
            double sa = 2.5, sb = D::floating ? (double)value<D>() : -3.7;  // converted as fill converts
            if (!D::floating && op == B_POW) sb = 3.9;
            std::vector<R> want = z;
            long long n = numel(s);
            for (long long i = 0; i < n; i++) {
                V xv = (scalars & 1) ? ref::cast<V>(sa, Info<D>::kind) : x[offset_of(i, s, a)];
                V yv = (scalars & 2) ? ref::cast<V>(sb, Info<D>::kind) : y[offset_of(i, s, b)];
                if constexpr (CMP) want[offset_of(i, s, o)] = ref_compare(xv, yv, op) ? 1 : 0;
                else want[offset_of(i, s, o)] = ref_binary<D>(xv, yv, op);
            }
            if (n > 0)
                emu_launch(small_grid(), small_block(), k, (int)n, s, a, b, o, (scalars & 1) ? nullptr : x.data(),
                           (scalars & 2) ? nullptr : y.data(), z.data(), op, scalars, sa, sb);
            std::string where = "op " + std::to_string(op) + " scalars " + std::to_string(scalars) + " shape " +
                                shape_str(s) + " x " + strides_str(a, s.ndim) + " y " + strides_str(b, s.ndim) +
                                " out " + strides_str(o, s.ndim);
            if (!expect_same(name, where, z, want)) return;
        }
}

// ---- copy, fill, where
template <class S, class D>
void test_copy(const char* name, void (*k)(int, WbShape, WbStrides, WbStrides, const typename S::T*, typename D::T*)) {
    using X = typename S::T;
    using Y = typename D::T;
    for (int rep = 0; rep < 6; rep++) {
        WbShape s = random_shape();
        WbStrides a, o;
        std::vector<X> x(random_layout(s, false, a));
        std::vector<Y> y(random_layout(s, true, o), sentinel<D>());
        for (auto& v : x) v = value<S>();
        std::vector<Y> want = y;
        long long n = numel(s);
        for (long long i = 0; i < n; i++) {
            X v = x[offset_of(i, s, a)];
            want[offset_of(i, s, o)] = S::floating ? ref::cast<Y>((double)v, Info<D>::kind)
                                                   : ref::cast_long<Y>((long long)v, Info<D>::kind);
        }
        if (n > 0) emu_launch(small_grid(), small_block(), k, (int)n, s, a, o, x.data(), y.data());
        if (!expect_same(name, "shape " + shape_str(s) + " in " + strides_str(a, s.ndim) + " out " +
                                   strides_str(o, s.ndim), y, want))
            return;
    }
}

// Casts whose answers are known, so the reference's own reading of Java is checked too.
static void test_known_casts() {
    auto one = [](auto k, auto x, auto want, const char* name) {
        WbShape s = shape_of({1});
        WbStrides c = contiguous(s);
        decltype(want) y = 0;
        emu_launch(dim3(1), dim3(1), k, 1, s, c, c, &x, &y);
        checks++;
        if (!same(y, want)) fail(name, "known value " + str(x), 0, str(y), str(want));
    };
    one(copy_f32_i64, NAN, 0LL, "copy_f32_i64");
    one(copy_f64_i64, 1e30, LLONG_MAX, "copy_f64_i64");
    one(copy_f64_i64, -1e30, LLONG_MIN, "copy_f64_i64");
    one(copy_f64_i32, 3e9, -1294967296, "copy_f64_i32");  // (int) (long) 3e9
    one(copy_f32_i32, -1.7f, -1, "copy_f32_i32");
    one(copy_f64_u8, 300.7, (unsigned char)44, "copy_f64_u8");
    one(copy_f32_u8, -1.0f, (unsigned char)255, "copy_f32_u8");
    one(copy_f32_b8, NAN, (unsigned char)1, "copy_f32_b8");
    one(copy_f32_b8, -0.0f, (unsigned char)0, "copy_f32_b8");
    one(copy_u8_f32, (unsigned char)200, 200.0f, "copy_u8_f32");
    one(copy_i64_i32, (1LL << 32) + 5, 5, "copy_i64_i32");
    // 2^60 + 2^36 + 1: straight to float rounds up to 2^60 + 2^37, through double (as the CPU
    // does) it is 2^60 + 2^36, a tie that rounds to even: 2^60.
    one(copy_i64_f32, (1LL << 60) + (1LL << 36) + 1, 0x1p60f, "copy_i64_f32");
}

// Binary results fixed by Java's Math: signed zeros in maximum/minimum, pow's NaN cases, and
// integer division and powers that wrap.
template <class K, class V> void known_binary(const char* name, K k, int op, V x, V y, V want) {
    WbShape s = shape_of({1});
    WbStrides c = contiguous(s);
    V z = 0;
    emu_launch(dim3(1), dim3(1), k, 1, s, c, c, c, &x, &y, &z, op, 0, 0.0, 0.0);
    checks++;
    if (!same(z, want)) fail(name, "op " + std::to_string(op) + " of " + str(x) + ", " + str(y), 0, str(z), str(want));
}
static void test_known_binary() {
    known_binary("binary_f32", binary_f32, B_MAXIMUM, -0.0f, 0.0f, 0.0f);
    known_binary("binary_f32", binary_f32, B_MAXIMUM, 0.0f, -0.0f, 0.0f);
    known_binary("binary_f64", binary_f64, B_MINIMUM, 0.0, -0.0, -0.0);
    known_binary("binary_f64", binary_f64, B_MINIMUM, -0.0, 0.0, -0.0);
    known_binary("binary_f32", binary_f32, B_MAXIMUM, NAN, 1.0f, NAN);
    known_binary("binary_f64", binary_f64, B_MINIMUM, 1.0, (double)NAN, (double)NAN);
    known_binary("binary_f64", binary_f64, B_POW, 1.0, (double)NAN, 1.0);  // C's pow, as torch
    known_binary("binary_f32", binary_f32, B_POW, -1.0f, -INFINITY, 1.0f);
    known_binary("binary_f64", binary_f64, B_POW, (double)NAN, 0.0, 1.0);
    known_binary("binary_i64", binary_i64, B_DIV, 7LL, -2LL, -3LL);
    known_binary("binary_i64", binary_i64, B_DIV, LLONG_MIN, -1LL, LLONG_MIN);
    known_binary("binary_i64", binary_i64, B_POW, 3LL, 4LL, 81LL);
    known_binary("binary_i64", binary_i64, B_ADD, LLONG_MAX, 1LL, LLONG_MIN);
    known_binary("binary_i32", binary_i32, B_MUL, 65536, 65536, 0);
    known_binary("binary_u8", binary_u8, B_SUB, (unsigned char)1, (unsigned char)2, (unsigned char)255);
}

template <class D> void test_fill(const char* name, void (*k)(int, WbShape, WbStrides, typename D::T*, double)) {
    using Y = typename D::T;
    static const double vals[] = {NAN, 2.7, -1.5, 1e30, 0, -0.0, 300, -3e9};
    for (double v : vals) {
        WbShape s = random_shape();
        WbStrides o;
        std::vector<Y> y(random_layout(s, true, o), sentinel<D>());
        std::vector<Y> want = y;
        long long n = numel(s);
        for (long long i = 0; i < n; i++) want[offset_of(i, s, o)] = ref::cast<Y>(v, Info<D>::kind);
        if (n > 0) emu_launch(small_grid(), small_block(), k, (int)n, s, o, y.data(), v);
        if (!expect_same(name, "value " + str(v) + " shape " + shape_str(s), y, want)) return;
    }
}

template <class D, class K> void test_where(const char* name, K k) {
    using V = typename D::T;
    for (int rep = 0; rep < 6; rep++) {
        WbShape s = random_shape();
        WbStrides c, a, b, o;
        std::vector<unsigned char> cond(random_layout(s, false, c));
        std::vector<V> x(random_layout(s, false, a)), y(random_layout(s, false, b));
        std::vector<V> z(random_layout(s, true, o), sentinel<D>());
        for (auto& v : cond) v = (unsigned char)irand(0, 1);
        for (auto& v : x) v = value<D>();
        for (auto& v : y) v = value<D>();
        std::vector<V> want = z;
        long long n = numel(s);
        for (long long i = 0; i < n; i++)
            want[offset_of(i, s, o)] = cond[offset_of(i, s, c)] ? x[offset_of(i, s, a)] : y[offset_of(i, s, b)];
        if (n > 0)
            emu_launch(small_grid(), small_block(), k, (int)n, s, c, a, b, o, cond.data(), x.data(), y.data(),
                       z.data());
        if (!expect_same(name, "shape " + shape_str(s), z, want)) return;
    }
}

int main() {
#define T_NUM(sfx, D) test_unary<D>("unary_" #sfx, unary_##sfx); test_binary<D, false>("binary_" #sfx, binary_##sfx);
    WB_NUMERIC(T_NUM)
#define T_ALL(sfx, D) test_binary<D, true>("compare_" #sfx, compare_##sfx); test_fill<D>("fill_" #sfx, fill_##sfx); \
    test_where<D>("where_" #sfx, where_##sfx);
    WB_ALL(T_ALL)
#define T_COPY(ss, S, ds, D) test_copy<S, D>("copy_" #ss "_" #ds, copy_##ss##_##ds);
#define T_COPY_FROM(ss, S) T_COPY(ss, S, f32, F32) T_COPY(ss, S, f64, F64) T_COPY(ss, S, i64, I64) \
    T_COPY(ss, S, i32, I32) T_COPY(ss, S, u8, U8) T_COPY(ss, S, b8, B8)
    WB_ALL(T_COPY_FROM)
    test_known_casts();
    test_known_binary();
    return finish("elementwise");
}
