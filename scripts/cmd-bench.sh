# shellcheck shell=bash
# benchmarks: compare with PyTorch (default; --quick for a smoke run), or jmh [JMH ARGS]
# Usage:
#   ./workbook bench [--quick] [--only ID,ID] ...   bench/compare: ours vs PyTorch, one table
#   ./workbook bench jmh [ElementwiseBench ...]     the JMH suites in bench/src (JMH's own options)
#   ./workbook bench list                           the comparison's case ids
# See bench/README.md.
case "${1:-}" in
  jmh)
    shift
    # shellcheck source=../bench/build.sh
    source "$WB_ROOT/bench/build.sh"
    wb_bench_build
    export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
    wb_java -cp "$(wb_bench_classpath)" org.openjdk.jmh.Main "$@" ;;
  list)
    "$WB_ROOT/bench/compare" --list ;;
  *)
    "$WB_ROOT/bench/compare" "$@" ;;
esac
