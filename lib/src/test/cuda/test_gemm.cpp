// gemm.cu on the CPU emulation: sgemm_f32 at its real launch (256 threads, 128 x 128 tiles) over
// ragged shapes, all four transpose combinations, batches whose bases are and are not 16-byte
// aligned (float4 and scalar paths), and k = 0; gemm_T (16 x 16) for f32, f64 and wrapping i64.
// Every C is checked whole, padding included, so stray writes show, and bit for bit: each output
// is accumulated in ascending k with one fused multiply-add per step, the order the kernels
// use, so anything but the identical float is a bug (a double reference also bounds the error).
#include "emu_test.h"
#include "reference.h"
#include "gemm.cu"

using namespace t;

struct Case {
    int m, n, k, batch, transA, transB, pad, shift;  // pad: between batches; shift: before the first
};

static std::string describe(const Case& c) {
    return std::to_string(c.m) + "x" + std::to_string(c.n) + "x" + std::to_string(c.k) + " batch " +
           std::to_string(c.batch) + (c.transA ? " A^T" : "") + (c.transB ? " B^T" : "") + " pad " +
           std::to_string(c.pad) + " shift " + std::to_string(c.shift);
}

template <class V> V gen() {
    if constexpr (std::is_same_v<V, long long>) {
        return irand(0, 9) == 0 ? (V)(irand(0, 1) ? LLONG_MAX - irand(0, 5) : LLONG_MIN + irand(0, 5)) : (V)irand(-9, 9);
    } else {
        return (V)urand(-1, 1);
    }
}

// Runs one case through kernel k (launched by launch) and checks C bit for bit against the
// sequential-fma reference (wrapping int128 for int64).
template <class V, class Launch> void run_case(const char* name, const Case& c, Launch launch) {
    long long sA = (long long)c.m * c.k + c.pad, sB = (long long)c.k * c.n + c.pad, sC = (long long)c.m * c.n + c.pad;
    std::vector<V> A(c.shift + sA * c.batch + 1), B(c.shift + sB * c.batch + 1), C(c.shift + sC * c.batch + 1, (V)77);
    for (auto& v : A) v = gen<V>();
    for (auto& v : B) v = gen<V>();
    // A shift misaligns every batch; a pad of 2 misaligns every other batch.
    const V* a = A.data() + c.shift;
    const V* b = B.data() + c.shift;
    V* cc = C.data() + c.shift;
    std::vector<V> want = C;
    for (int z = 0; z < c.batch; z++)
        for (int i = 0; i < c.m; i++)
            for (int j = 0; j < c.n; j++) {
                V acc = 0;
                __int128 iacc = 0;
                for (int p = 0; p < c.k; p++) {
                    V av = c.transA ? a[z * sA + (long long)p * c.m + i] : a[z * sA + (long long)i * c.k + p];
                    V bv = c.transB ? b[z * sB + (long long)j * c.k + p] : b[z * sB + (long long)p * c.n + j];
                    if constexpr (std::is_same_v<V, long long>) iacc = ref::wrap(iacc + (__int128)av * bv);
                    else acc = std::fma(av, bv, acc);
                }
                size_t at = c.shift + z * sC + (size_t)i * c.n + j;
                if constexpr (std::is_same_v<V, long long>) want[at] = ref::wrap(iacc);
                else want[at] = acc;
            }
    launch(c, a, sA, b, sB, cc, sC);
    expect_same(name, describe(c), C, want);
}

static void sgemm(const Case& c, const float* a, long long sA, const float* b, long long sB, float* cc, long long sC) {
    if (c.m == 0 || c.n == 0 || c.batch == 0) return;  // an empty grid: the host skips the launch
    dim3 grid((c.n + 127) / 128, (c.m + 127) / 128, c.batch);
    emu_launch(grid, dim3(256), sgemm_f32, c.m, c.n, c.k, a, sA, b, sB, cc, sC, c.transA, c.transB);
}

template <class V> auto small_gemm(void (*k)(int, int, int, const V*, long long, const V*, long long, V*, long long, int, int)) {
    return [k](const Case& c, const V* a, long long sA, const V* b, long long sB, V* cc, long long sC) {
        if (c.m == 0 || c.n == 0 || c.batch == 0) return;
        dim3 grid((c.n + 15) / 16, (c.m + 15) / 16, c.batch);
        emu_launch(grid, dim3(16, 16), k, c.m, c.n, c.k, a, sA, b, sB, cc, sC, c.transA, c.transB);
    };
}

int main() {
    // Shapes for the big tile: single elements, ragged edges on every side, exact tiles, aligned
    // leading dimensions (float4 loads and stores) with and without a misaligning pad, k = 0.
    const Case sg[] = {
        {1, 1, 1, 1, 0, 0, 0, 0},      {3, 130, 7, 1, 0, 0, 0, 0},    {129, 131, 9, 1, 0, 0, 0, 0},
        {128, 128, 8, 1, 0, 0, 0, 0},  {64, 128, 16, 1, 0, 0, 0, 0},  {132, 136, 12, 1, 0, 0, 0, 0},
        {132, 136, 12, 1, 0, 0, 0, 1}, {2, 5, 0, 2, 0, 0, 0, 0},      {5, 1, 300, 1, 0, 0, 0, 0},
        {1, 260, 4, 1, 0, 0, 0, 0},    {0, 7, 3, 1, 0, 0, 0, 0},      {20, 36, 16, 3, 0, 0, 2, 0},
        {20, 36, 17, 3, 0, 0, 4, 3},   {33, 8, 40, 3, 0, 0, 0, 0},    {8, 12, 8, 3, 0, 0, 0, 0},
        {64, 10, 784, 1, 0, 0, 0, 0},  // an MNIST layer's shape
    };
    int ran = 0;
    for (const Case& base : sg)
        for (int tr = 0; tr < 4; tr++) {
            Case c = base;
            c.transA = tr & 1;
            c.transB = tr >> 1;
            // The largest shapes once (transposes are covered by the smaller ones): the 2-core
            // emulation pays ~1 ms per __syncthreads of a 256-thread block.
            if ((long long)c.m * c.n > 16000 && tr != 0 && tr != 3) continue;
            run_case<float>("sgemm_f32", c, sgemm);
            ran++;
        }
    const Case small[] = {{1, 1, 1, 1, 0, 0, 0, 0},   {3, 17, 7, 1, 0, 0, 0, 0},  {18, 33, 20, 3, 0, 0, 1, 1},
                          {4, 4, 0, 1, 0, 0, 0, 0},   {16, 16, 16, 2, 0, 0, 0, 0}, {0, 3, 2, 1, 0, 0, 0, 0}};
    for (const Case& base : small)
        for (int tr = 0; tr < 4; tr++) {
            Case c = base;
            c.transA = tr & 1;
            c.transB = tr >> 1;
            run_case<float>("gemm_f32", c, small_gemm<float>(gemm_f32));
            run_case<double>("gemm_f64", c, small_gemm<double>(gemm_f64));
            run_case<long long>("gemm_i64", c, small_gemm<long long>(gemm_i64));
        }
    std::printf("sgemm cases: %d\n", ran);
    return finish("gemm");
}
