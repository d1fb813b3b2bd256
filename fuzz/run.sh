#!/usr/bin/env bash
# Runs one fuzz target with the project's settings (nightly and cargo-fuzz needed):
#
#   fuzz/run.sh TARGET [SECONDS] [more libFuzzer flags...]
#
# Seeds the corpus first when it is empty (fuzz/seed.sh). A run longer than 10 s on one input
# (-timeout=10) or above 2 GiB of memory (-rss_limit_mb=2048) is a finding, like a crash; the
# input is saved in fuzz/artifacts/TARGET/. Built without a sanitizer (the library forbids
# unsafe code; this about doubles the speed): pass FUZZ_SANITIZER=address to use ASan.
# Targets: load load_jsonl resolve assess diff crosswalk case_import yaml_fast (`cargo +nightly fuzz list`).
# Long runs to a count of executions: fuzz/soak.sh.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags...]}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
if [ -z "$(ls -A "corpus/$target" 2>/dev/null)" ]; then
    ./seed.sh "$target"
fi
exec cargo +nightly fuzz run --sanitizer "${FUZZ_SANITIZER:-none}" "$target" "corpus/$target" -- \
    -dict=yaml.dict -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -max_total_time="$seconds" -print_final_stats=1 "$@"
