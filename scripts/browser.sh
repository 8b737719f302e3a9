# shellcheck shell=bash
# Headless Chromium for the Jupyter-side test scripts (sourced, never run): Debian's chromium driven
# by playwright-core from npm under build/node-runner. WB_CHROMIUM=PATH picks another Chromium.
PLAYWRIGHT=playwright-core@1.65.1
NODE_DIR="$WB_ROOT/build/node-runner"
CHROMIUM="${WB_CHROMIUM:-/usr/bin/chromium}"

ensure_chromium() {
  [ -x "$CHROMIUM" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
      >/dev/null || { echo "apt-get could not install chromium"; return 1; }
    [ -x "$CHROMIUM" ] && return 0
  fi
  echo "Chromium is missing at $CHROMIUM: install it (Debian: sudo apt-get install chromium)"
  echo "or point WB_CHROMIUM at a Chrome/Chromium binary."
  return 1
}

ensure_playwright() {
  [ -f "$NODE_DIR/node_modules/playwright-core/package.json" ] && return 0
  command -v npm >/dev/null 2>&1 || { echo "npm is missing (Debian: apt-get install npm)"; return 1; }
  mkdir -p "$NODE_DIR"
  echo "installing $PLAYWRIGHT into build/node-runner (npm)…"
  npm install --silent --no-audit --no-fund --prefix "$NODE_DIR" "$PLAYWRIGHT" >/dev/null \
    || { echo "npm could not install $PLAYWRIGHT; the npm registry must be reachable"; return 1; }
}
