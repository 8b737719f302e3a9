// Counter-based random numbers: Philox4x32-10 (Salmon et al., SC'11; Random123's constants and
// round order, checked against its known-answer vectors in the tests), so a draw is a pure
// function of (seed, offset, i) whatever the grid.
//
// Counter mapping (documented in workbook.cuh): key = (seed & 0xffffffff, seed >> 32); Philox
// block b has counter (b & 0xffffffff, b >> 32, 0, 0) and yields 4 32-bit words.
//   float32: element i uses block offset + i / 4; uniform: word i % 4; normal: Box-Muller on the
//            pair of words (i % 4 & ~1, | 1), cos for even i, sin for odd i.
//   float64: element i uses block offset + i / 2; uniform: 53 bits from words 2 (i % 2), +1;
//            normal: u1 from words 0, 1 and u2 from words 2, 3, cos for even i, sin for odd i.
// A call of n elements so uses ceil(n / 4) (float32) or ceil(n / 2) (float64) blocks: the host
// adds that to its offset before the next call, so no two draws share a block.
// Launch: 1-D grid, block 256; each thread makes one Philox block per step of its loop.
#include "wb_device.cuh"

WB_DEV void philox4x32_10(unsigned c[4], unsigned long long key) {
    unsigned k0 = (unsigned)key, k1 = (unsigned)(key >> 32);
#pragma unroll
    for (int r = 0; r < 10; r++) {
        unsigned hi0 = __umulhi(0xD2511F53u, c[0]), lo0 = 0xD2511F53u * c[0];
        unsigned hi1 = __umulhi(0xCD9E8D57u, c[2]), lo1 = 0xCD9E8D57u * c[2];
        unsigned n0 = hi1 ^ c[1] ^ k0, n2 = hi0 ^ c[3] ^ k1;
        c[0] = n0;
        c[1] = lo1;
        c[2] = n2;
        c[3] = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
}

WB_DEV void philox_block(unsigned w[4], unsigned long long seed, unsigned long long block) {
    w[0] = (unsigned)block;
    w[1] = (unsigned)(block >> 32);
    w[2] = 0;
    w[3] = 0;
    philox4x32_10(w, seed);
}

// [0, 1) with 24 or 53 random bits; the "open" forms are (0, 1], safe for log.
WB_DEV float u24(unsigned w) { return (float)(w >> 8) * 5.9604644775390625e-8f; }
WB_DEV float u24open(unsigned w) { return (float)((w >> 8) + 1) * 5.9604644775390625e-8f; }
WB_DEV double u53(unsigned a, unsigned b) {
    return ((double)(a >> 5) * 67108864.0 + (double)(b >> 6)) * 1.1102230246251565e-16;
}
WB_DEV double u53open(unsigned a, unsigned b) {
    return ((double)(a >> 5) * 67108864.0 + (double)(b >> 6) + 1.0) * 1.1102230246251565e-16;
}

// lo + u (hi - lo), kept below hi when rounding would reach it (torch's uniform_ is [lo, hi)).
WB_DEV float scale_f(float u, double lo, double hi) {
    float v = (float)(lo + (double)u * (hi - lo)), fhi = (float)hi, flo = (float)lo;
    return (v >= fhi && flo < fhi) ? nextafterf(fhi, flo) : v;
}
WB_DEV double scale_d(double u, double lo, double hi) {
    double v = lo + u * (hi - lo);
    return (v >= hi && lo < hi) ? nextafter(hi, lo) : v;
}

extern "C" __global__ void rand_uniform_f32(int n, float* y, unsigned long long seed, unsigned long long offset,
                                            double lo, double hi) {
    WB_GRID_LOOP(b, ((long long)n + 3) / 4) {
        unsigned w[4];
        philox_block(w, seed, offset + (unsigned long long)b);
        for (int j = 0; j < 4 && b * 4 + j < n; j++) y[b * 4 + j] = scale_f(u24(w[j]), lo, hi);
    }
}

extern "C" __global__ void rand_uniform_f64(int n, double* y, unsigned long long seed, unsigned long long offset,
                                            double lo, double hi) {
    WB_GRID_LOOP(b, ((long long)n + 1) / 2) {
        unsigned w[4];
        philox_block(w, seed, offset + (unsigned long long)b);
        for (int j = 0; j < 2 && b * 2 + j < n; j++) y[b * 2 + j] = scale_d(u53(w[2 * j], w[2 * j + 1]), lo, hi);
    }
}

extern "C" __global__ void rand_normal_f32(int n, float* y, unsigned long long seed, unsigned long long offset,
                                           double mean, double std) {
    const float two_pi = 6.28318530717958647f;
    WB_GRID_LOOP(b, ((long long)n + 3) / 4) {
        unsigned w[4];
        philox_block(w, seed, offset + (unsigned long long)b);
        for (int p = 0; p < 2; p++) {
            float r = sqrtf(-2.0f * logf(u24open(w[2 * p])));
            float th = two_pi * u24(w[2 * p + 1]);
            long long i = b * 4 + 2 * p;
            if (i < n) y[i] = (float)(mean + std * (double)(r * cosf(th)));
            if (i + 1 < n) y[i + 1] = (float)(mean + std * (double)(r * sinf(th)));
        }
    }
}

extern "C" __global__ void rand_normal_f64(int n, double* y, unsigned long long seed, unsigned long long offset,
                                           double mean, double std) {
    const double two_pi = 6.283185307179586477;
    WB_GRID_LOOP(b, ((long long)n + 1) / 2) {
        unsigned w[4];
        philox_block(w, seed, offset + (unsigned long long)b);
        double r = sqrt(-2.0 * log(u53open(w[0], w[1])));
        double th = two_pi * u53(w[2], w[3]);
        long long i = b * 2;
        if (i < n) y[i] = mean + std * (r * cos(th));
        if (i + 1 < n) y[i + 1] = mean + std * (r * sin(th));
    }
}
