#!/usr/bin/env bash
# CUDA kernels without a GPU: committed PTX up to date, PTX assembles for A100/H100, kernels right on the CPU
#
# 1. recompiles lib/src/main/cuda/*.cu with the pinned NVRTC (scripts/cuda-tools.sh installs it
#    and ptxas from PyPI into build/cuda-tools once) and compares with the committed PTX under
#    lib/src/main/resources/org/workbook/backend/cuda (comment lines ignored), and kernels.list;
# 2. assembles every PTX file with ptxas for sm_80 and sm_90 and prints each kernel's registers,
#    spills and local stack;
# 3. compiles the host-emulation tests (lib/src/test/cuda/test_*.cpp: the same .cu sources on
#    the CPU through cuda_emu.h) with g++ under ASan and UBSan and runs them. WB_CUDA_TSAN=1 uses
#    ThreadSanitizer instead (about 5x slower), which reports a missing __syncthreads as a race.
# Work files go to build/cuda-test. Exits non-zero when a check fails.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"
# shellcheck source=scripts/cuda-tools.sh
source "$WB_ROOT/scripts/cuda-tools.sh"

src="$WB_ROOT/lib/src/main/cuda"
res="$WB_ROOT/lib/src/main/resources/org/workbook/backend/cuda"
tests="$WB_ROOT/lib/src/test/cuda"
work="$WB_ROOT/build/cuda-test"

command -v g++ >/dev/null 2>&1 || wb_die "g++ is missing: the host-emulation tests compile the kernels with it (Debian: apt-get install g++)."
wb_cuda_tools
rm -rf "$work"
mkdir -p "$work/ptx" "$work/bin" "$work/tmp"
export TMPDIR="$work/tmp"  # the compilers' scratch files stay under build/ too

if [ -n "${WB_CUDA_TSAN:-}" ]; then
  sanitize=(-O1 -fsanitize=thread)
else
  sanitize=(-O0 -fsanitize=address,undefined -fsanitize=float-cast-overflow -fno-sanitize-recover=all)
fi
# No contraction, so a*b+c rounds twice as in the PTX (--fmad=false); no strict aliasing, since
# the kernels read float arrays as float4.
cxxflags=(-std=c++20 -g -pthread -ffp-contract=off -fno-strict-aliasing -Wall -Wno-unknown-pragmas "${sanitize[@]}"
  -I"$src" -I"$tests")
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" UBSAN_OPTIONS="print_stacktrace=1"

# The emulation tests take longest to compile: build them in the background, two at a time,
# while the PTX checks run.
mapfile -t units < <(cd "$tests" && LC_ALL=C ls -- test_*.cpp)
compile() {
  g++ "${cxxflags[@]}" "$tests/$1.cpp" -o "$work/bin/$1" >"$work/bin/$1.log" 2>&1 || true
}
(
  for unit in "${units[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
    compile "${unit%.cpp}" &
  done
  wait
) &
compiling=$!

# 1. The committed PTX is what the pinned compiler makes of today's sources.
check_ptx() {
  local name=$1
  wb_cuda_ptx "$src/$name.cu" "$work/ptx/$name.ptx" || return 1
  if [ ! -f "$res/$name.ptx" ]; then
    echo "$res/$name.ptx is missing. PTX out of date: run scripts/dev/build-ptx.sh"
    return 1
  fi
  if ! diff <(grep -v '^[[:space:]]*//' "$res/$name.ptx") <(grep -v '^[[:space:]]*//' "$work/ptx/$name.ptx") \
      >"$work/ptx/$name.diff"; then
    echo "PTX out of date: run scripts/dev/build-ptx.sh (lib/src/main/cuda/$name.cu changed since $name.ptx was made)"
    head -n 20 "$work/ptx/$name.diff"
    return 1
  fi
}
check_list() {
  local want
  want=$(cd "$src" && LC_ALL=C ls -- *.cu | sed 's/\.cu$/.ptx/')
  if [ "$want" != "$(cat "$res/kernels.list" 2>/dev/null)" ]; then
    echo "kernels.list does not list one PTX file per lib/src/main/cuda/*.cu. PTX out of date: run scripts/dev/build-ptx.sh"
    return 1
  fi
  local p
  for p in "$res"/*.ptx; do
    [ -f "$src/$(basename "$p" .ptx).cu" ] || { echo "$(basename "$p") has no source .cu: run scripts/dev/build-ptx.sh"; return 1; }
  done
}
mapfile -t names < <(cd "$src" && LC_ALL=C ls -- *.cu | sed 's/\.cu$//')
for name in "${names[@]}"; do
  run_check "PTX up to date: $name.ptx" check_ptx "$name"
done
run_check "kernels.list" check_list

# 2. The PTX assembles for the GPUs we expect (the driver does the same JIT at load time).
assemble() {
  "$WB_PTXAS" -arch="$2" -v "$res/$1.ptx" -o /dev/null 2>"$work/ptx/$1.$2.log" || { cat "$work/ptx/$1.$2.log"; return 1; }
}
for name in "${names[@]}"; do
  for arch in sm_80 sm_90; do
    run_check "ptxas $arch: $name.ptx" assemble "$name" "$arch"
  done
done
# One line per file: kernel registers (sm_80/sm_90), with spills and local stack called out.
echo "registers per thread (sm_80/sm_90), from ptxas -v:"
for name in "${names[@]}"; do
  [ -f "$work/ptx/$name.sm_80.log" ] && [ -f "$work/ptx/$name.sm_90.log" ] || continue
  awk -v file="$name.ptx" '
    /Compiling entry function/ { k = $7; gsub(/\047/, "", k); arch = FILENAME ~ /sm_80/ ? 0 : 1; seen[k] = 1 }
    /Function properties for/ { cur = ($7 == k) }  # a called helper reports its own frame: skip it
    /bytes stack frame/ && cur { st[k, arch] = $1; sp[k, arch] = $5 + $9 }
    /Used [0-9]+ registers/ && k != "" { reg[k, arch] = $5 }
    END {
      n = 0
      for (k in seen) names[++n] = k
      for (i = 2; i <= n; i++) for (j = i; j > 1 && names[j - 1] > names[j]; j--) { t = names[j]; names[j] = names[j - 1]; names[j - 1] = t }
      for (i = 1; i <= n; i++) {
        k = names[i]
        item = k " " reg[k, 0] "/" reg[k, 1]
        if (sp[k, 0] + sp[k, 1] > 0) item = item " (SPILLS " sp[k, 0] "/" sp[k, 1] " B)"
        if (st[k, 0] + st[k, 1] > 0) item = item " (stack " st[k, 0] "/" st[k, 1] " B)"
        if (length(line) + length(item) > 104) { print line; line = "" }
        line = line == "" ? sprintf("  %-16s %s", file, item) : line "  " item
      }
      if (line != "") print line
    }' "$work/ptx/$name.sm_80.log" "$work/ptx/$name.sm_90.log"
done

# 3. The emulation tests.
wait "$compiling"
run_test() {
  local t=$1
  if [ ! -x "$work/bin/$t" ]; then
    echo "$t did not compile:"
    cat "$work/bin/$t.log"
    return 1
  fi
  # A deadlock (a __syncthreads some threads never reach) would hang: give up after 10 minutes.
  timeout 600 "$work/bin/$t"
}
for unit in "${units[@]}"; do
  run_check "emulation: ${unit%.cpp}" run_test "${unit%.cpp}"
done
checks_summary
