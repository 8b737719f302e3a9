# shellcheck shell=bash
# build notebooks/*.ipynb from lessons/*.md (--check: only list the out-of-date ones)
# Usage: ./workbook notebooks [--check | --format] [LESSON.md...]
# --format first rewrites lessons the way ./workbook sync writes them.
# Writes only notebooks whose content changed; a lesson with an error is reported
# with its file and line, and the others are still built. Exit: 0 done,
# 1 out of date (--check), 2 a lesson has an error.
source "$WB_ROOT/scripts/kernel-cp.sh"
wb_notebook_cli build "$@"
