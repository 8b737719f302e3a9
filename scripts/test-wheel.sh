#!/usr/bin/env bash
# the pip-installed kernel: build the wheel, pip install it, then kernel_info, lesson 01, charts, lessons and data commands
#
# Builds the wheel into build/dist (./workbook wheel), pip-installs it with jupyter_client (PyPI)
# into a fresh venv, build/venv-wheel-test, and runs tests/hub/wheel_check.py there with no
# other kernelspec in sight (JUPYTER_PATH and the user's Jupyter folders pointed at empty ones).
# Needs data/mnist (./workbook data): the data check builds a local npm tarball from it.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
source "$WB_ROOT/scripts/mnist.sh"

wb_need_java
wb_ensure_mnist
(WB_WHEEL_DIST="$WB_ROOT/build/dist" source "$WB_ROOT/scripts/cmd-wheel.sh") || wb_die "./workbook wheel failed"
whl=$(ls "$WB_ROOT"/build/dist/workbook_kernel-*.whl)

# A fresh venv each run: pip install of the wheel (and jupyter_client to drive it) is all it gets.
venv="$WB_ROOT/build/venv-wheel-test"
wb_say "pip install $(basename "$whl") into a fresh ${venv#"$WB_ROOT"/}…"
python3 -m venv --clear "$venv" || wb_die "python3 -m venv failed (Debian: apt-get install python3-venv)."
"$venv/bin/pip" install -q "$whl" 'jupyter_client>=8' || wb_die "pip could not install $whl with jupyter_client"

iso="$(mktemp -d)"
trap 'rm -rf "$iso"' EXIT
wb_say "running tests/hub/wheel_check.py…"
JUPYTER_PATH="" JUPYTER_DATA_DIR="$iso/data" JUPYTER_CONFIG_DIR="$iso/config" JUPYTER_RUNTIME_DIR="$iso/runtime" \
  "$venv/bin/python" "$WB_ROOT/tests/hub/wheel_check.py"

# environment-wheel.yml installs the wheel by its file name: it must name the one just built.
wb_whl_name=$(basename "$(ls "$WB_ROOT"/build/dist/workbook_kernel-*.whl)")
grep -qF "./dist/$wb_whl_name" "$WB_ROOT/environment-wheel.yml" \
  || wb_die "environment-wheel.yml does not name the wheel ./workbook wheel builds ($wb_whl_name): update its pip line."
wb_say "environment-wheel.yml names $wb_whl_name"
