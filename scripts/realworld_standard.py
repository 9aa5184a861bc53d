#!/usr/bin/env python3
"""Measure the standard budget tables (issue 12) on the real PDFs under
../shared/realworld (a measurement, not a test: the project's tests never
read ../shared).

1. file x kind matrix: the kinds `yusuan convert` gives against the kinds
   whose titles `pdftotext -layout` prints (title lines matched with the
   same words as docs/standard-tables.md lists; a table of contents counts).
2. every check that is not `ok`, one line each.
3. truth: every amount of realworld/truth/*.json must appear in
   budget_lines.csv with its kind, item and measure label.

    python3 scripts/realworld_standard.py [--yusuan target/debug/yusuan] [--speed] [DIR]

4. --speed: `convert -j 1` over the files with tables against `pdftotext
   -layout` on each of them (best of 3; use target/release/yusuan).
"""
import argparse, collections, csv, glob, json, os, re, subprocess, tempfile, time

KINDS = [  # (id, short, test on a folded title line), narrower kinds first
    ("three_public", "K09", lambda t: "三公" in t),
    ("operating_costs", "K12", lambda t: "机关运行经费" in t),
    ("procurement", "K13", lambda t: "政府采购" in t),
    ("fund_expenditure", "K10", lambda t: "政府性基金" in t),
    ("state_capital_expenditure", "K11", lambda t: "国有资本经营" in t),
    ("general_basic_expenditure", "K08", lambda t: "一般公共预算" in t and "基本支出" in t),
    ("general_expenditure", "K07", lambda t: "一般公共预算" in t and "支出" in t),
    ("fiscal_summary", "K04", lambda t: "财政拨款收支" in t or "财政拨款收入支出" in t),
    ("fiscal_basic_expenditure", "K06", lambda t: "财政拨款基本支出" in t),
    ("fiscal_expenditure", "K05", lambda t: "财政拨款支出" in t),
    ("income_expenditure_summary", "K01", lambda t: ("收支" in t or "收入支出" in t) and "总表" in t),
    ("income_summary", "K02", lambda t: re.search("收入(预算|决算)?总表|收入决算表", t)),
    ("expenditure_summary", "K03", lambda t: re.search("支出(预算|决算)?总表|支出决算表", t)),
]
SHORT = {k: s for k, s, _ in KINDS}
TRUTH_KIND = {"收支总表": "income_expenditure_summary", "“三公”经费支出表": "three_public"}


def fold(s):
    return re.sub(r"\s", "", s).replace("（", "(").replace("）", ")").replace("⻔", "门").replace("⻋", "车")


def printed_kinds(pdf):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    found = set()
    lines = text.splitlines()
    # A title wrapped over two lines (…支出预 / 算表) is tried joined too.
    joined = [a + b for a, b in zip(lines, lines[1:]) if len(fold(b)) <= 6]
    for line in lines + joined:
        t = fold(line)
        # A title line: names a table, no sentence, not a 说明 or 绩效 table.
        if not t or len(t) > 60 or "表" not in t or "。" in t or "，" in t or "绩效" in t:
            continue
        if not ("预算" in t or "决算" in t):
            continue
        t = re.sub(r"\.{3,}.*$|…+.*$|\d+$", "", t)  # table-of-contents leaders and page numbers
        for kind, _, test in KINDS:
            if test(t):
                found.add(kind)
                break
    return found


def has_ruled_tables(yusuan, pdf):
    with tempfile.TemporaryDirectory() as d:
        return subprocess.run([yusuan, "tables", pdf, "-o", d], capture_output=True).returncode == 0


def amount(s):
    return s.replace(",", "").strip()


