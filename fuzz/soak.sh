#!/usr/bin/env bash
# Runs fuzz targets to a number of executions each, one after another, and prints the count
# each reached: the release check of CONTRIBUTING.md ("10 million executions per target").
#
#   fuzz/soak.sh [RUNS] [TARGET...]      # RUNS defaults to 10000000; TARGETs to all of them
#   FUZZ_JOBS=2 fuzz/soak.sh             # two targets at a time (one per core)
#   FUZZ_TRACE_COMPARES=0 fuzz/soak.sh   # built without comparison tracing (below)
#
# Same settings as fuzz/run.sh, except inputs are cut to 4 KiB (16 KiB for case_import), which
# keeps each execution small and the rate several times higher, and -timeout=30, so a machine
# busy with other work does not turn starvation into "timeouts". Each run's log is kept in
# fuzz/soak/TARGET.log; a finding stops that target early, and its line says so (the input is
# in fuzz/artifacts/TARGET/). The table is also in fuzz/soak/summary.txt. Exit status: 0 when
# every target reached RUNS, 1 otherwise.
#
# FUZZ_TRACE_COMPARES=0 builds with cargo fuzz's --no-trace-compares (into fuzz/target-notc/):
# libFuzzer then no longer sees the operands of comparisons, which cost most of the time of
# `assess` (the reports' character escaping); it runs about three times as fast. The fuzzer
# learns less per execution, so use it to count executions over a corpus that fuzz/run.sh
# has grown with comparison tracing, not to grow one.
set -uo pipefail
cd "$(dirname "$0")"
runs=${1:-10000000}
shift $(($# > 0 ? 1 : 0))
targets=("$@")
jobs=${FUZZ_JOBS:-1}
mkdir -p soak
build=(--sanitizer none)
target_dir=target
if [ "${FUZZ_TRACE_COMPARES:-1}" = 0 ]; then
    target_dir=target-notc
    build+=(--no-trace-compares --target-dir "$target_dir")
fi
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cargo +nightly fuzz list)
cargo +nightly fuzz build "${build[@]}" || exit 1
binaries=$target_dir/x86_64-unknown-linux-gnu/release

# soak TARGET: one libFuzzer run of RUNS executions; prints "TARGET COUNT STATUS".
soak() {
    local target=$1 max=4096
    [ "$target" = case_import ] && max=16384
    [ -n "$(ls -A "corpus/$target" 2>/dev/null)" ] || ./seed.sh "$target" >/dev/null
    mkdir -p "artifacts/$target"
    "$binaries/$target" "corpus/$target" -dict=yaml.dict -timeout=30 -rss_limit_mb=2048 \
        -max_len=$max -runs="$runs" -print_final_stats=1 \
        -artifact_prefix="artifacts/$target/" >"soak/$target.log" 2>&1
    local status=$?
    local count
    count=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "soak/$target.log" | grep -o '[0-9]*$')
    local verdict="ok"
    if [ "$status" -ne 0 ] || [ "${count:-0}" -lt "$runs" ]; then
        verdict="FINDING (exit $status; see fuzz/soak/$target.log)"
    fi
    printf '%-12s %12s  %s\n' "$target" "${count:-?}" "$verdict"
}

printf '%-12s %12s  %s\n' target executions result
: >soak/summary.txt
export -f soak
export runs binaries
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'soak {}' | tee -a soak/summary.txt
! grep -qv ' ok$' soak/summary.txt
