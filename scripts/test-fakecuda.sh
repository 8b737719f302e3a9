#!/usr/bin/env bash
# checks the fake libcuda (CUDA driver on the CPU) through the real JCuda JNI library, then runs the CUDA-vs-CPU suites on it
#
# Builds build/fakecuda/libcuda.so.1 (scripts/fakecuda.sh), compiles
# lib/src/test/fakecuda/java/FakeCudaCheck.java with javac against the JCuda jars (it is not
# part of the Maven build) and runs it with LD_LIBRARY_PATH pointing at the fake: device
# queries, memory, every committed PTX module, fill_f32/unary_f32 launches, error codes, the
# CUdeviceptr address idioms, threads. Exits non-zero when a check fails.
set -euo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/fakecuda.sh
source "$WB_ROOT/scripts/fakecuda.sh"

wb_need_java
start=$(date +%s%N)
wb_fakecuda_build
built=$(date +%s%N)

# The executor on its own first: barriers, odd block shapes, faults inside fibers.
g++ "${WB_FAKECUDA_CXXFLAGS[@]}" -I"$WB_ROOT/lib/src/test/fakecuda" -I"$WB_ROOT/lib/src/test/cuda" \
  -I"$WB_ROOT/lib/src/main/cuda" "$WB_ROOT/lib/src/test/fakecuda/selftest_exec.cpp" \
  "$WB_ROOT/lib/src/test/fakecuda/fake_exec.cpp" -o "$WB_FAKECUDA_DIR/selftest_exec" \
  || wb_die "the executor self-test does not compile (above)."
"$WB_FAKECUDA_DIR/selftest_exec" || wb_die "the executor self-test failed (above)."

jcuda=$(_wb_fakecuda_jar jcuda)
natives=$(_wb_fakecuda_jar jcuda-natives linux-x86_64)
classes="$WB_FAKECUDA_DIR/java"
mkdir -p "$classes"
javac -d "$classes" -cp "$jcuda" "$WB_ROOT/lib/src/test/fakecuda/java/FakeCudaCheck.java" \
  || wb_die "FakeCudaCheck.java does not compile (above)."
list=$(_wb_fakecuda_ptx_files)
mapfile -t ptx <<<"$list"

wb_say "running FakeCudaCheck on ${#ptx[@]} PTX file(s) with LD_LIBRARY_PATH=$WB_FAKECUDA_DIR…"
status=0
java "${WB_JVM_FLAGS[@]}" -cp "$jcuda:$natives:$classes" FakeCudaCheck "${ptx[@]}" || status=$?
done_at=$(date +%s%N)
wb_say "build $(( (built - start) / 1000000 )) ms, check $(( (done_at - built) / 1000000 )) ms"
[ "$status" -eq 0 ] || wb_die "FakeCudaCheck failed ($status failed checks, or a crash: see above)."

# The CUDA-vs-CPU JUnit suites, through the real JCuda JNI library, on the emulated device.
# cuBLAS stays off: it would need a real GPU behind it.
wb_need_maven
wb_say "running the CUDA-vs-CPU suites (org.workbook.backend.cuda.Cuda*Test) on the CPU emulator…"
suite_start=$(date +%s%N)
(cd "$WB_ROOT" && mvn -B -q ${WB_MVN_ARGS:-} -pl lib test -Dtest='Cuda*Test' -Dworkbook.cublas=off \
  -Dsurefire.failIfNoSpecifiedTests=false) \
  || wb_die "the CUDA-vs-CPU suites failed on the emulator (above; reports in lib/target/surefire-reports)."
# A suite that found no device would skip every test and still "pass": count what really ran.
ran=0
out_dir=$(sed -n 's/.*-Dwb\.build=\([^ ]*\).*/\1/p' <<<"${WB_MVN_ARGS:-}")
for r in "$WB_ROOT"/lib/"${out_dir:-target}"/surefire-reports/TEST-org.workbook.backend.cuda.Cuda*Test.xml; do
  [ -f "$r" ] || continue
  head=$(grep -o '<testsuite [^>]*' "$r")
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head")
  skipped=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$head")
  [ "${skipped:-1}" = "0" ] || wb_die "$(basename "$r"): ${skipped:-?} tests skipped: the emulated device was not seen."
  ran=$((ran + ${tests:-0}))
done
[ "$ran" -gt 0 ] || wb_die "no CUDA suite reports in lib/target/surefire-reports: the suites did not run."
wb_say "CUDA-vs-CPU suites: $ran tests passed on the emulator in $(( ($(date +%s%N) - suite_start) / 1000000 )) ms"
