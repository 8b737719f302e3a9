# shellcheck shell=bash
# compile and package the library and the kernel (tests skipped)
wb_need_maven
wb_say "mvn package (tests skipped)…"
wb_mvn -DskipTests package
wb_say "built: $WB_LIB_JAR"
