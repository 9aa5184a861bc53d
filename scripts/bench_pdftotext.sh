#!/usr/bin/env bash
# Speed of `yusuan inspect text` vs `pdftotext -raw`, whole process, median
# of several runs (hyperfine), on the largest real PDF and on the corpus.
# Usage: scripts/bench_pdftotext.sh [RUNS]   (builds --release first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils; }
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release -q
bin=$PWD/target/release/yusuan
largest=$(find ../shared/realworld -name '*.pdf' -printf '%s\t%p\n' | sort -rn | head -1 | cut -f2)
corpus=$(find ../shared/corpus -name '*.pdf' | sort | tr '\n' ' ')
bench() { # name, yusuan command, pdftotext command
  hyperfine -N -w 2 -r "$runs" --export-json /tmp/yusuan-bench.json -n yusuan "$2" -n pdftotext "$3" >/dev/null 2>&1 ||
    hyperfine -w 2 -r "$runs" --export-json /tmp/yusuan-bench.json -n yusuan "$2" -n pdftotext "$3" >/dev/null
  python3 - "$1" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open("/tmp/yusuan-bench.json"))["results"]}
y, p = r["yusuan"], r["pdftotext"]
print(f"{sys.argv[1]}: yusuan {y*1000:.1f} ms, pdftotext {p*1000:.1f} ms, ratio yusuan/pdftotext = {y/p:.2f}")
PY
}
bench "largest ($largest)" "$bin inspect text '$largest'" "pdftotext -q -raw '$largest' -"
ycmd="sh -c 'for f in $corpus; do $bin inspect text \$f; done >/dev/null 2>&1'"
pcmd="sh -c 'for f in $corpus; do pdftotext -q -raw \$f -; done >/dev/null 2>&1'"
hyperfine -w 2 -r "$runs" --export-json /tmp/yusuan-bench.json -n yusuan "$ycmd" -n pdftotext "$pcmd" >/dev/null
python3 - "corpus (3 PDFs, one process each)" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open("/tmp/yusuan-bench.json"))["results"]}
y, p = r["yusuan"], r["pdftotext"]
print(f"{sys.argv[1]}: yusuan {y*1000:.1f} ms, pdftotext {p*1000:.1f} ms, ratio yusuan/pdftotext = {y/p:.2f}")
PY
