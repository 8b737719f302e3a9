# Builds the benchmarks: sourced by bench/compare and scripts/cmd-bench.sh, never run on its own.
# Needs WB_ROOT and scripts/common.sh loaded. WB_BUILD picks the output folder (default
# target), so a benchmark build never tramples a build running beside it.
#
# The bench project is standalone (not in the parent's modules: CI stays fast). It takes
# workbook-lib from the local Maven repository, so the library is installed there first,
# again whenever a source file of the library or a pom is newer than the last install.

WB_BUILD="${WB_BUILD:-target}"
WB_BENCH_OUT="$WB_ROOT/bench/$WB_BUILD"

wb_bench_build() {
  wb_need_maven
  local stamp="$WB_BENCH_OUT/lib-installed.stamp"
  mkdir -p "$WB_BENCH_OUT"
  if [ ! -f "$stamp" ] || [ -n "$(find "$WB_ROOT/lib/src/main" "$WB_ROOT/pom.xml" "$WB_ROOT/lib/pom.xml" \
        -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    wb_say "installing workbook-lib into the local Maven repository (mvn install -pl lib -am, tests skipped)…"
    wb_mvn -Dwb.build="$WB_BUILD" install -DskipTests -pl lib -am \
      || wb_die "could not build the library (see Maven's errors above); ./workbook build shows the same."
    touch "$stamp"
  fi
  local cstamp="$WB_BENCH_OUT/compiled.stamp"
  if [ ! -f "$cstamp" ] || [ "$stamp" -nt "$cstamp" ] || [ -n "$(find "$WB_ROOT/bench/src" "$WB_ROOT/bench/pom.xml" \
        -newer "$cstamp" -print -quit 2>/dev/null)" ]; then
    wb_say "compiling the benchmarks (bench/pom.xml)…"
    (cd "$WB_ROOT/bench" && mvn -B -q ${WB_MVN_ARGS:-} -Dwb.build="$WB_BUILD" compile \
      dependency:build-classpath -Dmdep.outputFile="$WB_BENCH_OUT/classpath.txt") \
      || wb_die "could not compile bench/ (see Maven's errors above)."
    touch "$cstamp"
  fi
}

# The class path of the benchmarks: their classes, workbook-lib and JMH.
wb_bench_classpath() {
  echo "$WB_BENCH_OUT/classes:$(cat "$WB_BENCH_OUT/classpath.txt")"
}
