# Fonts for headless charts: check fontconfig and a font are there (sourced; never run on its own).
#
#   wb_check_fonts     returns 0 when fontconfig finds a font; otherwise says what to
#                      install (Debian/Ubuntu and conda) on stderr and returns 1
#
# Java draws chart text through AWT, and on Linux AWT finds fonts through fontconfig.
# Without them a figure fails deep inside the JDK (a NullPointerException in
# sun.awt.FontConfiguration, "Fontconfig head is null", or an UnsatisfiedLinkError
# for libfontmanager) instead of saying what is missing; this check says it first.
# The Java side (org.workbook.plot.Fonts) turns those errors into the same advice.

_wb_fonts_say() {
  if declare -F wb_say >/dev/null; then wb_say "$@"; else printf '[workbook] %s\n' "$*" >&2; fi
}

_wb_fonts_help() {
  _wb_fonts_say "  Debian/Ubuntu: sudo apt-get install -y fontconfig fonts-dejavu-core"
  _wb_fonts_say "  conda:         conda install -c conda-forge fontconfig fonts-conda-ecosystem"
  _wb_fonts_say "  (then run the command again; nothing else needs to change)"
}

wb_check_fonts() {
  # macOS and Windows JDKs find fonts without fontconfig.
  case "$(uname -s 2>/dev/null)" in
    Darwin|MINGW*|MSYS*|CYGWIN*) return 0 ;;
  esac
  if ! command -v fc-list >/dev/null 2>&1; then
    _wb_fonts_say "charts need fonts, and fontconfig (fc-list) is not installed. Install it and a font:"
    _wb_fonts_help
    return 1
  fi
  # No pipe into head: under the launcher's pipefail, fc-list's SIGPIPE would fail the check.
  local families
  families=$(fc-list : family 2>/dev/null || true)
  if [ -z "$families" ]; then
    _wb_fonts_say "charts need fonts: fontconfig is installed but finds no font. Install one:"
    _wb_fonts_help
    return 1
  fi
  return 0
}
