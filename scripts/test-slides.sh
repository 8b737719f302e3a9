#!/usr/bin/env bash
# Every lesson's slide deck fits a 1280x720 screen: each lesson is executed (training cut to one epoch with
# -p EPOCHS=1 where it declares EPOCHS), made into a deck by ./workbook slides, and every slide opened in
# headless Chromium (tests/slides/check_fit.cjs): no code cut off at the right, nothing below the slide's
# bottom once the deck has zoomed a tall slide out, no slide zoomed below half size. A fixture lesson of
# slides built to overflow (tests/slides/overflow-lesson.md) must fit too, and must fail with the fitting
# turned off, so the check is shown to catch overflow. Also: every lesson has speaker notes, and each
# slider cell of lesson 01 shows a strip of pictures at several settings.
# Installs what it needs as scripts/test-runner.sh does. Failing slides are named (lesson, slide h.v,
# title) with screenshots in build/artifacts/slides/. Exit status: 0 when every check passed.
set -uo pipefail
WB_ROOT="${WB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WB_ROOT
# shellcheck source=scripts/common.sh
source "$WB_ROOT/scripts/common.sh"
# shellcheck source=scripts/run-lessons.sh
source "$WB_ROOT/scripts/run-lessons.sh"
# shellcheck source=scripts/checks.sh
source "$WB_ROOT/scripts/checks.sh"
# shellcheck source=scripts/browser.sh
source "$WB_ROOT/scripts/browser.sh"
# shellcheck source=scripts/mnist.sh
source "$WB_ROOT/scripts/mnist.sh"

OUT="$WB_ROOT/build/test-slides"
ART="$WB_ROOT/build/artifacts/slides"
FIXTURE="$WB_ROOT/tests/slides/overflow-lesson.md"

lessons() {
  find "$WB_ROOT/lessons" -maxdepth 1 -name '*.md' ! -name README.md | sort
}

# Runs every lesson once (the ones that train, for one epoch) into $OUT/executed.
execute_lessons() {
  local short=() full=() l
  while read -r l; do
    if grep -qE '^int EPOCHS = ' "$l"; then short+=("$l"); else full+=("$l"); fi
  done < <(lessons)
  rm -rf "$OUT"
  if [ ${#short[@]} -gt 0 ]; then
    wb_run_lessons "${short[@]}" -p EPOCHS=1 --out "$OUT/executed" || return 1
  fi
  if [ ${#full[@]} -gt 0 ]; then
    wb_run_lessons "${full[@]}" --out "$OUT/executed" || return 1
  fi
}

make_decks() {
  local l name
  while read -r l; do
    name=$(basename "$l" .md)
    "$WB_ROOT/workbook" slides --executed "$OUT/executed/$name.ipynb" --out "$OUT" || return 1
  done < <(lessons)
  "$WB_ROOT/workbook" slides "$FIXTURE" --out "$OUT/fixture" || return 1
}

speaker_notes() {
  local l name missing=0
  while read -r l; do
    name=$(basename "$l" .md)
    if ! grep -q '<aside class="notes">' "$OUT/$name.slides.html"; then
      echo "$name: no speaker notes in the deck (add <!-- notes --> cells to lessons/$name.md)"
      missing=1
    fi
  done < <(lessons)
  return "$missing"
}

slider_strips() {
  local name=01_neural_net_foundations cells strips pictures
  cells=$(grep -c '^interact(' "$WB_ROOT/lessons/$name.md")
  strips=$(grep -c 'class="jp-RenderedImage jp-OutputArea-output wb-slider-strip' "$OUT/$name.slides.html")
  pictures=$(grep -c '<figcaption>' "$OUT/$name.slides.html")
  echo "$name: $cells slider cells, $strips strips of $pictures pictures in its deck"
  [ "$cells" -gt 0 ] && [ "$strips" -eq "$cells" ] && [ "$pictures" -ge $((3 * cells)) ]
}

fit() {
  ensure_chromium || return 1
  ensure_playwright || return 1
  rm -rf "$ART"
  local decks=() l
  while read -r l; do decks+=("$OUT/$(basename "$l" .md).slides.html"); done < <(lessons)
  WB_CHROMIUM="$CHROMIUM" node "$WB_ROOT/tests/slides/check_fit.cjs" "$NODE_DIR" "$ART" "${decks[@]}" \
    "$OUT/fixture/overflow-lesson.slides.html" --expect-overflow "$OUT/fixture/overflow-lesson.slides.html"
}

wb_need_java
wb_ensure_mnist
wb_kernel_build_if_needed
wb_runner_venv
run_check "every lesson runs (training for one epoch) for its deck" execute_lessons
if [ "$failed" -eq 0 ]; then
  run_check "./workbook slides makes every lesson's deck and the overflow fixture's" make_decks
fi
if [ "$failed" -eq 0 ]; then
  run_check "every lesson's deck has speaker notes" speaker_notes
  run_check "each slider cell of lesson 01 shows a strip of pictures in its deck" slider_strips
  run_check "every slide of every deck fits 1280x720 in headless Chromium (and unfitted overflow is caught)" fit
fi
checks_summary
