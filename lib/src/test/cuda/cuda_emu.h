// CUDA on the CPU, just enough to run lib/src/main/cuda/*.cu unchanged under g++ (-std=c++20
// -pthread): a launch runs every CUDA thread of a block as its own std::thread, blocks one after
// another, and __syncthreads is a std::barrier. So shared memory can be a plain static (one block
// lives at a time), and a kernel that forgets a __syncthreads, reads out of bounds (ASan) or
// overflows an int (UBSan) fails here as it would misbehave on a GPU. Warp-level behaviour is not
// emulated, which is why the kernels use no warp shuffles or warp-synchronous code.
#ifndef WB_CUDA_EMU_H
#define WB_CUDA_EMU_H

#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <math.h>
#include <thread>
#include <tuple>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
// wb_device.cuh's hook for vector loads and stores: a GPU faults on a misaligned one.
#define WB_CHECK_ALIGNED(p, bytes) emu_check_aligned((p), (bytes), "vector access")

struct uint3 {
    unsigned x, y, z;
};
struct dim3 {
    unsigned x, y, z;
    dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};
struct alignas(16) float4 {
    float x, y, z, w;
};
inline float4 make_float4(float x, float y, float z, float w) { return float4{x, y, z, w}; }

inline thread_local uint3 threadIdx;
inline thread_local uint3 blockIdx;
inline thread_local dim3 blockDim;
inline thread_local dim3 gridDim;

namespace emu {
inline std::barrier<>* barrier = nullptr;
}

inline void __syncthreads() { emu::barrier->arrive_and_wait(); }

// Says where a misaligned vector access is, instead of going on as if it were fine.
template <class P> inline void emu_check_aligned(const P* p, int bytes, const char* what) {
    if (reinterpret_cast<std::uintptr_t>(p) % bytes != 0) {
        std::fprintf(stderr, "misaligned %d-byte %s at %p\n", bytes, what, (const void*)p);
        std::abort();
    }
}

inline float __int_as_float(int i) { float f; std::memcpy(&f, &i, 4); return f; }
inline int __float_as_int(float f) { int i; std::memcpy(&i, &f, 4); return i; }
inline double __longlong_as_double(long long i) { double d; std::memcpy(&d, &i, 8); return d; }
inline long long __double_as_longlong(double d) { long long i; std::memcpy(&i, &d, 8); return i; }
inline unsigned __umulhi(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
template <class T> inline T __ldg(const T* p) { return *p; }

inline float atomicAdd(float* p, float v) { return std::atomic_ref<float>(*p).fetch_add(v); }
inline double atomicAdd(double* p, double v) { return std::atomic_ref<double>(*p).fetch_add(v); }
inline int atomicAdd(int* p, int v) { return std::atomic_ref<int>(*p).fetch_add(v); }
inline unsigned long long atomicAdd(unsigned long long* p, unsigned long long v) {
    return std::atomic_ref<unsigned long long>(*p).fetch_add(v);
}
inline int atomicCAS(int* p, int expected, int desired) {
    std::atomic_ref<int>(*p).compare_exchange_strong(expected, desired);
    return expected;  // the old value, as CUDA's
}

// emu_launch(grid, block, kernel, args...): what cuLaunchKernel does, one block at a time. Refuses
// what the driver refuses (an empty grid or block, more than 1024 threads), so the tests keep
// the host side's obligations visible.
template <class... P, class... A> void emu_launch(dim3 grid, dim3 block, void (*kernel)(P...), A... args) {
    unsigned nt = block.x * block.y * block.z;
    if (grid.x == 0 || grid.y == 0 || grid.z == 0 || nt == 0 || nt > 1024 || grid.y > 65535 || grid.z > 65535) {
        std::fprintf(stderr, "invalid launch: grid (%u, %u, %u), block (%u, %u, %u)\n", grid.x, grid.y, grid.z,
                     block.x, block.y, block.z);
        std::abort();
    }
    static_assert(sizeof...(P) == sizeof...(A), "kernel argument count");
    const std::tuple<P...> params(static_cast<P>(args)...);
    std::barrier<> bar((std::ptrdiff_t)nt);
    emu::barrier = &bar;
    std::vector<std::thread> threads;
    threads.reserve(nt);
    for (unsigned t = 0; t < nt; t++) {
        threads.emplace_back([&, t] {
            threadIdx = uint3{t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
            blockDim = block;
            gridDim = grid;
            for (unsigned z = 0; z < grid.z; z++)
                for (unsigned y = 0; y < grid.y; y++)
                    for (unsigned x = 0; x < grid.x; x++) {
                        blockIdx = uint3{x, y, z};
                        std::apply(kernel, params);
                        bar.arrive_and_wait();  // the block ends: its shared memory is reused
                    }
        });
    }
    for (auto& th : threads) th.join();
    emu::barrier = nullptr;
}

#endif
