#!/usr/bin/env python3
"""`yusuan tables` on ../shared/realworld: per file, the tables found against
the table titles `pdftotext -layout` shows, and every truth table
(../shared/realworld/truth/*.json) compared with the CSV written for it
(flattened header + body rows, whitespace inside cells removed).

usage: scripts/realworld_truth.py [--bin target/debug/yusuan] [--root ../shared/realworld]
Exit 1 when a truth table is not reproduced exactly.
"""
import argparse, csv, json, os, re, subprocess, sys, tempfile

TITLE = re.compile(r"^\s*(\S.{0,40}?表)\s*$")
NUMBER = re.compile(r"^(公开\s*\d+\s*表|公开表[一二三四五六七八九十]+|附?表\s*[\d一二三四五六七八九十]+)$")


def printed_titles(pdf):
    """Short `…表` lines per page from pdftotext -layout, 表号 lines left out."""
    try:
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    titles = []
    for page, chunk in enumerate(text.split("\f"), 1):
        for line in chunk.splitlines():
            m = TITLE.match(line)
            if not m:
                continue
            t = bare(m.group(1))
            if not t or NUMBER.match(t) or "。" in t or "；" in t or t.startswith("注") or PART.match(t):
                continue
            if t not in [x for _, x in titles]:  # the contents page lists them too
                titles.append((page, t))
    return titles


PART = re.compile(r"^第.{1,3}部分")
ENUM = re.compile(r"^([一二三四五六七八九十]+、|\d+\s*[.．、]\s*)")


PREFIX = re.compile(r"^(公开\d+表|公开表[一二三四五六七八九十]+|附?表\d+)[:：]?")


def bare(title):
    """A title without spaces, its 表号 prefix, its leading 一、 / 1.
    enumeration and a trailing (功能科目)-like note."""
    t = PREFIX.sub("", re.sub(r"\s+", "", title))
    return re.sub(r"[（(][^）)]*[）)]$", "", ENUM.sub("", t))


def matched(printed, found):
    """A printed title is found when a found title is it, or contains it
    or is contained in it (pdftotext breaks long titles over lines)."""
    return any(printed == f or (len(printed) >= 4 and (printed in f or f in printed)) for f in found)


def run_tables(binary, pdf, out):
    r = subprocess.run([binary, "tables", pdf, "-o", out, "-q"], capture_output=True, text=True)
    index = os.path.join(out, "tables.csv")
    if not os.path.exists(index):
        return r.returncode, []
    with open(index, newline="", encoding="utf-8") as f:
        return r.returncode, list(csv.DictReader(f))


def squash(cell):
    return re.sub(r"\s+", "", cell)


def compare_truth(truth, tables, out):
    rows = [t for t in tables if int(t["first_page"]) == truth["page_first"]]
    want = [[squash(c) for c in truth["header"]]] + [[squash(c) for c in r] for r in truth["rows"]]
    best = None
    for t in rows:
        with open(os.path.join(out, t["csv"]), newline="", encoding="utf-8") as f:
            got = [[squash(c) for c in r] for r in csv.reader(f)]
        if got == want:
            return True, f"{t['csv']}: exact ({len(want) - 1} rows)"
        diff = [i for i, (a, b) in enumerate(zip(got, want)) if a != b]
        first = diff[0] if diff else min(len(got), len(want))
        msg = (f"{t['csv']}: {len(got) - 1} rows vs {len(want) - 1}; first difference at row {first}: "
               f"got {got[first] if first < len(got) else None} want {want[first] if first < len(want) else None}")
        if best is None or first > best[0]:
            best = (first, msg)
    return False, best[1] if best else f"no table starts on page {truth['page_first']}"


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "debug", "yusuan"))
    roots = [os.path.join(here, *[".."] * n, "shared", "realworld") for n in (2, 3)]
    ap.add_argument("--root", default=next((r for r in roots if os.path.isdir(r)), roots[0]))
    a = ap.parse_args()
    pdfs = sorted(os.path.join(d, f) for d, _, fs in os.walk(a.root) for f in fs if f.endswith(".pdf"))
    truths = []
    tdir = os.path.join(a.root, "truth")
    for f in sorted(os.listdir(tdir)) if os.path.isdir(tdir) else []:
        if f.endswith(".json"):
            with open(os.path.join(tdir, f), encoding="utf-8") as fh:
                truths.append(json.load(fh))
    ok = True
    tot_found = tot_printed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, pdf in enumerate(pdfs):
            out = os.path.join(tmp, str(i))
            code, tables = run_tables(a.bin, pdf, out)
            titles = printed_titles(pdf)
            rel = os.path.relpath(pdf, a.root)
            found = {bare(t["title"]) for t in tables if t["title"]}
            missing = [t for _, t in titles or [] if not matched(t, found)]
            tot_found += len(tables)
            tot_printed += len(titles or [])
            print(f"{rel}: {len(tables)} tables found, {len(titles or [])} titles printed"
                  f"{'' if code == 0 else f' (exit {code})'}"
                  + (f"; titles not matched: {', '.join(missing[:6])}{' …' if len(missing) > 6 else ''}"
                     if missing else ""))
            for truth in (t for t in truths if t["file"] == rel):
                good, msg = compare_truth(truth, tables, out)
                ok &= good
                print(f"  truth {truth['id']}: {'OK' if good else 'DIFFERS'} {msg}")
    print(f"total: {tot_found} tables found, {tot_printed} titles printed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
