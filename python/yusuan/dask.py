"""Spreading files over a dask.distributed cluster: no scheduler of our own.

::

    from dask.distributed import Client
    import yusuan.dask

    client = Client("tcp://scheduler:8786")          # or Client(LocalCluster(...))
    df = yusuan.dask.convert_many(paths, client)      # projects of every file

Folders are walked on the client (as the CLI walks them); the files go to
the workers in chunks of ``chunk_size``, each chunk converted by
:func:`yusuan.batch` on one worker thread (``jobs=1``: the cluster supplies
the parallelism; give workers one thread per core). The frames come back in
input order and are concatenated with the columns in the CLI's order, so the
result equals ``yusuan.projects(paths)`` on one machine. Workers must have
yusuan installed and see the files under the same paths.
"""

from __future__ import annotations

import os
import warnings
from typing import Any, Dict, Iterable, List, Tuple, Union

from . import _api

__all__ = ["convert_many"]

_WHAT = ("projects", "indicators", "budget_lines")


def _convert_chunk(paths: List[str], what: str, errors: str, max_size: float,
                   timeout: float) -> Tuple[Any, List[Dict[str, Any]]]:
    """Runs on a worker: one chunk → (DataFrame, report entries)."""
    with warnings.catch_warnings():
        # Failures are reported once, on the client.
        warnings.simplefilter("ignore", _api.SkippedFileWarning)
        b = _api.batch(paths, jobs=1, errors=errors, max_size=max_size, timeout=timeout)
    return getattr(b, what)(), b.files


def _size(paths: List[str]) -> int:
    """Bytes in a chunk, 0 for a file the client cannot see (the workers may)."""
    total = 0
    for p in paths:
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
    return total


def _skipped(path: str) -> Dict[str, Any]:
    """A report entry for a file the walk passed over (as report.json has it)."""
    return {"source": path, "status": "skipped", "tables": 0, "projects": 0, "indicators": 0,
            "warnings": [], "checks_failed": 0, "error": None}


def _column_order(frames: List[Any]) -> List[str]:
    """The first frame's columns, and any amount column only later frames
    print inserted before ``goal``, in first-seen order — the CLI's order."""
    cols = list(frames[0].columns)
    for df in frames[1:]:
        for c in df.columns:
            if c not in cols:
                at = cols.index("goal") if "goal" in cols else len(cols)
                cols.insert(at, c)
    return cols


def _concat(frames: List[Any]) -> Any:
    import pandas as pd

    full = [f for f in frames if len(f)] or frames[:1]
    cols = _column_order(full)
    df = pd.concat(full, ignore_index=True)[cols]
    for c in cols:
        # A column missing from some frames was filled with NaN: make it None.
        if df[c].dtype == object and df[c].isna().any():
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def convert_many(paths: Union[str, "os.PathLike[str]", Iterable[Any]], client: Any,
                 what: str = "projects", *, chunk_size: int = 8, errors: str = "skip",
                 max_size: float = _api.MAX_SIZE_MIB, timeout: float = _api.TIMEOUT_SECS,
                 report: bool = False) -> Any:
    """Converts ``paths`` (files or folders) on the workers of ``client``
    (a ``dask.distributed.Client``) and returns one DataFrame of ``what``:
    ``"projects"``, ``"indicators"`` or ``"budget_lines"``, with the dtypes
    of :func:`yusuan.projects`.

    ``errors="skip"`` (the default: one bad file must not stop a year of
    disclosures) leaves failed files out, each with a
    :class:`yusuan.SkippedFileWarning`; ``errors="raise"`` raises the first
    failure on the client as :class:`yusuan.FailedError`. With
    ``report=True`` returns ``(frame, files)``, ``files`` being report.json's
    entries in input order (skipped files last, as the CLI lists them).
    """
    if what not in _WHAT:
        raise _api.UsageError(f"what must be one of {', '.join(_WHAT)}, not {what!r}")
    if chunk_size < 1:
        raise _api.UsageError(f"chunk_size must be at least 1, not {chunk_size!r}")
    files, skipped = _api.discover(paths)
    chunks = [files[i:i + chunk_size] for i in range(0, len(files), chunk_size)] or [[]]
    # Largest chunks first, so that the workers finish together (as the
    # CLI's threads take the largest files first); results in input order.
    order = sorted(range(len(chunks)), key=lambda i: -_size(chunks[i]))
    futures = client.map(_convert_chunk, [chunks[i] for i in order], what=what, errors=errors,
                         max_size=max_size, timeout=timeout, pure=False)
    results: List[Any] = [None] * len(chunks)
    for i, r in zip(order, client.gather(futures)):
        results[i] = r
    entries = [e for _, chunk_files in results for e in chunk_files]
    for e in entries:
        if e["status"] == "failed":
            warnings.warn(e["error"], _api.SkippedFileWarning, stacklevel=2)
    df = _concat([frame for frame, _ in results])
    entries.extend(_skipped(p) for p in skipped)
    return (df, entries) if report else df
