#!/usr/bin/env bash
# Keeps the smallest inputs of each fuzz corpus (and every crash artifact) in
# tests/data/fuzz/<target>/, replayed by tests/fuzz_corpus.rs. Run after
#   cd fuzz && cargo fuzz run <target> -s none -- -max_total_time=600
# Usage: scripts/keep-fuzz-corpus.sh [FUZZ_DIR]   (default: fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz=${1:-fuzz}
for t in text html pdf; do
  out=tests/data/fuzz/$t
  mkdir -p "$out"
  if [ -d "$fuzz/corpus/$t" ]; then
    # The 40 smallest, and 20 mid-sized ones (1–16 KiB) that reach deeper.
    # (sed -n, not head: an early close would fail the pipeline.)
    { find "$fuzz/corpus/$t" -type f -printf '%s %p\n' | sort -n | sed -n '1,40p' | cut -d' ' -f2-
      find "$fuzz/corpus/$t" -type f -size +1k -size -16k | sort | sed -n '1,20p'
    } | while read -r f; do cp "$f" "$out/"; done
  fi
  if [ -d "$fuzz/artifacts/$t" ]; then
    find "$fuzz/artifacts/$t" -type f -exec cp {} "$out/" \;
  fi
  echo "$t: $(ls "$out" | wc -l) inputs kept"
done
