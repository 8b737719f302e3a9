# shellcheck shell=bash
# grade submissions, each boxed by bubblewrap in a JVM of its own: a score per check cell, into JSON and JUnit XML reports
# Usage: ./workbook grade SUBMISSION.ipynb... --source LESSON.md [--report grades.json] [--junit grades.xml]
#        [--timeout SECS] [--cell-timeout SECS] [--memory MB] [--jobs N] [--executed DIR] [--shard I/N] [--no-sandbox]
#        ./workbook grade merge --report all.json [--junit all.xml] SHARD.json...   (--help explains)
# Exit status: 0 when grading ran (whatever the scores), 2 on bad usage (and when no sandbox can be made).
source "$WB_ROOT/scripts/run-lessons.sh"

# bubblewrap boxes each submission. Installed here when missing and we may (root with apt-get,
# as in CI); otherwise the grader itself refuses with what to install, unless --no-sandbox.
wb_grade_bwrap() {
  local a
  for a in "$@"; do
    case "$a" in --no-sandbox|merge|-h|--help) return 0 ;; esac
  done
  command -v bwrap >/dev/null 2>&1 && return 0
  [ -n "${WB_BWRAP:-}" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    wb_say "installing bubblewrap (apt-get), which boxes each submission…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >&2; } \
      || wb_say "could not install bubblewrap; the grader will say what to do"
  fi
}

wb_grade_bwrap "$@"
wb_runner_java org.workbook.grading.GradeMain "$@"
