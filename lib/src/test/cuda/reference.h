// Reference semantics for the tests, written from the Java sources (backend/cpu/*Kernels.java,
// Storage's conversions) and java.lang.Math's specification, independently of wb_device.cuh.
#ifndef WB_REFERENCE_H
#define WB_REFERENCE_H

#include <cmath>
#include <limits>
#include <type_traits>

namespace ref {

// Java's (long) d.
inline long long d2l(double d) {
    if (std::isnan(d)) return 0;
    if (d >= 0x1p63) return LLONG_MAX;
    if (d < -0x1p63) return LLONG_MIN;
    return (long long)d;
}

// Math.rint: nearest integer, ties to even, sign of zero kept.
inline double rint(double x) {
    if (!std::isfinite(x) || std::fabs(x) >= 0x1p52) return x;
    double r = std::floor(x), f = x - r;
    if (f > 0.5 || (f == 0.5 && std::fmod(r, 2.0) != 0)) r += 1;
    return r == 0 ? std::copysign(0.0, x) : r;
}

// C's pow, which torch (and CMath.pow on the CPU) follows: pow(1, y) = 1, pow(-1, +-inf) = 1.
inline double pow(double x, double y) {
    return std::pow(x, y);
}

// Math.max / Math.min on floating values (NaN propagates, +0 > -0).
template <class T> T jmax(T a, T b) {
    if (a != a || b != b) return std::numeric_limits<T>::quiet_NaN();
    if (a == 0 && b == 0) return std::signbit(a) ? b : a;
    return a > b ? a : b;
}
template <class T> T jmin(T a, T b) {
    if (a != a || b != b) return std::numeric_limits<T>::quiet_NaN();
    if (a == 0 && b == 0) return std::signbit(a) ? a : b;
    return a < b ? a : b;
}

// Wrapping long arithmetic, through __int128 (not the kernels' unsigned trick).
inline long long wrap(__int128 v) { return (long long)(unsigned long long)(unsigned __int128)v; }

// Repeated multiplication (the kernels square): the tests keep exponents small.
inline long long ipow(long long b, long long e) {
    if (e < 0) return b == 1 ? 1 : (b == -1 ? (e % 2 ? -1 : 1) : 0);
    long long r = 1;
    for (long long i = 0; i < e; i++) r = wrap((__int128)r * b);
    return r;
}

// Storage.setDouble / setLong / getDouble: the CPU backend's conversions.
enum Kind { FLOAT32, FLOAT64, INT64, INT32, UINT8, BOOL };
template <class D> D cast(double v, Kind to) {
    switch (to) {
        case FLOAT32: return (D)(float)v;
        case FLOAT64: return (D)v;
        case INT64: return (D)d2l(v);
        case INT32: return (D)(int)(unsigned)(unsigned long long)d2l(v);
        case UINT8: return (D)(unsigned char)(unsigned long long)d2l(v);
        default: return (D)(v != 0 ? 1 : 0);
    }
}
template <class D> D cast_long(long long v, Kind to) {
    switch (to) {
        case FLOAT32: return (D)(float)(double)v;  // the CPU's generic copy goes through double
        case FLOAT64: return (D)(double)v;
        case INT64: return (D)v;
        case INT32: return (D)(int)(unsigned)(unsigned long long)v;
        case UINT8: return (D)(unsigned char)(unsigned long long)v;
        default: return (D)(v != 0 ? 1 : 0);
    }
}

}  // namespace ref

#endif
