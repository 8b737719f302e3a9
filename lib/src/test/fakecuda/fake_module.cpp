// Modules of the fake libcuda: "JIT-compiling" a PTX text means finding each of its .entry
// kernels among the emulated kernels compiled into this library, by name and parameter list.
//
// The PTX is checked the way the driver would reject it: a binary image (cubin, fatbin) is
// CUDA_ERROR_INVALID_IMAGE, a PTX ISA newer than the reported driver understands is
// CUDA_ERROR_UNSUPPORTED_PTX_VERSION (the classic failure when kernels are compiled with a
// newer nvcc than the machine's driver), a .target above sm_90 is CUDA_ERROR_INVALID_PTX.
// An entry with no emulated kernel, or whose parameters differ from the PTX the library was
// generated from (a stale build), is CUDA_ERROR_NOT_FOUND with one line on stderr.
#include "fake.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

struct FakeFunction;

namespace fake {

struct Module {
  Context* ctx;
  unsigned generation;
  std::map<std::string, FakeFunction*> functions;
};

}  // namespace fake

struct FakeFunction {
  const fake::KernelDesc* desc;
  fake::Module* module;
  unsigned max_threads;
};

namespace fake {

namespace {

std::set<Module*>& modules() {
  static std::set<Module*> s;
  return s;
}

std::set<FakeFunction*>& functions() {  // every handle cuModuleGetFunction may have given out
  static std::set<FakeFunction*> s;
  return s;
}

void delete_module(Module* m) {
  for (auto& f : m->functions) {
    functions().erase(f.second);
    delete f.second;
  }
  delete m;
}

// The newest PTX ISA (major * 10 + minor) a driver of this version JIT-compiles.
int max_ptx_isa(int driver) {
  if (driver >= 13000) return 90;
  if (driver >= 12090) return 88;
  if (driver >= 12080) return 87;
  if (driver >= 12050) return 85;
  if (driver >= 12040) return 84;
  if (driver >= 12030) return 83;
  if (driver >= 12020) return 82;
  if (driver >= 12010) return 81;
  return 80;
}

std::string next_token(const std::string& s, size_t* pos) {
  size_t i = *pos;
  while (i < s.size() && std::isspace((unsigned char)s[i])) i++;
  size_t start = i;
  while (i < s.size() && !std::isspace((unsigned char)s[i])) i++;
  *pos = i;
  return s.substr(start, i - start);
}

// One ".param ..." declaration in canonical form: type, then [N] for arrays, then @A when an
// alignment is declared; e.g. ".param .align 4 .b8 f_param_1[36]" -> "b8[36]@4". The build's
// generator (gen_trampolines.py) writes the same form, so the two can be compared.
bool canonical_param(const std::string& decl, std::string* out) {
  size_t pos = 0;
  std::string type, align, count;
  for (std::string t = next_token(decl, &pos); !t.empty(); t = next_token(decl, &pos)) {
    if (t == ".param" || t == ".ptr" || t == ".global" || t == ".const" || t == ".shared" ||
        t == ".local") {
      continue;
    }
    if (t == ".align") {
      std::string a = next_token(decl, &pos);
      if (type.empty()) align = a;  // an alignment after the type belongs to .ptr
      continue;
    }
    if (t[0] == '.') {
      type = t.substr(1);
      continue;
    }
    size_t b = t.find('[');  // the parameter's name, maybe with an array size
    if (b != std::string::npos) count = t.substr(b);
  }
  if (type.empty()) return false;
  *out = type + count + (align.empty() ? "" : "@" + align);
  return true;
}

}  // namespace

CUresult parse_ptx(const char* text, std::vector<PtxEntry>* entries, std::string* why) {
  if ((unsigned char)text[0] == 0x7f || (unsigned char)text[0] == 0x50) {
    *why = "a binary image (cubin/fatbin): the fake runs PTX text only";
    return CUDA_ERROR_INVALID_IMAGE;
  }
  std::string s(text);
  size_t v = s.find(".version");
  if (v == std::string::npos) {
    *why = "no .version directive: not PTX text (is the byte array NUL-terminated PTX?)";
    return CUDA_ERROR_INVALID_IMAGE;
  }
  int major = 0, minor = 0;
  std::sscanf(s.c_str() + v, ".version %d.%d", &major, &minor);
  int driver = kDriverVersion;
  if (major * 10 + minor > max_ptx_isa(driver)) {
    *why = "PTX ISA " + std::to_string(major) + "." + std::to_string(minor) +
           " is newer than a CUDA " + std::to_string(driver / 1000) + "." +
           std::to_string(driver % 1000 / 10) + " driver accepts (" +
           std::to_string(max_ptx_isa(driver) / 10) + "." + std::to_string(max_ptx_isa(driver) % 10) +
           "): compile the kernels with an nvcc no newer than the driver";
    return CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
  }
  size_t t = s.find(".target");
  int sm = 0;
  if (t != std::string::npos && std::sscanf(s.c_str() + t, ".target sm_%d", &sm) == 1 && sm > 90) {
    *why = ".target sm_" + std::to_string(sm) + " is above the device's compute capability 9.0";
    return CUDA_ERROR_INVALID_PTX;
  }
  for (size_t e = s.find(".entry"); e != std::string::npos; e = s.find(".entry", e + 6)) {
    if (e > 0 && !std::isspace((unsigned char)s[e - 1])) continue;
    size_t p = e + 6;
    while (p < s.size() && std::isspace((unsigned char)s[p])) p++;
    size_t start = p;
    while (p < s.size() && (std::isalnum((unsigned char)s[p]) || s[p] == '_' || s[p] == '$')) p++;
    PtxEntry entry;
    entry.name = s.substr(start, p - start);
    size_t open = s.find('(', p), close = s.find(')', p);
    size_t body = s.find('{', p);
    if (entry.name.empty() || body == std::string::npos) {
      *why = "a malformed .entry directive";
      return CUDA_ERROR_INVALID_PTX;
    }
    // Performance directives between the parameters and the body: .maxntid 256, 1, 1
    for (const char* directive : {".maxntid", ".reqntid"}) {
      size_t d = s.find(directive, close);
      unsigned x = 1, y = 1, z = 1;
      if (d != std::string::npos && d < body &&
          std::sscanf(s.c_str() + d + std::strlen(directive), " %u , %u , %u", &x, &y, &z) >= 1) {
        entry.max_threads = x * y * z;
      }
    }
    if (open != std::string::npos && open < body && close != std::string::npos) {
      std::stringstream list(s.substr(open + 1, close - open - 1));
      std::string decl, canon;
      while (std::getline(list, decl, ',')) {
        if (!canonical_param(decl, &canon)) {
          *why = "cannot read parameter '" + decl + "' of " + entry.name;
          return CUDA_ERROR_INVALID_PTX;
        }
        entry.signature += (entry.signature.empty() ? "" : ",") + canon;
      }
    }
    entries->push_back(entry);
  }
  if (entries->empty()) {
    *why = "no .entry kernels in the PTX";
    return CUDA_ERROR_INVALID_PTX;
  }
  return CUDA_SUCCESS;
}

}  // namespace fake

