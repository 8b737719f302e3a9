// The contract between the CUDA kernels (lib/src/main/cuda/*.cu, compiled to PTX) and
// the Java host side (org.workbook.backend.cuda). Every kernel is extern "C" so its PTX
// name is exactly the name below; the host looks kernels up by these names and passes
// parameters in this order. Op codes are the Java enums' ordinals (UnaryOp, BinaryOp,
// ReduceOp): CudaAbiTest checks this file against the enums, so keep both in step.
//
// Dtype suffixes: f32 float, f64 double, i64 long long, i32 int, u8 unsigned char
// (uint8), b8 unsigned char holding 0/1 (bool).
//
// Layouts: a tensor operand is (base pointer, WbStrides) over a shared WbShape; element
// i (row-major over the shape) lives at base[off + sum_d idx_d * stride_d]. Strides may
// be 0 (broadcast) or negative (flipped views). The host collapses dims first, so the
// contiguous case arrives as ndim = 1, stride 1. Structs travel by value (int fields
// only, 4-byte aligned, no padding: the host writes them as int arrays).
//
// Launching (what the PTX expects; the CPU emulation in lib/src/test/cuda checks the same):
// - Never launch an empty grid (n == 0, outer == 0, m == 0 or n == 0): cuLaunchKernel refuses
//   it. Skip the launch instead; k == 0 and inner == 0 are fine and handled by the kernels.
// - No dynamic shared memory anywhere (sharedMemBytes = 0): all of it is static.
// - 1-D kernels: block 256, grid min(ceil(work / 256), 65535) or fewer (e.g. 8 x SM count);
//   the grid-stride loops make any grid correct. Element counts must be < 2^31.
// - Reductions and row kernels: one block of 256 (any size <= 256 is correct) per output or
//   row, grid min(outer, 65535) (they loop over outputs beyond the grid).
// - sgemm_f32: block exactly 256 (its PTX says .maxntid 256), gemm_T: block exactly (16, 16);
//   batch (grid z) <= 65535 per launch.
#ifndef WORKBOOK_CUH
#define WORKBOOK_CUH

#define WB_MAXDIM 8

typedef struct { int ndim; int size[WB_MAXDIM]; } WbShape;
typedef struct { int off; int stride[WB_MAXDIM]; } WbStrides;

// UnaryOp ordinals
#define U_NEG 0
#define U_ABS 1
#define U_EXP 2
#define U_LOG 3
#define U_SQRT 4
#define U_SIGMOID 5
#define U_RELU 6
#define U_TANH 7
#define U_SIGN 8
#define U_FLOOR 9
#define U_CEIL 10
#define U_ROUND 11
#define U_RECIPROCAL 12
#define U_SIN 13
#define U_COS 14
#define U_SQUARE 15
#define U_LOG1P 16
#define U_EXPM1 17
#define U_CLAMP 18
#define U_POW_SCALAR 19
#define U_LEAKY_RELU 20

// BinaryOp ordinals
#define B_ADD 0
#define B_SUB 1
#define B_MUL 2
#define B_DIV 3
#define B_POW 4
#define B_MAXIMUM 5
#define B_MINIMUM 6
#define B_LT 7
#define B_LE 8
#define B_GT 9
#define B_GE 10
#define B_EQ 11
#define B_NE 12
#define B_LOGICAL_AND 13
#define B_LOGICAL_OR 14
#define B_LOGICAL_XOR 15

// ReduceOp ordinals
#define R_SUM 0
#define R_MEAN 1
#define R_PROD 2
#define R_MAX 3
#define R_MIN 4
#define R_ARGMAX 5
#define R_ARGMIN 6
#define R_ALL 7
#define R_ANY 8

