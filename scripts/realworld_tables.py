#!/usr/bin/env python3
"""Run `yusuan tables` on every PDF under a folder (default ../shared/realworld)
and report, per file, how many tables it wrote, its time and peak memory, and
for each 收支总表 whether 收入总计 equals 支出总计 as extracted (the first
amount right of each label; 收入合计/支出合计 where no 总计 is printed; a
决算 table's "总计 | income | 总计 | expenditure" row).

    python3 scripts/realworld_tables.py [--yusuan target/release/yusuan] [DIR]
"""
import argparse, csv, glob, os, re, subprocess, tempfile

LABELS = {"收入总计": "in", "支出总计": "out", "收入合计": "in", "支出合计": "out"}


def amount(text):
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


def totals(path):
    """The first amount right of each 收入/支出 总计 (else 合计) label."""
    found = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f):
            for i, cell in enumerate(row):
                key = re.sub(r"\s", "", cell)
                if key in LABELS:
                    value = next((amount(c) for c in row[i + 1 :] if c.strip()), None)
                    found.setdefault(key, value)
                if key == "总计" and "总计" not in found:
                    # 决算 layout: 总计 | income | 总计 | expenditure …
                    found["总计"] = [amount(c) for c in row if amount(c) is not None]
    for side in ("收入", "支出"):
        if side + "总计" not in found and side + "合计" in found:
            found[side + "总计"] = found[side + "合计"]
    both = found.get("总计") or []
    if "收入总计" not in found and len(both) >= 2:
        found["收入总计"], found["支出总计"] = both[0], both[1]
    return found.get("收入总计"), found.get("支出总计")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--yusuan", default="target/release/yusuan")
    ap.add_argument("dir", nargs="?", default="../shared/realworld")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.dir, "**", "*.pdf"), recursive=True))
    balanced = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, pdf in enumerate(files):
            out = os.path.join(tmp, str(n))
            run = subprocess.run(
                ["/usr/bin/time", "-f", "%e %M", args.yusuan, "tables", pdf, "-o", out],
                capture_output=True, text=True,
            )
            secs, kb = run.stderr.strip().splitlines()[-1].split()
            csvs = sorted(os.listdir(out)) if os.path.isdir(out) else []
            checks = []
            for name in csvs:
                if re.search(r"收.{0,2}支.{0,4}总表", name):
                    i, o = totals(os.path.join(out, name))
                    ok = i is not None and i == o
                    balanced += ok
                    checks.append("%s %s=%s %s" % (name, i, o, "OK" if ok else "--"))
            print("%-60s %3d tables %6ss %6.1f MB" % (os.path.relpath(pdf, args.dir), len(csvs), secs, int(kb) / 1024))
            for c in checks:
                print("    " + c)
    print("收支总表 with 收入总计 = 支出总计: %d" % balanced)


if __name__ == "__main__":
    main()
