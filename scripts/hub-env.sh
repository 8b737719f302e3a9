# shellcheck shell=bash
# The venv the wheel and JupyterHub tests share (sourced by scripts/test-wheel.sh and test-hub.sh).
#
#   wb_hub_venv     build/venv-hub with tests/hub/requirements.txt (JupyterHub, JupyterLab,
#                   ipywidgets, jupyter_client from PyPI), reinstalled when that file changes
#   wb_hub_wheel    ./workbook wheel, then pip install of the built wheel into the venv
#                   (--force-reinstall: the venv gets exactly this build)

wb_hub_venv() {
  WB_HUB_VENV="$WB_ROOT/build/venv-hub"
  local req="$WB_ROOT/tests/hub/requirements.txt"
  command -v python3 >/dev/null 2>&1 || wb_die "python3 is missing (Debian: apt-get install python3 python3-venv)."
  if [ ! -x "$WB_HUB_VENV/bin/python" ]; then
    wb_say "creating ${WB_HUB_VENV#"$WB_ROOT"/}…"
    python3 -m venv "$WB_HUB_VENV" || wb_die "python3 -m venv failed (Debian: apt-get install python3-venv)."
  fi
  if ! cmp -s "$req" "$WB_HUB_VENV/.requirements" 2>/dev/null; then
    wb_say "installing JupyterHub, JupyterLab and jupyter_client (pip)…"
    "$WB_HUB_VENV/bin/pip" install -q -r "$req" || wb_die "pip could not install $req"
    cp "$req" "$WB_HUB_VENV/.requirements"
  fi
}

wb_hub_wheel() {
  (WB_WHEEL_DIST="$WB_ROOT/build/dist" source "$WB_ROOT/scripts/cmd-wheel.sh") || wb_die "./workbook wheel failed"
  local whl
  whl=$(ls "$WB_ROOT"/build/dist/workbook_kernel-*.whl)
  "$WB_HUB_VENV/bin/pip" install -q --force-reinstall --no-deps "$whl" || wb_die "pip could not install $whl"
  wb_say "installed $(basename "$whl") into ${WB_HUB_VENV#"$WB_ROOT"/}"
}
