#!/usr/bin/env python3
"""Compare `yusuan inspect text` with poppler's `pdftotext -raw`.

For every PDF under the given directories (default: ../shared/realworld and
../shared/corpus, relative to the repo), per page: the multiset of
non-whitespace characters of both outputs, scored by F1. Passes when the F1
over all pages is >= 0.9995, every page where poppler has 100+ characters
scores >= 0.97, and yusuan prints no U+FFFD on a page where poppler has none.

Usage: scripts/compare_pdftotext.py [--bin PATH] [-v] [DIR_OR_PDF ...]
Prints one line per failing page (all pages with -v) and a summary line.
"""
import argparse, collections, os, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_pdftotext():
    if shutil.which("pdftotext"):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "poppler-utils"], check=True)


def pages(text):
    parts = text.split("\f")
    if parts and parts[-1].strip() == "":
        parts.pop()
    return [collections.Counter(c for c in p if not c.isspace()) for p in parts]


def f1(a, b):
    total = sum(a.values()) + sum(b.values())
    if total == 0:
        return 1.0, 0
    common = sum((a & b).values())
    return 2 * common / total, common


def pdfs(args):
    for p in args:
        if os.path.isdir(p):
            for d, _, files in sorted(os.walk(p)):
                for f in sorted(files):
                    if f.lower().endswith(".pdf"):
                        yield os.path.join(d, f)
        elif os.path.exists(p):
            yield p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("YUSUAN_BIN"))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args()
    ensure_pdftotext()
    if not a.bin:
        subprocess.run(["cargo", "build", "-q", "--release"], cwd=ROOT, check=True)
        a.bin = os.path.join(ROOT, "target", "release", "yusuan")
    paths = a.paths or [os.path.join(ROOT, "..", "shared", "realworld"), os.path.join(ROOT, "..", "shared", "corpus")]
    tot_common = tot_chars = 0
    n_pages = n_files = bad_pages = fffd_pages = errors = 0
    worst = (1.0, "")
    for pdf in pdfs(paths):
        n_files += 1
        ref = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True)
        got = subprocess.run([a.bin, "inspect", "text", pdf], capture_output=True)
        if got.returncode != 0:
            errors += 1
            print(f"ERROR {pdf}: {got.stderr.decode(errors='replace').strip()}")
            continue
        rp = pages(ref.stdout.decode("utf-8", "replace"))
        gp = pages(got.stdout.decode("utf-8", "replace"))
        for i in range(max(len(rp), len(gp))):
            r = rp[i] if i < len(rp) else collections.Counter()
            g = gp[i] if i < len(gp) else collections.Counter()
            score, common = f1(r, g)
            n_pages += 1
            tot_common += common
            tot_chars += sum(r.values()) + sum(g.values())
            fffd = g["\ufffd"] > 0 and r["\ufffd"] == 0
            fail = (sum(r.values()) >= 100 and score < 0.97) or fffd
            bad_pages += fail
            fffd_pages += fffd
            if sum(r.values()) >= 100 and score < worst[0]:
                worst = (score, f"{pdf} p{i + 1}")
            if fail or a.v:
                miss = (r - g).most_common(5)
                extra = (g - r).most_common(5)
                print(f"{'FAIL' if fail else 'ok  '} {pdf} p{i + 1}: F1={score:.5f} "
                      f"poppler={sum(r.values())} yusuan={sum(g.values())} missing={miss} extra={extra}")
    overall = 2 * tot_common / tot_chars if tot_chars else 1.0
    ok = overall >= 0.9995 and bad_pages == 0 and errors == 0 and n_files > 0
    print(f"SUMMARY {'PASS' if ok else 'FAIL'}: files={n_files} pages={n_pages} F1={overall:.6f} "
          f"min_page_F1(100+ chars)={worst[0]:.5f} failing_pages={bad_pages} fffd_pages={fffd_pages} errors={errors}"
          + (f" worst={worst[1]}" if worst[1] else ""))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