def truth_check(root, lines):
    by_file = collections.defaultdict(list)
    for r in lines:
        by_file[os.path.relpath(r["source"], root)].append(r)
    bad = total = 0
    for path in sorted(glob.glob(os.path.join(root, "truth", "*.json"))):
        t = json.load(open(path, encoding="utf-8"))
        kind = TRUTH_KIND.get(t["kind"])
        mine = [r for r in by_file.get(t["file"], []) if r["kind"] == kind]
        for row in t["rows"]:
            label = ""
            for col, cell in enumerate(row):
                a = amount(cell)
                if not re.fullmatch(r"-?\d+(\.\d+)?", a):
                    label = cell if cell else label
                    continue
                total += 1
                ok = any(r["amount"] == a and r["measure_label"] == t["header"][col] and fold(r["item"]) == fold(label) for r in mine)
                if not ok:
                    bad += 1
                    print(f"  truth MISSING {t['id']}: item {label!r} / {t['header'][col]!r} = {cell}")
            # the label of an amount is the nearest text on its left in the row
    print(f"truth: {total - bad}/{total} amounts found in budget_lines.csv with kind, item and measure label")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--yusuan", default="target/debug/yusuan")
    ap.add_argument("--speed", action="store_true", help="also time convert against pdftotext -layout (use a release build)")
    default = "../shared/realworld" if os.path.isdir("../shared/realworld") else "/work/shared/realworld"
    ap.add_argument("dir", nargs="?", default=default)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as out:
        measure(a, out)


def measure(a, out):
    """Converts a.dir into `out` and prints the figures."""
    subprocess.run([a.yusuan, "convert", a.dir, "-o", out, "-q"])
    docs = json.load(open(os.path.join(out, "documents.json"), encoding="utf-8"))
    lines = list(csv.DictReader(open(os.path.join(out, "budget_lines.csv"), encoding="utf-8")))
    checks = list(csv.DictReader(open(os.path.join(out, "budget_checks.csv"), encoding="utf-8")))
    got = {os.path.relpath(d["source"], a.dir): collections.Counter(t.get("kind") for t in d["tables"]) for d in docs}
    shorts = [s for _, s in sorted((s, s) for _, s, _ in KINDS)]
    print("| file | " + " | ".join(shorts) + " |")
    print("|---|" + "---|" * len(shorts))
    agree = printed_total = 0
    no_kind_with_tables = []
    for pdf in sorted(glob.glob(os.path.join(a.dir, "*", "*.pdf"))):
        rel = os.path.relpath(pdf, a.dir)
        printed = printed_kinds(pdf)
        mine = got.get(rel, collections.Counter())
        cells = []
        for s in shorts:
            kind = next(k for k, x, _ in KINDS if x == s)
            n = mine.get(kind, 0)
            cells.append(("✓" if n else "✗") if kind in printed else ("+%d" % n if n else "·"))
            printed_total += kind in printed
            agree += kind in printed and n > 0
        note = "" if mine or has_ruled_tables(a.yusuan, pdf) else " (no ruled table: text only)"
        if not mine and not note:
            no_kind_with_tables.append(pdf)
        if note:
            printed_total -= len(printed)
            cells = ["-"] * len(shorts)
        print(f"| {rel}{note} | " + " | ".join(cells) + " |")
    print(f"kinds printed and found: {agree}/{printed_total} (✓ found, ✗ printed not found, +n found not printed, · neither)")
    status = collections.Counter((c["rule"], c["status"]) for c in checks)
    print("checks:", ", ".join(f"{r} {s} {n}" for (r, s), n in sorted(status.items())))
    for c in checks:
        if c["status"] != "ok":
            print(f"  {c['status']:8} {os.path.relpath(c['source'], a.dir)} p{c['pages']} {c['rule']} {c['kind']}: {c['subject']} [{c['measure']}] expected {c['expected']} actual {c['actual']}")
    truth_check(a.dir, lines)
    if a.speed:
        speed(a.yusuan, [os.path.join(a.dir, r) for r, c in got.items() if c] + no_kind_with_tables)


def speed(yusuan, files):
    """`convert -j 1` over the files against `pdftotext -layout` on each, best of 3."""
    def run(cmds):
        best = None
        for _ in range(3):
            start = time.perf_counter()
            for c in cmds:
                subprocess.run(c, capture_output=True)
            took = time.perf_counter() - start
            best = took if best is None else min(best, took)
        return best
    with tempfile.TemporaryDirectory() as out:
        mine = run([[yusuan, "convert", "-j", "1", "-q", "-o", out] + files])
    poppler = run([["pdftotext", "-layout", f, os.devnull] for f in files])
    print(f"speed over {len(files)} files: convert {mine:.2f} s, pdftotext -layout {poppler:.2f} s, ratio {mine / poppler:.2f}")


if __name__ == "__main__":
    main()
