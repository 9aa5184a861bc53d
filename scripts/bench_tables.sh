#!/usr/bin/env bash
# Speed of `yusuan tables` vs `pdftotext -layout` on the largest real PDF,
# side by side in one hyperfine run (median; ratio must stay ≤ 1.0).
# Usage: scripts/bench_tables.sh [RUNS] [BIN]   (builds --release unless BIN is given)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils; }
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if [ -n "${2:-}" ]; then bin=$2; else cargo build --release -q; bin=$PWD/target/release/yusuan; fi
root=../shared/realworld; [ -d "$root" ] || root=../../shared/realworld
largest=$(find "$root" -name '*.pdf' -printf '%s\t%p\n' | sort -rn | head -1 | cut -f2)
out=$(mktemp -d)
hyperfine -N -w 2 -r "$runs" --export-json /tmp/yusuan-tables-bench.json \
  -n yusuan "$bin tables -q -o $out '$largest'" -n pdftotext "pdftotext -q -layout '$largest' $out/p.txt" >/dev/null
python3 - "$largest" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open("/tmp/yusuan-tables-bench.json"))["results"]}
y, p = r["yusuan"], r["pdftotext"]
print(f"{sys.argv[1]}: yusuan tables {y*1000:.1f} ms, pdftotext -layout {p*1000:.1f} ms, ratio {y/p:.2f}")
PY
rm -rf "$out"
