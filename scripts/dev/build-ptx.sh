#!/usr/bin/env bash
# Regenerates the committed PTX: lib/src/main/cuda/*.cu -> lib/src/main/resources/org/workbook/backend/cuda/*.ptx
#
# One PTX file per .cu, plus kernels.list (the file names, one a line), which the Java side
# (org.workbook.backend.cuda) reads to find them. The compiler is pinned (scripts/cuda-tools.sh:
# NVRTC 12.0.140 from PyPI), so the output is byte for byte reproducible; scripts/test-cuda.sh
# recompiles and fails when the committed files differ. Run after editing any kernel source.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/cuda-tools.sh
source "$WB_ROOT/scripts/cuda-tools.sh"

src="$WB_ROOT/lib/src/main/cuda"
out="$WB_ROOT/lib/src/main/resources/org/workbook/backend/cuda"
wb_cuda_tools
mkdir -p "$out"
names=()
for cu in $(cd "$src" && LC_ALL=C ls -- *.cu); do
  name="${cu%.cu}.ptx"
  wb_cuda_ptx "$src/$cu" "$out/$name.tmp"
  # A first comment line says where the file comes from (comment lines are ignored by the
  # up-to-date check, so the line may change without failing it).
  { echo "// Generated from lib/src/main/cuda/$cu by scripts/dev/build-ptx.sh: do not edit."
    cat "$out/$name.tmp"; } >"$out/$name"
  rm -f "$out/$name.tmp"
  names+=("$name")
  wb_say "wrote $name ($(grep -c '^\.visible \.entry' "$out/$name") kernels)"
done
# PTX left over from a deleted source would still be listed and loaded: remove it.
for ptx in "$out"/*.ptx; do
  [ -f "$src/$(basename "$ptx" .ptx).cu" ] || { rm -f "$ptx"; wb_say "removed stale $(basename "$ptx")"; }
done
printf '%s\n' "${names[@]}" >"$out/kernels.list"
wb_say "wrote kernels.list (${#names[@]} files)"
