// index.cu, optim.cu and random.cu on the CPU emulation: gathers and scatter-adds (negative and
// repeated indices), SGD and Adam bit for bit against optim/SGD.java and Adam.java, and Philox
// against Random123's known answers, the documented counter mapping and the distributions.
#include "emu_test.h"
#include "index.cu"
#include "optim.cu"
#include "random.cu"

using namespace t;

template <class V> V gen() { return std::is_floating_point_v<V> ? (V)urand(-3, 3) : (V)irand(-100, 100); }

template <class V> void test_index_select(const char* name, void (*k)(int, int, int, int, const V*, const long long*, V*)) {
    for (int rep = 0; rep < 10; rep++) {
        int outer = irand(1, 4), dimSize = irand(1, 6), inner = irand(1, 5), len = irand(0, 9);
        if (rep == 0) outer = 1, inner = 1;  // a plain vector gather
        std::vector<V> src(outer * dimSize * inner);
        for (auto& v : src) v = gen<V>();
        std::vector<long long> idx(len);
        for (auto& j : idx) j = irand(-dimSize, dimSize - 1);  // negatives count from the end
        std::vector<V> out(outer * len * inner, (V)77), want(out.size());
        for (int o = 0; o < outer; o++)
            for (int l = 0; l < len; l++)
                for (int i = 0; i < inner; i++) {
                    long long j = idx[l] < 0 ? idx[l] + dimSize : idx[l];
                    want[((size_t)o * len + l) * inner + i] = src[((size_t)o * dimSize + j) * inner + i];
                }
        if (!out.empty()) emu_launch(small_grid(), small_block(), k, outer, len, inner, dimSize, src.data(), idx.data(), out.data());
        std::string where = "outer " + std::to_string(outer) + " len " + std::to_string(len) + " inner " +
                            std::to_string(inner) + " dimSize " + std::to_string(dimSize);
        if (!expect_same(name, where, out, want)) return;
    }
}

template <class V> void test_index_add(const char* name, void (*k)(int, int, int, int, V*, const long long*, const V*)) {
    for (int rep = 0; rep < 10; rep++) {
        int outer = irand(1, 4), dimSize = irand(1, 4), inner = irand(1, 5), len = irand(1, 12);  // repeats likely
        std::vector<V> dst(outer * dimSize * inner), src(outer * len * inner);
        for (auto& v : dst) v = gen<V>();
        for (auto& v : src) v = gen<V>();
        std::vector<long long> idx(len);
        for (auto& j : idx) j = irand(-dimSize, dimSize - 1);
        std::vector<V> want = dst;
        for (int o = 0; o < outer; o++)
            for (int l = 0; l < len; l++)
                for (int i = 0; i < inner; i++) {
                    long long j = idx[l] < 0 ? idx[l] + dimSize : idx[l];
                    want[((size_t)o * dimSize + j) * inner + i] += src[((size_t)o * len + l) * inner + i];
                }
        emu_launch(small_grid(), small_block(), k, outer, len, inner, dimSize, dst.data(), idx.data(), src.data());
        std::string where = "outer " + std::to_string(outer) + " len " + std::to_string(len) + " inner " +
                            std::to_string(inner) + " dimSize " + std::to_string(dimSize);
        // Repeated indices add in whatever order the atomics land: floats agree to rounding.
        if (!expect_close(name, where, dst, want, std::is_floating_point_v<V> ? 1e-5 : 0, 0)) return;
    }
}

// optim/SGD.java's update, line by line (float: parameters rounded to float, Math.fma).
template <class V> void sgd_ref(std::vector<V>& w, const std::vector<V>& g, std::vector<V>& buf, double lr, double mom,
                                double damp, double wd, bool nesterov, bool first) {
    V fwd = (V)wd, fmom = (V)mom, fdamp = (V)(1 - damp), flr = (V)-lr;
    for (size_t i = 0; i < w.size(); i++) {
        V d = g[i];
        if (wd != 0) d = std::fma(w[i], fwd, d);
        if (mom != 0) {
            buf[i] = first ? d : std::fma(d, fdamp, buf[i] * fmom);
            d = nesterov ? std::fma(buf[i], fmom, d) : buf[i];
        }
        w[i] = std::fma(d, flr, w[i]);
    }
}

