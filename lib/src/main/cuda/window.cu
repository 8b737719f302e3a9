// Sliding windows over contiguous NCHW tensors (convolutions, pooling) and batch norm's
// per-channel sums; the GPU side of backend.WindowKernels, computing what the CPU backend's
// Im2col, Pool2d and ChannelStats compute. Scatters are written as gathers (each thread owns one
// output element and visits the windows that read it, in the order the CPU adds them), so
// there are no atomics and results do not vary from run to run. 1-D grids over the output
// elements (< 2^31); the channel sums use one block per channel (grid-stride over channels,
// block 256) and reduce in double.
#include "wb_device.cuh"

// The geometry of backend.Window2d, field for field.
struct WbWin {
    int n, c, h, w, kh, kw, oh, ow, ph, pw, sh, sw, dh, dw;
};

// cols [C, kh, kw, N, OH, OW] from x [N, C, H, W]; zero outside the input.
template <class T> WB_DEV void im2col_impl(WbWin g, const T* x, T* cols) {
    long long total = (long long)g.c * g.kh * g.kw * g.n * g.oh * g.ow;
    WB_GRID_LOOP(e, total) {
        long long r = e;
        int ox = (int)(r % g.ow); r /= g.ow;
        int oy = (int)(r % g.oh); r /= g.oh;
        int s = (int)(r % g.n); r /= g.n;
        int j = (int)(r % g.kw); r /= g.kw;
        int i = (int)(r % g.kh);
        int ch = (int)(r / g.kh);
        int ih = oy * g.sh - g.ph + i * g.dh, iw = ox * g.sw - g.pw + j * g.dw;
        bool in = ih >= 0 && ih < g.h && iw >= 0 && iw < g.w;
        cols[e] = in ? x[(((long long)s * g.c + ch) * g.h + ih) * g.w + iw] : (T)0;
    }
}

// The output row (or column) o that reads input row ih at kernel offset i, or -1.
WB_DEV int win_out(int ih, int i, int p, int d, int s, int out) {
    int t = ih + p - i * d;
    if (t < 0 || t % s != 0) return -1;
    t /= s;
    return t < out ? t : -1;
}

// x [N, C, H, W] = the sum of its copies in cols, added in the CPU's order: kernel offsets (i, j)
// ascending, from zero, in T.
template <class T> WB_DEV void col2im_impl(WbWin g, const T* cols, T* x) {
    long long total = (long long)g.n * g.c * g.h * g.w;
    long long l = (long long)g.oh * g.ow;
    WB_GRID_LOOP(e, total) {
        long long r = e;
        int iw = (int)(r % g.w); r /= g.w;
        int ih = (int)(r % g.h); r /= g.h;
        int ch = (int)(r % g.c);
        int s = (int)(r / g.c);
        T acc = (T)0;
        for (int i = 0; i < g.kh; i++) {
            int oy = win_out(ih, i, g.ph, g.dh, g.sh, g.oh);
            if (oy < 0) continue;
            for (int j = 0; j < g.kw; j++) {
                int ox = win_out(iw, j, g.pw, g.dw, g.sw, g.ow);
                if (ox < 0) continue;
                long long row = ((long long)ch * g.kh + i) * g.kw + j;
                acc += cols[(row * g.n + s) * l + (long long)oy * g.ow + ox];
            }
        }
        x[e] = acc;
    }
}

// Max over each window inside the input; a NaN takes it (torch's `val > max || isnan(val)`); the
// index starts at the window's first inside element (-1 when there is none).
template <class T> WB_DEV void max_pool_impl(WbWin g, const T* x, T* y, long long* idx) {
    long long total = (long long)g.n * g.c * g.oh * g.ow;
    WB_GRID_LOOP(e, total) {
        int ox = (int)(e % g.ow);
        int oy = (int)(e / g.ow % g.oh);
        long long plane = e / ((long long)g.oh * g.ow);
        const T* xp = x + plane * g.h * g.w;
        int h0 = oy * g.sh - g.ph, w0 = ox * g.sw - g.pw;
        int hs = h0, ws = w0;
        while (hs < 0) hs += g.dh;
        while (ws < 0) ws += g.dw;
        // a window with no element inside the input (dilation past a 1-pixel edge) keeps -inf and -1
        long long best = hs < g.h && ws < g.w ? (long long)hs * g.w + ws : -1;
        T m = -wb_inf();
        for (int i = 0; i < g.kh; i++) {
            int ih = h0 + i * g.dh;
            if (ih < 0 || ih >= g.h) continue;
            for (int j = 0; j < g.kw; j++) {
                int iw = w0 + j * g.dw;
                if (iw < 0 || iw >= g.w) continue;
                T v = xp[ih * g.w + iw];
                if (v > m || v != v) {
                    m = v;
                    best = (long long)ih * g.w + iw;
                }
            }
        }
        y[e] = m;
        idx[e] = best;
    }
}

