# A pytest-like check runner for the Jupyter-side test scripts (sourced, never run on its own):
#   run_check NAME COMMAND...   one check; its output shown only when it fails (WB_VERBOSE=1: always)
#   checks_summary              the closing "N passed, M failed in Xs" line; non-zero status on a failure
passed=0
failed=0
checks_t0=$(date +%s)

run_check() {
  local name=$1 log
  shift
  log=$(mktemp)
  if ( "$@" ) >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "PASSED $name"
    [ -n "${WB_VERBOSE:-}" ] && sed 's/^/    /' "$log"
  else
    failed=$((failed + 1))
    echo "FAILED $name"
    sed 's/^/    /' "$log"
  fi
  rm -f "$log"
}

checks_summary() {
  local secs=$(( $(date +%s) - checks_t0 ))
  echo "=================== $passed passed, $failed failed in ${secs}s ==================="
  [ "$failed" -eq 0 ]
}
