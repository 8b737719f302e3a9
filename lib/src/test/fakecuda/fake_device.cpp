// Initialisation, devices, contexts and error names of the fake libcuda.
//
// Contexts follow the driver's rules closely enough that a host-side bug shows up here as it
// would on a GPU: every call that needs a context fails with CUDA_ERROR_INVALID_CONTEXT on a
// thread where none is current (the JVM calls in from many threads), and releasing the last
// reference to a primary context frees its memory.
#include "fake.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace fake {

std::mutex& big_lock() {
  static std::mutex m;
  return m;
}

static bool g_initialized = false;
static thread_local std::vector<Context*> t_stack;  // this thread's context stack

bool initialized() { return g_initialized; }

int device_count() {
  // Read once: WORKBOOK_FAKECUDA_DEVICES=0 lets a test see the "no GPU" path.
  static const int n = [] {
    const char* s = std::getenv("WORKBOOK_FAKECUDA_DEVICES");
    if (s == nullptr || *s == 0) return 1;
    int v = std::atoi(s);
    return v < 0 ? 0 : (v > 8 ? 8 : v);
  }();
  return n;
}

Context* primary_context(int device) {
  static Context primaries[8];  // never freed: a handle stays a valid pointer after release
  primaries[device].device = device;
  primaries[device].primary = true;
  return &primaries[device];
}

CUresult current(Context** out) {
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  if (t_stack.empty() || t_stack.back() == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  Context* c = t_stack.back();
  if (!c->alive) return CUDA_ERROR_INVALID_CONTEXT;
  if (c->sticky != CUDA_SUCCESS) return c->sticky;
  *out = c;
  return CUDA_SUCCESS;
}

void diagnose(const std::string& message) {
  std::fprintf(stderr, "[fakecuda] %s\n", message.c_str());
}

static CUresult check_device(CUdevice dev) {
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  if (dev < 0 || dev >= device_count()) return CUDA_ERROR_INVALID_DEVICE;
  return CUDA_SUCCESS;
}

static int attribute(int attrib) {
  switch (attrib) {  // an H100-like sm_90 part
    case ATTR_MAX_THREADS_PER_BLOCK: return 1024;
    case ATTR_MAX_BLOCK_DIM_X: return 1024;
    case ATTR_MAX_BLOCK_DIM_Y: return 1024;
    case ATTR_MAX_BLOCK_DIM_Z: return 64;
    case ATTR_MAX_GRID_DIM_X: return 2147483647;
    case ATTR_MAX_GRID_DIM_Y: return 65535;
    case ATTR_MAX_GRID_DIM_Z: return 65535;
    case ATTR_MAX_SHARED_MEMORY_PER_BLOCK: return 49152;
    case ATTR_TOTAL_CONSTANT_MEMORY: return 65536;
    case ATTR_WARP_SIZE: return 32;
    case ATTR_MAX_PITCH: return 2147483647;
    case ATTR_MAX_REGISTERS_PER_BLOCK: return 65536;
    case ATTR_CLOCK_RATE: return 1980000;  // kHz
    case ATTR_TEXTURE_ALIGNMENT: return 512;
    case ATTR_GPU_OVERLAP: return 1;
    case ATTR_MULTIPROCESSOR_COUNT: return 132;
    case ATTR_CAN_MAP_HOST_MEMORY: return 1;
    case ATTR_CONCURRENT_KERNELS: return 1;
    case ATTR_ECC_ENABLED: return 1;
    case ATTR_PCI_BUS_ID: return 1;
    case ATTR_MEMORY_CLOCK_RATE: return 2619000;  // kHz
    case ATTR_GLOBAL_MEMORY_BUS_WIDTH: return 5120;
    case ATTR_L2_CACHE_SIZE: return 52428800;
    case ATTR_MAX_THREADS_PER_MULTIPROCESSOR: return 2048;
    case ATTR_ASYNC_ENGINE_COUNT: return 3;
    case ATTR_UNIFIED_ADDRESSING: return 1;
    case ATTR_COMPUTE_CAPABILITY_MAJOR: return 9;
    case ATTR_COMPUTE_CAPABILITY_MINOR: return 0;
    case ATTR_STREAM_PRIORITIES_SUPPORTED: return 1;
    case ATTR_GLOBAL_L1_CACHE_SUPPORTED: return 1;
    case ATTR_LOCAL_L1_CACHE_SUPPORTED: return 1;
    case ATTR_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR: return 233472;
    case ATTR_MAX_REGISTERS_PER_MULTIPROCESSOR: return 65536;
    case ATTR_MANAGED_MEMORY: return 1;
    case ATTR_COMPUTE_PREEMPTION_SUPPORTED: return 1;
    case ATTR_COOPERATIVE_LAUNCH: return 1;
    case ATTR_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN: return 232448;
    case ATTR_MAX_BLOCKS_PER_MULTIPROCESSOR: return 32;
    default: return 0;
  }
}

}  // namespace fake

using namespace fake;
using Lock = std::lock_guard<std::mutex>;

