// The few CUDA driver API types and constants the fake libcuda implements. Written out
// here (values as in CUDA 12.6's cuda.h and JCuda's CUresult / CUdevice_attribute) so the
// fake builds with nothing but g++: no CUDA toolkit exists on the machines that run it.
#ifndef FAKECUDA_CUDA_TYPES_H
#define FAKECUDA_CUDA_TYPES_H

#include <cstddef>

extern "C" {

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;  // the _v2 API: 64-bit device addresses
typedef struct FakeCtx* CUcontext;
typedef struct FakeModule* CUmodule;
typedef struct FakeFunction* CUfunction;
typedef struct FakeStream* CUstream;
typedef struct FakeEvent* CUevent;
typedef int CUjit_option;

typedef struct { char bytes[16]; } CUuuid;

typedef struct {
  int maxThreadsPerBlock;
  int maxThreadsDim[3];
  int maxGridSize[3];
  int sharedMemPerBlock;
  int totalConstantMemory;
  int SIMDWidth;
  int memPitch;
  int regsPerBlock;
  int clockRate;
  int textureAlign;
} CUdevprop;

}  // extern "C"

enum : CUresult {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_DEINITIALIZED = 4,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_INVALID_CONTEXT = 201,
  CUDA_ERROR_NO_BINARY_FOR_GPU = 209,
  CUDA_ERROR_INVALID_PTX = 218,
  CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
  CUDA_ERROR_FILE_NOT_FOUND = 301,
  CUDA_ERROR_INVALID_HANDLE = 400,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_NOT_READY = 600,
  CUDA_ERROR_ILLEGAL_ADDRESS = 700,
  CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = 701,
  CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE = 708,
  CUDA_ERROR_CONTEXT_IS_DESTROYED = 709,
  CUDA_ERROR_ASSERT = 710,
  CUDA_ERROR_MISALIGNED_ADDRESS = 716,
  CUDA_ERROR_LAUNCH_FAILED = 719,
  CUDA_ERROR_NOT_SUPPORTED = 801,
  CUDA_ERROR_UNKNOWN = 999,
};

// CUdevice_attribute values the fake answers with something other than 0.
enum {
  ATTR_MAX_THREADS_PER_BLOCK = 1,
  ATTR_MAX_BLOCK_DIM_X = 2,
  ATTR_MAX_BLOCK_DIM_Y = 3,
  ATTR_MAX_BLOCK_DIM_Z = 4,
  ATTR_MAX_GRID_DIM_X = 5,
  ATTR_MAX_GRID_DIM_Y = 6,
  ATTR_MAX_GRID_DIM_Z = 7,
  ATTR_MAX_SHARED_MEMORY_PER_BLOCK = 8,
  ATTR_TOTAL_CONSTANT_MEMORY = 9,
  ATTR_WARP_SIZE = 10,
  ATTR_MAX_PITCH = 11,
  ATTR_MAX_REGISTERS_PER_BLOCK = 12,
  ATTR_CLOCK_RATE = 13,
  ATTR_TEXTURE_ALIGNMENT = 14,
  ATTR_GPU_OVERLAP = 15,
  ATTR_MULTIPROCESSOR_COUNT = 16,
  ATTR_CAN_MAP_HOST_MEMORY = 19,
  ATTR_CONCURRENT_KERNELS = 31,
  ATTR_ECC_ENABLED = 32,
  ATTR_PCI_BUS_ID = 33,
  ATTR_MEMORY_CLOCK_RATE = 36,
  ATTR_GLOBAL_MEMORY_BUS_WIDTH = 37,
  ATTR_L2_CACHE_SIZE = 38,
  ATTR_MAX_THREADS_PER_MULTIPROCESSOR = 39,
  ATTR_ASYNC_ENGINE_COUNT = 40,
  ATTR_UNIFIED_ADDRESSING = 41,
  ATTR_COMPUTE_CAPABILITY_MAJOR = 75,
  ATTR_COMPUTE_CAPABILITY_MINOR = 76,
  ATTR_STREAM_PRIORITIES_SUPPORTED = 78,
  ATTR_GLOBAL_L1_CACHE_SUPPORTED = 79,
  ATTR_LOCAL_L1_CACHE_SUPPORTED = 80,
  ATTR_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR = 81,
  ATTR_MAX_REGISTERS_PER_MULTIPROCESSOR = 82,
  ATTR_MANAGED_MEMORY = 83,
  ATTR_COMPUTE_PREEMPTION_SUPPORTED = 90,
  ATTR_COOPERATIVE_LAUNCH = 95,
  ATTR_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN = 97,
  ATTR_MAX_BLOCKS_PER_MULTIPROCESSOR = 106,
  ATTR_LAST = 200,  // anything at or above is not an attribute: CUDA_ERROR_INVALID_VALUE
};

// CUfunction_attribute values answered by cuFuncGetAttribute.
enum {
  FUNC_ATTR_MAX_THREADS_PER_BLOCK = 0,
  FUNC_ATTR_NUM_REGS = 4,
  FUNC_ATTR_PTX_VERSION = 5,
  FUNC_ATTR_BINARY_VERSION = 6,
  FUNC_ATTR_MAX = 16,
};

#endif
