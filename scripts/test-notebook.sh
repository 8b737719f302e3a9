#!/usr/bin/env bash
# Jupyter-side check of notebook files: nbformat's own validator on every built notebook and student copy.
#
# Builds the synthetic lessons of kernel/src/test/resources/notebook/lessons and
# the real lessons/ into build/notebook-test/, makes their student copies, and
# checks them and notebooks/ with tests/notebook/validate_notebooks.py: nbformat
# 4.5 schema, Jupyter's byte layout, nbgrader metadata and checksums (compared
# with nbgrader's own compute_checksum). Installs nbformat (and nbgrader's
# checksum code) from PyPI into build/venv-notebook on first use.
# Exit 0 when everything passed.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/kernel-cp.sh
source "$WB_ROOT/scripts/kernel-cp.sh"

venv="$WB_ROOT/build/venv-notebook"
requirements="nbformat==5.10.4 python-dateutil==2.9.0.post0 tornado==6.4.2 nbgrader==0.9.6(no-deps)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements" 2>/dev/null)" != "$requirements" ]; then
  command -v python3 >/dev/null 2>&1 || wb_die "python3 is needed for the notebook checks (Debian: apt-get install python3 python3-venv)"
  wb_say "installing nbformat into $venv (PyPI)…"
  rm -rf "$venv"
  python3 -m venv "$venv" || wb_die "cannot make a Python venv (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install -q --disable-pip-version-check nbformat==5.10.4 python-dateutil==2.9.0.post0 tornado==6.4.2 \
    || wb_die "pip could not install nbformat from PyPI (is https://pypi.org reachable?)"
  # Only nbgrader's checksum code is used; its dependencies (a whole Jupyter server) are not needed.
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps nbgrader==0.9.6 \
    || wb_die "pip could not install nbgrader from PyPI"
  echo "$requirements" > "$venv/.requirements"
fi

out="$WB_ROOT/build/notebook-test"
rm -rf "$out"
mkdir -p "$out"
fixtures="$WB_ROOT/kernel/src/test/resources/notebook/lessons"
wb_notebook_cli build --lessons "$fixtures" --out "$out/notebooks" >/dev/null
wb_notebook_cli student --lessons "$fixtures" --out "$out/student" >/dev/null
wb_notebook_cli build --out "$out/lessons" >/dev/null
wb_notebook_cli student --out "$out/student-lessons" >/dev/null

"$venv/bin/python" "$WB_ROOT/tests/notebook/validate_notebooks.py" \
  --any "$WB_ROOT/kernel/src/test/resources/notebook/jupyter-written.ipynb" \
  --built "$out/notebooks" "$out/lessons" "$WB_ROOT/notebooks" \
  --student "$out/student" "$out/student-lessons" \
  --invalid "$WB_ROOT/tests/notebook/invalid"
