# shellcheck shell=bash
# compile and package the library and the kernel (tests skipped)
wb_need_maven
wb_say "mvn package (tests skipped)…"
wb_mvn -DskipTests package
wb_say "built: $WB_LIB_JAR"
source "$WB_ROOT/scripts/kernel-cp.sh"
wb_say "building notebooks/ from lessons/…"
wb_notebook_cli build
