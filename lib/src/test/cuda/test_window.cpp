// window.cu on the CPU emulation: im2col/col2im, max and average pooling with their backward
// passes, and batch norm's channel sums, against the scatter loops of the CPU backend
// (backend/cpu/Im2col, Pool2d, PositionSums) written out again here. The kernels gather in the
// order those loops add, so all but the channel sums must match bit for bit.
#include "emu_test.h"
#include "window.cu"

using namespace t;

template <class V> std::vector<V> vals(size_t n) {
    std::vector<V> x(n);
    for (auto& v : x) v = (V)(std::round(urand(-4, 4) * 2) / 2);  // halves: ties in every max
    if (n > 2 && irand(0, 3) == 0) {
        x[irand(0, (int)n - 1)] = (V)NAN;
        x[irand(0, (int)n - 1)] = (V)-INFINITY;
    }
    return x;
}

static WbWin random_win(bool dilated) {
    for (;;) {
        WbWin g;
        g.n = irand(1, 3); g.c = irand(1, 3); g.h = irand(1, 9); g.w = irand(1, 9);
        g.kh = irand(1, 3); g.kw = irand(1, 4); g.sh = irand(1, 3); g.sw = irand(1, 3);
        g.dh = dilated ? irand(1, 2) : 1; g.dw = dilated ? irand(1, 2) : 1;
        g.ph = irand(0, g.kh / 2); g.pw = irand(0, g.kw / 2);
        g.oh = (g.h + 2 * g.ph - g.dh * (g.kh - 1) - 1) / g.sh + 1;
        g.ow = (g.w + 2 * g.pw - g.dw * (g.kw - 1) - 1) / g.sw + 1;
        if (g.h + 2 * g.ph - g.dh * (g.kh - 1) - 1 >= 0 && g.w + 2 * g.pw - g.dw * (g.kw - 1) - 1 >= 0) return g;
    }
}

static std::string win_str(const WbWin& g) {
    char b[200];
    snprintf(b, sizeof b, "n%d c%d %dx%d k%dx%d out %dx%d pad %d,%d stride %d,%d dil %d,%d", g.n, g.c, g.h, g.w, g.kh,
             g.kw, g.oh, g.ow, g.ph, g.pw, g.sh, g.sw, g.dh, g.dw);
    return b;
}

template <class V> struct Ref {
    static void im2col(const WbWin& g, const std::vector<V>& x, std::vector<V>& cols, std::vector<V>* back) {
        size_t e = 0;
        for (int ch = 0; ch < g.c; ch++)
            for (int i = 0; i < g.kh; i++)
                for (int j = 0; j < g.kw; j++)
                    for (int s = 0; s < g.n; s++)
                        for (int oy = 0; oy < g.oh; oy++)
                            for (int ox = 0; ox < g.ow; ox++, e++) {
                                int ih = oy * g.sh - g.ph + i * g.dh, iw = ox * g.sw - g.pw + j * g.dw;
                                bool in = ih >= 0 && ih < g.h && iw >= 0 && iw < g.w;
                                size_t at = (((size_t)s * g.c + ch) * g.h + ih) * g.w + iw;
                                if (back) {
                                    if (in) (*back)[at] += cols[e];  // col2im: the same walk, adding
                                } else {
                                    cols[e] = in ? x[at] : (V)0;
                                }
                            }
    }
    static void max_pool(const WbWin& g, const std::vector<V>& x, std::vector<V>& y, std::vector<long long>& idx) {
        size_t e = 0;
        for (int p = 0; p < g.n * g.c; p++)
            for (int oy = 0; oy < g.oh; oy++)
                for (int ox = 0; ox < g.ow; ox++, e++) {
                    int h0 = oy * g.sh - g.ph, w0 = ox * g.sw - g.pw, hs = h0, ws = w0;
                    while (hs < 0) hs += g.dh;
                    while (ws < 0) ws += g.dw;
                    long long best = hs < g.h && ws < g.w ? (long long)hs * g.w + ws : -1;
                    double m = -INFINITY;
                    for (int i = 0; i < g.kh; i++)
                        for (int j = 0; j < g.kw; j++) {
                            int ih = h0 + i * g.dh, iw = w0 + j * g.dw;
                            if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) continue;
                            double v = x[(size_t)p * g.h * g.w + ih * g.w + iw];
                            if (v > m || v != v) { m = v; best = (long long)ih * g.w + iw; }
                        }
                    y[e] = (V)m;
                    idx[e] = best;
                }
    }
    static void avg(const WbWin& g, int inc, int over, int oy, int ox, int* r) {
        int hs = oy * g.sh - g.ph, ws = ox * g.sw - g.pw;
        int he = std::min(hs + g.kh, g.h + g.ph), we = std::min(ws + g.kw, g.w + g.pw);
        r[4] = (he - hs) * (we - ws);
        r[0] = std::max(hs, 0); r[1] = std::min(he, g.h); r[2] = std::max(ws, 0); r[3] = std::min(we, g.w);
        r[5] = over ? over : inc ? r[4] : (r[1] - r[0]) * (r[3] - r[2]);
    }
};

