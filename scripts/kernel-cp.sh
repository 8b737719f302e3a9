# shellcheck shell=bash
# The kernel module's class path, for the commands that run its Java tools: sourced, never run.
# WB_BUILD picks Maven's output folder (default target), as -Dwb.build does for the poms.

# The kernel's runnable jar (kernel + library + dependencies, made by the shade plugin).
wb_kernel_jar() {
  echo "$WB_ROOT/kernel/${WB_BUILD:-target}/workbook-kernel-0.1.0-SNAPSHOT-all.jar"
}

# Packages the kernel and the library when any of their sources is newer than the jar.
wb_kernel_build_if_needed() {
  wb_need_maven
  local jar
  jar=$(wb_kernel_jar)
  if [ ! -f "$jar" ] || [ -n "$(find "$WB_ROOT"/lib/src "$WB_ROOT"/kernel/src "$WB_ROOT"/pom.xml \
      "$WB_ROOT"/lib/pom.xml "$WB_ROOT"/kernel/pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
    wb_say "building the kernel (mvn package, tests skipped)…"
    # Maven's output goes to stderr so callers can capture the class path from stdout.
    wb_mvn -Dwb.build="${WB_BUILD:-target}" -pl kernel -am -DskipTests package >&2 \
      || wb_die "building the kernel failed; Maven's errors are above"
  fi
  [ -f "$jar" ] || wb_die "the build made no $jar; kernel/pom.xml must shade the kernel into an '-all' jar"
}

# Prints the class path that runs the kernel's tools (building first when needed).
wb_kernel_classpath() {
  wb_kernel_build_if_needed
  wb_kernel_jar
}

# Runs the notebook tool: wb_notebook_cli build|sync|student [ARGS...]; returns its exit status
# (0 done, 1 out of date, 2 bad input).
wb_notebook_cli() {
  local cp
  cp=$(wb_kernel_classpath) || exit 1
  wb_java -cp "$cp" org.workbook.notebook.NotebookCli "$@"
}