template <class V> void adam_ref(std::vector<V>& w, const std::vector<V>& g, std::vector<V>& m, std::vector<V>& v,
                                 double lr, double b1, double b2, double eps, double wd, int step) {
    double bc1 = 1 - std::pow(b1, step), bc2s = std::sqrt(1 - std::pow(b2, step));
    V fb1 = (V)b1, f1b1 = (V)(1 - b1), fb2 = (V)b2, f1b2 = (V)(1 - b2), fbc2 = (V)bc2s, feps = (V)eps,
      fstep = (V)-(lr / bc1), fwd = (V)wd;
    for (size_t i = 0; i < w.size(); i++) {
        V d = wd != 0 ? std::fma(w[i], fwd, g[i]) : g[i];
        m[i] = std::fma(d, f1b1, m[i] * fb1);
        v[i] = std::fma(f1b2 * d, d, v[i] * fb2);
        V denom = (V)std::sqrt(v[i]) / fbc2 + feps;
        w[i] = w[i] + fstep * m[i] / denom;
    }
}

template <class V> void test_optim(const char* sfx, void (*sgd)(int, V*, const V*, V*, double, double, double, double, int, int),
                                   void (*adam)(int, V*, const V*, V*, V*, double, double, double, double, double, double, double)) {
    for (int rep = 0; rep < 8; rep++) {
        int n = irand(1, 100);
        double lr = urand(0.001, 0.5), mom = rep % 4 == 0 ? 0 : urand(0.5, 0.99), damp = rep % 3 == 0 ? 0 : 0.1;
        double wd = rep % 2 ? 0 : 1e-3;
        bool nesterov = rep % 4 == 1;
        if (nesterov) damp = 0;
        std::vector<V> w(n), g(n), buf(n, (V)0);
        for (auto& x : w) x = gen<V>();
        std::vector<V> ww = w, wb = buf, kw = w, kb = buf;
        for (int step = 0; step < 3; step++) {
            for (auto& x : g) x = gen<V>();
            bool first = step == 0 && mom != 0;
            sgd_ref(ww, g, wb, lr, mom, damp, wd, nesterov, first);
            emu_launch(small_grid(), small_block(), sgd, n, kw.data(), g.data(), mom != 0 ? kb.data() : nullptr, lr, mom,
                       damp, wd, nesterov ? 1 : 0, first ? 1 : 0);
        }
        std::string where = "n " + std::to_string(n) + " momentum " + str(mom) + " dampening " + str(damp) +
                            " weight decay " + str(wd) + (nesterov ? " nesterov" : "");
        expect_same(std::string("sgd_step_") + sfx, where + " (weights)", kw, ww);
        if (mom != 0) expect_same(std::string("sgd_step_") + sfx, where + " (momentum buffer)", kb, wb);

        std::vector<V> am(n, 0), av(n, 0), km(n, 0), kv(n, 0), aw = w, kw2 = w;
        double b1 = 0.9, b2 = rep % 2 ? 0.999 : 0.95, eps = 1e-8;
        for (int step = 1; step <= 3; step++) {
            for (auto& x : g) x = gen<V>();
            adam_ref(aw, g, am, av, lr, b1, b2, eps, wd, step);
            emu_launch(small_grid(), small_block(), adam, n, kw2.data(), g.data(), km.data(), kv.data(), lr, b1, b2, eps,
                       wd, 1 - std::pow(b1, step), 1 - std::pow(b2, step));
        }
        expect_same(std::string("adam_step_") + sfx, "n " + std::to_string(n) + " (weights)", kw2, aw);
        expect_same(std::string("adam_step_") + sfx, "n " + std::to_string(n) + " (second moment)", kv, av);
    }
}

