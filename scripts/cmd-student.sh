# shellcheck shell=bash
# student copies of lessons (solutions replaced, nbgrader metadata) into build/student/
# Usage: ./workbook student [--out DIR] [LESSON.md|NOTEBOOK.ipynb...]   (default: every lesson)
source "$WB_ROOT/scripts/kernel-cp.sh"
wb_notebook_cli student "$@"
