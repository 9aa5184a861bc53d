#!/usr/bin/env bash
# Fuzzes every target in turn (outside CI), seeded with the project's own
# samples and the kept corpus, and prints executions and crashes per target.
# Usage: scripts/fuzz-all.sh [SECONDS_PER_TARGET=600] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on stable without
# sanitizers (-s none), so it finds panics, aborts, hangs and OOMs.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=${*:-text html pdf xlsx docx any}
seeds() { # target → seed files from samples/ and tests/data
  case $1 in
    text) find samples tests/data -name '*.txt' ;;
    html) find samples tests/data -name '*.htm*' ;;
    pdf) find samples tests/data -name '*.pdf' -size -200k ;;
    xlsx) find samples tests/data -name '*.xls*' -size -200k ;;
    docx) find samples tests/data -name '*.docx' -size -200k ;;
    any) find samples tests/data -type f -size -64k ;;
  esac
}
for t in $targets; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus"
  seeds "$t" | while read -r f; do cp "$f" "$corpus/seed-$(basename "$f")" 2>/dev/null; done
  [ -d "tests/data/fuzz/$t" ] && cp tests/data/fuzz/$t/* "$corpus/" 2>/dev/null
  log=fuzz/$t.log
  (cd fuzz && cargo fuzz run "$t" -s none -- -max_total_time="$secs" -rss_limit_mb=4096 \
      -timeout=30 -print_final_stats=1 >"$t.log" 2>&1)
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
  echo "$t: exit $rc, ${secs}s, ${execs:-?} executions, corpus $(ls "$corpus" | wc -l), artifacts $crashes"
done
