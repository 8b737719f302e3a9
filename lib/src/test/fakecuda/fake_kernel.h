// Included first by every generated trampoline file (build/fakecuda/gen/tramp_*.cpp), before
// the kernel source it wraps: the kernels compile on the CPU through the host-emulation shim
// (lib/src/test/cuda/cuda_emu.h), with two of its hooks pointed at the fake's launcher:
//
//  - __syncthreads yields to the next CUDA thread of the block (fake_exec.cpp runs a block's
//    threads as fibers on the launching thread) instead of waiting on the shim's std::barrier,
//    which needs one OS thread per CUDA thread;
//  - a misaligned vector access throws, so the launch fails with CUDA_ERROR_MISALIGNED_ADDRESS
//    (sticky, as on a GPU) instead of aborting the JVM.
//
// Then come the compile-time checks that tie each PTX .entry to the C++ kernel of that name:
// the generated code static_asserts that every parameter has the PTX's size and class.
#ifndef FAKECUDA_FAKE_KERNEL_H
#define FAKECUDA_FAKE_KERNEL_H

#define __syncthreads wb_fakecuda_unused_shim_syncthreads
#include "cuda_emu.h"
#undef __syncthreads

#include "fake.h"

#include <cstring>
#include <tuple>
#include <type_traits>
#include <utility>

namespace fake {
void block_sync();                                              // fake_exec.cpp
[[noreturn]] void misaligned(const void* p, int bytes);         // fake_exec.cpp
}  // namespace fake

inline void __syncthreads() { fake::block_sync(); }

#undef WB_CHECK_ALIGNED
#define WB_CHECK_ALIGNED(p, bytes)                                                               \
  do {                                                                                           \
    if (reinterpret_cast<std::uintptr_t>(p) % (bytes) != 0) ::fake::misaligned((p), (bytes));    \
  } while (0)

namespace fake {

template <class F> struct Params;
template <class... P> struct Params<void (*)(P...)> {
  using types = std::tuple<std::remove_cv_t<P>...>;
  static constexpr size_t count = sizeof...(P);
};
template <class... P> struct Params<void(P...)> : Params<void (*)(P...)> {};

// The i-th parameter type of kernel function type F.
template <size_t I, class F> using param_t = std::tuple_element_t<I, typename Params<F>::types>;

// PTX parameter classes; `ok<T>` says whether C++ type T is passed as that PTX type.
template <int Bytes> struct PtxInt {  // .u8/.s8/.b8 ... .u64: integers, and pointers at 64 bits
  template <class T>
  static constexpr bool ok = (std::is_integral_v<T> || std::is_enum_v<T> ||
                              (Bytes == 8 && std::is_pointer_v<T>)) && sizeof(T) == Bytes;
};
struct PtxF32 {
  template <class T> static constexpr bool ok = std::is_same_v<T, float>;
};
struct PtxF64 {
  template <class T> static constexpr bool ok = std::is_same_v<T, double>;
};
template <int Bytes, int Align> struct PtxBytes {  // .align A .b8 name[N]: a struct by value
  template <class T>
  static constexpr bool ok = std::is_class_v<T> && std::is_trivially_copyable_v<T> &&
                             sizeof(T) == Bytes && alignof(T) <= Align;
};

// Reads parameter I from kernelParams[I] (a pointer to its bytes, maybe unaligned: JCuda points
// into Java arrays) and calls the kernel: one CUDA thread's worth of work.
template <class... P, size_t... I>
inline void call_with(void (*kernel)(P...), void** params, std::index_sequence<I...>) {
  std::tuple<std::remove_cv_t<P>...> args;
  (std::memcpy(&std::get<I>(args), params[I], sizeof(std::get<I>(args))), ...);
  kernel(std::get<I>(args)...);
}
template <class... P> inline void call(void (*kernel)(P...), void** params) {
  call_with(kernel, params, std::index_sequence_for<P...>{});
}

// Indexes of the pointer parameters, which the launcher checks against live allocations.
template <class... P> inline std::vector<int> pointer_params(void (*)(P...)) {
  std::vector<int> out;
  int i = 0;
  ((std::is_pointer_v<P> ? out.push_back(i++) : (void)i++), ...);
  return out;
}

}  // namespace fake

#endif
