# run every test: Java unit and end-to-end tests (what CI runs)
wb_need_maven
wb_say "running all tests (mvn verify)…"
(cd "$WB_ROOT" && mvn -B ${WB_MVN_ARGS:-} verify)
