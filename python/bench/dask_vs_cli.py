"""Measures yusuan.dask.convert_many on a LocalCluster of 1 and 2 workers
against the CLI's `convert -j 1` / `-j 2` on the same files (outside CI).

    v/bin/python python/bench/dask_vs_cli.py [--cli target/release/yusuan] [DIR ...]

(Kept out of python/ itself: run from there, `import yusuan` would find the
source folder, which has no compiled extension, before the installed package.)

Defaults to ../shared/realworld and ../shared/corpus. Prints one line per
run: wall time, files, projects rows; cluster start-up is timed apart.
One run each: the machine's CPU is shared, so read the figures as such.
"""

import argparse
import os
import subprocess
import tempfile
import time
import warnings

from dask.distributed import Client, LocalCluster

import yusuan
import yusuan.dask


def run_dask(files, workers, chunk_size):
    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    client.run(lambda: __import__("yusuan") and None)  # workers import the extension
    started = time.perf_counter() - t0
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", yusuan.SkippedFileWarning)
        df, report = yusuan.dask.convert_many(files, client, chunk_size=chunk_size, report=True)
    wall = time.perf_counter() - t1
    client.close()
    cluster.close()
    return started, wall, len(df), report


def run_cli(cli, files, jobs):
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run([cli, "convert", "-q", "-j", str(jobs), "-o", out, *files],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", default=["../shared/realworld", "../shared/corpus"])
    ap.add_argument("--cli", default="target/release/yusuan")
    ap.add_argument("--chunk-size", type=int, default=8)
    args = ap.parse_args()
    files, _ = yusuan.discover(args.dirs)
    size = sum(os.path.getsize(f) for f in files) / 2**20
    print(f"{len(files)} files, {size:.1f} MiB, {os.cpu_count()} CPUs (shared)")
    walls = {}
    for n in (1, 2):
        started, wall, rows, report = run_dask(files, n, args.chunk_size)
        walls[("dask", n)] = wall
        status = {s: sum(f["status"] == s for f in report) for s in ("ok", "no_table", "failed")}
        print(f"dask {n} worker(s), chunks of {args.chunk_size}: {wall:.2f} s "
              f"(cluster start {started:.1f} s), {rows} project rows, {status}")
    for j in (1, 2):
        walls[("cli", j)] = run_cli(args.cli, files, j)
        print(f"cli -j {j}: {walls[('cli', j)]:.2f} s")
    for kind in ("dask", "cli"):
        print(f"{kind} speed-up 1→2: {walls[(kind, 1)] / walls[(kind, 2)]:.2f}x")


if __name__ == "__main__":
    main()
