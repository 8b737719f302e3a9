# shellcheck shell=bash
# run lessons headlessly into build/executed/ (no argument: the tensor tour, then every lesson)
# Usage: ./workbook run [OPTIONS] [NOTEBOOK.ipynb|LESSON.md|DIR]...   (./workbook run --help for options)
source "$WB_ROOT/scripts/mnist.sh"
source "$WB_ROOT/scripts/fonts.sh"
source "$WB_ROOT/scripts/run-lessons.sh"
wb_ensure_mnist
wb_check_fonts || wb_die "fonts are missing (see above); figures cannot be drawn."
if [ $# -eq 0 ]; then
  wb_build_if_needed
  cp=$(wb_lib_classpath)
  wb_java -Djava.awt.headless=true -cp "$cp" org.workbook.Tour
  wb_say "writing the tour's figures…"
  wb_java -Djava.awt.headless=true -cp "$cp" org.workbook.plot.PlotTour "$WB_ROOT/build/figures/tour"
  wb_say "running every lesson headlessly (executed notebooks go to build/executed/)…"
fi
wb_run_lessons "$@"
