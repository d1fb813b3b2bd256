#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, not committed) from the repository's files:
# frameworks/, examples/, tests/fixtures/, tests/cases/ and tests/adversarial/.
#
#   fuzz/seed.sh            # every target
#   fuzz/seed.sh TARGET...  # only these
#
# Every target gets every YAML/JSON file (the fuzzer keeps what adds coverage); on top of that
# `load_jsonl` and `assess` get each evidence record as one JSON line, `resolve` each directory
# case concatenated into one stream, and `diff` every old/new pair of tests/fixtures/diff (and
# each shipped framework against itself), joined by the line `=====`. Needs python3 (with
# PyYAML for the JSON Lines seeds; without it those are skipped). Idempotent: files are named
# by content hash.
set -euo pipefail
cd "$(dirname "$0")"
root=..
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load load_jsonl resolve assess diff crosswalk case_import yaml_fast)

# put TARGET FILE: copies FILE into the target's corpus under its content hash.
put() {
    local dir="corpus/$1"
    mkdir -p "$dir"
    cp "$2" "$dir/seed-$(sha1sum <"$2" | cut -c1-16)"
}

# put_text TARGET: stdin into the target's corpus under its content hash.
put_text() {
    local tmp
    tmp=$(mktemp)
    cat >"$tmp"
    [ -s "$tmp" ] && put "$1" "$tmp"
    rm -f "$tmp"
}

mapfile -t files < <(find "$root/frameworks" "$root/examples" "$root/tests/fixtures" \
    "$root/tests/cases" "$root/tests/adversarial" -type f \
    \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.jsonl' \) 2>/dev/null | sort)

# Evidence records as JSON Lines, one seed per file (all records of the file, a line each).
jsonl() {
    python3 - "$@" <<'PY' || true
import json, sys
try:
    import yaml
except ImportError:
    sys.exit(0)
for path in sys.argv[1:]:
    try:
        docs = [d for d in yaml.safe_load_all(open(path, encoding="utf-8"))
                if isinstance(d, dict) and d.get("kind") == "evidence"]
    except Exception:
        continue
    if docs:
        print("\x00".join(json.dumps(d, default=str, ensure_ascii=False) for d in docs))
PY
}

for target in "${targets[@]}"; do
    if [ "$target" = case_import ]; then
        # CASE packages: the interchange fixtures, and every shipped framework exported.
        for f in "$root"/tests/interchange/case/*.json; do put "$target" "$f"; done
        for f in "$root"/frameworks/*.yaml; do
            name=$(basename "$f" .yaml)
            (cd "$root" && cargo run --quiet -- export case "${name%@*}@=${name#*@}" \
                --date 2026-12-01 2>/dev/null) | put_text "$target" || true
        done
        echo "corpus/$target: $(ls "corpus/$target" | wc -l) files"
        continue
    fi
    for f in "${files[@]}"; do put "$target" "$f"; done
    case "$target" in
    load_jsonl | assess)
        jsonl "${files[@]}" | while IFS= read -r line; do
            printf '%s\n' "${line//$'\x00'/$'\n'}" | put_text "$target"
        done
        ;;
    resolve)
        # Multi-file cases: a tailoring and its bases in one stream.
        for dir in $(find "$root/tests/fixtures/invalid" "$root/tests/cases" -mindepth 2 -type d | sort); do
            ls "$dir"/*.yaml >/dev/null 2>&1 || continue
            for f in "$dir"/*.yaml; do printf -- '---\n'; cat "$f"; printf '\n'; done | put_text "$target"
        done
        ;;
    diff)
        for dir in "$root"/tests/fixtures/diff/*/; do
            [ -f "$dir/old.yaml" ] && [ -f "$dir/new.yaml" ] || continue
            { cat "$dir/old.yaml"; printf '\n=====\n'; cat "$dir/new.yaml"; } | put_text "$target"
        done
        for f in "$root"/frameworks/*.yaml; do
            { cat "$f"; printf '\n=====\n'; cat "$f"; } | put_text "$target"
        done
        ;;
    esac
    echo "corpus/$target: $(ls "corpus/$target" | wc -l) files"
done