FAKE_API CUresult cuInit(unsigned int flags) {
  Lock l(big_lock());
  if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
  if (device_count() == 0) return CUDA_ERROR_NO_DEVICE;
  g_initialized = true;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDriverGetVersion(int* version) {
  if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
  *version = kDriverVersion;  // answered before cuInit too, as the real driver does
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetCount(int* count) {
  Lock l(big_lock());
  if (count == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  *count = device_count();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGet(CUdevice* device, int ordinal) {
  Lock l(big_lock());
  if (device == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(ordinal)) return r;
  *device = ordinal;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetName(char* name, int len, CUdevice dev) {
  Lock l(big_lock());
  if (name == nullptr || len <= 0) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  std::snprintf(name, (size_t)len, "Workbook CUDA emulator (CPU)");
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetAttribute(int* value, int attrib, CUdevice dev) {
  Lock l(big_lock());
  if (value == nullptr || attrib <= 0 || attrib >= ATTR_LAST) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  *value = attribute(attrib);
  if (attrib == ATTR_PCI_BUS_ID) *value = dev + 1;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceComputeCapability(int* major, int* minor, CUdevice dev) {
  Lock l(big_lock());
  if (major == nullptr || minor == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  *major = 9;
  *minor = 0;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice dev) {
  Lock l(big_lock());
  if (bytes == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  *bytes = memory_limit();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetUuid(CUuuid* uuid, CUdevice dev) {
  Lock l(big_lock());
  if (uuid == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  std::memcpy(uuid->bytes, "WorkbookFakeGPU", 16);
  uuid->bytes[15] = (char)dev;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetProperties(CUdevprop* p, CUdevice dev) {
  Lock l(big_lock());
  if (p == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  *p = CUdevprop{1024, {1024, 1024, 64}, {2147483647, 65535, 65535}, 49152, 65536, 32,
                 2147483647, 65536, 1980000, 512};
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxRetain(CUcontext* ctx, CUdevice dev) {
  Lock l(big_lock());
  if (ctx == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  Context* c = primary_context(dev);
  if (c->refcount++ == 0) {  // (re)activation gives a fresh context
    c->alive = true;
    c->sticky = CUDA_SUCCESS;
  }
  *ctx = reinterpret_cast<CUcontext>(c);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) {
  Lock l(big_lock());
  if (CUresult r = check_device(dev)) return r;
  Context* c = primary_context(dev);
  if (c->refcount == 0) return CUDA_ERROR_INVALID_CONTEXT;
  if (--c->refcount == 0) {
    c->alive = false;
    c->generation++;
    free_context_memory(c);
  }
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxReset_v2(CUdevice dev) {
  Lock l(big_lock());
  if (CUresult r = check_device(dev)) return r;
  Context* c = primary_context(dev);
  free_context_memory(c);
  c->generation++;
  c->sticky = CUDA_SUCCESS;  // the documented way out of a sticky error
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxGetState(CUdevice dev, unsigned int* flags, int* active) {
  Lock l(big_lock());
  if (flags == nullptr || active == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  Context* c = primary_context(dev);
  *flags = c->flags;
  *active = c->refcount > 0 ? 1 : 0;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxSetFlags_v2(CUdevice dev, unsigned int flags) {
  Lock l(big_lock());
  if (CUresult r = check_device(dev)) return r;
  primary_context(dev)->flags = flags;
  return CUDA_SUCCESS;
}

static bool usable(Context* c) {
  return c != nullptr && c->alive;
}

FAKE_API CUresult cuCtxSetCurrent(CUcontext ctx) {
  Lock l(big_lock());
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  Context* c = reinterpret_cast<Context*>(ctx);
  if (c != nullptr && !c->alive) return CUDA_ERROR_INVALID_CONTEXT;
  if (t_stack.empty()) {
    if (c != nullptr) t_stack.push_back(c);
  } else if (c == nullptr) {
    t_stack.pop_back();
  } else {
    t_stack.back() = c;
  }
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxGetCurrent(CUcontext* ctx) {
  Lock l(big_lock());
  if (ctx == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  *ctx = t_stack.empty() ? nullptr : reinterpret_cast<CUcontext>(t_stack.back());
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxPushCurrent_v2(CUcontext ctx) {
  Lock l(big_lock());
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  Context* c = reinterpret_cast<Context*>(ctx);
  if (!usable(c)) return CUDA_ERROR_INVALID_CONTEXT;
  t_stack.push_back(c);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxPopCurrent_v2(CUcontext* ctx) {
  Lock l(big_lock());
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  if (t_stack.empty()) return CUDA_ERROR_INVALID_CONTEXT;
  if (ctx != nullptr) *ctx = reinterpret_cast<CUcontext>(t_stack.back());
  t_stack.pop_back();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxCreate_v2(CUcontext* ctx, unsigned int flags, CUdevice dev) {
  Lock l(big_lock());
  if (ctx == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (CUresult r = check_device(dev)) return r;
  Context* c = new Context();  // freed never: a destroyed handle must stay safe to inspect
  c->device = dev;
  c->flags = flags;
  t_stack.push_back(c);
  *ctx = reinterpret_cast<CUcontext>(c);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxDestroy_v2(CUcontext ctx) {
  Lock l(big_lock());
  if (!g_initialized) return CUDA_ERROR_NOT_INITIALIZED;
  Context* c = reinterpret_cast<Context*>(ctx);
  if (!usable(c) || c->primary) return CUDA_ERROR_INVALID_CONTEXT;
  c->alive = false;
  c->generation++;
  free_context_memory(c);
  if (!t_stack.empty() && t_stack.back() == c) t_stack.pop_back();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxGetDevice(CUdevice* dev) {
  Lock l(big_lock());
  if (dev == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  *dev = c->device;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxGetApiVersion(CUcontext ctx, unsigned int* version) {
  Lock l(big_lock());
  if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (!usable(reinterpret_cast<Context*>(ctx)) && ctx != nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  *version = 3020;  // what every CUDA 12 context reports
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxSynchronize() {
  Lock l(big_lock());
  Context* c;
  return current(&c);  // work is done when its call returns; only a pending fault remains
}
