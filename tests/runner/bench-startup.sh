#!/usr/bin/env bash
# Benchmark of the runner's overhead (issue 7, item 5): wall time of `./workbook run` on a notebook of
# 50 empty code cells and on one of 50 one-line cells, JVM start included; best and median of N runs,
# with and without the class-data archive. Not a test: it prints numbers (and the load average, since
# on a busy machine they mean little). Usage: bash tests/runner/bench-startup.sh [RUNS]
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export WB_ROOT
source "$WB_ROOT/scripts/common.sh"
source "$WB_ROOT/scripts/run-lessons.sh"
runs=${1:-5}
dir="$WB_ROOT/build/bench-runner"
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import json, sys
def nb(source):
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": source(i), "outputs": [],
              "execution_count": None} for i in range(50)]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
json.dump(nb(lambda i: ""), open(f"{sys.argv[1]}/empty50.ipynb", "w"))
json.dump(nb(lambda i: f"int x{i} = {i};"), open(f"{sys.argv[1]}/oneline50.ipynb", "w"))
PY
wb_kernel_build_if_needed
jar=$(wb_kernel_jar)
wb_run_lessons --help >/dev/null   # records the class-data archive if missing
measure() {  # measure LABEL JAVA_FLAGS... -- NOTEBOOK
  local label=$1 times=() t0 t1
  shift
  local flags=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    java "${flags[@]}" -Djava.awt.headless=true -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar" \
      org.workbook.runner.RunnerMain "$1" --out "$dir/out" >/dev/null
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" '{a[NR]=$1} END {printf "%-36s best %.2f s  median %.2f s  (%d runs)\n", l, a[1], a[int((NR+1)/2)], NR}'
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure "50 empty cells, archive" "-XX:SharedArchiveFile=${jar%.jar}.jsa" -- "$dir/empty50.ipynb"
measure "50 empty cells, no archive" -Xshare:auto -- "$dir/empty50.ipynb"
measure "50 one-line cells, archive" "-XX:SharedArchiveFile=${jar%.jar}.jsa" -- "$dir/oneline50.ipynb"
measure "50 one-line cells, no archive" -Xshare:auto -- "$dir/oneline50.ipynb"
