// The host-emulation tests' harness: seeded random shapes and strided layouts (broadcast,
// permuted, flipped, gapped), reference offsets computed independently of the kernels, and
// checks that name the kernel, the case and the first mismatching index. main() returns the
// number of failures, so any failure fails scripts/test-cuda.sh.
#ifndef WB_EMU_TEST_H
#define WB_EMU_TEST_H

#include "cuda_emu.h"
#include "workbook.cuh"

#include <algorithm>
#include <climits>
#include <random>
#include <sstream>
#include <string>

namespace t {

inline int failures = 0;
inline long long checks = 0;
inline std::mt19937_64 rng(20240611);

inline int irand(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }  // [lo, hi]
inline double urand(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }

template <class V> std::string str(V v) {
    std::ostringstream o;
    o.precision(17);
    if constexpr (sizeof(V) == 1) o << (int)v; else o << v;
    return o.str();
}

// One failed check: the message names everything needed to reproduce it; later checks of the
// same case are skipped by the caller (it returns false), so one bug gives one line.
inline bool fail(const std::string& kernel, const std::string& where, long long idx, const std::string& got,
                 const std::string& want) {
    failures++;
    if (failures <= 50)
        std::printf("FAIL %s [%s] first mismatch at index %lld: got %s, want %s\n", kernel.c_str(), where.c_str(),
                    idx, got.c_str(), want.c_str());
    return false;
}

inline std::string shape_str(const WbShape& s) {
    std::string r = "[";
    for (int d = 0; d < s.ndim; d++) r += (d ? "," : "") + std::to_string(s.size[d]);
    return r + "]";
}
inline std::string strides_str(const WbStrides& a, int ndim) {
    std::string r = "off " + std::to_string(a.off) + " strides (";
    for (int d = 0; d < ndim; d++) r += (d ? "," : "") + std::to_string(a.stride[d]);
    return r + ")";
}

inline WbShape shape_of(std::initializer_list<int> sizes) {
    WbShape s{};
    for (int v : sizes) s.size[s.ndim++] = v;
    return s;
}
inline long long numel(const WbShape& s) {
    long long n = 1;
    for (int d = 0; d < s.ndim; d++) n *= s.size[d];
    return n;
}
// A random shape of 0..4 dims, sizes mostly small; zero sizes show up now and then.
inline WbShape random_shape(int maxSize = 5) {
    WbShape s{};
    s.ndim = irand(0, 4);
    for (int d = 0; d < s.ndim; d++) s.size[d] = irand(0, 9) == 0 ? 0 : irand(1, maxSize);
    if (irand(0, 5) == 0 && s.ndim > 0) s.size[irand(0, s.ndim - 1)] = irand(20, 70);  // past one block
    return s;
}

// Element i's offset: the reference walk, written without the kernels' helpers.
inline long long offset_of(long long i, const WbShape& s, const WbStrides& a) {
    long long off = a.off;
    for (int d = s.ndim - 1; d >= 0; d--) {
        off += (i % s.size[d]) * a.stride[d];
        i /= s.size[d];
    }
    return off;
}

// A layout over shape s: contiguous, permuted, flipped, gapped and (unless for an output)
// broadcast dims, with a random storage offset. Returns the storage length it needs.
inline int random_layout(const WbShape& s, bool output, WbStrides& a, const char** kind = nullptr) {
    a = WbStrides{};
    int nd = s.ndim;
    int perm[WB_MAXDIM];
    for (int d = 0; d < nd; d++) perm[d] = d;
    int k = irand(0, output ? 3 : 4);
    static const char* kinds[] = {"contiguous", "permuted", "flipped", "gapped", "broadcast"};
    if (kind) *kind = kinds[k];
    if (k == 1) std::shuffle(perm, perm + nd, rng);
    long long step = 1;
    for (int j = nd - 1; j >= 0; j--) {  // lay out dims perm[nd-1] innermost
        int d = perm[j];
        a.stride[d] = (int)step;
        step *= std::max(1, s.size[d]) * (k == 3 ? irand(1, 3) : 1);
    }
    for (int d = 0; d < nd; d++) {
        if (k == 2 && irand(0, 1)) a.stride[d] = -a.stride[d];
        if (k == 4 && (irand(0, 1) || s.size[d] == 1)) a.stride[d] = 0;
    }
    long long lo = 0, hi = 0;
    for (int d = 0; d < nd; d++) {
        if (s.size[d] == 0) continue;
        long long e = (long long)(s.size[d] - 1) * a.stride[d];
        (e < 0 ? lo : hi) += e;
    }
    a.off = (int)(-lo + irand(0, 3));
    return (int)(a.off + hi + 1 + irand(0, 2));
}
inline WbStrides contiguous(const WbShape& s) {
    WbStrides a{};
    int step = 1;
    for (int d = s.ndim - 1; d >= 0; d--) {
        a.stride[d] = step;
        step *= std::max(1, s.size[d]);
    }
    return a;
}

// Launch sizes for 1-D kernels: small blocks and grids, so the grid-stride loops wrap.
inline dim3 small_grid() { return dim3(irand(1, 3)); }
inline dim3 small_block() { return dim3(irand(1, 3) == 1 ? 32 : irand(1, 40)); }

// Equality as the CPU backend would see it: NaN equals NaN; exact also compares the sign of zero.
template <class V> bool same(V got, V want, bool exact_zero_sign = true) {
    if constexpr (std::is_floating_point_v<V>) {
        if (got != got || want != want) return got != got && want != want;
        if (exact_zero_sign && got == 0 && want == 0) return std::signbit(got) == std::signbit(want);
    }
    return got == want;
}
// Within rtol of want (or atol near zero); infinities and NaN must match exactly.
template <class V> bool close(V got, V want, double rtol, double atol = 0) {
    if (got != got || want != want) return got != got && want != want;
    if (std::isinf((double)want) || std::isinf((double)got)) return got == want;
    return std::fabs((double)got - (double)want) <= atol + rtol * std::fabs((double)want);
}

// Compares whole storages, so writes outside the output's elements are caught too.
template <class V, class Eq>
bool expect_all(const std::string& kernel, const std::string& where, const std::vector<V>& got,
                const std::vector<V>& want, Eq eq) {
    checks++;
    for (size_t i = 0; i < want.size(); i++)
        if (!eq(got[i], want[i], i)) return fail(kernel, where, (long long)i, str(got[i]), str(want[i]));
    return true;
}
template <class V>
bool expect_same(const std::string& kernel, const std::string& where, const std::vector<V>& got,
                 const std::vector<V>& want) {
    return expect_all(kernel, where, got, want, [](V g, V w, size_t) { return same(g, w); });
}
template <class V>
bool expect_close(const std::string& kernel, const std::string& where, const std::vector<V>& got,
                  const std::vector<V>& want, double rtol, double atol = 0) {
    return expect_all(kernel, where, got, want, [&](V g, V w, size_t) { return close(g, w, rtol, atol); });
}

inline int finish(const char* suite) {
    std::printf("%s: %lld checks, %d failed\n", suite, checks, failures);
    return failures == 0 ? 0 : 1;
}

}  // namespace t

#endif
