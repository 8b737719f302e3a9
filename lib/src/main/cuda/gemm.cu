// Matrix products, row-major, batched through blockIdx.z (see workbook.cuh for the layouts).
//
// sgemm_f32: the classic register-tiled SGEMM. A 256-thread block computes a 128 x 128 tile of C;
// each thread owns 8 x 8 outputs laid out as four 4 x 4 quads (rows ty*4.. and 64+ty*4.., columns
// tx*4.. and 64+tx*4..), so its A and B fragments are two float4 shared-memory reads each, without
// bank conflicts. K advances 8 at a time through double-buffered shared tiles: the next tile is
// fetched from global memory into registers while the current one is multiplied, and one
// __syncthreads per step suffices. A is stored transposed in shared memory (As[k][m]) so both
// fragments are contiguous; rows are padded by 4 floats, which keeps float4 alignment and makes the
// transposing stores conflict-free. Global loads are float4 when the leading dimension is a
// multiple of 4 and the base is 16-byte aligned, scalar and bounds-checked otherwise; out-of-range
// elements load as 0, so ragged m, n, k (including k = 0) need no special case.
#include "wb_device.cuh"

#define SG_BM 128
#define SG_BN 128
#define SG_BK 8
#define SG_PAD 4

WB_DEV float4 ld4(const float* p) {
    WB_CHECK_ALIGNED(p, 16);
    return *reinterpret_cast<const float4*>(p);
}
WB_DEV void st4(float* p, float4 v) {
    WB_CHECK_ALIGNED(p, 16);
    *reinterpret_cast<float4*>(p) = v;
}
WB_DEV bool aligned16(const void* p) { return ((unsigned long long)p & 15) == 0; }

// This thread's four elements of the A tile at k offset kb: (row, k..k+3) of A or, transposed,
// (k, row..row+3) of the stored k x m array.
WB_DEV void sg_load_a(float r[4], const float* A, int m, int k, int row0, int kb, int transA, bool vec) {
    const int tid = threadIdx.x;
    if (!transA) {
        int row = row0 + (tid >> 1), kk = kb + ((tid & 1) << 2);
        const float* p = A + (long long)row * k + kk;
        if (vec && row < m && kk < k) {
            float4 v = ld4(p);
            r[0] = v.x, r[1] = v.y, r[2] = v.z, r[3] = v.w;
        } else {
#pragma unroll
            for (int i = 0; i < 4; i++) r[i] = (row < m && kk + i < k) ? p[i] : 0.f;
        }
    } else {
        int kk = kb + (tid >> 5), row = row0 + ((tid & 31) << 2);
        const float* p = A + (long long)kk * m + row;
        if (vec && kk < k && row < m) {
            float4 v = ld4(p);
            r[0] = v.x, r[1] = v.y, r[2] = v.z, r[3] = v.w;
        } else {
#pragma unroll
            for (int i = 0; i < 4; i++) r[i] = (kk < k && row + i < m) ? p[i] : 0.f;
        }
    }
}

// Same for B: (k..k+3 of column col) of a stored n x k array when transposed, else (k, col..col+3).
WB_DEV void sg_load_b(float r[4], const float* B, int n, int k, int col0, int kb, int transB, bool vec) {
    const int tid = threadIdx.x;
    if (transB) {
        int col = col0 + (tid >> 1), kk = kb + ((tid & 1) << 2);
        const float* p = B + (long long)col * k + kk;
        if (vec && col < n && kk < k) {
            float4 v = ld4(p);
            r[0] = v.x, r[1] = v.y, r[2] = v.z, r[3] = v.w;
        } else {
#pragma unroll
            for (int i = 0; i < 4; i++) r[i] = (col < n && kk + i < k) ? p[i] : 0.f;
        }
    } else {
        int kk = kb + (tid >> 5), col = col0 + ((tid & 31) << 2);
        const float* p = B + (long long)kk * n + col;
        if (vec && kk < k && col < n) {
            float4 v = ld4(p);
            r[0] = v.x, r[1] = v.y, r[2] = v.z, r[3] = v.w;
        } else {
#pragma unroll
            for (int i = 0; i < 4; i++) r[i] = (kk < k && col + i < n) ? p[i] : 0.f;
        }
    }
}

// Registers to shared: a k-run (untransposed A, transposed B) is spread down a column of the
// [k][m] tile; an m-run goes in as one float4.
WB_DEV void sg_store(float (*S)[SG_BM + SG_PAD], const float r[4], bool krun) {
    const int tid = threadIdx.x;
    if (krun) {
        int mm = tid >> 1, kk = (tid & 1) << 2;
#pragma unroll
        for (int i = 0; i < 4; i++) S[kk + i][mm] = r[i];
    } else {
        st4(&S[tid >> 5][(tid & 31) << 2], make_float4(r[0], r[1], r[2], r[3]));
    }
}