using namespace fake;
using Lock = std::lock_guard<std::mutex>;

static CUresult load(CUmodule* out, const char* image, const char* where) {
  if (out == nullptr || image == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  std::vector<PtxEntry> entries;
  std::string why;
  if (CUresult r = parse_ptx(image, &entries, &why)) {
    diagnose(std::string(where) + ": " + why);
    return r;
  }
  Module* m = new Module{c, c->generation, {}};
  for (const PtxEntry& e : entries) {
    const KernelDesc* k = find_kernel(e.name);
    const char* problem = k == nullptr ? "has no emulated kernel"
                          : e.signature != k->signature ? "has other parameters than the emulated kernel"
                                                         : nullptr;
    if (problem != nullptr) {
      diagnose(std::string(where) + ": PTX entry " + e.name + " (" + e.signature + ") " + problem +
               (k == nullptr ? "" : std::string(" (") + k->signature + ")") +
               "; rebuild the fake after changing kernels: source scripts/fakecuda.sh; wb_fakecuda_build");
      delete_module(m);
      return CUDA_ERROR_NOT_FOUND;
    }
    FakeFunction* f = new FakeFunction{k, m, e.max_threads};
    m->functions[e.name] = f;
    functions().insert(f);
  }
  modules().insert(m);
  *out = reinterpret_cast<CUmodule>(m);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuModuleLoadData(CUmodule* module, const void* image) {
  Lock l(big_lock());
  return load(module, static_cast<const char*>(image), "cuModuleLoadData");
}

FAKE_API CUresult cuModuleLoadDataEx(CUmodule* module, const void* image, unsigned int, CUjit_option*,
                                     void**) {
  Lock l(big_lock());  // JIT options (log buffers, optimisation level) have nothing to act on
  return load(module, static_cast<const char*>(image), "cuModuleLoadDataEx");
}

FAKE_API CUresult cuModuleLoad(CUmodule* module, const char* path) {
  Lock l(big_lock());
  if (path == nullptr) return CUDA_ERROR_INVALID_VALUE;
  std::ifstream in(path, std::ios::binary);
  if (!in) return CUDA_ERROR_FILE_NOT_FOUND;
  std::stringstream text;
  text << in.rdbuf();
  return load(module, text.str().c_str(), path);
}

static Module* live_module(CUmodule handle) {
  Module* m = reinterpret_cast<Module*>(handle);
  if (modules().count(m) == 0) return nullptr;
  return m;
}

FAKE_API CUresult cuModuleUnload(CUmodule handle) {
  Lock l(big_lock());
  if (!initialized()) return CUDA_ERROR_NOT_INITIALIZED;
  Module* m = live_module(handle);
  if (m == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  modules().erase(m);
  delete_module(m);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuModuleGetFunction(CUfunction* out, CUmodule handle, const char* name) {
  Lock l(big_lock());
  if (out == nullptr || name == nullptr) return CUDA_ERROR_INVALID_VALUE;
  Context* c;
  if (CUresult r = current(&c)) return r;
  Module* m = live_module(handle);
  if (m == nullptr || m->generation != m->ctx->generation) return CUDA_ERROR_INVALID_HANDLE;
  auto it = m->functions.find(name);
  if (it == m->functions.end()) return CUDA_ERROR_NOT_FOUND;
  *out = reinterpret_cast<CUfunction>(it->second);
  return CUDA_SUCCESS;
}

namespace fake {

// The function behind a handle, if its module is still loaded in a context still alive.
const KernelDesc* live_function(CUfunction handle, Context** ctx, unsigned* max_threads) {
  FakeFunction* f = reinterpret_cast<FakeFunction*>(handle);
  if (functions().count(f) == 0) return nullptr;
  Module* m = f->module;
  if (m->generation != m->ctx->generation || !m->ctx->alive) return nullptr;
  *ctx = m->ctx;
  *max_threads = f->max_threads;
  return f->desc;
}

}  // namespace fake

FAKE_API CUresult cuFuncGetAttribute(int* value, int attrib, CUfunction f) {
  Lock l(big_lock());
  if (value == nullptr || attrib < 0 || attrib >= FUNC_ATTR_MAX) return CUDA_ERROR_INVALID_VALUE;
  Context* owner;
  unsigned max_threads;
  if (live_function(f, &owner, &max_threads) == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  switch (attrib) {
    case FUNC_ATTR_MAX_THREADS_PER_BLOCK: *value = (int)max_threads; break;
    case FUNC_ATTR_NUM_REGS: *value = 32; break;
    case FUNC_ATTR_PTX_VERSION:
    case FUNC_ATTR_BINARY_VERSION: *value = 90; break;
    default: *value = 0;
  }
  return CUDA_SUCCESS;
}
