#!/usr/bin/env bash
# `competence assess` of a cohort from JSON Lines to JSON Lines, against `jq -c .` over the
# same input (DESIGN.md "Performance": at most 1.5x jq's CPU time, output at most 5x the
# input, memory flat). CPU time is user + system from /usr/bin/time; each command runs RUNS
# times, alternating, each writing its output to a file, and the medians are compared. Peak RSS is shown for 1,000 and N
# learners.
#
#   benches/cli_cohort.sh [LEARNERS (default 10000)] [RUNS (default 5)]
#
# Needs jq and GNU time. Builds the release binary and the input generator first.
set -euo pipefail
learners=${1:-10000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet
cargo build --release --quiet --example cohort_input
bin=$root/target/release/competence
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/cohort_input "$work" "$learners"
target/release/examples/cohort_input "$work" 1000
input=$work/cohort-$learners.jsonl
assess=("$bin" assess "$input" --catalog "$work/catalog" --role worker --as-of 2026-11-27)

cpu() { # prints "user+sys peak_kib" of the command after --
    local out=$1
    shift
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" > "$out" 2> "$work/stderr"
    awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$work/time"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

: > "$work/jq"
: > "$work/ours"
for _ in $(seq "$runs"); do
    cpu "$work/jq.jsonl" jq -c . "$input" | cut -d" " -f1 >> "$work/jq"
    cpu "$work/out.jsonl" "${assess[@]}" | cut -d' ' -f1 >> "$work/ours"
done
jq_cpu=$(median < "$work/jq")
our_cpu=$(median < "$work/ours")
in_bytes=$(stat -c %s "$input")
out_bytes=$(stat -c %s "$work/out.jsonl")
lines=$(wc -l < "$work/out.jsonl")
small_rss=$(cpu /dev/null "$bin" assess "$work/cohort-1000.jsonl" --catalog "$work/catalog" \
    --role worker --as-of 2026-11-27 | cut -d' ' -f2)
large_rss=$(cpu /dev/null "${assess[@]}" | cut -d' ' -f2)
echo "learners: $learners ($lines lines written), runs: $runs"
echo "jq -c . CPU s:        $(tr '\n' ' ' < "$work/jq")-> median $jq_cpu"
echo "competence assess CPU s: $(tr '\n' ' ' < "$work/ours")-> median $our_cpu"
awk -v a="$our_cpu" -v b="$jq_cpu" 'BEGIN { printf "ratio to jq: %.2fx (budget 1.5x)\n", a / b }'
awk -v o="$out_bytes" -v i="$in_bytes" \
    'BEGIN { printf "output %d bytes, input %d bytes: %.2fx (budget 5x)\n", o, i, o / i }'
echo "peak RSS: $small_rss KiB for 1,000 learners, $large_rss KiB for $learners"
