# shellcheck shell=bash
# write notebooks edited in JupyterLab back to their lessons/*.md, then rebuild them
# Usage: ./workbook sync NOTEBOOK.ipynb... [--lesson lessons/NAME.md]
# notebooks/NAME.ipynb (or any NAME.ipynb) goes to lessons/NAME.md, created if new;
# notebooks/NAME.ipynb is then rebuilt from it (outputs cleared: reload it in JupyterLab).
source "$WB_ROOT/scripts/kernel-cp.sh"
[ $# -gt 0 ] || wb_die "usage: ./workbook sync NOTEBOOK.ipynb... (e.g. ./workbook sync notebooks/01-how-a-net-works.ipynb)"
wb_notebook_cli sync "$@"
