#!/usr/bin/env bash
# How a cell's run time grows with its number of statements (it should be linear).
# Usage: bench/cell-length.sh [N...]   (default: 1000 5000 20000; JAVA_HOME picks the JDK)
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/kernel-cp.sh
source "$WB_ROOT/scripts/kernel-cp.sh"
cp=$(wb_kernel_classpath)
grep -m1 "model name" /proc/cpuinfo || true
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ $# -gt 0 ] || set -- 1000 5000 20000
"$java" "${WB_JVM_FLAGS[@]}" -Djava.awt.headless=true -cp "$cp" "$WB_ROOT/bench/stop/CellLength.java" "$@"
