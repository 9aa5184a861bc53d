"""yusuan (预算): China's budget disclosures — PDF, HTML, text extracts — as
dicts and pandas DataFrames that reconcile.

>>> import yusuan
>>> doc = yusuan.convert("samples/seed-gzast.txt")          # documents.json object
>>> df = yusuan.projects(["samples/"])                      # projects.csv as a DataFrame
>>> tabs = yusuan.tables("samples/kjfw-cid.pdf")            # every ruled table of a PDF

Conversion runs in Rust with the GIL released, so threads convert in
parallel; every function pickles, and :mod:`yusuan.dask` spreads files over
a dask.distributed cluster. Errors are :class:`yusuan.Error` subclasses whose
message is the CLI's one-line reason. See python/README.md.
"""

from . import _native
from ._api import (
    BUDGET_LINE_COLUMNS,
    MAX_SIZE_MIB,
    TIMEOUT_SECS,
    Batch,
    SkippedFileWarning,
    batch,
    budget_lines,
    convert,
    discover,
    indicators,
    projects,
    tables,
)
from .errors import (
    Error,
    FailedError,
    MalformedError,
    NoTableError,
    ReadError,
    UnsupportedError,
    UsageError,
)

__version__ = _native.version()

__all__ = [
    "BUDGET_LINE_COLUMNS",
    "MAX_SIZE_MIB",
    "TIMEOUT_SECS",
    "Batch",
    "SkippedFileWarning",
    "batch",
    "budget_lines",
    "convert",
    "discover",
    "indicators",
    "projects",
    "tables",
    "Error",
    "FailedError",
    "MalformedError",
    "NoTableError",
    "ReadError",
    "UnsupportedError",
    "UsageError",
]