static void test_philox() {
    struct Kat { unsigned c[4]; unsigned long long key; unsigned out[4]; };
    const Kat kats[] = {  // Random123's tests/kat_vectors for philox4x32 10 rounds
        {{0, 0, 0, 0}, 0, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
        {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, 0xffffffffffffffffULL,
         {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
        {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, 0x299f31d0a4093822ULL,
         {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
    };
    for (const Kat& k : kats) {
        unsigned c[4] = {k.c[0], k.c[1], k.c[2], k.c[3]};
        philox4x32_10(c, k.key);
        expect_same("philox4x32_10", "known answer for counter " + str(k.c[0]), std::vector<unsigned>(c, c + 4),
                    std::vector<unsigned>(k.out, k.out + 4));
    }
}

// A draw of n from (seed, offset) with some launch shape.
template <class V> std::vector<V> draw(void (*k)(int, V*, unsigned long long, unsigned long long, double, double), int n,
                                       unsigned long long seed, unsigned long long offset, double a, double b) {
    std::vector<V> y(n, (V)77);
    emu_launch(dim3(irand(1, 4)), dim3(irand(1, 64)), k, n, y.data(), seed, offset, a, b);
    return y;
}

template <class V> void test_random(const char* sfx, void (*uni)(int, V*, unsigned long long, unsigned long long, double, double),
                                    void (*nrm)(int, V*, unsigned long long, unsigned long long, double, double)) {
    const int per = sizeof(V) == 4 ? 4 : 2;  // elements per Philox block
    const unsigned long long seed = 0x123456789abcdefULL;
    for (int which = 0; which < 2; which++) {
        auto k = which ? nrm : uni;
        std::string name = std::string(which ? "rand_normal_" : "rand_uniform_") + sfx;
        // The counter mapping: offset o starts at element o * per of a draw from offset 0,
        // whatever the grid and block.
        std::vector<V> whole = draw<V>(k, 40, seed, 0, 0, 1), part = draw<V>(k, 13, seed, 3, 0, 1);
        expect_same(name, "offset 3 continues the offset-0 stream", part,
                    std::vector<V>(whole.begin() + 3 * per, whole.begin() + 3 * per + 13));
        expect_same(name, "same seed and offset, other launch", draw<V>(k, 40, seed, 0, 0, 1), whole);
        // Distribution: mean and spread within 6 standard errors, uniform values inside [lo, hi).
        int n = 200000;
        double a = which ? 2.0 : -1.0, b = which ? 3.0 : 4.0;
        std::vector<V> y = draw<V>(k, n, seed + 1, 1000, a, b);
        double mean = 0, var = 0, inside = 0;
        for (V v : y) mean += v;
        mean /= n;
        for (V v : y) var += (v - mean) * (v - mean), inside += std::fabs(v - a) < b;
        var /= n - 1;
        double wantMean = which ? a : (a + b) / 2, wantVar = which ? b * b : (b - a) * (b - a) / 12;
        double se = std::sqrt(wantVar / n);
        checks++;
        if (std::fabs(mean - wantMean) > 6 * se) fail(name, "mean of " + std::to_string(n), 0, str(mean), str(wantMean));
        checks++;
        if (std::fabs(var / wantVar - 1) > 0.02) fail(name, "variance of " + std::to_string(n), 0, str(var), str(wantVar));
        if (which) {  // 68.27% within one sigma
            checks++;
            if (std::fabs(inside / n - 0.6827) > 0.006) fail(name, "share within 1 sigma", 0, str(inside / n), "0.6827");
        } else {
            checks++;
            for (int i = 0; i < n; i++)
                if (!(y[i] >= (V)a && y[i] < (V)b)) {
                    fail(name, "values in [" + str(a) + ", " + str(b) + ")", i, str(y[i]), "inside");
                    break;
                }
        }
    }
}

int main() {
#define T_SEL(sfx, T) test_index_select<T>("index_select_" #sfx, index_select_##sfx);
    T_SEL(f32, float) T_SEL(f64, double) T_SEL(i64, long long) T_SEL(i32, int) T_SEL(u8, unsigned char)
    T_SEL(b8, unsigned char)
    test_index_add<float>("index_add_f32", index_add_f32);
    test_index_add<double>("index_add_f64", index_add_f64);
    test_index_add<long long>("index_add_i64", index_add_i64);
    test_optim<float>("f32", sgd_step_f32, adam_step_f32);
    test_optim<double>("f64", sgd_step_f64, adam_step_f64);
    test_philox();
    test_random<float>("f32", rand_uniform_f32, rand_normal_f32);
    test_random<double>("f64", rand_uniform_f64, rand_normal_f64);
    return finish("index, optim, random");
}
