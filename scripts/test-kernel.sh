#!/usr/bin/env bash
# kernel tests against real Jupyter: jupyter_kernel_test, jupyter_client, nbconvert, JupyterLab in Chromium
#
# Installs what they need (once): a venv at build/venv-kernel (tests/kernel/requirements.txt
# from PyPI), playwright-core from npm under build/node-kernel, Debian's chromium. Builds the
# kernel jar unless WB_KERNEL_JAR names one, writes a kernelspec for it under
# build/kernel-test/jupyter, and runs pytest on tests/kernel (extra arguments go to pytest).
# Exits non-zero when a test fails.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"

build="$WB_ROOT/build"
venv="$build/venv-kernel"
node_dir="$build/node-kernel"
spec_root="$build/kernel-test/jupyter"
mkdir -p "$build/artifacts"

wb_need_java
command -v python3 >/dev/null 2>&1 || wb_die "python3 is missing (Debian: apt-get install python3 python3-venv)."

# 1. The kernel jar.
jar="${WB_KERNEL_JAR:-$WB_ROOT/kernel/${WB_BUILD:-target}/workbook-kernel-0.1.0-SNAPSHOT-all.jar}"
if [ -z "${WB_KERNEL_JAR:-}" ]; then
  if [ ! -f "$jar" ] || [ -n "$(find "$WB_ROOT"/lib/src "$WB_ROOT"/kernel/src "$WB_ROOT"/pom.xml "$WB_ROOT"/lib/pom.xml "$WB_ROOT"/kernel/pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
    wb_need_maven
    wb_say "building the kernel jar (mvn package, tests skipped)…"
    wb_mvn ${WB_BUILD:+-Dwb.build=$WB_BUILD} -pl kernel -am package -DskipTests
  fi
fi
[ -f "$jar" ] || wb_die "kernel jar not found at $jar (build it with ./workbook build)."

# 2. Python packages, in a venv of our own (reinstalled when requirements.txt changes).
req="$WB_ROOT/tests/kernel/requirements.txt"
if [ ! -x "$venv/bin/python" ]; then
  wb_say "creating $venv…"
  python3 -m venv "$venv" || wb_die "python3 -m venv failed (Debian: apt-get install python3-venv)."
fi
if ! cmp -s "$req" "$venv/.requirements" 2>/dev/null; then
  wb_say "installing the Python test packages (pip)…"
  "$venv/bin/pip" install -q -r "$req" || wb_die "pip could not install $req"
  cp "$req" "$venv/.requirements"
fi

# 3. The browser: Debian's chromium, driven by playwright-core from npm.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    wb_say "installing chromium (apt-get)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || wb_die "apt-get could not install chromium"
  else
    wb_die "the browser test needs /usr/bin/chromium: run 'sudo apt-get install chromium'."
  fi
fi
if [ ! -f "$node_dir/node_modules/playwright-core/package.json" ]; then
  command -v npm >/dev/null 2>&1 || wb_die "npm is missing (Debian: apt-get install npm; conda: it is in environment.yml)."
  wb_say "installing playwright-core (npm)…"
  mkdir -p "$node_dir"
  npm install --silent --no-audit --no-fund --prefix "$node_dir" playwright-core@1 >/dev/null \
    || wb_die "npm could not install playwright-core"
fi
export WB_NODE_MODULES="$node_dir/node_modules"

# 4. A kernelspec for this jar, seen only by these tests (a small heap, so the OOM test is quick).
java -cp "$jar" org.workbook.kernel.KernelSpec "$spec_root/kernels/java-workbook" --heap 1g >/dev/null
export JUPYTER_PATH="$spec_root${JUPYTER_PATH:+:$JUPYTER_PATH}"

# 5. The tests.
wb_say "running the kernel tests (pytest tests/kernel)…"
cd "$WB_ROOT"
"$venv/bin/python" -m pytest -p no:cacheprovider -q "$WB_ROOT/tests/kernel" "$@"
