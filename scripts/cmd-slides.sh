# shellcheck shell=bash
# execute a lesson and make it an offline reveal.js slide deck (build/slides/NAME.slides.html)
# Usage: ./workbook slides LESSON [--out DIR] [runner options, e.g. -p EPOCHS=1 --cell-timeout 300]
#        ./workbook slides --executed NOTEBOOK.ipynb [--out DIR]   (a notebook already run: no new run)
#   LESSON: lessons/NAME.md, NAME, or a notebook. The deck opens from disk with no network:
#   reveal.js (npm), require.js and jQuery are copied next to it; charts are PNGs inside it. The
#   template (scripts/slides/workbook-reveal) makes it 1280x720 and zooms out a slide too big for it.
source "$WB_ROOT/scripts/run-lessons.sh"

WB_SLIDES_REVEAL=reveal.js@4.6.0
WB_SLIDES_REQUIREJS=requirejs@2.3.7
WB_SLIDES_JQUERY=jquery@3.7.1

# Unpacks the npm package $1 (name@version) once under build/slides-vendor/; prints its folder.
wb_slides_npm_package() {
  local spec=$1 dir="$WB_ROOT/build/slides-vendor/${1//\//_}"
  if [ ! -f "$dir/package/package.json" ]; then
    command -v npm >/dev/null 2>&1 || wb_die "npm is missing; slides need $spec from npm (Debian: apt-get install npm)."
    rm -rf "$dir" && mkdir -p "$dir"
    wb_say "fetching $spec (npm)…"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null 2>&1 && tar xzf ./*.tgz && rm -f ./*.tgz) \
      || wb_die "npm pack $spec failed; the npm registry must be reachable."
  fi
  echo "$dir/package"
}

# Puts reveal.js, require.js and jQuery next to the deck, so it needs no network.
wb_slides_assets() {
  local out=$1 reveal req jq
  reveal=$(wb_slides_npm_package "$WB_SLIDES_REVEAL")
  req=$(wb_slides_npm_package "$WB_SLIDES_REQUIREJS")
  jq=$(wb_slides_npm_package "$WB_SLIDES_JQUERY")
  mkdir -p "$out/reveal.js" "$out/vendor"
  cp -R "$reveal/dist" "$reveal/plugin" "$out/reveal.js/"
  # Some themes import Google Fonts; offline, the browser's own fonts stand in.
  sed -i -E '/@import url\(["'"'"']?https?:/d' "$out"/reveal.js/dist/theme/*.css
  cp "$req/require.js" "$out/vendor/require.js"
  cp "$jq/dist/jquery.min.js" "$out/vendor/jquery.min.js"
}

wb_slides() {
  local lesson="" out="$WB_ROOT/build/slides" runner_args=() executed=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --executed) [ $# -ge 2 ] || wb_die "--executed needs a notebook"; executed=$2; shift 2 ;;
      --out) [ $# -ge 2 ] || wb_die "--out needs a folder"; out=$2; shift 2 ;;
      -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$WB_ROOT/scripts/cmd-slides.sh"; return 0 ;;
      -p|--param|--cell-timeout|--timeout|--device) [ $# -ge 2 ] || wb_die "$1 needs a value"; runner_args+=("$1" "$2"); shift 2 ;;
      -*) runner_args+=("$1"); shift ;;
      *) [ -z "$lesson" ] || wb_die "one lesson at a time (got $lesson and $1)"; lesson=$1; shift ;;
    esac
  done
  if [ -n "$executed" ]; then
    [ -z "$lesson" ] || wb_die "--executed makes the deck of a notebook already run; drop $lesson"
    [ -f "$executed" ] || wb_die "--executed $executed: no such notebook"
    lesson=$executed
  fi
  [ -n "$lesson" ] || wb_die "which lesson? usage: ./workbook slides LESSON [--out DIR] (e.g. ./workbook slides 01_neural_net_foundations)"
  local name=${lesson##*/}
  name=${name%.md}; name=${name%.ipynb}
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  wb_runner_venv
  local notebook="$out/executed/$name.ipynb"
  if [ -n "$executed" ]; then
    notebook=$executed
  else
    wb_say "executing $lesson…"
    wb_run_lessons "$lesson" --out "$out/executed" "${runner_args[@]}" \
      || wb_die "the lesson did not run cleanly (see above and $out/executed/$name.ipynb); no slides made"
  fi
  wb_slides_assets "$out"
  wb_say "making the deck…"
  "$WB_RUNNER_VENV/bin/jupyter" nbconvert --to slides "$notebook" --output-dir "$out" \
    --TemplateExporter.extra_template_basedirs="$WB_ROOT/scripts/slides" --template workbook-reveal \
    --SlidesExporter.reveal_url_prefix=reveal.js --SlidesExporter.reveal_theme=white \
    --SlidesExporter.reveal_width=1280 --SlidesExporter.reveal_height=720 \
    --SlidesExporter.require_js_url=vendor/require.js --SlidesExporter.jquery_url=vendor/jquery.min.js \
    --log-level=ERROR >&2 || wb_die "nbconvert could not make the slides (see above)"
  wb_say "slides: $out/$name.slides.html (open it in a browser; it works offline)"
}

wb_slides "$@"
