# shellcheck shell=bash
# The CUDA build tools, from PyPI (sourced, never run on its own):
#   wb_cuda_tools          installs them once into build/cuda-tools/venv and exports
#                          WB_NVRTC (libnvrtc.so) and WB_PTXAS (the ptxas binary)
#   wb_cuda_ptx SRC OUT    compiles one kernel source (.cu) to PTX with the project's flags
#
# Why NVRTC and not nvcc: PyPI's nvidia-cuda-nvcc-cu12 wheels carry ptxas and libnvvm but no
# nvcc driver (and no cicc), so the front end comes from nvidia-cuda-nvrtc-cu12, CUDA's runtime
# compiler library, called through ctypes. It needs no host C++ compiler and no CUDA headers.
#
# Why 12.0: the PTX it writes is ISA 8.0, which every CUDA 12 driver (525 and newer) can load;
# PTX from a newer toolkit (12.6 writes ISA 8.5) is refused by older 12.x drivers with
# CUDA_ERROR_UNSUPPORTED_PTX_VERSION. The driver JIT-compiles the PTX for the GPU at hand, so
# the code an H100 runs comes from the driver's own (newer) compiler anyway.
WB_CUDA_VERSION=12.0.140
# --fmad=false: a*b+c rounds twice, as in Java (the CPU backend); kernels that want fused
# multiply-adds (the GEMMs, reductions' Java Math.fma twins) call fmaf/fma themselves.
# compute_70: Volta and newer (double atomicAdd, independent thread scheduling).
WB_CUDA_FLAGS=(--gpu-architecture=compute_70 --fmad=false --prec-div=true --prec-sqrt=true --ftz=false -std=c++17)

wb_cuda_tools() {
  local dir="$WB_ROOT/build/cuda-tools"
  local venv="$dir/venv"
  local stamp="$venv/.wb-cuda-$WB_CUDA_VERSION"
  if [ ! -f "$stamp" ]; then
    command -v python3 >/dev/null 2>&1 || wb_die "python3 is missing (Debian: apt-get install python3 python3-venv)."
    rm -rf "$venv"
    mkdir -p "$dir"
    wb_say "installing NVRTC and ptxas $WB_CUDA_VERSION from PyPI into $venv…"
    python3 -m venv "$venv" || wb_die "python3 -m venv failed (Debian: apt-get install python3-venv)."
    "$venv/bin/pip" install -q --disable-pip-version-check \
      "nvidia-cuda-nvrtc-cu12==$WB_CUDA_VERSION" "nvidia-cuda-nvcc-cu12==$WB_CUDA_VERSION" \
      || wb_die "pip could not install nvidia-cuda-nvrtc-cu12==$WB_CUDA_VERSION and nvidia-cuda-nvcc-cu12==$WB_CUDA_VERSION from PyPI (is https://pypi.org reachable? a proxy needs HTTPS_PROXY)."
    touch "$stamp"
  fi
  local site
  site=$(echo "$venv"/lib/python3*/site-packages/nvidia)
  WB_NVRTC="$site/cuda_nvrtc/lib/libnvrtc.so.12"
  WB_PTXAS="$site/cuda_nvcc/bin/ptxas"
  WB_CUDA_PY="$venv/bin/python"
  [ -f "$WB_NVRTC" ] || wb_die "libnvrtc.so.12 not found under $site (delete $venv and run again)."
  [ -x "$WB_PTXAS" ] || wb_die "ptxas not found under $site (delete $venv and run again)."
  export WB_NVRTC WB_PTXAS WB_CUDA_PY
}

# wb_cuda_ptx SRC OUT: SRC's own folder is the include path (workbook.cuh, wb_device.cuh).
wb_cuda_ptx() {
  "$WB_CUDA_PY" - "$WB_NVRTC" "$1" "$2" "${WB_CUDA_FLAGS[@]}" <<'PY'
import ctypes, os, sys
lib_path, src, out, flags = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
nvrtc = ctypes.CDLL(lib_path)
nvrtc.nvrtcGetErrorString.restype = ctypes.c_char_p

def check(code, what):
    if code != 0:
        sys.exit(f"{src}: {what} failed: {nvrtc.nvrtcGetErrorString(code).decode()}")

prog = ctypes.c_void_p()
with open(src, "rb") as f:
    text = f.read()
# The program name is only used in messages; the base name keeps the PTX free of local paths.
check(nvrtc.nvrtcCreateProgram(ctypes.byref(prog), text, os.path.basename(src).encode(), 0, None, None),
      "nvrtcCreateProgram")
opts = [o.encode() for o in flags] + [b"--include-path=" + os.path.dirname(os.path.abspath(src)).encode()]
res = nvrtc.nvrtcCompileProgram(prog, len(opts), (ctypes.c_char_p * len(opts))(*opts))
size = ctypes.c_size_t()
nvrtc.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
log = ctypes.create_string_buffer(size.value)
nvrtc.nvrtcGetProgramLog(prog, log)
if log.value.strip():
    # Warnings count as errors: the kernels are meant to compile cleanly.
    sys.exit(f"{src}: NVRTC says:\n{log.value.decode()}")
check(res, "compilation")
check(nvrtc.nvrtcGetPTXSize(prog, ctypes.byref(size)), "nvrtcGetPTXSize")
ptx = ctypes.create_string_buffer(size.value)
check(nvrtc.nvrtcGetPTX(prog, ptx), "nvrtcGetPTX")
with open(out, "wb") as f:
    f.write(ptx.value)
PY
}
