#!/usr/bin/env python3
"""Speed and memory of `yusuan convert` on PDFs, whole process, side by side
with `pdftotext -layout` and pdfplumber's extract_tables() (when installed):
median wall time of several runs, the ratios, and yusuan's peak memory.
With --cpu (needs `perf`), CPU time (task-clock, mean of the runs) instead
of wall time: steadier on a loaded machine.

    cargo build --release
    python3 scripts/bench_pdf.py [--runs 5] [--yusuan target/release/yusuan] [FILE.pdf ...]
"""
import argparse, glob, statistics, subprocess, sys, tempfile, time

CPU = False

PLUMBER = "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as p:\n    [pg.extract_tables() for pg in p.pages]\n"


def cpu_time(cmd, runs):
    """Mean task-clock in seconds over `runs` runs, via perf stat."""
    r = subprocess.run(["perf", "stat", "-r", str(runs), "-x,", "-e", "task-clock"] + cmd,
                       capture_output=True, text=True)
    line = next(l for l in r.stderr.splitlines() if "task-clock" in l)
    return float(line.split(",")[0]) / 1000


def timed(cmd, runs):
    if CPU:
        return cpu_time(cmd, runs), peak_mb(cmd)
    times, peak = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if r.returncode not in (0, 1):
            sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr))
        peak = max(peak, int(r.stderr.strip().splitlines()[-1]))
    return statistics.median(times), peak / 1024


def peak_mb(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024


def main():
    global CPU
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="CPU time via perf instead of wall time")
    ap.add_argument("--yusuan", default="target/release/yusuan")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    CPU = args.cpu
    files = args.files or sorted(glob.glob("samples/*.pdf"))
    try:
        import pdfplumber  # noqa: F401
        plumber = True
    except ImportError:
        plumber = False
    print("%-45s %9s %7s %9s %7s %9s %7s" % ("file", "yusuan s", "MB", "pdftotext", "ratio", "plumber", "×"))
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            y, mb = timed([args.yusuan, "convert", f, "-o", tmp], args.runs)
            p, _ = timed(["pdftotext", "-layout", f, tmp + "/out.txt"], args.runs)
            line = "%-45s %9.3f %7.1f %9.3f %7.2f" % (f, y, mb, p, y / p)
            if plumber:
                q, _ = timed([sys.executable, "-c", PLUMBER, f], max(1, args.runs // 2))
                line += " %9.3f %7.1f" % (q, q / y)
            print(line)


if __name__ == "__main__":
    main()
