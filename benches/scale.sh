#!/usr/bin/env bash
# Issue 13: `competence check` at scale, in CPU time (user + sys) and peak RSS, beside a bare
# YAML parse of the same files and, when installed, ajv-cli and check-jsonschema.
#
#   benches/scale.sh [RUNS]        # RUNS per measurement (default 5); the median is shown
#
# Environment: CORPUS (default target/scale-corpus; generated once, reused), COMPETENCE (the
# binary measured; default the release build, so an older build can be compared), PEER_RUNS (runs
# of ajv-cli, default RUNS), CJS_RUNS (runs of check-jsonschema, default 1: a minute a run on
# the 27 MB corpus), AJV and CHECK_JSONSCHEMA (the commands; default: found on PATH). Peers
# are optional; each is skipped with a message when absent:
#   npm install -g ajv-cli ajv-formats
#   pip install check-jsonschema
# Needs GNU time at /usr/bin/time. Compare ratios within one run: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
peer_runs=${PEER_RUNS:-$runs}
cjs_runs=${CJS_RUNS:-1}
corpus=${CORPUS:-target/scale-corpus}
[ -x /usr/bin/time ] || { echo "scale.sh needs GNU time at /usr/bin/time" >&2; exit 2; }

cargo build --release --quiet --bin competence --example scale_corpus --example bare_parse
bin=${COMPETENCE:-target/release/competence}
parse=target/release/examples/bare_parse
for what in small large huge; do
    [ -d "$corpus/$what" ] || target/release/examples/scale_corpus "$corpus/$what" "$what"
done
for depth in 1 16; do
    [ -d "$corpus/chain-$depth" ] || target/release/examples/scale_corpus "$corpus/chain-$depth" chain "$depth"
done

ajv=${AJV:-$(command -v ajv || true)}
cjs=${CHECK_JSONSCHEMA:-$(command -v check-jsonschema || true)}
[ -n "$ajv" ] || echo "ajv-cli not found: skipped (npm install -g ajv-cli ajv-formats)" >&2
[ -n "$cjs" ] || echo "check-jsonschema not found: skipped (pip install check-jsonschema)" >&2
schema=schema/framework.schema.json
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT

# measure N CMD…: runs CMD N times; prints "median-cpu-seconds peak-rss-kb" (the median run's
# CPU time and the largest peak RSS seen). Output and exit status are not judged here: every
# corpus is valid, so a failure is reported and the run still counted.
measure() {
    local n=$1; shift
    local i
    for ((i = 0; i < n; i++)); do
        if ! /usr/bin/time -f '%U %S %M' -o "$timing" "$@" >/dev/null 2>"$timing.err"; then
            echo "warning: exit status $? from: $* ($(tail -n 1 "$timing.err"))" >&2
        fi
        tail -n 1 "$timing"
    done | awk '{ print $1 + $2, $3 }' | sort -n |
        awk '{ cpu[NR] = $1; if ($2 > rss) rss = $2 } END { printf "%.3f %d\n", cpu[int((NR + 1) / 2)], rss }'
    rm -f "$timing.err"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

printf '| work | size | check CPU s | check peak RSS MB | bare parse CPU s | check / parse | saphyr events CPU s | ajv-cli CPU s | check / ajv | check-jsonschema CPU s | check / cjs |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for what in small large huge; do
    dir="$corpus/$what"
    files=("$dir"/*.yaml)
    size=$(cat "${files[@]}" | wc -c)
    read -r check rss < <(measure "$runs" "$bin" check --max-file-size 67108864 "$dir")
    read -r bare _ < <(measure "$runs" "$parse" "${files[@]}")
    read -r events _ < <(measure "$runs" "$parse" --events "${files[@]}")
    a=- ra=- c=- rc=-
    if [ -n "$ajv" ] && [ "$peer_runs" -gt 0 ]; then
        read -r a _ < <(measure "$peer_runs" "$ajv" validate --spec=draft7 --strict=false -c ajv-formats -s "$schema" -d "$dir/*.yaml")
        ra=$(ratio "$check" "$a")
    fi
    if [ -n "$cjs" ] && [ "$cjs_runs" -gt 0 ] && [ "$what" != huge ]; then
        read -r c _ < <(measure "$cjs_runs" "$cjs" --schemafile "$schema" "${files[@]}")
        rc=$(ratio "$check" "$c")
    fi
    printf '| %s: %d files | %.1f MB | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$what" "${#files[@]}" "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')" \
        "$check" "$((rss / 1024))" "$bare" "$(ratio "$check" "$bare")" "$events" "$a" "$ra" "$c" "$rc"
done
largest=$(ls -S "$corpus"/huge/*.yaml | head -n 1)
echo
echo "peak RSS of check / largest file (huge): $(ratio "$(measure 1 "$bin" check --max-file-size 67108864 "$largest" | cut -d' ' -f2)" "$(( $(wc -c < "$largest") / 1024 ))")"
echo
read -r one _ < <(measure "$runs" "$bin" check "$corpus/chain-1")
read -r sixteen _ < <(measure "$runs" "$bin" check "$corpus/chain-16")
echo "check of a 2,000-competency base and D chained tailorings: D=1 $one s, D=16 $sixteen s, ratio $(ratio "$sixteen" "$one")"