// gx = the gradients of the outputs whose maximum sat here, added in output order (the CPU's
// scatter order): kernel offsets descending give output positions ascending.
template <class T> WB_DEV void max_pool_backward_impl(WbWin g, const T* gy, const long long* idx, T* gx) {
    long long total = (long long)g.n * g.c * g.h * g.w;
    WB_GRID_LOOP(e, total) {
        int iw = (int)(e % g.w);
        int ih = (int)(e / g.w % g.h);
        long long plane = e / ((long long)g.h * g.w);
        long long at = (long long)ih * g.w + iw;
        T acc = (T)0;
        for (int i = g.kh - 1; i >= 0; i--) {
            int oy = win_out(ih, i, g.ph, g.dh, g.sh, g.oh);
            if (oy < 0) continue;
            for (int j = g.kw - 1; j >= 0; j--) {
                int ox = win_out(iw, j, g.pw, g.dw, g.sw, g.ow);
                if (ox < 0) continue;
                long long o = (plane * g.oh + oy) * g.ow + ox;
                if (idx[o] == at) acc += gy[o];
            }
        }
        gx[e] = acc;
    }
}

WB_DEV int win_min(int a, int b) { return a < b ? a : b; }
WB_DEV int win_max(int a, int b) { return a > b ? a : b; }

// torch's average window: rows [*h0, *h1) and columns [*w0, *w1) inside the input; returns the
// divisor (divisor_override, or the window clipped to the padded input, or to the input).
WB_DEV double avg_window(WbWin g, int oy, int ox, int countIncludePad, int divisorOverride, int* h0, int* h1,
                         int* w0, int* w1) {
    int hs = oy * g.sh - g.ph, ws = ox * g.sw - g.pw;
    int he = win_min(hs + g.kh, g.h + g.ph), we = win_min(ws + g.kw, g.w + g.pw);
    int padded = (he - hs) * (we - ws);
    *h0 = win_max(hs, 0);
    *h1 = win_min(he, g.h);
    *w0 = win_max(ws, 0);
    *w1 = win_min(we, g.w);
    if (divisorOverride != 0) return divisorOverride;
    return countIncludePad ? padded : (*h1 - *h0) * (*w1 - *w0);
}

template <class T> WB_DEV void avg_pool_impl(WbWin g, int countIncludePad, int divisorOverride, const T* x, T* y) {
    long long total = (long long)g.n * g.c * g.oh * g.ow;
    WB_GRID_LOOP(e, total) {
        int ox = (int)(e % g.ow);
        int oy = (int)(e / g.ow % g.oh);
        const T* xp = x + e / ((long long)g.oh * g.ow) * g.h * g.w;
        int h0, h1, w0, w1;
        double div = avg_window(g, oy, ox, countIncludePad, divisorOverride, &h0, &h1, &w0, &w1);
        double s = 0;
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++) s += (double)xp[ih * g.w + iw];
        y[e] = (T)(s / div);
    }
}

// gx = Σ gy / divisor over the windows holding this element, in output order, each addition
// rounded to T as the CPU's stores do.
template <class T>
WB_DEV void avg_pool_backward_impl(WbWin g, int countIncludePad, int divisorOverride, const T* gy, T* gx) {
    long long total = (long long)g.n * g.c * g.h * g.w;
    WB_GRID_LOOP(e, total) {
        int iw = (int)(e % g.w);
        int ih = (int)(e / g.w % g.h);
        long long plane = e / ((long long)g.h * g.w);
        T acc = (T)0;
        for (int i = g.kh - 1; i >= 0; i--) {
            int oy = win_out(ih, i, g.ph, 1, g.sh, g.oh);
            if (oy < 0) continue;
            for (int j = g.kw - 1; j >= 0; j--) {
                int ox = win_out(iw, j, g.pw, 1, g.sw, g.ow);
                if (ox < 0) continue;
                int h0, h1, w0, w1;
                double div = avg_window(g, oy, ox, countIncludePad, divisorOverride, &h0, &h1, &w0, &w1);
                acc = (T)((double)acc + (double)gy[(plane * g.oh + oy) * g.ow + ox] / div);
            }
        }
        gx[e] = acc;
    }
}