extern "C" __global__ void __launch_bounds__(256, 2)
sgemm_f32(int m, int n, int k, const float* __restrict__ A, long long sA, const float* __restrict__ B,
          long long sB, float* __restrict__ C, long long sC, int transA, int transB) {
    __shared__ __align__(16) float As[2][SG_BK][SG_BM + SG_PAD];
    __shared__ __align__(16) float Bs[2][SG_BK][SG_BN + SG_PAD];
    const int tid = threadIdx.x, tx = tid & 15, ty = tid >> 4;
    const int row0 = blockIdx.y * SG_BM, col0 = blockIdx.x * SG_BN;
    A += blockIdx.z * sA;
    B += blockIdx.z * sB;
    C += blockIdx.z * sC;
    const bool vecA = ((transA ? m : k) & 3) == 0 && aligned16(A);
    const bool vecB = ((transB ? k : n) & 3) == 0 && aligned16(B);

    float acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; i++)
#pragma unroll
        for (int j = 0; j < 8; j++) acc[i][j] = 0.f;

    const int tiles = (k + SG_BK - 1) / SG_BK;
    float ra[4], rb[4];
    if (tiles > 0) {
        sg_load_a(ra, A, m, k, row0, 0, transA, vecA);
        sg_load_b(rb, B, n, k, col0, 0, transB, vecB);
        sg_store(As[0], ra, !transA);
        sg_store(Bs[0], rb, transB != 0);
    }
    __syncthreads();
    for (int t = 0; t < tiles; t++) {
        const int buf = t & 1;
        const bool more = t + 1 < tiles;
        if (more) {  // in flight while this tile is multiplied
            sg_load_a(ra, A, m, k, row0, (t + 1) * SG_BK, transA, vecA);
            sg_load_b(rb, B, n, k, col0, (t + 1) * SG_BK, transB, vecB);
        }
#pragma unroll
        for (int kk = 0; kk < SG_BK; kk++) {
            float4 a0 = ld4(&As[buf][kk][ty * 4]), a1 = ld4(&As[buf][kk][64 + ty * 4]);
            float4 b0 = ld4(&Bs[buf][kk][tx * 4]), b1 = ld4(&Bs[buf][kk][64 + tx * 4]);
            float a[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
            float b[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
            for (int i = 0; i < 8; i++)
#pragma unroll
                for (int j = 0; j < 8; j++) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        if (more) {  // the other buffer: its last readers finished before the previous sync
            sg_store(As[buf ^ 1], ra, !transA);
            sg_store(Bs[buf ^ 1], rb, transB != 0);
        }
        __syncthreads();
    }

    const bool vecC = (n & 3) == 0 && aligned16(C);
#pragma unroll
    for (int i = 0; i < 8; i++) {
        int row = row0 + (i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4);
        if (row >= m) continue;
#pragma unroll
        for (int h = 0; h < 2; h++) {
            int col = col0 + h * 64 + tx * 4;
            float* p = C + (long long)row * n + col;
            if (vecC && col < n) {
                st4(p, make_float4(acc[i][h * 4], acc[i][h * 4 + 1], acc[i][h * 4 + 2], acc[i][h * 4 + 3]));
            } else {
#pragma unroll
                for (int j = 0; j < 4; j++)
                    if (col + j < n) p[j] = acc[i][h * 4 + j];
            }
        }
    }
}

// ---- gemm_T: the plain 16 x 16 shared-memory tiling for double, int64 (wrapping) and, as a
// reference for the fast kernel, float. Block (16, 16).
WB_DEV float gm_madd(float a, float b, float c) { return fmaf(a, b, c); }
WB_DEV double gm_madd(double a, double b, double c) { return fma(a, b, c); }
WB_DEV long long gm_madd(long long a, long long b, long long c) { return wb_wrap_add(c, wb_wrap_mul(a, b)); }

template <class T>
WB_DEV void gemm_impl(int m, int n, int k, const T* A, long long sA, const T* B, long long sB, T* C, long long sC,
                      int transA, int transB) {
    __shared__ T As[16][17];
    __shared__ T Bs[16][17];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int row = blockIdx.y * 16 + ty, col = blockIdx.x * 16 + tx;
    A += blockIdx.z * sA;
    B += blockIdx.z * sB;
    C += blockIdx.z * sC;
    T acc = 0;
    for (int k0 = 0; k0 < k; k0 += 16) {
        int ka = k0 + tx, kb = k0 + ty;
        As[ty][tx] = (row < m && ka < k) ? (transA ? A[(long long)ka * m + row] : A[(long long)row * k + ka]) : (T)0;
        Bs[ty][tx] = (kb < k && col < n) ? (transB ? B[(long long)col * k + kb] : B[(long long)kb * n + col]) : (T)0;
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < 16; kk++) acc = gm_madd(As[ty][kk], Bs[kk][tx], acc);
        __syncthreads();
    }
    if (row < m && col < n) C[(long long)row * n + col] = acc;
}

#define WB_GEMM(sfx, T)                                                                                   \
    extern "C" __global__ void gemm_##sfx(int m, int n, int k, const T* A, long long sA, const T* B,     \
                                          long long sB, T* C, long long sC, int transA, int transB) {    \
        gemm_impl<T>(m, n, k, A, sA, B, sB, C, sC, transA, transB);                                       \
    }
WB_GEMM(f32, float)
WB_GEMM(f64, double)
WB_GEMM(i64, long long)
