#!/usr/bin/env bash
# Batch speed-up: `yusuan convert -j 1` against `-j 2` on the same inputs,
# whole process, median of several runs (hyperfine). Also checks that both
# produce byte-identical outputs. Not run in CI.
#
#   scripts/bench-batch.sh [INPUT...]      (default: ../shared/corpus ../shared/realworld samples)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
cargo build --release -q
bin=target/release/yusuan
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(../shared/corpus ../shared/realworld samples)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" convert -q -j 1 "${inputs[@]}" -o "$tmp/j1" || true
"$bin" convert -q -j 2 "${inputs[@]}" -o "$tmp/j2" || true
for f in documents.json projects.csv indicators.csv report.json; do
  cmp -s "$tmp/j1/$f" "$tmp/j2/$f" || { echo "DIFFERENT: $f between -j 1 and -j 2" >&2; exit 1; }
done
echo "outputs identical for -j 1 and -j 2"
python3 - "$tmp/j1/report.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print("files {files}: ok {ok}, no_table {no_table}, failed {failed}, skipped {skipped}; projects {projects}".format(**s))
PY

hyperfine -N -i --warmup 1 --runs "${RUNS:-7}" --export-json "$tmp/h.json" \
  -n j1 "$bin convert -q -j 1 ${inputs[*]} -o $tmp/h1" \
  -n j2 "$bin convert -q -j 2 ${inputs[*]} -o $tmp/h2" >/dev/null
python3 - "$tmp/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
j1, j2 = r["j1"]["median"], r["j2"]["median"]
print(f"median -j 1: {j1*1000:.1f} ms, -j 2: {j2*1000:.1f} ms, speed-up {j1/j2:.2f}x")
PY
