// cuLaunchKernel, streams and events of the fake libcuda.
//
// A launch runs to completion before cuLaunchKernel returns (one in-order queue, so streams
// and events have nothing to wait for). Errors keep the driver's split:
//  - a bad configuration (grid, block, shared memory, parameters) is returned at once and
//    leaves the context usable;
//  - a fault while the kernel runs (a misaligned vector access, an exception, a pointer
//    parameter outside every live allocation, which on a GPU would be an illegal address) is
//    "asynchronous": the launch returns CUDA_SUCCESS, and the error sticks to the context, so
//    every later call in it (cuCtxSynchronize, copies, launches) returns that error until
//    cuDevicePrimaryCtxReset. One line on stderr says which kernel and why.
#include "fake.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>

namespace fake {
namespace {

std::set<CUstream>& streams() {
  static std::set<CUstream> s;
  return s;
}

struct EventState {
  unsigned flags;
  bool recorded;
  std::chrono::steady_clock::time_point when;
};

std::map<CUevent, EventState>& events() {
  static std::map<CUevent, EventState> m;
  return m;
}

// The null stream and the two special handles (CU_STREAM_LEGACY, CU_STREAM_PER_THREAD).
bool valid_stream(CUstream s) {
  uintptr_t v = reinterpret_cast<uintptr_t>(s);
  return v <= 2 || streams().count(s) != 0;
}

// A pointer parameter may be null or point into (or just past) a live allocation.
bool pointer_ok(uintptr_t p) {
  return p == 0 || find_allocation(p, 0) != nullptr || find_allocation(p - 1, 0) != nullptr;
}

}  // namespace
}  // namespace fake

using namespace fake;
using Lock = std::lock_guard<std::mutex>;

FAKE_API CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                                 unsigned bz, unsigned shared_bytes, CUstream stream, void** params,
                                 void** extra) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  Context* owner;
  unsigned max_threads;
  const KernelDesc* k = live_function(f, &owner, &max_threads);
  if (k == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  if (owner != c) return CUDA_ERROR_INVALID_CONTEXT;
  if (!valid_stream(stream)) return CUDA_ERROR_INVALID_HANDLE;
  if (gx == 0 || gy == 0 || gz == 0 || gx > 2147483647u || gy > 65535 || gz > 65535) {
    return CUDA_ERROR_INVALID_VALUE;
  }
  if (bx == 0 || by == 0 || bz == 0 || bx > 1024 || by > 1024 || bz > 64 ||
      (unsigned long long)bx * by * bz > 1024) {
    return CUDA_ERROR_INVALID_VALUE;
  }
  if (bx * by * bz > max_threads) return CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES;  // __launch_bounds__
  if (shared_bytes > 49152) return CUDA_ERROR_INVALID_VALUE;
  if (shared_bytes > 0) {  // the shim has no dynamic shared memory (extern __shared__)
    diagnose(std::string("cuLaunchKernel(") + k->name + "): dynamic shared memory is not emulated");
    return CUDA_ERROR_NOT_SUPPORTED;
  }
  if (extra != nullptr) {
    diagnose(std::string("cuLaunchKernel(") + k->name + "): parameters through `extra` are not emulated; "
             "pass kernelParams");
    return CUDA_ERROR_NOT_SUPPORTED;
  }
  if (params == nullptr && k->signature[0] != 0) return CUDA_ERROR_INVALID_VALUE;
  for (int i : k->pointer_params) {
    if (params[i] == nullptr) return CUDA_ERROR_INVALID_VALUE;
    uintptr_t p;
    std::memcpy(&p, params[i], sizeof p);
    if (!pointer_ok(p)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s: pointer parameter %d (%#lx) is in no live allocation (freed?)",
                    k->name, i, (unsigned long)p);
      diagnose(std::string("illegal address in kernel ") + buf);
      c->sticky = CUDA_ERROR_ILLEGAL_ADDRESS;
      return CUDA_SUCCESS;  // reported by the next call, as an asynchronous fault would be
    }
  }
  std::string why;
  CUresult fault = run_grid(*k, params, Dim3{gx, gy, gz}, Dim3{bx, by, bz}, &why);
  if (fault != CUDA_SUCCESS) {
    diagnose(std::string("kernel ") + k->name + " failed: " + why);
    c->sticky = fault;
  }
  return CUDA_SUCCESS;
}

// ---- streams: handles only; the work they would order is done already

FAKE_API CUresult cuStreamCreate(CUstream* out, unsigned int) {
  Lock l(big_lock());
  if (out == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  CUstream s = reinterpret_cast<CUstream>(new char[1]);
  streams().insert(s);
  *out = s;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuStreamCreateWithPriority(CUstream* out, unsigned int flags, int) {
  return cuStreamCreate(out, flags);
}

FAKE_API CUresult cuStreamDestroy_v2(CUstream s) {
  Lock l(big_lock());
  if (!initialized()) return CUDA_ERROR_NOT_INITIALIZED;
  if (streams().erase(s) == 0) return CUDA_ERROR_INVALID_HANDLE;
  delete[] reinterpret_cast<char*>(s);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuStreamSynchronize(CUstream s) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  return valid_stream(s) ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

FAKE_API CUresult cuStreamQuery(CUstream s) { return cuStreamSynchronize(s); }

FAKE_API CUresult cuStreamWaitEvent(CUstream s, CUevent e, unsigned int) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  return valid_stream(s) && events().count(e) != 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

// ---- events: host timestamps, so cuEventElapsedTime measures the emulation's own time

FAKE_API CUresult cuEventCreate(CUevent* out, unsigned int flags) {
  Lock l(big_lock());
  if (out == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  CUevent e = reinterpret_cast<CUevent>(new char[1]);
  events()[e] = EventState{flags, false, {}};
  *out = e;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuEventRecord(CUevent e, CUstream s) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  auto it = events().find(e);
  if (it == events().end() || !valid_stream(s)) return CUDA_ERROR_INVALID_HANDLE;
  it->second.recorded = true;
  it->second.when = std::chrono::steady_clock::now();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuEventRecordWithFlags(CUevent e, CUstream s, unsigned int) { return cuEventRecord(e, s); }

FAKE_API CUresult cuEventSynchronize(CUevent e) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  return events().count(e) != 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

FAKE_API CUresult cuEventQuery(CUevent e) { return cuEventSynchronize(e); }

FAKE_API CUresult cuEventElapsedTime(float* ms, CUevent start, CUevent end) {
  Lock l(big_lock());
  if (ms == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  auto a = events().find(start), b = events().find(end);
  if (a == events().end() || b == events().end()) return CUDA_ERROR_INVALID_HANDLE;
  const unsigned kDisableTiming = 0x2;
  if ((a->second.flags | b->second.flags) & kDisableTiming) return CUDA_ERROR_INVALID_HANDLE;
  if (!a->second.recorded || !b->second.recorded) return CUDA_ERROR_INVALID_HANDLE;
  *ms = std::chrono::duration<float, std::milli>(b->second.when - a->second.when).count();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuEventDestroy_v2(CUevent e) {
  Lock l(big_lock());
  if (!initialized()) return CUDA_ERROR_NOT_INITIALIZED;
  if (events().erase(e) == 0) return CUDA_ERROR_INVALID_HANDLE;
  delete[] reinterpret_cast<char*>(e);
  return CUDA_SUCCESS;
}
