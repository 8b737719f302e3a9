// rows.cu on the CPU emulation: softmax, log_softmax and their backward passes against
// nn/F.java's formulas (max, exp, a double-accumulated sum rounded to T, then T arithmetic), and
// the NLL kernels against nn/Losses.java, bad targets included.
#include "emu_test.h"
#include "rows.cu"

using namespace t;

template <class V> std::vector<V> logits(int n, int mood) {
    std::vector<V> x(n);
    for (auto& v : x) {
        v = (V)urand(-8, 8);
        if (mood == 1 && irand(0, 9) == 0) v = (V)-INFINITY;      // masked out
        if (mood == 2 && irand(0, 30) == 0) v = (V)NAN;           // poisons its row
        if (mood == 3) v = (V)(irand(0, 1) ? 1e30 : -1e30);       // needs the max shift
        if (mood == 4) v = irand(0, 1) ? (V)0.0 : (V)-0.0;        // ties of signed zeros
    }
    return x;
}

static double ex(double v) { return std::exp(v); }

template <class V> struct RowRef {
    // nn/F.java: shifted = x - max; logSoftmax = shifted - log(sum(exp(shifted))); softmax = e / sum(e)
    static void forward(const std::vector<V>& x, int rows, int cols, bool log, std::vector<V>& y) {
        for (int r = 0; r < rows && cols > 0; r++) {
            const V* xr = &x[(size_t)r * cols];
            V m = xr[0];
            for (int c = 1; c < cols && m == m; c++)
                if (xr[c] != xr[c] || xr[c] > m) m = xr[c];
            double s = 0;
            for (int c = 0; c < cols; c++) s += (double)(V)ex((double)(V)(xr[c] - m));
            V sum = (V)s, ls = (V)std::log((double)sum);
            for (int c = 0; c < cols; c++)
                y[(size_t)r * cols + c] = log ? (V)(xr[c] - m) - ls : (V)ex((double)(V)(xr[c] - m)) / sum;
        }
    }
    static void backward(const std::vector<V>& g, const std::vector<V>& y, int rows, int cols, bool log,
                         std::vector<V>& dx) {
        for (int r = 0; r < rows; r++) {
            size_t o = (size_t)r * cols;
            double s = 0;
            for (int c = 0; c < cols; c++) s += log ? (double)g[o + c] : (double)(V)(g[o + c] * y[o + c]);
            V sv = (V)s;
            for (int c = 0; c < cols; c++) {
                if (log) dx[o + c] = g[o + c] - (V)ex((double)y[o + c]) * sv;
                else dx[o + c] = y[o + c] * (g[o + c] - sv);
            }
        }
    }
};


template <class V> void test_rows(const char* suffix, void (*lsm)(int, int, const V*, V*), void (*sm)(int, int, const V*, V*),
                                  void (*lsmb)(int, int, const V*, const V*, V*), void (*smb)(int, int, const V*, const V*, V*)) {
    const double rtol = sizeof(V) == 4 ? 2e-6 : 1e-13, atol = sizeof(V) == 4 ? 2e-6 : 1e-13;
    for (int rep = 0; rep < 24; rep++) {
        int rows = irand(0, 5) == 0 ? irand(0, 1) : irand(1, 12);
        int cols = irand(0, 4) == 0 ? irand(0, 1) : (irand(0, 3) == 0 ? irand(250, 600) : irand(2, 40));
        if (rows == 0) continue;  // the host launches no empty grid
        int mood = irand(0, 4);
        int n = rows * cols;
        std::vector<V> x = logits<V>(n, mood), g = logits<V>(n, 0);
        dim3 block(rows <= 3 && irand(0, 1) ? 256 : irand(1, 40)), grid(irand(1, 3));
        std::string where = std::to_string(rows) + "x" + std::to_string(cols) + " mood " + std::to_string(mood) +
                            " block " + std::to_string(block.x);
        for (int log = 0; log <= 1; log++) {
            std::string k = std::string(log ? "log_softmax_" : "softmax_") + suffix;
            std::vector<V> y(n, (V)77), want(n);
            RowRef<V>::forward(x, rows, cols, log, want);
            emu_launch(grid, block, log ? lsm : sm, rows, cols, x.data(), y.data());
            if (!expect_close(k, where, y, want, rtol, atol)) continue;
            // Backward from the reference's forward output, so only the backward kernel is judged.
            std::string kb = std::string(log ? "log_softmax_backward_" : "softmax_backward_") + suffix;
            std::vector<V> dx(n, (V)77), wantdx(n);
            RowRef<V>::backward(g, want, rows, cols, log, wantdx);
            emu_launch(grid, block, log ? lsmb : smb, rows, cols, g.data(), want.data(), dx.data());
            expect_close(kb, where, dx, wantdx, rtol, atol * 10);
        }
    }
}

template <class V>
void test_nll(const char* suffix, void (*fwd)(int, int, const V*, const long long*, V*, int*),
              void (*bwd)(int, int, const long long*, const V*, int, double, V*)) {
    for (int rep = 0; rep < 12; rep++) {
        int n = irand(1, 70), c = irand(1, 12);
        std::vector<V> logp = logits<V>(n * c, 0), picked(n, (V)77), want(n);
        std::vector<long long> target(n);
        for (auto& t : target) t = irand(0, c - 1);
        int firstBad = 0;
        if (rep % 3 == 0)  // a few out-of-range targets; the kernel must name the first
            for (int b = 0; b < 3; b++) {
                int i = irand(0, n - 1);
                target[i] = irand(0, 1) ? -1 : c + irand(0, 3);
            }
        for (int i = 0; i < n; i++) {
            bool bad = target[i] < 0 || target[i] >= c;
            if (bad && firstBad == 0) firstBad = i + 1;
            want[i] = bad ? 0 : -logp[(size_t)i * c + target[i]];
        }
        int badOut = 0;
        std::string where = "n " + std::to_string(n) + " c " + std::to_string(c);
        emu_launch(small_grid(), small_block(), fwd, n, c, logp.data(), target.data(), picked.data(), &badOut);
        expect_same(std::string("nll_forward_") + suffix, where, picked, want);
        expect_same(std::string("nll_forward_") + suffix, where + " (bad target index + 1)", std::vector<int>{badOut},
                    std::vector<int>{firstBad});
        // Backward: one shared gradient (mean / sum reduction) or one per sample (none).
        for (int gStep = 0; gStep <= 1; gStep++) {
            std::vector<V> g = logits<V>(n, 0), dx(n * c, (V)0), wantdx(n * c, (V)0);
            double scale = gStep ? 1.0 : 1.0 / n;
            for (int i = 0; i < n; i++)
                if (target[i] >= 0 && target[i] < c)
                    wantdx[(size_t)i * c + target[i]] = (V)(-(double)g[(size_t)i * gStep] * scale);
            emu_launch(small_grid(), small_block(), bwd, n, c, target.data(), g.data(), gStep, scale, dx.data());
            expect_same(std::string("nll_backward_") + suffix, where + " gStep " + std::to_string(gStep), dx, wantdx);
        }
    }
}

int main() {
    test_rows<float>("f32", log_softmax_f32, softmax_f32, log_softmax_backward_f32, softmax_backward_f32);
    test_rows<double>("f64", log_softmax_f64, softmax_f64, log_softmax_backward_f64, softmax_backward_f64);
    test_nll<float>("f32", nll_forward_f32, nll_backward_f32);
    test_nll<double>("f64", nll_forward_f64, nll_backward_f64);
    return finish("rows");
}
