// Runs a kernel launch on the CPU: the registry of emulated kernels and the grid executor.
//
// Two ways to run a block, chosen per kernel at build time from its PTX (gen_trampolines.py):
//  - no barrier in the kernel: its CUDA threads run one after another on the calling thread,
//    a plain loop, so the thousands of small elementwise launches of a test suite stay cheap;
//  - a barrier (bar.sync): the block's threads run as fibers on the calling thread, each with
//    its own stack; __syncthreads switches to the next fiber, and a phase ends when every
//    thread of the block has reached the barrier (or returned). That is a barrier's meaning
//    without an OS thread per CUDA thread: a 256-thread reduction block costs ~256 context
//    switches of a few nanoseconds per phase instead of 256 futex wake-ups. Threads run in
//    index order within a phase, so a missing __syncthreads shows up deterministically.
// One block lives at a time, which the shim's __shared__-as-static relies on.
#include "fake_kernel.h"

#include <sys/mman.h>

#include <cstdio>
#include <exception>

#if !defined(__x86_64__)
#error "fake_exec.cpp switches fibers with x86-64 assembly (JCuda's natives are linux-x86_64 only)"
#endif

// fake_switch(save, to): saves the callee-saved registers and the FPU control words on the
// current stack, stores the stack pointer in *save, and resumes the context whose stack
// pointer is `to` (left there by an earlier fake_switch, or laid out by new_fiber_stack).
// fake_fiber_start: where a new fiber begins; its argument arrives in r12.
asm(R"(
    .text
    .p2align 4
    .type fake_switch, @function
fake_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $16, %rsp
    stmxcsr 8(%rsp)
    fnstcw (%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr 8(%rsp)
    fldcw (%rsp)
    addq $16, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size fake_switch, .-fake_switch

    .p2align 4
    .type fake_fiber_start, @function
fake_fiber_start:
    .cfi_startproc
    .cfi_undefined rip
    movq %r12, %rdi
    call fake_fiber_main
    ud2
    .cfi_endproc
    .size fake_fiber_start, .-fake_fiber_start
)");

extern "C" void fake_switch(void** save, void* to);
extern "C" void fake_fiber_start();

namespace fake {

namespace {

constexpr size_t kStackBytes = 256 * 1024;  // per fiber; kernels keep little on the stack
constexpr size_t kGuardBytes = 4096;        // an overflow faults instead of corrupting a neighbour

struct Fiber {
  char* stack = nullptr;  // lowest address of the mapping (the guard page)
  void* sp = nullptr;
  bool done = false;
};

std::map<std::string, KernelDesc>& registry() {
  static std::map<std::string, KernelDesc> m;
  return m;
}

// State of the launch in progress (one at a time: the caller holds big_lock()).
std::vector<Fiber> g_fibers;
const KernelDesc* g_kernel = nullptr;
void** g_params = nullptr;
bool g_fiber_mode = false;
unsigned g_current = 0;   // the fiber running now
void* g_sched_sp = nullptr;
CUresult g_fault = CUDA_SUCCESS;
std::string g_fault_why;

void record_fault(CUresult code, const std::string& why) {
  if (g_fault == CUDA_SUCCESS) {
    g_fault = code;
    g_fault_why = why;
  }
}

void run_thread_catching() {
  try {
    g_kernel->call(g_params);
  } catch (const KernelFault& f) {
    record_fault(f.code, f.what);
  } catch (const std::exception& e) {
    record_fault(CUDA_ERROR_LAUNCH_FAILED, e.what());
  } catch (...) {
    record_fault(CUDA_ERROR_LAUNCH_FAILED, "an unknown C++ exception");
  }
}

// Lays out a fresh fiber stack so that the first fake_switch to it "returns" into
// fake_fiber_start with r12 = the Fiber, at a 16-byte aligned call site.
void new_fiber_stack(Fiber& f) {
  if (f.stack == nullptr) {
    void* m = mmap(nullptr, kStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) throw KernelFault{CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES, "no memory for fiber stacks"};
    mprotect(m, kGuardBytes, PROT_NONE);
    f.stack = static_cast<char*>(m);
  }
  uintptr_t top = (reinterpret_cast<uintptr_t>(f.stack) + kStackBytes) & ~uintptr_t(15);
  uint64_t* s = reinterpret_cast<uint64_t*>(top - 88);  // 88: (s + 72) is 16-byte aligned
  uint32_t mxcsr;
  uint16_t fpucw;
  asm volatile("stmxcsr %0" : "=m"(mxcsr));
  asm volatile("fnstcw %0" : "=m"(fpucw));
  s[0] = fpucw;
  s[1] = mxcsr;
  s[2] = s[3] = s[4] = 0;                           // r15 r14 r13
  s[5] = reinterpret_cast<uint64_t>(&f);            // r12: fake_fiber_start's argument
  s[6] = s[7] = 0;                                  // rbx rbp
  s[8] = reinterpret_cast<uint64_t>(&fake_fiber_start);
  f.sp = s;
  f.done = false;
}

void set_thread_index(unsigned t, const Dim3& block) {
  threadIdx = uint3{t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
}

void run_block_sequential(unsigned nt, const Dim3& block) {
  for (unsigned t = 0; t < nt && g_fault == CUDA_SUCCESS; t++) {
    set_thread_index(t, block);
    run_thread_catching();
  }
}

void run_block_fibers(unsigned nt, const Dim3& block) {
  for (unsigned t = 0; t < nt; t++) new_fiber_stack(g_fibers[t]);
  // Each pass is one barrier phase: resume every live thread until it parks or returns. A thread
  // that returned early simply stops taking part, as an exited thread does on a GPU.
  for (unsigned live = nt; live > 0;) {
    for (unsigned t = 0; t < nt; t++) {
      Fiber& f = g_fibers[t];
      if (f.done) continue;
      g_current = t;
      set_thread_index(t, block);
      fake_switch(&g_sched_sp, f.sp);
      if (f.done) live--;
    }
  }
}

}  // namespace

void register_kernel(const KernelDesc& k) { registry().emplace(k.name, k); }

const KernelDesc* find_kernel(const std::string& name) {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

void block_sync() {
  if (!g_fiber_mode) {
    throw KernelFault{CUDA_ERROR_LAUNCH_FAILED,
                      std::string(g_kernel->name) + " called __syncthreads although its PTX has no barrier "
                      "(the fake was built from other PTX: rebuild it)"};
  }
  fake_switch(&g_fibers[g_current].sp, g_sched_sp);
}

void misaligned(const void* p, int bytes) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "misaligned %d-byte vector access at %p", bytes, p);
  throw KernelFault{CUDA_ERROR_MISALIGNED_ADDRESS, buf};
}

CUresult run_grid(const KernelDesc& k, void** params, Dim3 grid, Dim3 block, std::string* why) {
  g_kernel = &k;
  g_params = params;
  g_fiber_mode = k.block_sync;
  g_fault = CUDA_SUCCESS;
  g_fault_why.clear();
  unsigned nt = block.x * block.y * block.z;
  if (g_fiber_mode && g_fibers.size() < nt) g_fibers.resize(nt);
  gridDim = dim3(grid.x, grid.y, grid.z);
  blockDim = dim3(block.x, block.y, block.z);
  try {
    for (unsigned z = 0; z < grid.z && g_fault == CUDA_SUCCESS; z++) {
      for (unsigned y = 0; y < grid.y && g_fault == CUDA_SUCCESS; y++) {
        for (unsigned x = 0; x < grid.x && g_fault == CUDA_SUCCESS; x++) {
          blockIdx = uint3{x, y, z};
          if (g_fiber_mode) {
            run_block_fibers(nt, block);
          } else {
            run_block_sequential(nt, block);
          }
        }
      }
    }
  } catch (const KernelFault& f) {
    record_fault(f.code, f.what);
  }
  g_kernel = nullptr;
  g_params = nullptr;
  *why = g_fault_why;
  return g_fault;
}

}  // namespace fake

// A fiber's whole life: one CUDA thread of one block. Exceptions stop here (the unwinder must
// not walk past the fiber's first frame), then control goes back to the scheduler for good.
extern "C" __attribute__((used)) void fake_fiber_main(void* arg) {
  using namespace fake;
  Fiber* f = static_cast<Fiber*>(arg);
  run_thread_catching();
  f->done = true;
  void* unused;
  fake_switch(&unused, g_sched_sp);
  __builtin_unreachable();
}
