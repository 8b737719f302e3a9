# shellcheck shell=bash
# The headless runner behind ./workbook run (scripts/cmd-run.sh calls wb_run_lessons): sourced, never run.
# Usage: wb_run_lessons [OPTIONS] [NOTEBOOK.ipynb|LESSON.md|DIR|LESSON-NAME]...   (--help lists the options)
# Exit status: 0 every notebook passed, 1 one failed or timed out, 2 bad usage or an unreadable notebook.
source "$WB_ROOT/scripts/kernel-cp.sh"

# Runs a Java tool of the kernel jar (the runner, the grader) headless and quiet. The first
# run records a class-data archive beside the jar (JShell's classes, ready-parsed); later runs
# map it and start about a second sooner. A rebuilt jar makes the archive stale: it is redone.
wb_runner_java() {
  local cp jar archive tmp="" rc=0
  cp=$(wb_kernel_classpath) || return 1
  jar=$(wb_kernel_jar)
  archive="${jar%.jar}.jsa"
  local flags=(-Djava.awt.headless=true -Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
    flags+=("-XX:SharedArchiveFile=$archive")
  else
    # Written under a private name, then moved: two runs at once never see half an archive.
    tmp="$archive.$$.tmp"
    flags+=("-XX:ArchiveClassesAtExit=$tmp")
  fi
  WB_ROOT="$WB_ROOT" java "${flags[@]}" -cp "$cp" "$@" || rc=$?
  if [ -n "$tmp" ] && [ -f "$tmp" ]; then
    mv -f "$tmp" "$archive"
  fi
  return "$rc"
}

wb_run_lessons() {
  wb_runner_java org.workbook.runner.RunnerMain "$@"
}

WB_RUNNER_VENV="$WB_ROOT/build/venv-runner"
WB_RUNNER_PIP=("nbconvert>=7.16,<8" "nbformat>=5.9,<6")

# The Python environment with Jupyter's nbconvert and nbformat (slides, and the runner's
# nbformat checks), made from PyPI once into build/venv-runner.
wb_runner_venv() {
  local py="$WB_RUNNER_VENV/bin/python"
  if [ -x "$py" ] && "$py" -c 'import nbconvert, nbformat' 2>/dev/null; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 \
    || wb_die "python3 is missing; it is needed for Jupyter's nbconvert (Debian: apt-get install python3 python3-venv; conda: environment.yml)."
  if [ ! -x "$py" ]; then
    python3 -m venv "$WB_RUNNER_VENV" >&2 \
      || wb_die "python3 cannot make a virtual environment (Debian: apt-get install python3-venv)."
  fi
  wb_say "installing ${WB_RUNNER_PIP[*]} into build/venv-runner (PyPI)…"
  "$py" -m pip install -q --disable-pip-version-check "${WB_RUNNER_PIP[@]}" >&2 \
    || wb_die "pip could not install ${WB_RUNNER_PIP[*]}; PyPI must be reachable (or install them into $WB_RUNNER_VENV yourself)."
}
