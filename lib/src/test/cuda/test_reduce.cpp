// reduce.cu on the CPU emulation: every op over random subsets of dims of random strided
// inputs, against Reduce.java's sequential scan; blocks of odd sizes and the real 256.
#include "emu_test.h"
#include "reference.h"
#include "reduce.cu"

using namespace t;

// One reduction problem: the input's layout split into kept (ks, ka) and reduced (rs, ra) dims.
struct Problem {
    WbShape ks{}, rs{};
    WbStrides ka{}, ra{};
    int storage = 0, outer = 1, inner = 1;
    std::string where;
};

static Problem problem(bool allowEmptyInner) {
    Problem p;
    WbShape s;
    WbStrides a;
    do {
        s = random_shape(6);
        if (s.ndim == 0) s = shape_of({irand(1, 300)});  // a long run: several rounds of a 256 block
        p.storage = random_layout(s, false, a);
        p.ks = p.rs = WbShape{};
        p.ka = p.ra = WbStrides{};
        for (int d = 0; d < s.ndim; d++) {
            bool reduce = irand(0, 1) == 1;
            WbShape& sh = reduce ? p.rs : p.ks;
            WbStrides& st = reduce ? p.ra : p.ka;
            st.stride[sh.ndim] = a.stride[d];
            sh.size[sh.ndim++] = s.size[d];
        }
        p.outer = (int)numel(p.ks);
        p.inner = (int)numel(p.rs);
    } while (p.outer == 0 || p.outer > 64 || (!allowEmptyInner && p.inner == 0));  // 0: the host launches neither
    int split = irand(0, a.off);  // both offsets are added: put some of it in each
    p.ka.off = a.off - split;
    p.ra.off = split;
    p.where = "kept " + shape_str(p.ks) + " " + strides_str(p.ka, p.ks.ndim) + ", reduced " + shape_str(p.rs) +
              " " + strides_str(p.ra, p.rs.ndim);
    return p;
}

static long long at(const Problem& p, int j, int r) {
    WbStrides ra0 = p.ra;
    return offset_of(j, p.ks, p.ka) + offset_of(r, p.rs, ra0);
}

// Inputs in one of three moods: plain random, small integers (ties, signed zeros), or with NaN
// and infinities sprinkled in.
template <class V> std::vector<V> input(int n, int mood) {
    std::vector<V> x(n);
    for (auto& v : x) {
        if constexpr (std::is_floating_point_v<V>) {
            if (mood == 0) v = (V)urand(-5, 5);
            else if (mood == 1) v = irand(0, 6) == 0 ? (V)-0.0 : (V)irand(-3, 3);
            else v = irand(0, 15) == 0 ? (V)NAN : (irand(0, 15) == 0 ? (V)-INFINITY : (V)urand(-5, 5));
        } else {
            v = mood == 2 ? (V)(irand(0, 1) ? LLONG_MIN + irand(0, 9) : LLONG_MAX - irand(0, 9)) : (V)irand(-3, 3);
        }
    }
    return x;
}

// Mostly small and odd blocks; the real 256 for problems with few outputs, as every
// __syncthreads of a 256-thread block costs the 2-core emulation about a millisecond.
static dim3 block_size(int outer) {
    int b = irand(0, 5);
    if (b == 0 && outer <= 6) return dim3(256);
    return dim3(b == 1 ? 1 : irand(2, 40));
}

template <class V> void test_reduce(const char* name, void (*k)(int, int, WbShape, WbStrides, WbShape, WbStrides,
                                                                const V*, V*, int)) {
    constexpr bool fp = std::is_floating_point_v<V>;
    for (int op : {R_SUM, R_MEAN, R_PROD, R_MAX, R_MIN, R_ALL, R_ANY})
        for (int rep = 0; rep < 12; rep++) {
            bool extreme = op == R_MAX || op == R_MIN;
            Problem p = problem(!extreme);
            int mood = irand(0, 2);
            if (!fp && op == R_MEAN) mood = 0;  // int64 means go through double: keep them exact
            std::vector<V> x = input<V>(p.storage, mood), y(p.outer, (V)77), want(p.outer);
            for (int j = 0; j < p.outer; j++) {
                if (extreme) {  // Reduce.java's scan: NaN wins and stops it, ties keep the first
                    V b = x[at(p, j, 0)];
                    for (int r = 1; r < p.inner && b == b; r++) {
                        V v = x[at(p, j, r)];
                        if (v != v || (op == R_MAX ? v > b : v < b)) b = v;
                    }
                    want[j] = b;
                } else if (op == R_ALL || op == R_ANY) {
                    bool all = true, any = false;
                    for (int r = 0; r < p.inner; r++) (x[at(p, j, r)] != 0 ? any : all) = (x[at(p, j, r)] != 0);
                    want[j] = (op == R_ALL ? all : any) ? 1 : 0;
                } else if (fp || op == R_MEAN) {
                    double acc = op == R_PROD ? 1 : 0;
                    for (int r = 0; r < p.inner; r++)
                        acc = op == R_PROD ? acc * (double)x[at(p, j, r)] : acc + (double)x[at(p, j, r)];
                    if (op == R_MEAN) acc /= p.inner;
                    want[j] = fp ? (V)acc : (V)ref::d2l(acc);
                } else {
                    __int128 acc = op == R_PROD ? 1 : 0;
                    for (int r = 0; r < p.inner; r++) {
                        acc = op == R_PROD ? (__int128)ref::wrap(acc * x[at(p, j, r)]) : acc + x[at(p, j, r)];
                    }
                    want[j] = (V)ref::wrap(acc);
                }
            }
            emu_launch(dim3(irand(1, 3)), block_size(p.outer), k, p.outer, p.inner, p.ks, p.ka, p.rs, p.ra, x.data(), y.data(),
                       op);
            std::string where = "op " + std::to_string(op) + " mood " + std::to_string(mood) + " " + p.where;
            bool exact = !fp || extreme || op == R_ALL || op == R_ANY;
            // Sums in double, in another order: the float results agree to rounding.
            bool ok = exact ? expect_same(name, where, y, want)
                            : expect_close(name, where, y, want, sizeof(V) == 4 ? 3e-7 : 1e-13, 1e-12);
            if (!ok) return;
        }
}

