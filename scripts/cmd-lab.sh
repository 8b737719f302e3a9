# shellcheck shell=bash
# start JupyterLab with the Java kernel on your own copies of the lessons (student/); --solutions: on notebooks/
#
# Usage: ./workbook lab [--student | --solutions] [jupyter lab options, e.g. --no-browser --port 8890]
#   --student (the default): student/ holds your copy of each lesson, solutions removed (what
#     ./workbook student makes). A copy is made once, for each lesson that has none yet, and never
#     written over: your work stays. Delete a copy for a fresh one. WB_STUDENT_DIR=DIR puts them elsewhere.
#   --solutions: notebooks/, the lessons with every solution filled in (for instructors; edit
#     there and ./workbook sync writes the lesson back).
# Installs or refreshes the kernel first.
source "$WB_ROOT/scripts/kernel-cp.sh"

# Makes student/NAME.ipynb for each lesson that has no copy yet; names the copies older than their lesson.
wb_lab_student_copies() {
  local dir=$1 missing=() lesson name
  mkdir -p "$dir"
  for lesson in "$WB_ROOT"/lessons/*.md; do
    name=$(basename "$lesson" .md)
    [ "$name" = README ] && continue
    if [ ! -e "$dir/$name.ipynb" ]; then
      missing+=("$lesson")
    elif [ "$lesson" -nt "$dir/$name.ipynb" ]; then
      wb_say "lessons/$name.md changed since your copy was made; your copy is kept (delete $dir/$name.ipynb for a fresh one)"
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    wb_notebook_cli student --out "$dir" "${missing[@]}" >/dev/null \
      || wb_die "could not make the student copies (see above)"
    wb_say "made ${#missing[@]} student cop$([ ${#missing[@]} -eq 1 ] && echo y || echo ies) in $dir"
  fi
}

wb_lab() {
  local where=student args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --student) where=student ;;
      --solutions) where=solutions ;;
      -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$WB_ROOT/scripts/cmd-lab.sh"; return 0 ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  command -v jupyter >/dev/null 2>&1 || wb_die "JupyterLab is not installed.
  With conda:  conda env create -f environment.yml && conda activate workbook
  With pip:    pip install 'jupyterlab>=4' ipywidgets"
  jupyter lab --version >/dev/null 2>&1 || wb_die "'jupyter lab' is missing: pip install 'jupyterlab>=4' (or use environment.yml)."
  "$WB_ROOT/workbook" install
  local dir="$WB_ROOT/notebooks"
  if [ "$where" = student ]; then
    dir="${WB_STUDENT_DIR:-$WB_ROOT/student}"
    wb_lab_student_copies "$dir"
    wb_say "starting JupyterLab on your copies in $dir (solutions removed; Ctrl-C to stop)…"
  else
    wb_say "starting JupyterLab in $dir, solutions included (Ctrl-C to stop)…"
  fi
  cd "$dir" || wb_die "cannot enter $dir"
  exec jupyter lab ${args[@]+"${args[@]}"}
}

wb_lab "$@"
