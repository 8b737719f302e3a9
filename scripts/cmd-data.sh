# shellcheck shell=bash
# fetch and verify the real MNIST into data/mnist/ (--force fetches again, --check re-hashes)
#
#   ./workbook data           fetch when missing, else check (fast: a stamp remembers what was verified)
#   ./workbook data --check   hash all four files again
#   ./workbook data --force   fetch all four files again (after a damaged or altered file)
#
# The data folder is data/ in the project, or $WORKBOOK_DATA when set.
source "$WB_ROOT/scripts/mnist.sh"

wb_data_args=()
for wb_arg in "$@"; do
  case "$wb_arg" in
    --force|--check) wb_data_args+=("$wb_arg") ;;
    -h|--help) sed -n '4,8s/^# \{0,1\}//p' "$WB_ROOT/scripts/cmd-data.sh"; exit 0 ;;
    *) wb_die "./workbook data: unknown option '$wb_arg'. Use --force (fetch again) or --check (re-hash)." ;;
  esac
done
wb_ensure_mnist ${wb_data_args[@]+"${wb_data_args[@]}"}
wb_say "MNIST OK: $(_wb_shown "$(wb_data_dir)/mnist") matches $WB_MNIST_PKG (SHA-256 verified)."
