# build, then run the main job: the tensor tour (lessons join as they land)
wb_build_if_needed
cp=$(wb_lib_classpath)
java -Djava.awt.headless=true -cp "$cp" org.workbook.Tour "$@"