template <class V> void test_argreduce(const char* name, void (*k)(int, int, WbShape, WbStrides, WbShape, WbStrides,
                                                                   const V*, long long*, int)) {
    for (int op : {R_ARGMAX, R_ARGMIN})
        for (int rep = 0; rep < 15; rep++) {
            Problem p = problem(false);
            int mood = irand(0, 2);
            std::vector<V> x = input<V>(p.storage, mood);
            std::vector<long long> y(p.outer, 77), want(p.outer);
            for (int j = 0; j < p.outer; j++) {
                V b = x[at(p, j, 0)];
                long long bi = 0;
                for (int r = 1; r < p.inner && b == b; r++) {
                    V v = x[at(p, j, r)];
                    if (v != v || (op == R_ARGMAX ? v > b : v < b)) b = v, bi = r;
                }
                want[j] = bi;
            }
            emu_launch(dim3(irand(1, 3)), block_size(p.outer), k, p.outer, p.inner, p.ks, p.ka, p.rs, p.ra, x.data(), y.data(),
                       op);
            if (!expect_same(name, "op " + std::to_string(op) + " mood " + std::to_string(mood) + " " + p.where, y, want))
                return;
        }
}

template <class V> void test_variance(const char* name, void (*k)(int, int, WbShape, WbStrides, WbShape, WbStrides,
                                                                  const V*, V*, int)) {
    for (int rep = 0; rep < 20; rep++) {
        Problem p = problem(true);
        int correction = irand(0, 2);
        std::vector<V> x = input<V>(p.storage, irand(0, 1)), y(p.outer, (V)77), want(p.outer);
        for (int j = 0; j < p.outer; j++) {
            double mean = 0, ss = 0;
            for (int r = 0; r < p.inner; r++) mean += x[at(p, j, r)];
            mean /= p.inner;
            for (int r = 0; r < p.inner; r++) ss += (x[at(p, j, r)] - mean) * (x[at(p, j, r)] - mean);
            want[j] = (V)(ss / std::max(0, p.inner - correction));
        }
        emu_launch(dim3(irand(1, 3)), block_size(p.outer), k, p.outer, p.inner, p.ks, p.ka, p.rs, p.ra, x.data(), y.data(),
                   correction);
        if (!expect_close(name, "correction " + std::to_string(correction) + " " + p.where, y, want,
                          sizeof(V) == 4 ? 3e-7 : 1e-12, 1e-12))
            return;
    }
}

// Empty reductions: torch's sum() of nothing is 0, mean() NaN, prod() 1.
static void test_empty() {
    WbShape ks = shape_of({2}), rs = shape_of({0});
    WbStrides ka = contiguous(ks), ra{};
    float x = 0;
    for (auto [op, want] : {std::pair{R_SUM, 0.0f}, {R_MEAN, NAN}, {R_PROD, 1.0f}, {R_ALL, 1.0f}, {R_ANY, 0.0f}}) {
        std::vector<float> y(2, 77), w(2, want);
        emu_launch(dim3(1), dim3(64), reduce_f32, 2, 0, ks, ka, rs, ra, &x, y.data(), op);
        expect_same("reduce_f32", "empty reduction, op " + std::to_string(op), y, w);
    }
}

int main() {
    test_reduce<float>("reduce_f32", reduce_f32);
    test_reduce<double>("reduce_f64", reduce_f64);
    test_reduce<long long>("reduce_i64", reduce_i64);
    test_argreduce<float>("argreduce_f32", argreduce_f32);
    test_argreduce<double>("argreduce_f64", argreduce_f64);
    test_argreduce<long long>("argreduce_i64", argreduce_i64);
    test_variance<float>("variance_f32", variance_f32);
    test_variance<double>("variance_f64", variance_f64);
    test_empty();
    return finish("reduce");
}
