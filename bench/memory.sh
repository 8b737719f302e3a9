#!/usr/bin/env bash
# peak RSS of the pip-installed kernel through lessons 01-05 in a 1 GiB limit, and what an idle kernel gives back
#
#   bench/memory.sh [--lessons 01,02] [--epochs 05=1] [--idle SECONDS]
#
# Builds and installs the wheel into build/venv-hub (as scripts/test-wheel.sh), then runs each
# lesson's notebook in a fresh kernel with the wheel's default JVM options, inside a 1 GiB memory
# cgroup when this machine allows one (else -XX:MaxRAM=1g). Writes bench/results/memory-DATE.md
# and .json; exits 1 when a lesson fails or peaks above 900 MB.
set -euo pipefail
WB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/hub-env.sh
source "$WB_ROOT/scripts/hub-env.sh"
source "$WB_ROOT/scripts/mnist.sh"
wb_need_java
wb_ensure_mnist
wb_hub_venv
wb_hub_wheel
"$WB_HUB_VENV/bin/python" "$WB_ROOT/bench/kernel_memory.py" "$WB_ROOT/bench/results/memory-$(date -u +%F)" "$@"
