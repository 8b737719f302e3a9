#!/usr/bin/env bash
# Grading throughput: submissions per second (and per core) for filled-in student copies of
# lessons 01 and 02, graded with --jobs 1 and --jobs 2, and the cost of grading one
# submission against `./workbook run` of the same notebook (the issue's target: at most 1.3x).
#
# Usage: bench/grade-throughput.sh [--copies K] [--lessons "01_neural_net_foundations 02_mnist_basics"]
#        [--out FILE]   (default: print the table, and write it to bench/results/local/grade-DATE.md)
# Lessons that train get EPOCHS=1, as graders are told to do. Each grading here is real:
# bubblewrap boxes, --source, the default limits. Needs MNIST (./workbook data) for lesson 02.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
copies=4
lessons="01_neural_net_foundations 02_mnist_basics"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) copies=$2; shift 2 ;;
    --lessons) lessons=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/wb-grade-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
load0=$(cut -d' ' -f1-3 /proc/loadavg)   # other work on the machine skews every figure below
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
"$root/workbook" notebooks >/dev/null

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

table="| lesson | run 1 (s) | grade 1 (s) | grade/run | jobs | copies | wall (s) | subs/s | subs/s/core |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for lesson in $lessons; do
  src="$root/lessons/$lesson.md"
  dir="$work/$lesson"
  mkdir -p "$dir"
  # The lesson's notebook holds the solutions: a filled-in student copy, with training shortened.
  python3 - "$root/notebooks/$lesson.ipynb" "$dir" "$copies" <<'PY'
import json, re, sys
nb = json.load(open(sys.argv[1]))
for c in nb["cells"]:
    if c["cell_type"] == "code":
        text = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        c["source"] = re.sub(r"int EPOCHS = \d+;", "int EPOCHS = 1;", text)
for i in range(int(sys.argv[3])):
    json.dump(nb, open(f"{sys.argv[2]}/student{i + 1}.ipynb", "w"))
PY
  "$root/workbook" run "$dir/student1.ipynb" --out "$work/warm" >/dev/null 2>&1 || true   # builds, archives
  t0=$(now); "$root/workbook" run "$dir/student1.ipynb" --out "$work/run" >/dev/null 2>&1 || true; t1=$(now)
  run1=$(secs "$t0" "$t1")
  t0=$(now); "$root/workbook" grade "$dir/student1.ipynb" --source "$src" --report "$work/one.json" >/dev/null; t1=$(now)
  grade1=$(secs "$t0" "$t1")
  ratio=$(awk -v g="$grade1" -v r="$run1" 'BEGIN { printf "%.2f", g / r }')
  for jobs in 1 2; do
    t0=$(now)
    "$root/workbook" grade "$dir"/student*.ipynb --source "$src" --jobs "$jobs" --report "$work/all.json" >/dev/null
    t1=$(now)
    wall=$(secs "$t0" "$t1")
    used=$(( jobs < cores ? jobs : cores ))
    rate=$(awk -v n="$copies" -v w="$wall" 'BEGIN { printf "%.3f", n / w }')
    per=$(awk -v r="$rate" -v c="$used" 'BEGIN { printf "%.3f", r / c }')
    score=$(python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['total']; print(f\"{t['score']:g}/{t['max_score']:g}\")" "$work/all.json")
    table+="
| $lesson | $run1 | $grade1 | $ratio | $jobs | $copies ($score) | $wall | $rate | $per |"
  done
done
report="# Grading throughput, $(date -u +%Y-%m-%d)

CPU: $cpu, $cores cores; load average before: $load0, after: $(cut -d' ' -f1-3 /proc/loadavg).
Filled-in student copies, bubblewrap boxes, --source, EPOCHS=1.
'run 1' and 'grade 1' are wall times of ./workbook run and ./workbook grade on one copy
(each a fresh JVM, the class-data archive built); subs/s/core divides by min(jobs, cores).

$table"
echo "$report"
if [ -z "$out" ]; then
  mkdir -p "$root/bench/results/local"
  out="$root/bench/results/local/grade-$(date -u +%Y-%m-%d).md"
fi
echo "$report" > "$out"
echo "written to $out" >&2
