#!/usr/bin/env bash
# The runner's Jupyter-side checks: executed notebooks are valid nbformat 4.5 (PyPI's validator), and a
# lesson's slide deck opens in headless Chromium with no network, one section per slide cell, charts visible.
# Installs what it needs: build/venv-runner (PyPI), playwright-core into build/node-runner (npm), Debian's
# chromium (apt-get, as root; else it says what to install; WB_CHROMIUM=PATH picks another Chromium).
# Screenshots go to build/artifacts/runner/. Exit status: 0 when every check passed.
set -uo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/run-lessons.sh
source "$WB_ROOT/scripts/run-lessons.sh"

OUT="$WB_ROOT/build/test-runner"
ART="$WB_ROOT/build/artifacts/runner"

# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"
# shellcheck source=scripts/browser.sh
source "$WB_ROOT/scripts/browser.sh"

check_executed_notebook() {
  rm -rf "$OUT/executed"
  wb_run_lessons "$WB_ROOT/kernel/src/test/resources/runner/demo.md" --allow-errors --out "$OUT/executed" \
    || return 1
  "$WB_RUNNER_VENV/bin/python" "$WB_ROOT/tests/runner/validate_executed.py" "$OUT/executed/demo.ipynb" \
    stream display_data execute_result error
}

check_deck() {
  rm -rf "$OUT/slides" "$ART"
  "$WB_ROOT/workbook" slides "$WB_ROOT/tests/runner/slides-lesson.md" --out "$OUT/slides" || return 1
  "$WB_RUNNER_VENV/bin/python" "$WB_ROOT/tests/runner/validate_executed.py" \
    "$OUT/slides/executed/slides-lesson.ipynb" execute_result || return 1
  ensure_chromium || return 1
  ensure_playwright || return 1
  WB_CHROMIUM="$CHROMIUM" node "$WB_ROOT/tests/runner/check_deck.cjs" "$NODE_DIR" \
    "$OUT/slides/slides-lesson.slides.html" "$OUT/slides/executed/slides-lesson.ipynb" "$ART"
}

# Runtime.halt in a cell ends the JVM with status 0 and skips every hook: the launcher script
# must notice (from the runner's progress file), name the notebook and cell, and fail.
check_halt_is_reported() {
  local nb="$OUT/halts.md" log="$OUT/halts.log" rc=0
  printf '# halts\n\n```java\nint before = 1;\n```\n\n```java\nRuntime.getRuntime().halt(0);\n```\n' > "$nb"
  wb_run_lessons "$nb" --out "$OUT/halts" 2> "$log" || rc=$?
  [ "$rc" -ne 0 ] || { echo "the run exited 0 after a halt"; return 1; }
  grep -q "error: halts: cell 3: the run ended abruptly" "$log" || { echo "no message naming the notebook and cell:"; cat "$log"; return 1; }
}

wb_need_java
mkdir -p "$OUT"
wb_kernel_build_if_needed
wb_runner_venv
run_check "executed notebook is valid nbformat 4.5 with every output type" check_executed_notebook
run_check "Runtime.halt in a cell fails the run with a message naming the notebook and cell" check_halt_is_reported
run_check "slide deck opens offline in headless Chromium, a section per slide cell, charts visible" check_deck

checks_summary
