#!/usr/bin/env bash
# ten students at once on a real JupyterHub (DummyAuthenticator, local spawner, the wheel's kernel): lesson 01 and a slider
#
# Installs JupyterHub, JupyterLab and jupyter_client (PyPI) into build/venv-hub and
# configurable-http-proxy (npm) into build/node-hub, builds and installs the wheel, then runs
# tests/hub/hub_check.py: a Hub on 127.0.0.1, HUB_STUDENTS (10) students logging in, starting
# their servers and Java kernels and running lesson 01 through the REST and WebSocket APIs, all
# at once. Each kernel runs with -XX:MaxRAM=1g (HUB_JVM_OPTS), as in a 1 GiB pod. Prints the
# times and memory; writes them to build/artifacts/hub.json. Work files: build/hub-test/.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/hub-env.sh
source "$WB_ROOT/scripts/hub-env.sh"

wb_need_java
wb_hub_venv
node_dir="$WB_ROOT/build/node-hub"
if [ ! -x "$node_dir/node_modules/.bin/configurable-http-proxy" ]; then
  command -v npm >/dev/null 2>&1 || wb_die "npm is missing, and JupyterHub's proxy comes from it (Debian: apt-get install npm)."
  wb_say "installing configurable-http-proxy (npm)…"
  mkdir -p "$node_dir"
  npm install --silent --no-audit --no-fund --prefix "$node_dir" configurable-http-proxy@4 >/dev/null \
    || wb_die "npm could not install configurable-http-proxy"
fi
wb_hub_wheel

work="$WB_ROOT/build/hub-test"
rm -rf "$work"
mkdir -p "$work"
wb_say "starting JupyterHub with ${HUB_STUDENTS:-10} students (logs: ${work#"$WB_ROOT"/}/hub.log)…"
HUB_WORK="$work" HUB_CHP="$node_dir/node_modules/.bin/configurable-http-proxy" \
  HUB_JVM_OPTS="${HUB_JVM_OPTS:--XX:MaxRAM=1g}" PATH="$WB_HUB_VENV/bin:$PATH" \
  "$WB_HUB_VENV/bin/python" "$WB_ROOT/tests/hub/hub_check.py" "$WB_ROOT/build/artifacts/hub.json"
