# shellcheck shell=bash
# run every test: Java unit and end-to-end tests, then the Jupyter-side tests (what CI runs)
source "$WB_ROOT/scripts/mnist.sh"
source "$WB_ROOT/scripts/fonts.sh"
wb_need_maven
wb_ensure_mnist
wb_check_fonts || wb_die "fonts are missing (see above); chart tests cannot run."
failed=()
wb_say "running the Java tests (mvn verify)…"
(cd "$WB_ROOT" && mvn -B ${WB_MVN_ARGS:-} verify) || failed+=("mvn verify")
# The Jupyter-side suites (kernel over ZeroMQ, notebooks, runner, slides) install their own
# Python and npm environments under build/ and print a pytest-style closing line.
for t in "$WB_ROOT"/scripts/test-*.sh; do
  wb_say "running $(basename "$t")…"
  bash "$t" || failed+=("$(basename "$t")")
done
if [ ${#failed[@]} -gt 0 ]; then
  wb_die "failed: ${failed[*]}"
fi
wb_say "all tests passed"
