#!/usr/bin/env bash
# Adapter for ../shared/external-tables/run.py, which reads every CSV in the
# output folder as a table and expects header rows as printed: runs
# `yusuan tables … --header raw` and removes the index files (tables.csv,
# report.json) afterwards. The scorer calls it as: ext-tables-raw.sh tables PDF -o DIR
#   python3 ../shared/external-tables/run.py scripts/ext-tables-raw.sh --tools yusuan \
#       --runs 1 --proc-runs 0 --out /tmp/ext/out --results /tmp/ext
# YUSUAN names the binary (default: target/release/yusuan beside this script).
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${YUSUAN:-$here/target/release/yusuan}
"$bin" "$@" --header raw
rc=$?
while [ $# -gt 0 ]; do
  if [ "$1" = -o ]; then rm -f "$2/tables.csv" "$2/report.json"; fi
  shift
done
exit $rc
