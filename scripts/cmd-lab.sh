# shellcheck shell=bash
# start JupyterLab on the notebooks/ folder with the Java kernel (installs or refreshes it first)
#
# Extra arguments go to `jupyter lab` (e.g. --no-browser --port 8890).
command -v jupyter >/dev/null 2>&1 || wb_die "JupyterLab is not installed.
  With conda:  conda env create -f environment.yml && conda activate workbook
  With pip:    pip install 'jupyterlab>=4' ipywidgets"
jupyter lab --version >/dev/null 2>&1 || wb_die "'jupyter lab' is missing: pip install 'jupyterlab>=4' (or use environment.yml)."
"$WB_ROOT/workbook" install
wb_say "starting JupyterLab in $WB_ROOT/notebooks (Ctrl-C to stop)…"
cd "$WB_ROOT/notebooks"
exec jupyter lab "$@"
