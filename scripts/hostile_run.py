#!/usr/bin/env python3
"""Hostile-input run (issue 15): generates the HTML bombs, then converts
each bomb, every PDF in ../shared/hostile, the project's bad inputs
(samples/bad) and the generated reproductions (tests/data/hostile) one by
one under /usr/bin/time -v, and finally all bombs in one `-j 2` batch with
a short --timeout. Prints per file: status, seconds, peak RSS (and RSS /
input size for HTML), panics; then the totals.

    python3 scripts/hostile_run.py [--bin target/release/yusuan] [--big-mb 25]
                                   [--timeout 60] [--work /tmp/yusuan-hostile]

Reads ../shared (a measurement script may; tests may not). Needs GNU time.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEAD = ('<html><head><meta charset="utf-8"></head><body><p>2024年部门预算</p>'
        '<table border=1><tr><td>项目名称</td><td>总计</td><td>财政拨款</td>'
        '<td>绩效目标</td><td>绩效指标</td></tr>\n')
ROW = ('<tr><td>项目{i}</td><td>100.00</td><td>100.00</td><td>完成项目{i}的建设任务，提高服务质量</td>'
       '<td>1、1-产出指标；11-数量指标；完成数量；实施周期指标值:10个；年度指标值:10个。</td></tr>\n')
TAIL = '</table></body></html>'


def bombs(work, big_mb):
    """(name, path) of each generated HTML bomb."""
    out = []

    def write(name, parts):
        path = os.path.join(work, name)
        with open(path, "w", encoding="utf-8") as f:
            for p in parts:
                f.write(p)
        out.append(path)

    def big_rows(limit):
        n, i = 0, 0
        while n < limit:
            r = ROW.format(i=i)
            n += len(r.encode())
            i += 1
            yield r

    write("nested-div-100k.html", ["<html><body>", "<div>" * 100_000, "x", "</div>" * 100_000])
    write("nested-table-5k.html", ["<html><body>", "<table><tr><td>" * 5_000, "x"])
    write("stray-end-tags.html", ["<html><body>", "<span>" * 50_000, "</div>" * 50_000])
    write("colspan-1000x50k.html", [HEAD] + ["<tr><td colspan=1000>x</td></tr>\n"] * 50_000 + [TAIL])
    write("rowspan-huge.html", [HEAD] + ["<tr><td rowspan=1000 colspan=1000>x</td></tr>\n"] * 100 + [TAIL])
    write("one-huge-cell.html", [HEAD, "<tr><td>", "很长的文字" * 1_000_000, "</td></tr>", TAIL])
    write(f"big-table-{big_mb}mb.html", [HEAD] + list(big_rows(big_mb << 20)) + [TAIL])
    return out


def timed(cmd, cwd):
    """(seconds, peak KB, stderr) of one run under GNU time."""
    t = time.time()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, capture_output=True, text=True)
    secs = time.time() - t
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return secs, int(m.group(1)) if m else 0, p.stderr


def statuses(out_dir):
    try:
        with open(os.path.join(out_dir, "report.json"), encoding="utf-8") as f:
            r = json.load(f)
    except (OSError, ValueError):
        return [("?", "no report.json")]
    return [(x["status"], (x.get("error") or "")[:110]) for x in r["files"]]


def inputs():
    # ../shared beside the checkout, or /work/shared for a worktree deeper down.
    shared = [os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")]
    hostile = next((os.path.join(s, "hostile") for s in shared if os.path.isdir(os.path.join(s, "hostile"))), "")
    groups = [hostile, os.path.join(ROOT, "samples", "bad"), os.path.join(ROOT, "tests", "data", "hostile")]
    files = []
    for g in groups:
        if os.path.isdir(g):
            files += sorted(os.path.join(g, n) for n in os.listdir(g)
                            if not n.endswith((".md", ".tsv")))
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "yusuan"))
    ap.add_argument("--big-mb", type=int, default=25)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--work", default="/tmp/yusuan-hostile")
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    made = bombs(a.work, a.big_mb)
    rows, panics, counts = [], 0, {}
    for i, f in enumerate(made + inputs()):
        out = os.path.join(a.work, f"out{i}")
        secs, kb, err = timed([a.bin, "convert", f, "-o", out, "-q", "--timeout", str(a.timeout)], a.work)
        panics += err.count("panicked")
        st = statuses(out)
        for s, _ in st:
            counts[s] = counts.get(s, 0) + 1
        size = os.path.getsize(f)
        ratio = f"{kb * 1024 / size:5.1f}x" if f.endswith(".html") and size > 1 << 20 else "     "
        rows.append((secs, kb, os.path.basename(f), size, ratio, st[0]))
        print(f"{secs:7.2f} s {kb / 1024:8.1f} MB {ratio} {size / 1048576:7.2f} MB  "
              f"{st[0][0]:8} {os.path.basename(f)[:60]}  {st[0][1]}", flush=True)
    # All bombs at once, two at a time, with a short timeout: memory must
    # stay bounded by -j as timed-out files stop and free theirs.
    out = os.path.join(a.work, "batch")
    secs, kb, err = timed([a.bin, "convert", *made, "-o", out, "-q", "-j", "2", "--timeout", "5"], a.work)
    panics += err.count("panicked")
    batch = statuses(out)
    print(f"\nbatch of {len(made)} bombs, -j 2 --timeout 5: {secs:.1f} s, peak {kb / 1024:.0f} MB, "
          f"statuses {sorted(s for s, _ in batch)}")
    print(f"\n{len(rows)} files: {counts}; panics: {panics}; "
          f"max time {max(r[0] for r in rows):.2f} s ({max(rows)[2]}); "
          f"max peak RSS {max(r[1] for r in rows) / 1024:.0f} MB "
          f"({max(rows, key=lambda r: r[1])[2]})")
    return 1 if panics else 0


if __name__ == "__main__":
    sys.exit(main())
