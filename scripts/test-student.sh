#!/usr/bin/env bash
# The student path: `./workbook lab` opens JupyterLab on student copies (solutions removed), made once
# and never written over, readable like any file of the user's; `--solutions` opens notebooks/; the
# copies of `./workbook lab` and `./workbook student` hold no solution code (tests/student/check_no_solutions.py).
# JupyterLab itself is a stand-in here (a `jupyter` on PATH that records where it was started):
# the real one is tested by scripts/test-lessons.sh. Exit status: 0 when every check passed.
set -uo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/kernel-cp.sh
source "$WB_ROOT/scripts/kernel-cp.sh"
# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"

OUT="$WB_ROOT/build/test-student"
export WB_STUDENT_DIR="$OUT/student"
LOG="$OUT/jupyter.log"

# A `jupyter` that answers what ./workbook lab and ./workbook install ask, and logs where `lab` started.
fake_jupyter() {
  mkdir -p "$OUT/bin"
  cat > "$OUT/bin/jupyter" <<SH
#!/bin/sh
case "\$1 \${2:-}" in
  "lab --version") echo 4.2.5 ;;
  "kernelspec install"*) exit 0 ;;
  "kernelspec list"*) echo "  java-workbook $OUT/kernelspec" ;;
  lab*) shift; { pwd; echo "\$*"; } > "$LOG" ;;
  *) echo "unexpected: jupyter \$*" >&2; exit 2 ;;
esac
SH
  chmod +x "$OUT/bin/jupyter"
}

lab() {
  (umask 022; PATH="$OUT/bin:$PATH" CONDA_PREFIX="" VIRTUAL_ENV="$OUT" "$WB_ROOT/workbook" lab "$@")
}

lab_opens_student_copies() {
  rm -f "$LOG"
  lab --no-browser --port 9999 || return 1
  [ "$(sed -n 1p "$LOG")" = "$WB_STUDENT_DIR" ] || { echo "JupyterLab started in $(sed -n 1p "$LOG"), not $WB_STUDENT_DIR"; return 1; }
  [ "$(sed -n 2p "$LOG")" = "--no-browser --port 9999" ] || { echo "options not passed on: $(sed -n 2p "$LOG")"; return 1; }
  python3 "$WB_ROOT/tests/student/check_no_solutions.py" "$WB_ROOT/lessons" "$WB_STUDENT_DIR"
}

copies_are_readable() {
  local f perms bad=0
  (umask 022; wb_notebook_cli student --out "$OUT/handout" >/dev/null) || return 1
  for f in "$WB_STUDENT_DIR"/*.ipynb "$OUT"/handout/*.ipynb; do
    perms=$(stat -c %a "$f")
    echo "$perms $f"
    [ "$perms" = 644 ] || bad=1
  done
  [ "$bad" = 0 ] || { echo "with umask 022 every copy must be 644 (rw-r--r--), like any new file"; return 1; }
  python3 "$WB_ROOT/tests/student/check_no_solutions.py" "$WB_ROOT/lessons" "$OUT/handout"
}

work_is_kept() {
  local copy
  copy=$(ls "$WB_STUDENT_DIR"/*.ipynb | head -n1)
  printf '{"my": "work"}\n' > "$copy"
  rm -f "$WB_STUDENT_DIR/$(ls "$WB_STUDENT_DIR" | sed -n 2p)"
  lab || return 1
  [ "$(cat "$copy")" = '{"my": "work"}' ] || { echo "$copy was written over"; return 1; }
  [ "$(ls "$WB_STUDENT_DIR"/*.ipynb | wc -l)" = "$(ls "$WB_ROOT"/lessons/*.md | grep -vc README.md)" ] \
    || { echo "the deleted copy was not made again"; return 1; }
}

solutions_open_notebooks() {
  rm -f "$LOG"
  lab --solutions || return 1
  [ "$(sed -n 1p "$LOG")" = "$WB_ROOT/notebooks" ] || { echo "JupyterLab started in $(sed -n 1p "$LOG"), not notebooks/"; return 1; }
}

wb_need_java
rm -rf "$OUT"
mkdir -p "$OUT"
fake_jupyter
wb_kernel_build_if_needed
run_check "./workbook lab opens JupyterLab on student copies with no solution code" lab_opens_student_copies
run_check "student copies (lab's and ./workbook student's) are readable like any new file (644 with umask 022)" copies_are_readable
run_check "./workbook lab keeps a student's edited copy and remakes a deleted one" work_is_kept
run_check "./workbook lab --solutions opens notebooks/, solutions included" solutions_open_notebooks
checks_summary
