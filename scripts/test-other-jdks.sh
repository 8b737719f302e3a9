#!/usr/bin/env bash
# the JDK-sensitive suites again on the other supported JDKs (21, 25): build, stop/kernel over ZeroMQ, runner, lesson 01, grading
#
# The default JDK runs everything (mvn verify and the other test-*.sh). Here each further JDK
# found runs what depends on the JDK: the build (into kernel/target-jdkN), the stop and runner
# JUnit suites and a grading round, the kernel's interrupt and client tests over ZeroMQ
# (tests/kernel/test_stop.py, test_client.py, with a kernelspec that runs that JDK), and
# lesson 01 run headless with nothing on stderr. JDKs: WB_JDKS="HOME..." or, by default,
# /usr/lib/jvm/*-21-* and *-25-* (Debian 12 has no OpenJDK 21 package; Temurin 25 is used where
# installed). A JDK not found is skipped with the reason, unless WB_REQUIRE_JDKS lists its
# version (CI: 25), which makes its absence a failure.
set -uo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"

find_jdk() {
  local v=$1 d
  for d in /usr/lib/jvm/*-"$v"-* /usr/lib/jvm/*-"$v" /usr/lib/jvm/jdk-"$v"*; do
    if [ -x "$d/bin/javac" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

jdks=()
if [ -n "${WB_JDKS:-}" ]; then
  read -r -a jdks <<< "$WB_JDKS"
else
  for v in 21 25; do
    if home=$(find_jdk "$v"); then
      jdks+=("$home")
    elif [[ " ${WB_REQUIRE_JDKS:-} " == *" $v "* ]]; then
      wb_die "JDK $v is required here (WB_REQUIRE_JDKS) but not installed under /usr/lib/jvm; set WB_JDKS to its home."
    else
      echo "SKIPPED JDK $v: not installed under /usr/lib/jvm (Debian 12 has no openjdk-$v package); WB_JDKS=HOME runs it"
    fi
  done
fi

venv="$WB_ROOT/build/venv-kernel"
req="$WB_ROOT/tests/kernel/requirements.txt"

ensure_venv() {
  [ -x "$venv/bin/python" ] && cmp -s "$req" "$venv/.requirements" && return 0
  python3 -m venv "$venv" && "$venv/bin/pip" install -q -r "$req" && cp "$req" "$venv/.requirements"
}

for home in "${jdks[@]}"; do
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  out="target-jdk$v"
  art="$WB_ROOT/build/test-jdk$v"
  mkdir -p "$art"
  echo "== JDK $v at $home"
  run_with() { PATH="$home/bin:$PATH" JAVA_HOME="$home" "$@"; }

  check_build() {
    run_with wb_mvn -Dwb.build="$out" -pl kernel -am package -DskipTests
  }
  check_junit() {
    # lib's tests are filtered out by -Dtest; -am builds lib into the same folder first.
    run_with wb_mvn -Dwb.build="$out" -pl kernel -am test -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest='StopTest,EvaluatorTest,RedefinitionTest,SnippetSplitterTest,SnippetWindowsTest,StatementRunsTest,RunnerAbruptEndTest,RunnerProcessTest,GradeMainTest'
  }
  check_kernel() {
    ensure_venv || return 1
    local spec="$art/jupyter"
    run_with java -cp "$WB_ROOT/kernel/$out/workbook-kernel-0.1.0-SNAPSHOT-all.jar" org.workbook.kernel.KernelSpec \
      "$spec/kernels/java-workbook" --heap 1g >/dev/null || return 1
    grep -q "$home" "$spec/kernels/java-workbook/kernel.json" || { echo "the kernelspec does not run $home"; return 1; }
    (cd "$WB_ROOT/tests/kernel" && WB_JUPYTER_DIR="$spec" JUPYTER_PATH="$spec" \
      "$venv/bin/python" -m pytest -p no:cacheprovider -q -s test_stop.py test_client.py) | tee "$art/kernel.log" \
      | grep -E "latency|idle kernel|passed|failed"
    return "${PIPESTATUS[0]}"
  }
  check_lesson() {
    local err="$art/lesson01.err"
    run_with env WB_BUILD="$out" "$WB_ROOT/workbook" run "$WB_ROOT"/lessons/01_*.md --out "$art/executed" 2> "$err" || { cat "$err"; return 1; }
    # The launcher's own "[workbook] ..." lines (and Maven's colour resets) are not the JVM's.
    if sed 's/\x1b\[[0-9;]*m//g' "$err" | grep -v '^\[workbook\]' | grep -q '[^[:space:]]'; then
      echo "stderr was not quiet:"; cat "$err"; return 1
    fi
  }
  run_check "JDK $v: the build" check_build
  run_check "JDK $v: stop, evaluator, runner and grading suites (JUnit)" check_junit
  run_check "JDK $v: kernel over ZeroMQ, interrupts within 1 s, idle CPU, robustness (pytest)" check_kernel
  run_check "JDK $v: lesson 01 headless, nothing on stderr" check_lesson
done
checks_summary
