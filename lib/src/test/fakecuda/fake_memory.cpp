// Device memory of the fake libcuda: host memory handed out as device pointers.
//
// Every allocation is recorded, so copies, memsets and frees are checked against live
// allocations (CUDA_ERROR_INVALID_VALUE for a range outside one, as the driver reports for
// unknown pointers) instead of silently scribbling over the JVM's heap. A budget
// (WORKBOOK_FAKECUDA_MEMORY bytes, default 2 GiB) makes CUDA_ERROR_OUT_OF_MEMORY reachable.
// Fresh allocations are filled with 0xFF bytes (NaN for floats, -1 for integers) unless
// WORKBOOK_FAKECUDA_POISON=0: GPU memory is not zeroed either, so host code that forgets to
// clear a buffer fails here too rather than only on a real device.
// Each allocation is its own mapping that ends at an inaccessible guard page: a kernel that
// runs more than the 256-byte rounding past its buffer faults at once (a JVM crash report
// naming the kernel) instead of quietly corrupting the heap and failing somewhere later.
#include "fake.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <set>

namespace fake {

namespace {

constexpr size_t kAlign = 256;  // cuMemAlloc guarantees at least 256-byte alignment

std::map<uintptr_t, Allocation>& allocations() {
  static std::map<uintptr_t, Allocation> m;
  return m;
}

std::set<void*>& host_allocations() {
  static std::set<void*> s;
  return s;
}

size_t g_used[8];

size_t page_size() {
  static const size_t p = (size_t)sysconf(_SC_PAGESIZE);
  return p;
}

// [mapping | ... | buffer of `rounded` bytes][guard page]; returns the buffer, 256-aligned
// because the guard page is page-aligned and `rounded` a multiple of 256.
void* map_device(size_t rounded, size_t* map_bytes) {
  size_t page = page_size();
  size_t bytes = (rounded + page - 1) / page * page + page;
  void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) return nullptr;
  char* guard = static_cast<char*>(m) + bytes - page;
  mprotect(guard, page, PROT_NONE);
  *map_bytes = bytes;
  return guard - rounded;
}

void unmap_device(uintptr_t buffer, const Allocation& a) {
  char* end = reinterpret_cast<char*>(buffer) + a.size + page_size();
  munmap(end - a.map_bytes, a.map_bytes);
}

bool poison() {
  static const bool on = [] {
    const char* s = std::getenv("WORKBOOK_FAKECUDA_POISON");
    return s == nullptr || std::strcmp(s, "0") != 0;
  }();
  return on;
}

// A device range [ptr, ptr + bytes) that must lie inside one live allocation.
bool device_range_ok(CUdeviceptr ptr, size_t bytes) {
  return find_allocation((uintptr_t)ptr, bytes) != nullptr;
}

}  // namespace

size_t memory_limit() {
  static const size_t limit = [] {
    const char* s = std::getenv("WORKBOOK_FAKECUDA_MEMORY");
    size_t v = 2ull << 30;
    if (s != nullptr && *s != 0) {
      char* end = nullptr;
      unsigned long long parsed = std::strtoull(s, &end, 10);
      if (*end != 0 || parsed == 0) {
        diagnose(std::string("WORKBOOK_FAKECUDA_MEMORY='") + s +
                 "' is not a positive number of bytes (e.g. 1073741824); using 2 GiB");
      } else {
        v = (size_t)parsed;
      }
    }
    return v;
  }();
  return limit;
}

size_t memory_used(int device) { return g_used[device]; }

const Allocation* find_allocation(uintptr_t ptr, size_t bytes) {
  auto& m = allocations();
  auto it = m.upper_bound(ptr);
  if (it == m.begin()) return nullptr;
  --it;
  uintptr_t base = it->first;
  size_t size = it->second.size;
  size_t need = bytes == 0 ? 1 : bytes;
  if (ptr < base || ptr - base > size || size - (ptr - base) < need) return nullptr;
  return &it->second;
}