template <class V, class I2C, class C2I, class MP, class MPB, class AP, class APB, class CS, class CSU>
void test_window(const char* sfx, I2C i2c, C2I c2i, MP mp, MPB mpb, AP ap, APB apb, CS cs, CSU csu) {
    std::string S(sfx);
    for (int rep = 0; rep < 30; rep++) {
        WbWin g = random_win(true);
        std::string where = win_str(g);
        size_t nx = (size_t)g.n * g.c * g.h * g.w, nc = (size_t)g.c * g.kh * g.kw * g.n * g.oh * g.ow,
               ny = (size_t)g.n * g.c * g.oh * g.ow;
        std::vector<V> x = vals<V>(nx), cols(nc, (V)77), want(nc);
        Ref<V>::im2col(g, x, want, nullptr);
        emu_launch(small_grid(), small_block(), i2c, g, x.data(), cols.data());
        expect_same("im2col_" + S, where, cols, want);
        std::vector<V> c = vals<V>(nc), back(nx, (V)77), wantBack(nx, (V)0);
        Ref<V>::im2col(g, x, c, &wantBack);
        emu_launch(small_grid(), small_block(), c2i, g, c.data(), back.data());
        expect_same("col2im_" + S, where, back, wantBack);

        std::vector<V> y(ny, (V)77), wy(ny), gy = vals<V>(ny), gx(nx, (V)77), wgx(nx, (V)0);
        std::vector<long long> idx(ny, -7), widx(ny);
        Ref<V>::max_pool(g, x, wy, widx);
        emu_launch(small_grid(), small_block(), mp, g, x.data(), y.data(), idx.data());
        expect_same("max_pool_" + S, where, y, wy);
        expect_same("max_pool_" + S + " indices", where, idx, widx);
        for (size_t e = 0; e < ny; e++)
            if (widx[e] >= 0) wgx[e / (g.oh * g.ow) * g.h * g.w + widx[e]] += gy[e];
        emu_launch(small_grid(), small_block(), mpb, g, gy.data(), widx.data(), gx.data());
        expect_same("max_pool_backward_" + S, where, gx, wgx);

        WbWin a = random_win(false);
        size_t ax = (size_t)a.n * a.c * a.h * a.w, ay = (size_t)a.n * a.c * a.oh * a.ow;
        std::vector<V> xa = vals<V>(ax), ga = vals<V>(ay);
        for (int rule = 0; rule < 3; rule++) {
            int inc = rule != 1, over = rule == 2 ? 3 : 0;
            std::string w2 = win_str(a) + " rule " + std::to_string(rule);
            std::vector<V> ya(ay, (V)77), wya(ay), gxa(ax, (V)77), wgxa(ax, (V)0);
            size_t e = 0;
            for (int p = 0; p < a.n * a.c; p++)
                for (int oy = 0; oy < a.oh; oy++)
                    for (int ox = 0; ox < a.ow; ox++, e++) {
                        int r[6];
                        Ref<V>::avg(a, inc, over, oy, ox, r);
                        double s = 0;
                        for (int ih = r[0]; ih < r[1]; ih++)
                            for (int iw = r[2]; iw < r[3]; iw++) s += (double)xa[(size_t)p * a.h * a.w + ih * a.w + iw];
                        wya[e] = (V)(s / r[5]);
                        double share = (double)ga[e] / r[5];
                        for (int ih = r[0]; ih < r[1]; ih++)
                            for (int iw = r[2]; iw < r[3]; iw++) {
                                V& t = wgxa[(size_t)p * a.h * a.w + ih * a.w + iw];
                                t = (V)((double)t + share);
                            }
                    }
            emu_launch(small_grid(), small_block(), ap, a, inc, over, xa.data(), ya.data());
            expect_same("avg_pool_" + S, w2, ya, wya);
            emu_launch(small_grid(), small_block(), apb, a, inc, over, ga.data(), gxa.data());
            expect_same("avg_pool_backward_" + S, w2, gxa, wgxa);
        }

        int n = irand(1, 4), ch = irand(1, 5), l = irand(0, 3) == 0 ? 1 : irand(1, 300);
        size_t m = (size_t)n * ch * l;
        std::vector<V> p(m), q(m);
        for (size_t k = 0; k < m; k++) { p[k] = (V)urand(-3, 5); q[k] = (V)urand(-1, 1); }
        std::vector<V> mean(ch, (V)77), var(ch, (V)77), wm(ch), wv(ch), sa(ch, (V)77), sab(ch, (V)77), wsa(ch), wsab(ch);
        for (int cc = 0; cc < ch; cc++) {
            double s = 0, s2 = 0, ps = 0, pp = 0;
            for (int i = 0; i < n; i++)
                for (int k = 0; k < l; k++) {
                    size_t at = ((size_t)i * ch + cc) * l + k;
                    s += (double)p[at];
                    pp += (double)p[at] * (double)q[at];
                }
            double mu = s / ((double)n * l);
            for (int i = 0; i < n; i++)
                for (int k = 0; k < l; k++) {
                    double d = (double)p[((size_t)i * ch + cc) * l + k] - mu;
                    s2 += d * d;
                }
            ps = s;
            wm[cc] = (V)mu; wv[cc] = (V)(s2 / ((double)n * l)); wsa[cc] = (V)ps; wsab[cc] = (V)pp;
        }
        std::string w3 = "n " + std::to_string(n) + " c " + std::to_string(ch) + " l " + std::to_string(l);
        dim3 block(irand(0, 1) ? 256 : irand(1, 40)), grid(irand(1, 3));
        const double tol = sizeof(V) == 4 ? 1e-6 : 1e-13;
        emu_launch(grid, block, cs, n, ch, l, p.data(), mean.data(), var.data());
        expect_close("channel_stats_" + S + " mean", w3, mean, wm, tol, tol);
        expect_close("channel_stats_" + S + " var", w3, var, wv, tol, tol);
        emu_launch(grid, block, csu, n, ch, l, p.data(), q.data(), sa.data(), sab.data());
        expect_close("channel_sums_" + S, w3, sa, wsa, tol, tol);
        expect_close("channel_sums_" + S + " products", w3, sab, wsab, tol, tol);
    }
}

int main() {
    test_window<float>("f32", im2col_f32, col2im_f32, max_pool_f32, max_pool_backward_f32, avg_pool_f32,
                       avg_pool_backward_f32, channel_stats_f32, channel_sums_f32);
    test_window<double>("f64", im2col_f64, col2im_f64, max_pool_f64, max_pool_backward_f64, avg_pool_f64,
                        avg_pool_backward_f64, channel_stats_f64, channel_sums_f64);
    return finish("window");
}
