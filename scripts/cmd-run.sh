# shellcheck shell=bash
# build, fetch MNIST when needed, then run the main job: the tensor tour and its figures
source "$WB_ROOT/scripts/mnist.sh"
source "$WB_ROOT/scripts/fonts.sh"
wb_build_if_needed
wb_ensure_mnist
wb_check_fonts || wb_die "fonts are missing (see above); figures cannot be drawn."
cp=$(wb_lib_classpath)
java -Djava.awt.headless=true -cp "$cp" org.workbook.Tour "$@"
wb_say "writing the tour's figures…"
java -Djava.awt.headless=true -cp "$cp" org.workbook.plot.PlotTour "$WB_ROOT/build/figures/tour"