void free_context_memory(Context* ctx) {
  auto& m = allocations();
  for (auto it = m.begin(); it != m.end();) {
    if (it->second.ctx == ctx) {
      g_used[ctx->device] -= it->second.size;
      unmap_device(it->first, it->second);
      it = m.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace fake

using namespace fake;
using Lock = std::lock_guard<std::mutex>;

FAKE_API CUresult cuMemAlloc_v2(CUdeviceptr* dptr, size_t bytes) {
  Lock l(big_lock());
  if (dptr == nullptr || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (bytes > memory_limit()) return CUDA_ERROR_OUT_OF_MEMORY;
  size_t rounded = (bytes + kAlign - 1) / kAlign * kAlign;
  if (g_used[c->device] + rounded > memory_limit()) return CUDA_ERROR_OUT_OF_MEMORY;
  size_t map_bytes;
  void* p = map_device(rounded, &map_bytes);
  if (p == nullptr) return CUDA_ERROR_OUT_OF_MEMORY;
  if (poison()) std::memset(p, 0xFF, rounded);
  allocations()[(uintptr_t)p] = Allocation{rounded, c, map_bytes};
  g_used[c->device] += rounded;
  *dptr = (CUdeviceptr)(uintptr_t)p;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemFree_v2(CUdeviceptr dptr) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (dptr == 0) return CUDA_SUCCESS;
  auto& m = allocations();
  auto it = m.find((uintptr_t)dptr);
  if (it == m.end()) return CUDA_ERROR_INVALID_VALUE;  // unknown, already freed, or interior
  g_used[it->second.ctx->device] -= it->second.size;
  unmap_device(it->first, it->second);
  m.erase(it);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemGetInfo_v2(size_t* free_bytes, size_t* total) {
  Lock l(big_lock());
  if (free_bytes == nullptr || total == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  *total = memory_limit();
  *free_bytes = memory_limit() - g_used[c->device];
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemGetAddressRange_v2(CUdeviceptr* base, size_t* size, CUdeviceptr dptr) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  const Allocation* a = find_allocation((uintptr_t)dptr, 0);
  if (a == nullptr) return CUDA_ERROR_NOT_FOUND;
  auto it = allocations().upper_bound((uintptr_t)dptr);
  --it;
  if (base != nullptr) *base = (CUdeviceptr)it->first;
  if (size != nullptr) *size = a->size;
  return CUDA_SUCCESS;
}

// ---- copies: synchronous (the fake has no queue), the Async forms behave the same

static CUresult htod(CUdeviceptr dst, const void* src, size_t n) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (n == 0) return CUDA_SUCCESS;
  if (src == nullptr || !device_range_ok(dst, n)) return CUDA_ERROR_INVALID_VALUE;
  std::memcpy(reinterpret_cast<void*>(dst), src, n);
  return CUDA_SUCCESS;
}

static CUresult dtoh(void* dst, CUdeviceptr src, size_t n) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (n == 0) return CUDA_SUCCESS;
  if (dst == nullptr || !device_range_ok(src, n)) return CUDA_ERROR_INVALID_VALUE;
  std::memcpy(dst, reinterpret_cast<const void*>(src), n);
  return CUDA_SUCCESS;
}

static CUresult dtod(CUdeviceptr dst, CUdeviceptr src, size_t n) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (n == 0) return CUDA_SUCCESS;
  if (!device_range_ok(dst, n) || !device_range_ok(src, n)) return CUDA_ERROR_INVALID_VALUE;
  std::memmove(reinterpret_cast<void*>(dst), reinterpret_cast<const void*>(src), n);
  return CUDA_SUCCESS;
}

// cuMemcpy with unified addressing: either side may be host or device memory; a side that
// starts inside a device allocation must stay inside it.
static CUresult unified(CUdeviceptr dst, CUdeviceptr src, size_t n) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (n == 0) return CUDA_SUCCESS;
  if (dst == 0 || src == 0) return CUDA_ERROR_INVALID_VALUE;
  for (CUdeviceptr p : {dst, src}) {
    if (find_allocation((uintptr_t)p, 0) != nullptr && !device_range_ok(p, n)) {
      return CUDA_ERROR_INVALID_VALUE;
    }
  }
  std::memmove(reinterpret_cast<void*>(dst), reinterpret_cast<const void*>(src), n);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t n) { return htod(dst, src, n); }
FAKE_API CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t n) { return dtoh(dst, src, n); }
FAKE_API CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n) { return dtod(dst, src, n); }
FAKE_API CUresult cuMemcpy(CUdeviceptr dst, CUdeviceptr src, size_t n) { return unified(dst, src, n); }
FAKE_API CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t n, CUstream) {
  return htod(dst, src, n);
}
FAKE_API CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t n, CUstream) {
  return dtoh(dst, src, n);
}
FAKE_API CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t n, CUstream) {
  return dtod(dst, src, n);
}
FAKE_API CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t n, CUstream) {
  return unified(dst, src, n);
}

// ---- memsets: n elements of 1, 2 or 4 bytes; the address must be aligned to the element

template <class T>
static CUresult memset_n(CUdeviceptr dst, T value, size_t n) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (dst % sizeof(T) != 0) return CUDA_ERROR_INVALID_VALUE;
  if (n == 0) return CUDA_SUCCESS;
  if (n > SIZE_MAX / sizeof(T) || !device_range_ok(dst, n * sizeof(T))) return CUDA_ERROR_INVALID_VALUE;
  T* p = reinterpret_cast<T*>(dst);
  if (sizeof(T) == 1) {
    std::memset(p, (int)value, n);
  } else {
    for (size_t i = 0; i < n; i++) p[i] = value;
  }
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemsetD8_v2(CUdeviceptr d, unsigned char v, size_t n) { return memset_n(d, v, n); }
FAKE_API CUresult cuMemsetD16_v2(CUdeviceptr d, unsigned short v, size_t n) { return memset_n(d, v, n); }
FAKE_API CUresult cuMemsetD32_v2(CUdeviceptr d, unsigned int v, size_t n) { return memset_n(d, v, n); }
FAKE_API CUresult cuMemsetD8Async(CUdeviceptr d, unsigned char v, size_t n, CUstream) {
  return memset_n(d, v, n);
}
FAKE_API CUresult cuMemsetD16Async(CUdeviceptr d, unsigned short v, size_t n, CUstream) {
  return memset_n(d, v, n);
}
FAKE_API CUresult cuMemsetD32Async(CUdeviceptr d, unsigned int v, size_t n, CUstream) {
  return memset_n(d, v, n);
}

// ---- page-locked host memory: plain host memory here, tracked so frees are checked

static CUresult host_alloc(void** pp, size_t bytes) {
  Lock l(big_lock());
  if (pp == nullptr || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  void* p = std::aligned_alloc(kAlign, (bytes + kAlign - 1) / kAlign * kAlign);
  if (p == nullptr) return CUDA_ERROR_OUT_OF_MEMORY;
  host_allocations().insert(p);
  *pp = p;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemAllocHost_v2(void** pp, size_t bytes) { return host_alloc(pp, bytes); }
FAKE_API CUresult cuMemHostAlloc(void** pp, size_t bytes, unsigned int) { return host_alloc(pp, bytes); }

FAKE_API CUresult cuMemFreeHost(void* p) {
  Lock l(big_lock());
  Context* c;
  if (CUresult r = current(&c)) return r;
  if (host_allocations().erase(p) == 0) return CUDA_ERROR_INVALID_VALUE;
  std::free(p);
  return CUDA_SUCCESS;
}