// ---- Kernel signatures (T = the suffix's C type; launch: 1-D grid of 256-thread blocks
// ---- over n unless said otherwise; every kernel uses a grid-stride loop, so any grid works)
//
// unary_T(int n, WbShape s, WbStrides a, WbStrides o, const T* x, T* y, int op, double p1, double p2)
//     T in f32 f64 i64 i32 u8. Semantics as the CPU kernels (backend/cpu/*Kernels.java):
//     CLAMP(p1 = min, p2 = max, NaN = no bound), POW_SCALAR(p1), LEAKY_RELU(p1 = slope),
//     ROUND = round half to even (rint), SIGN(0) = SIGN(NaN) = 0. Integer types: only ops that stay
//     integral (NEG ABS SIGN SQUARE RELU FLOOR CEIL ROUND CLAMP POW_SCALAR), computed in int64 and
//     narrowed as LongKernels; CLAMP bounds are ceil(p1), floor(p2); other ops give 0 (refuse them).
// binary_T(int n, WbShape s, WbStrides a, WbStrides b, WbStrides o, const T* x, const T* y, T* z,
//          int op, int scalars, double sa, double sb)
//     arithmetic ops ADD..MINIMUM, T in f32 f64 i64 i32 u8. scalars bit 0: x is the constant sa
//     (x may be null), bit 1: y is the constant sb; a constant converts as fill converts it.
//     MAXIMUM/MINIMUM propagate NaN as torch (and +0 > -0, as Java). POW follows C's pow, as torch
//     (pow(1, NaN) = 1). Integers wrap as Java's long; integer DIV truncates (x / 0 gives 0: the
//     host never sends it, torch's / promotes to float); integer POW is LongKernels.ipow.
// compare_T(int n, WbShape s, WbStrides a, WbStrides b, WbStrides o, const T* x, const T* y,
//           unsigned char* z, int op, int scalars, double sa, double sb)
//     ops LT..LOGICAL_XOR into bool (0/1), T in f32 f64 i64 i32 u8 b8.
// copy_S_D(int n, WbShape s, WbStrides a, WbStrides o, const S* x, D* y)
//     every S, D in f32 f64 i64 i32 u8 b8: C casts, except D = b8 stores (x != 0) and
//     float -> integer truncates toward zero as Java's casts do (NaN -> 0, saturating at the
//     int64 range, then wrapping to i32/u8 as (int) (long) v); int64 -> f32 rounds through
//     double, as the CPU's converting copy does.
// fill_T(int n, WbShape s, WbStrides o, T* y, double v)        T in f32 f64 i64 i32 u8 b8
// where_T(int n, WbShape s, WbStrides c, WbStrides a, WbStrides b, WbStrides o,
//         const unsigned char* cond, const T* x, const T* y, T* z)   T in f32 f64 i64 i32 u8 b8
//
// Reductions: the host permutes the input so the kept dims come first. One block (256
// threads, shared-memory tree, no warp shuffles) per output element j < outer; the block
// reduces `inner` elements: kept index j maps through (ks, ka), reduced index r through (rs, ra);
// element (j, r) is at x[ka.off + ra.off + sum ks-offsets + sum rs-offsets] (ra.off normally 0).
// reduce_T(int outer, int inner, WbShape ks, WbStrides ka, WbShape rs, WbStrides ra,
//          const T* x, T* y, int op)
//     op SUM MEAN PROD MAX MIN (MAX/MIN propagate NaN), T in f32 f64 i64; y contiguous [outer].
//     inner == 0: SUM/MEAN -> 0 / NaN, PROD -> 1 (the host refuses MAX/MIN of nothing).
//     Floating SUM/MEAN/PROD accumulate in double; int64 SUM/PROD wrap; int64 MEAN is Java's
//     (long) of the double mean. ALL and ANY work too (y = 1 or 0 in T: every / some x != 0).
// argreduce_T(... same ..., const T* x, long long* y, int op)   op ARGMAX ARGMIN; first index
//     of the extreme wins; a NaN counts as the extreme (torch). T in f32 f64 i64.
// variance_T(... same ..., const T* x, T* y, int correction)    T in f32 f64: two passes in the
//     block (mean, then sum of squared deviations) / max(0, inner - correction).
//
// Rows (last dim contiguous; x, y, g contiguous [rows, cols]); one block per row:
// log_softmax_T(int rows, int cols, const T* x, T* y)                    T in f32 f64
// softmax_T(int rows, int cols, const T* x, T* y)
// log_softmax_backward_T(int rows, int cols, const T* g, const T* y, T* dx)   dx = g - exp(y) * sum(g)
// softmax_backward_T(int rows, int cols, const T* g, const T* y, T* dx)       dx = y * (g - sum(g * y))
//
// NLL over contiguous logp [n, c] and int64 targets [n]; 1-D grid over n:
// nll_forward_T(int n, int c, const T* logp, const long long* target, T* picked, int* bad)
//     picked[i] = -logp[i, target[i]]; a target outside [0, c) sets picked[i] = 0 and *bad to the
//     smallest such i + 1 (zero *bad before the launch; it stays 0 when all targets are good).
// nll_backward_T(int n, int c, const long long* target, const T* g, int gStep, double scale, T* dx)
//     dx (already zeroed) [i, target[i]] = -g[i * gStep] * scale  (gStep 0: one shared gradient).
//
// Matrix products, row-major contiguous operands, batched through blockIdx.z:
// sgemm_f32(int m, int n, int k, const float* A, long long sA, const float* B, long long sB,
//           float* C, long long sC, int transA, int transB)
//     C[b] (m x n) = op(A[b]) @ op(B[b]); op(A) (m x k) is A (m x k, ld k) or, with transA, A^T of a
//     (k x m, ld m) array; likewise B (k x n, ld n) or, with transB, an (n x k, ld k) array.
//     Tiled: block tile 128 x 128 x 8, 256 threads, 8 x 8 outputs per thread, shared memory,
//     bounds-checked edges. Launch: grid (ceil(n/128), ceil(m/128), batch), block 256.
// gemm_T(int m, int n, int k, const T* A, long long sA, const T* B, long long sB, T* C, long long sC,
//        int transA, int transB)     T in f64 i64 (and f32 as a reference): 16 x 16 tiles,
//     grid (ceil(n/16), ceil(m/16), batch), block (16, 16).
//
// Gather/scatter on contiguous tensors viewed as [outer, dimSize, inner]:
// index_select_T(int outer, int len, int inner, int dimSize, const T* src, const long long* idx, T* out)
//     out [outer, len, inner]; n = outer * len * inner elements.  T in f32 f64 i64 i32 u8 b8
//     A negative index counts from the end (as Gather.java); the host checks the range first
//     (an index still outside [0, dimSize) reads as 0 here, and index_add skips it).
// index_add_T(int outer, int len, int inner, int dimSize, T* dst, const long long* idx, const T* src)
//     dst[o, idx[l], i] += src[o, l, i] with atomicAdd (duplicates in idx add up). T in f32 f64 i64.
//
// Optimizers, in place over n contiguous elements (torch 1.13's formulas):
// sgd_step_T(int n, T* w, const T* g, T* buf, double lr, double momentum, double dampening,
//            double weightDecay, int nesterov, int firstStep)          buf may be null if momentum == 0
// adam_step_T(int n, T* w, const T* g, T* m, T* v, double lr, double beta1, double beta2, double eps,
//             double weightDecay, double biasCorrection1, double biasCorrection2)
//     T in f32 f64; step size lr / bc1, denom sqrt(v) / sqrt(bc2) + eps, as torch's _single_tensor_adam.
//
// Random, counter-based (Philox4x32-10), so a (seed, offset) pair fixes the values:
// rand_uniform_T(int n, T* y, unsigned long long seed, unsigned long long offset, double lo, double hi)
// rand_normal_T(int n, T* y, unsigned long long seed, unsigned long long offset, double mean, double std)
//     T in f32 f64. key = (seed & 0xffffffff, seed >> 32); Philox block b has counter
//     (b & 0xffffffff, b >> 32, 0, 0) and gives 4 32-bit words w0..w3.
//     f32: element i uses block offset + i / 4. uniform: word i % 4, 24 bits -> [0, 1) -> [lo, hi).
//          normal: Box-Muller on words (2p, 2p + 1), p = (i % 4) / 2: u1 = ((w >> 8) + 1) / 2^24,
//          u2 = (w >> 8) / 2^24, r = sqrt(-2 ln u1); even i: r cos(2 pi u2), odd i: r sin(2 pi u2).
//     f64: element i uses block offset + i / 2. uniform: 53 bits from words 2 (i % 2), 2 (i % 2) + 1.
//          normal: u1 from words 0, 1 (in (0, 1]), u2 from words 2, 3; even i cos, odd i sin.
//     So a call of n elements consumes ceil(n / 4) (f32) or ceil(n / 2) (f64) blocks: add that
//     to the offset before the next call. Uniform results stay below hi after rounding.

#endif
