#!/usr/bin/env bash
# Lesson 01 the way students get it: `./workbook install` into a Jupyter venv, then the lesson run by
# `jupyter nbconvert --execute` (no errors, its PNG charts, the course's exact figures) and in JupyterLab 4
# in headless Chromium (the Java (workbook) kernel, a rendered chart; screenshot build/artifacts/lesson01-jupyterlab.png).
# The venv, Chromium and playwright-core are the kernel suite's: scripts/test-kernel.sh --collect-only installs
# them (PyPI, apt-get, npm) and collects its tests without running them. WB_BUILD picks Maven's output folder.
# Exit status: 0 when every check passed.
set -uo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/kernel-cp.sh
source "$WB_ROOT/scripts/kernel-cp.sh"

LESSON=01_neural_net_foundations
VENV="$WB_ROOT/build/venv-kernel"
OUT="$WB_ROOT/build/test-lessons"
SHOT="$WB_ROOT/build/artifacts/lesson01-jupyterlab.png"

# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"

# The kernel suite's environment (jar, venv, chromium, playwright-core), without running its tests.
prepare() {
  bash "$WB_ROOT/scripts/test-kernel.sh" --collect-only -q >/dev/null \
    || { echo "scripts/test-kernel.sh could not prepare the Jupyter environment (its messages are above)"; return 1; }
  [ -x "$VENV/bin/jupyter" ] || { echo "no jupyter in $VENV after scripts/test-kernel.sh"; return 1; }
}

# The notebook students open: notebooks/NAME.ipynb, or built from the lesson when notebooks/ has none yet.
notebook() {
  rm -rf "$OUT"
  mkdir -p "$OUT/notebook"
  if [ -f "$WB_ROOT/notebooks/$LESSON.ipynb" ]; then
    cp "$WB_ROOT/notebooks/$LESSON.ipynb" "$OUT/notebook/"
  else
    echo "notebooks/$LESSON.ipynb is missing (./workbook notebooks builds it); building it into $OUT/notebook"
    wb_notebook_cli build --out "$OUT/notebook" "$WB_ROOT/lessons/$LESSON.md" || return 1
  fi
}

# The user's path: ./workbook install into the active virtualenv (kernelspec --sys-prefix), no test kernelspec.
install_kernel() {
  (unset JUPYTER_PATH; export VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH"
   "$WB_ROOT/workbook" install --sys-prefix \
     && jupyter kernelspec list | grep -E "^ *java-workbook +$VENV/share/jupyter/kernels/java-workbook\$")
}

in_venv() {
  (unset JUPYTER_PATH; export VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH"; "$@")
}

nbconvert_lesson() {
  in_venv jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=java-workbook \
    --ExecutePreprocessor.timeout=600 --output-dir "$OUT/executed" "$OUT/notebook/$LESSON.ipynb" || return 1
  in_venv python "$WB_ROOT/tests/lessons/check_nbconvert_lesson.py" "$OUT/executed/$LESSON.ipynb"
}

lab_lesson() {
  WB_NODE_MODULES="$WB_ROOT/build/node-kernel/node_modules" \
    in_venv python "$WB_ROOT/tests/lessons/lab_screenshot.py" "$OUT/notebook/$LESSON.ipynb" "$SHOT"
}

wb_need_java
run_check "the kernel suite's Jupyter environment is ready (venv, chromium, playwright-core)" prepare
run_check "the lesson notebook $LESSON.ipynb" notebook
run_check "./workbook install registers \"Java (workbook)\" in the venv" install_kernel
if [ "$failed" -eq 0 ]; then
  run_check "jupyter nbconvert --execute runs lesson 01: no errors, PNG charts, the course's exact figures" \
    nbconvert_lesson
  run_check "lesson 01 runs in JupyterLab 4 on Java (workbook) and shows its charts (screenshot)" lab_lesson
fi

checks_summary
