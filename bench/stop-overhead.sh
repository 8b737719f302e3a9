#!/usr/bin/env bash
# What the kernel's stop polls cost a tight loop in a cell, on one or more JDKs.
# Usage: bench/stop-overhead.sh [ROUNDS] [JAVA_HOME...]   (default: 9 rounds, the java on PATH)
# Prints, per JDK, the median time of each loop with and without the polls and the overhead.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/kernel-cp.sh
source "$WB_ROOT/scripts/kernel-cp.sh"
rounds="${1:-9}"
shift || true
homes=("$@")
[ ${#homes[@]} -gt 0 ] || homes=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
cp=$(wb_kernel_classpath)
grep -m1 "model name" /proc/cpuinfo || true
echo "cores: $(nproc); $(date -u +%Y-%m-%dT%H:%MZ)"
for home in "${homes[@]}"; do
  # A single-file program: the source launcher compiles it against the kernel's class path.
  "$home/bin/java" "${WB_JVM_FLAGS[@]}" -Djava.awt.headless=true -cp "$cp" "$WB_ROOT/bench/stop/StopOverhead.java" "$rounds"
done
