#!/usr/bin/env bash
# Lesson 05 on the CUDA emulator: its first cells with --device cuda -p EPOCHS=1, through the fake libcuda
#
# Builds build/fakecuda/libcuda.so.1 (scripts/fakecuda.sh: the real kernels run on the CPU behind
# the real JCuda JNI library), cuts lessons/05_convolutions.md after its first CELLS code cells
# (default 14: the edge kernels, conv2d on a batch, strides and padding, simpleCnn and its summary,
# the 3s and 7s loaded onto the device; the next cell, two epochs of training, takes over 5 minutes
# on the emulator), adds one cell of its own that moves simpleCnn to the device and runs a forward
# and backward pass on a batch there, runs that with `./workbook run --device cuda -p EPOCHS=1`,
# and checks that it passed on cuda:0. About a minute.
# Usage: scripts/test-lesson05-cuda.sh [CELLS]. Exit status: 0 when the cells ran green on the emulator.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/fakecuda.sh
source "$WB_ROOT/scripts/fakecuda.sh"

cells="${1:-14}"
[[ "$cells" =~ ^[1-9][0-9]*$ ]] || wb_die "usage: scripts/test-lesson05-cuda.sh [CELLS] (a number of code cells, got '$cells')"
out="$WB_ROOT/build/test-lesson05-cuda"
rm -rf "$out"
mkdir -p "$out"
wb_fakecuda_build
# The lesson up to the end of its CELLS-th code cell, under the lesson's own name.
awk -v want="$cells" '
  /^```java/ { n++; inside = 1 }
  { print }
  inside && /^```[[:space:]]*$/ { inside = 0; if (n >= want) exit }
' "$WB_ROOT/lessons/05_convolutions.md" >"$out/05_convolutions.md"
got=$(grep -c '^```java' "$out/05_convolutions.md")
[ "$got" -eq "$cells" ] || wb_die "lessons/05_convolutions.md has $got code cells, fewer than the $cells asked for."
if [ "$cells" -ge 14 ]; then
  # One training step's worth of simpleCnn on the device: conv, ReLU, loss, backward, all on cuda:0.
  cat >>"$out/05_convolutions.md" <<'CELL'

```java
simpleCnn.to(device);
var lossOnDevice = new CrossEntropyLoss().apply(simpleCnn.apply(train37.first().get(":64")), train37.second().get(":64"));
lossOnDevice.backward();
var firstGrad = ((Conv2d) ((Sequential) simpleCnn.get(0)).get(0)).weight.grad();
System.out.println(lossOnDevice.device() + " " + firstGrad.device() + " " + firstGrad.abs().sum().item());
```
CELL
fi

wb_say "running the first $cells cells of lesson 05 with --device cuda on the CUDA emulator…"
start=$(date +%s)
# cuBLAS stays off: it would need a real GPU behind it.
JAVA_TOOL_OPTIONS="-Dworkbook.cublas=off${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}" \
  "$WB_ROOT/workbook" run "$out/05_convolutions.md" --device cuda -p EPOCHS=1 --cell-timeout 300 --out "$out/executed" \
  || wb_die "the first $cells cells of lesson 05 failed on the CUDA emulator (above; executed notebook in $out/executed)."
nb="$out/executed/05_convolutions.ipynb"
[ -f "$nb" ] || wb_die "no executed notebook at $nb"
# The device cell shows where the lesson computed: the emulated GPU, not a fallback to the CPU.
grep -q 'cuda:0' "$nb" || wb_die "the executed notebook never shows cuda:0: the lesson did not run on the emulated GPU."
if [ "$cells" -ge 14 ]; then
  grep -q 'cuda:0 cuda:0 ' "$nb" || wb_die "the loss and gradient of the added cell are not on cuda:0 (see $nb)."
fi
wb_say "lesson 05's first $cells cells passed on the CUDA emulator in $(( $(date +%s) - start )) s"