// mean[c] and biased var[c] of x [n, c, l]: two passes over the channel, sums in double.
template <class T> WB_DEV void channel_stats_impl(int n, int c, int l, const T* x, T* mean, T* var) {
    __shared__ double sh[WB_MAX_BLOCK];
    long long count = (long long)n * l;
    for (int ch = blockIdx.x; ch < c; ch += gridDim.x) {
        double s = 0;
        for (long long k = threadIdx.x; k < count; k += blockDim.x)
            s += (double)x[((k / l) * c + ch) * l + k % l];
        double m = wb_block_reduce(s, sh, WbSum()) / (double)count;
        double q = 0;
        for (long long k = threadIdx.x; k < count; k += blockDim.x) {
            double d = (double)x[((k / l) * c + ch) * l + k % l] - m;
            q += d * d;
        }
        q = wb_block_reduce(q, sh, WbSum());
        if (threadIdx.x == 0) {
            mean[ch] = (T)m;
            var[ch] = (T)(q / (double)count);
        }
    }
}

// sumA[c] = Σ a, sumAB[c] = Σ a·b over [n, c, l], in double.
template <class T> WB_DEV void channel_sums_impl(int n, int c, int l, const T* a, const T* b, T* sumA, T* sumAB) {
    __shared__ double sh[WB_MAX_BLOCK];
    long long count = (long long)n * l;
    for (int ch = blockIdx.x; ch < c; ch += gridDim.x) {
        double s = 0, p = 0;
        for (long long k = threadIdx.x; k < count; k += blockDim.x) {
            long long at = ((k / l) * c + ch) * l + k % l;
            s += (double)a[at];
            p += (double)a[at] * (double)b[at];
        }
        s = wb_block_reduce(s, sh, WbSum());
        p = wb_block_reduce(p, sh, WbSum());
        if (threadIdx.x == 0) {
            sumA[ch] = (T)s;
            sumAB[ch] = (T)p;
        }
    }
}

#define WB_WINDOW(sfx, T)                                                                                    \
    extern "C" __global__ void im2col_##sfx(WbWin g, const T* x, T* cols) { im2col_impl<T>(g, x, cols); }    \
    extern "C" __global__ void col2im_##sfx(WbWin g, const T* cols, T* x) { col2im_impl<T>(g, cols, x); }    \
    extern "C" __global__ void max_pool_##sfx(WbWin g, const T* x, T* y, long long* idx) {                   \
        max_pool_impl<T>(g, x, y, idx);                                                                      \
    }                                                                                                        \
    extern "C" __global__ void max_pool_backward_##sfx(WbWin g, const T* gy, const long long* idx, T* gx) {  \
        max_pool_backward_impl<T>(g, gy, idx, gx);                                                           \
    }                                                                                                        \
    extern "C" __global__ void avg_pool_##sfx(WbWin g, int countIncludePad, int divisorOverride, const T* x, \
                                              T* y) {                                                        \
        avg_pool_impl<T>(g, countIncludePad, divisorOverride, x, y);                                         \
    }                                                                                                        \
    extern "C" __global__ void avg_pool_backward_##sfx(WbWin g, int countIncludePad, int divisorOverride,    \
                                                       const T* gy, T* gx) {                                 \
        avg_pool_backward_impl<T>(g, countIncludePad, divisorOverride, gy, gx);                              \
    }                                                                                                        \
    extern "C" __global__ void channel_stats_##sfx(int n, int c, int l, const T* x, T* mean, T* var) {       \
        channel_stats_impl<T>(n, c, l, x, mean, var);                                                        \
    }                                                                                                        \
    extern "C" __global__ void channel_sums_##sfx(int n, int c, int l, const T* a, const T* b, T* sumA,      \
                                                  T* sumAB) {                                                \
        channel_sums_impl<T>(n, c, l, a, b, sumA, sumAB);                                                    \
    }

WB_WINDOW(f32, float)
WB_WINDOW(f64, double)
