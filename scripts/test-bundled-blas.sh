#!/usr/bin/env bash
# The bundled OpenBLAS is what matmul uses on a machine without any system BLAS: each JVM below runs in
# a bubblewrap box where every BLAS/LAPACK library the dynamic loader knows of is replaced by an empty
# file, whether or not this machine has one. Checks what `./workbook run` prints (the tour's
# "matmul BLAS:" line), the kernel's shaded jar, a read-only home, and that nothing crashes when
# nowhere is writable (pure Java, with the reason). Exit status: 0 when every check passed.
set -uo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"

command -v bwrap >/dev/null || { echo "bubblewrap is missing (apt-get install bubblewrap)"; exit 1; }
wb_build_if_needed
CP="$(wb_lib_classpath)"
KERNEL_JAR="$WB_ROOT/kernel/target/workbook-kernel-0.1.0-SNAPSHOT-all.jar"
# Java's home folder (user.home, from the password database), where JavaCPP keeps its cache by default.
JHOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *user.home = //p')
[ -d "$JHOME" ] || { echo "user.home ($JHOME) is not a folder"; exit 1; }

# Every BLAS the loader could find (the files ldconfig's cache leads to, through the alternatives'
# links) becomes /dev/null: dlopen then fails on each of its names.
HIDE=()
while read -r f; do
  [ -f "$f" ] && HIDE+=(--ro-bind /dev/null "$f")
done < <(ldconfig -p | sed -n 's/.*=> \(.*\(blas\|lapack\)[^/]*\)$/\1/p' | xargs -r readlink -f | sort -u)
echo "hidden: $(( ${#HIDE[@]} / 3 )) BLAS/LAPACK files"

# The box's /tmp is a fresh tmpfs (so JavaCPP's cache starts empty), which would also hide a checkout
# or a Maven repository that lives under /tmp (a CI clone often does): the folders of the class
# path's entries that are under /tmp are bound back in, read-only.
KEEP=()
while read -r d; do
  [ -n "$d" ] && KEEP+=(--ro-bind "$d" "$d")
done < <(tr ':' '\n' <<<"$CP:$KERNEL_JAR" | sed -n 's|^\(/tmp/.*\)/[^/]*$|\1|p' | sort -u)

# box [BWRAP-ARGS...] -- COMMAND...: the command with the BLAS files hidden (and a fresh JavaCPP cache).
box() {
  local extra=()
  while [ "$1" != -- ]; do extra+=("$1"); shift; done
  shift
  bwrap --dev-bind / / "${HIDE[@]}" --tmpfs /tmp "${KEEP[@]}" "${extra[@]}" -- "$@"
}

# The tour, as `./workbook run` starts it; prints its "matmul BLAS:" line.
tour() {
  java "${WB_JVM_FLAGS[@]}" -Djava.awt.headless=true "$@" org.workbook.Tour | grep '^matmul BLAS:'
}

expect() { # expect PATTERN TEXT: TEXT matches the extended regex PATTERN, else say both
  if grep -Eq "$1" <<<"$2"; then echo "$2"; else echo "expected /$1/, got: $2"; return 1; fi
}

check_hidden() {
  # The box really has no system BLAS: asked to start there, the choice falls to pure Java and says why.
  local line
  line=$(box -- bash -c "$(declare -f tour); WB_JVM_FLAGS=(${WB_JVM_FLAGS[*]}); tour -Dworkbook.blas=system -cp '$CP'" 2>&1)
  expect '^matmul BLAS: .*\(pure Java: slow\).*no system BLAS: ' "$line"
}

check_tour() {
  local line
  line=$(box -- bash -c "$(declare -f tour); WB_JVM_FLAGS=(${WB_JVM_FLAGS[*]}); tour -cp '$CP'" 2>&1)
  expect "^matmul BLAS: OpenBLAS [0-9.]+ bundled \(org\.bytedeco:openblas [a-z0-9_-]+, through netlib's JNI\): native, [0-9]+ threads?$" "$line"
}

check_kernel_jar() {
  local line
  line=$(box -- bash -c "$(declare -f tour); WB_JVM_FLAGS=(${WB_JVM_FLAGS[*]}); tour -cp '$KERNEL_JAR'" 2>&1)
  expect '^matmul BLAS: OpenBLAS [0-9.]+ bundled .*: native, ' "$line"
}

check_read_only_home() {
  # A read-only home (its contents kept: the Maven repository may be there): JavaCPP unpacks into
  # java.io.tmpdir instead.
  local line
  line=$(box --ro-bind "$JHOME" "$JHOME" -- bash -c "$(declare -f tour); WB_JVM_FLAGS=(${WB_JVM_FLAGS[*]}); tour -cp '$CP'" 2>&1)
  expect '^matmul BLAS: OpenBLAS [0-9.]+ bundled .*: native, ' "$line" || return 1
  expect '.' "$(box --ro-bind "$JHOME" "$JHOME" -- bash -c "java -cp '$CP' org.workbook.Tour >/dev/null && ls -d /tmp/.javacpp-*/cache")"
}

check_nowhere_writable() {
  # Neither home nor the temporary folder writable: no crash, pure Java, and the reason.
  local line
  line=$(box --ro-bind "$JHOME" "$JHOME" --remount-ro /tmp -- \
    bash -c "$(declare -f tour); WB_JVM_FLAGS=(${WB_JVM_FLAGS[*]}); tour -cp '$CP'" 2>&1)
  expect '^matmul BLAS: .*\(pure Java: slow\).*bundled OpenBLAS not loaded: .*cache' "$line"
}

run_check "the box hides every system BLAS (pure Java when the system's is asked for)" check_hidden
run_check "./workbook run's tour reports the bundled OpenBLAS without a system BLAS" check_tour
run_check "the kernel's shaded jar carries the natives" check_kernel_jar
run_check "a read-only home: bundled OpenBLAS from a cache in /tmp" check_read_only_home
run_check "nothing writable: pure Java with the reason, no crash" check_nowhere_writable
checks_summary
