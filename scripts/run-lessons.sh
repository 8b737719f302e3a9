# shellcheck shell=bash
# The headless runner behind ./workbook run (scripts/cmd-run.sh calls wb_run_lessons): sourced, never run.
# Usage: wb_run_lessons [OPTIONS] [NOTEBOOK.ipynb|LESSON.md|DIR|LESSON-NAME]...   (--help lists the options)
# Exit status: 0 every notebook passed, 1 one failed or timed out, 2 bad usage or an unreadable notebook.
source "$WB_ROOT/scripts/kernel-cp.sh"

# Records, once per build of the kernel jar, a class-data archive beside it: the classes a
# typical run loads (JShell, javac, the library, charts), ready-parsed, so later runs start
# about a second sooner. Made from a small warm-up lesson; any failure just means no archive.
wb_runner_archive() {
  local cp=$1 archive=$2 dir="$WB_ROOT/build/runner-warmup"
  mkdir -p "$dir"
  cat > "$dir/warmup.md" <<'MD'
# Warm-up: the classes a lesson run loads

```java
int x = 1;
var t = tensor(1.0, 2.0, 3.0).add(1).mean();
System.out.println(t);
```

```java
plotDoubleFunction(v -> v * v)
```
MD
  wb_say "recording a class-data archive for faster starts (once per build)…"
  # Written under a private name, then moved: two runs at once never see half an archive.
  java "${WB_JVM_FLAGS[@]}" -Djava.awt.headless=true -Xlog:cds=off -Xlog:cds+dynamic=off "-XX:ArchiveClassesAtExit=$archive.$$.tmp" \
    -cp "$cp" org.workbook.runner.RunnerMain "$dir/warmup.md" --out "$dir/out" >/dev/null 2>&1 \
    && [ -f "$archive.$$.tmp" ] && mv -f "$archive.$$.tmp" "$archive"
  rm -f "$archive.$$.tmp"
}

# Runs a Java tool of the kernel jar (the runner, the grader) headless, quiet, with the archive.
wb_runner_java() {
  local cp jar archive
  cp=$(wb_kernel_classpath) || return 1
  jar=$(wb_kernel_jar)
  archive="${jar%.jar}.jsa"
  if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
    wb_runner_archive "$cp" "$archive" || true
  fi
  local flags=(-Djava.awt.headless=true -Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
    flags+=("-XX:SharedArchiveFile=$archive")
  fi
  WB_ROOT="$WB_ROOT" wb_java "${flags[@]}" -cp "$cp" "$@"
}

# Runs the runner; when its JVM ends without saying it is done (a cell called Runtime.halt, a
# crash, a kill), names the notebook and cell that were running and returns non-zero.
wb_run_lessons() {
  local progress rc=0 where
  progress=$(mktemp "${TMPDIR:-/tmp}/workbook-run.XXXXXX")
  wb_runner_java "-Dworkbook.runner.progress=$progress" org.workbook.runner.RunnerMain "$@" || rc=$?
  if [ -s "$progress" ] && [ "$(head -n1 "$progress")" != done ]; then
    where=$(head -n1 "$progress" | sed 's/\t/: /')
    printf 'error: %s: the run ended abruptly (exit status %s): the cell called Runtime.halt, or the JVM crashed or was killed; no summary was printed and this notebook was not written\n' \
      "$where" "$rc" >&2
    [ "$rc" -ne 0 ] || rc=1
  fi
  rm -f "$progress"
  return "$rc"
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
