// Self-test of the fake's grid executor (fake_exec.cpp), without JCuda or the project's
// kernels: small kernels written here exercise what the real ones may not yet, such as 2-D
// blocks, 3-D grids, threads that return before their block's barriers, and faults inside a
// fiber. Built and run by scripts/test-fakecuda.sh; exits with the number of failures.
#include "fake_kernel.h"

#include <cstdio>
#include <string>

static int failures = 0;

static void check(bool ok, const std::string& what) {
  if (!ok) {
    failures++;
    std::printf("FAIL %s\n", what.c_str());
  }
}

// Sum of x over each block, tree-reduced in shared memory; any block shape up to 1024 threads.
static void tree_sum(const int* x, int* out) {
  __shared__ int sh[1024];
  unsigned nt = blockDim.x * blockDim.y * blockDim.z;
  unsigned t = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  unsigned b = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
  sh[t] = x[b * nt + t];
  __syncthreads();
  for (unsigned s = 1; s < nt; s *= 2) {
    int v = (t % (2 * s) == 0 && t + s < nt) ? sh[t + s] : 0;
    __syncthreads();
    sh[t] += v;
    __syncthreads();
  }
  if (t == 0) out[b] = sh[0];
}

// Odd threads leave at once; the even ones meet at three barriers and count themselves.
static void early_exit(int* out) {
  __shared__ int count;
  if (threadIdx.x % 2 == 1) return;
  if (threadIdx.x == 0) count = 0;
  __syncthreads();
  __atomic_fetch_add(&count, 1, __ATOMIC_RELAXED);
  __syncthreads();
  __syncthreads();
  if (threadIdx.x == 0) out[blockIdx.x] = count;
}

static void misaligned_access(const float* p, int* runs) {
  WB_CHECK_ALIGNED(p + 1, 16);
  runs[0]++;
}

// Thread 5 of block 1 fails after the first barrier; later blocks must not run.
static void fails_midway(int* blocks_done) {
  __syncthreads();
  if (blockIdx.x == 1 && threadIdx.x == 5) throw fake::KernelFault{CUDA_ERROR_ASSERT, "thread 5 gave up"};
  __syncthreads();
  if (threadIdx.x == 0) blocks_done[blockIdx.x] = 1;
}

static void plain_loop_kernel(int* out) {
  out[blockIdx.x * blockDim.x + threadIdx.x] = (int)(threadIdx.x * 10 + blockIdx.x);
  if (blockIdx.x == 99) __syncthreads();  // never reached: the grid has fewer blocks
}

static void syncs_without_barrier_in_ptx(int*) { __syncthreads(); }

static fake::KernelDesc desc(const char* name, bool sync, void (*call)(void**)) {
  return fake::KernelDesc{name, "selftest", "", sync, {}, call};
}

int main() {
  using fake::Dim3;
  std::string why;
  // 1. Shared memory and barriers over 2-D blocks and a 3-D grid.
  {
    const int nblocks = 2 * 3 * 2, nt = 32 * 8;
    std::vector<int> x(nblocks * nt), out(nblocks, -1);
    for (size_t i = 0; i < x.size(); i++) x[i] = (int)(i % 13);
    const int* xp = x.data();
    int* op = out.data();
    void* params[] = {&xp, &op};
    auto k = desc("tree_sum", true, [](void** p) { fake::call(tree_sum, p); });
    CUresult r = fake::run_grid(k, params, Dim3{2, 3, 2}, Dim3{32, 8, 1}, &why);
    check(r == CUDA_SUCCESS, "tree_sum runs: " + why);
    for (int b = 0; b < nblocks; b++) {
      int want = 0;
      for (int t = 0; t < nt; t++) want += x[b * nt + t];
      check(out[b] == want, "tree_sum block " + std::to_string(b) + ": " + std::to_string(out[b]) + " vs " +
                                std::to_string(want));
    }
    // The largest block, 1024 threads in 3-D.
    std::vector<int> big(1024, 1), one(1, 0);
    const int* bp = big.data();
    int* onep = one.data();
    void* p2[] = {&bp, &onep};
    r = fake::run_grid(k, p2, Dim3{1, 1, 1}, Dim3{16, 16, 4}, &why);
    check(r == CUDA_SUCCESS && one[0] == 1024, "tree_sum over a 16x16x4 block: " + std::to_string(one[0]));
  }
  // 2. Threads that return early no longer hold the others at a barrier.
  {
    std::vector<int> out(3, -1);
    int* op = out.data();
    void* params[] = {&op};
    auto k = desc("early_exit", true, [](void** p) { fake::call(early_exit, p); });
    CUresult r = fake::run_grid(k, params, Dim3{3, 1, 1}, Dim3{100, 1, 1}, &why);
    check(r == CUDA_SUCCESS && out[0] == 50 && out[2] == 50, "early_exit counts 50 even threads: " +
                                                                 std::to_string(out[0]) + " " + why);
  }
  // 3. A misaligned vector access fails the launch, in both modes.
  for (bool sync : {false, true}) {
    alignas(16) float data[8] = {};
    int runs = 0;
    const float* dp = data;
    int* rp = &runs;
    void* params[] = {&dp, &rp};
    auto k = desc("misaligned", sync, [](void** p) { fake::call(misaligned_access, p); });
    CUresult r = fake::run_grid(k, params, Dim3{4, 1, 1}, Dim3{64, 1, 1}, &why);
    check(r == CUDA_ERROR_MISALIGNED_ADDRESS && runs == 0 && why.find("misaligned") != std::string::npos,
          "misaligned access gives CUDA_ERROR_MISALIGNED_ADDRESS: " + std::to_string(r) + " " + why);
  }
  // 4. A fault in one fiber: its block finishes without it, later blocks never start.
  {
    std::vector<int> done(4, 0);
    int* dp = done.data();
    void* params[] = {&dp};
    auto k = desc("fails_midway", true, [](void** p) { fake::call(fails_midway, p); });
    CUresult r = fake::run_grid(k, params, Dim3{4, 1, 1}, Dim3{32, 1, 1}, &why);
    check(r == CUDA_ERROR_ASSERT && why == "thread 5 gave up", "the fault comes back: " + why);
    check(done[0] == 1 && done[1] == 1 && done[2] == 0 && done[3] == 0, "blocks after the fault do not run");
  }
  // 5. The plain loop runs every thread once; __syncthreads where the PTX promised none fails.
  {
    std::vector<int> out(5 * 7, -1);
    int* op = out.data();
    void* params[] = {&op};
    auto k = desc("plain", false, [](void** p) { fake::call(plain_loop_kernel, p); });
    check(fake::run_grid(k, params, Dim3{5, 1, 1}, Dim3{7, 1, 1}, &why) == CUDA_SUCCESS, "plain loop runs");
    bool all = true;
    for (int b = 0; b < 5; b++)
      for (int t = 0; t < 7; t++) all &= out[b * 7 + t] == t * 10 + b;
    check(all, "the plain loop gives every (block, thread) pair its indices");
    auto bad = desc("syncs", false, [](void** p) { fake::call(syncs_without_barrier_in_ptx, p); });
    CUresult r = fake::run_grid(bad, params, Dim3{1, 1, 1}, Dim3{2, 1, 1}, &why);
    check(r == CUDA_ERROR_LAUNCH_FAILED && why.find("__syncthreads") != std::string::npos,
          "__syncthreads in a kernel whose PTX has no barrier is refused: " + why);
  }
  std::printf(failures == 0 ? "executor self-test passed\n" : "executor self-test: %d failures\n", failures);
  return failures;
}
