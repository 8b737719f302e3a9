#!/usr/bin/env bash
# the pip-installed kernel: build the wheel, pip install it, then kernel_info, lesson 01, charts, lessons and data commands
#
# Builds dist-style wheel into build/dist (./workbook wheel), installs it into build/venv-hub
# (JupyterLab, jupyter_client from PyPI), and runs tests/hub/wheel_check.py there with no
# other kernelspec in sight (JUPYTER_PATH and the user's Jupyter folders pointed at empty ones).
# Needs data/mnist (./workbook data): the data check builds a local npm tarball from it.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
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

iso="$(mktemp -d)"
trap 'rm -rf "$iso"' EXIT
wb_say "running tests/hub/wheel_check.py…"
JUPYTER_PATH="" JUPYTER_DATA_DIR="$iso/data" JUPYTER_CONFIG_DIR="$iso/config" JUPYTER_RUNTIME_DIR="$iso/runtime" \
  "$WB_HUB_VENV/bin/python" "$WB_ROOT/tests/hub/wheel_check.py"

# environment-wheel.yml installs the wheel by its file name: it must name the one just built.
wb_whl_name=$(basename "$(ls "$WB_ROOT"/build/dist/workbook_kernel-*.whl)")
grep -qF "./dist/$wb_whl_name" "$WB_ROOT/environment-wheel.yml" \
  || wb_die "environment-wheel.yml does not name the wheel ./workbook wheel builds ($wb_whl_name): update its pip line."
wb_say "environment-wheel.yml names $wb_whl_name"
