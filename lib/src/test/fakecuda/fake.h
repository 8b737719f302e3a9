// Internal state of the fake libcuda, shared by its translation units.
//
// The fake is one in-order device queue: every entry point takes big_lock() for its whole
// body, so a kernel launch, a copy and a free never overlap (as on CUDA's legacy default
// stream) and the JVM may call in from any number of threads. Device pointers are host
// addresses from aligned_alloc, so emulated kernels dereference them directly.
#ifndef FAKECUDA_FAKE_H
#define FAKECUDA_FAKE_H

#include "cuda_types.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#define FAKE_API extern "C" __attribute__((visibility("default")))

namespace fake {

constexpr int kDriverVersion = 12060;  // what cuDriverGetVersion reports (CUDA 12.6)

std::mutex& big_lock();

struct Context {
  int device = 0;
  bool primary = false;
  bool alive = true;
  int refcount = 0;          // primary contexts: cuDevicePrimaryCtxRetain minus Release
  unsigned flags = 0;
  unsigned generation = 0;   // bumped when the context dies: its modules die with it
  CUresult sticky = CUDA_SUCCESS;  // a fault inside a kernel poisons the context, as on a GPU
};

// Checks that cuInit ran and a live context is current on this thread; on success *out is
// that context. A context with a sticky error answers that error.
CUresult current(Context** out);
bool initialized();
int device_count();
Context* primary_context(int device);

// ---- memory (fake_memory.cpp)
struct Allocation {
  size_t size;       // bytes usable, a multiple of 256
  Context* ctx;
  size_t map_bytes;  // the whole mapping, guard page included
};
// The allocation holding [ptr, ptr + bytes), or nullptr. bytes 0 means the byte at ptr.
const Allocation* find_allocation(uintptr_t ptr, size_t bytes);
void free_context_memory(Context* ctx);  // when a context dies, its memory goes with it
size_t memory_limit();
size_t memory_used(int device);

// ---- kernels (registered by the generated trampolines, run by fake_launch.cpp)
struct Dim3 {
  unsigned x, y, z;
};

// One emulated kernel: `call` reads the parameters from kernelParams and calls the kernel
// once, as the CUDA thread whose indices the launcher has set on the calling OS thread.
struct KernelDesc {
  const char* name;
  const char* ptx_file;
  const char* signature;          // canonical PTX parameter list, see ptx_signature()
  bool block_sync;                // the PTX body has a barrier: threads of a block must run together
  std::vector<int> pointer_params;  // parameters that are pointers, checked before a launch
  void (*call)(void** params);
};

void register_kernel(const KernelDesc& k);
const KernelDesc* find_kernel(const std::string& name);
// The kernel behind a function handle whose module is still loaded in a live context.
// *max_threads gets the entry's block size limit from its PTX.
const KernelDesc* live_function(CUfunction f, Context** ctx, unsigned* max_threads);

// Runs every thread of the grid. A fault inside the kernel (a KernelFault thrown by one of the
// shim's hooks) stops the launch: its code comes back with *why set.
CUresult run_grid(const KernelDesc& k, void** params, Dim3 grid, Dim3 block, std::string* why);

struct KernelFault {
  CUresult code;
  std::string what;
};

// ---- PTX (fake_module.cpp)
struct PtxEntry {
  std::string name;
  std::string signature;
  unsigned max_threads = 1024;  // .maxntid / .reqntid (__launch_bounds__): larger blocks fail
};
// Parses .version, .target and the .entry list; returns a CUresult and a reason on failure.
CUresult parse_ptx(const char* text, std::vector<PtxEntry>* entries, std::string* why);

// One line on stderr for conditions that mean the fake itself is misused or stale (an unknown
// kernel, a PTX newer than the build): never printed during normal work.
void diagnose(const std::string& message);

}  // namespace fake

#endif
