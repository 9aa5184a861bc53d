"""The public functions. Each converts in Rust with the GIL released and
builds dicts or DataFrames here; all are plain module-level functions, so
they pickle by reference and can be shipped to workers."""

from __future__ import annotations

import json
import os
import warnings
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _native
from ._frames import records_or_frame, table_frames
from .errors import FailedError, UsageError

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[PathLike, bytes, bytearray, memoryview]
Pages = Union[None, str, int, Iterable[int]]

#: The CLI's defaults: ``--max-size 256`` (MiB) and ``--timeout 60`` (seconds).
MAX_SIZE_MIB = 256
TIMEOUT_SECS = 60.0

#: Columns of ``budget_lines()``: those of the CLI's budget_lines.csv (issue 12).
BUDGET_LINE_COLUMNS = [
    "source", "department", "year", "stage", "kind", "table", "pages",
    "currency_unit", "code", "level", "item", "measure", "measure_label", "amount",
    "side", "item_plain",
]

# Keys under which documents.json holds amounts (whole ones parse as int).
_AMOUNT_MAPS = {"amounts", "total"}
_AMOUNT_VALUES = {"expected", "actual", "amount"}


class SkippedFileWarning(UserWarning):
    """A file failed in a batch run with ``errors="skip"`` and was left out."""


def _max_bytes(max_size: float) -> int:
    if max_size <= 0:
        raise UsageError(f"max_size must be positive, not {max_size!r}")
    return int(max_size * (1 << 20))


def _as_decimal(v: Any) -> Any:
    return Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v


def _decimal_amounts(node: Any) -> Any:
    """Makes every amount a Decimal: fractions already are (parse_float),
    whole amounts (``1200``) came out of the JSON as int."""
    if isinstance(node, list):
        for v in node:
            _decimal_amounts(v)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in _AMOUNT_MAPS and isinstance(v, dict):
                node[k] = {a: _as_decimal(x) for a, x in v.items()}
            elif k in _AMOUNT_VALUES:
                node[k] = _as_decimal(v)
            else:
                _decimal_amounts(v)
    return node


def _load(text: str) -> Any:
    return _decimal_amounts(json.loads(text, parse_float=Decimal))


def _is_bytes(x: Any) -> bool:
    return isinstance(x, (bytes, bytearray, memoryview))


def _pages(pages: Pages) -> Optional[str]:
    """``pages`` as the library reads them: ``"3-5,8"``."""
    if pages is None or isinstance(pages, str):
        return pages
    if isinstance(pages, int):
        return str(pages)
    return ",".join(str(int(p)) for p in pages)


def convert(path_or_bytes: Source, *, name: Optional[str] = None, pages: Pages = None,
            max_size: float = MAX_SIZE_MIB) -> Dict[str, Any]:
    """Converts one input; returns its object of the CLI's documents.json.

    ``path_or_bytes`` is a path (``str`` or ``os.PathLike``) or the file's
    content (``bytes``, ``bytearray``, ``memoryview``); the format is
    detected from the content. ``name`` stands for in-memory content in
    ``source`` and messages (default ``"<bytes>"``). ``pages`` keeps only
    the tables printed on these 1-based pages (``"3-5,8"``, ``[3, 4]``,
    ``range(3, 6)``). A file larger than ``max_size`` MiB fails unread.

    Amounts are ``decimal.Decimal`` with the printed decimals
    (``Decimal("1200.00")``), ``None`` for an empty cell; any other JSON
    number with a fraction (a target value) is a Decimal too.

    Raises a :class:`yusuan.Error` subclass with the CLI's one-line reason:
    :class:`NoTableError` when the input holds no 项目支出绩效目标表,
    :class:`FailedError` subclasses when it cannot be read.

    >>> doc = yusuan.convert("samples/seed-gzast.txt")
    >>> doc["tables"][0]["total"]["total"]
    Decimal('1200.00')
    """
    limit = _max_bytes(max_size)
    if _is_bytes(path_or_bytes):
        text = _native.convert_bytes(bytes(path_or_bytes), name or "<bytes>", limit, _pages(pages))
    else:
        text = _native.convert_path(os.fspath(path_or_bytes), limit, _pages(pages))
    return _load(text)


def tables(path: Source, pages: Pages = None, *, name: Optional[str] = None,
           max_size: float = MAX_SIZE_MIB, frame: Optional[bool] = None) -> List[Any]:
    """Every table of an input — PDF (ruled tables), HTML, text extract,
    XLSX, DOCX — one per logical table (a table running over several pages
    is joined), as a list of ``pandas.DataFrame``: what ``yusuan tables``
    writes.

    Columns are the printed header, levels joined top-down with ``/``
    (``支出/基本支出``); a repeated label gets ``.1``, ``.2`` and an empty one
    ``column_N`` (the printed labels stay in ``attrs["labels"]``). Cells are
    text exactly as printed (``"9,376.33"``). ``pages`` keeps the tables
    printed on at least one of these 1-based pages (as in :func:`convert`).
    ``.attrs`` holds ``title``, ``pages`` (the pages the table is printed
    on), ``row_pages`` (the page of each row), ``currency_unit``,
    ``department``, ``number`` (表号), ``kind`` (the id of the kind that
    reads it: ``packed`` for a 项目支出绩效目标表, ``generic`` for any table
    no kind reads yet), ``source``, ``notes`` and ``warnings``.

    Without pandas (or with ``frame=False``) each table is a dict of the
    same attrs plus ``columns`` and ``rows``.

    >>> [df.attrs["title"] for df in yusuan.tables("samples/kjfw-cid.pdf")]
    ['项目支出绩效目标表（含转移支付项目）']
    """
    limit = _max_bytes(max_size)
    if _is_bytes(path):
        text = _native.tables_bytes(bytes(path), name or "<bytes>", limit, _pages(pages))
    else:
        text = _native.tables_path(os.fspath(path), limit, _pages(pages))
    doc = json.loads(text)
    return table_frames(doc["tables"], doc["source"], doc["warnings"], frame)


def discover(paths: Union[PathLike, Iterable[PathLike]]) -> Tuple[List[str], List[str]]:
    """The files a batch converts and those it skips, as the CLI finds
    them: files named are kept, folders walked in name order for
    .pdf .html .htm .txt."""
    return _native.discover(_paths(paths))


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    if _is_bytes(paths):
        raise UsageError("batch functions take paths; use convert() for bytes")
    return [os.fspath(p) for p in paths]


class Batch:
    """Files converted together, as ``yusuan convert`` does: folders walked
    for .pdf .html .htm .txt, the size and time guards on every file, each
    file's fate in :attr:`files` (report.json's ``files``)."""

    def __init__(self, native: Any):
        self._native = native
        self.files: List[Dict[str, Any]] = json.loads(native.report())["files"]

    def failed(self) -> List[Dict[str, Any]]:
        """Report entries of the files that could not be converted."""
        return [f for f in self.files if f["status"] == "failed"]

    def documents(self) -> List[Dict[str, Any]]:
        """documents.json: one dict per converted file, as :func:`convert`."""
        return _load(self._native.documents())

    def projects(self, frame: Optional[bool] = None) -> Any:
        """projects.csv as a DataFrame (see :func:`projects`)."""
        return records_or_frame(*self._native.sheet("projects"), frame)

    def indicators(self, frame: Optional[bool] = None) -> Any:
        """indicators.csv as a DataFrame (see :func:`indicators`)."""
        return records_or_frame(*self._native.sheet("indicators"), frame)

    def sheet(self, name: str, frame: Optional[bool] = None) -> Any:
        """Any sheet the kinds wrote for the batch (``budget_checks`` …) as
        the CLI's NAME.csv, or None when no file has it."""
        made = self._native.sheet(name)
        return None if made is None else records_or_frame(*made, frame)

    def budget_lines(self, frame: Optional[bool] = None) -> Any:
        """budget_lines as a DataFrame (see :func:`budget_lines`)."""
        made = self._native.sheet("budget_lines")
        if made is None:
            kinds = ["amount" if c == "amount" else "text" for c in BUDGET_LINE_COLUMNS]
            made = (BUDGET_LINE_COLUMNS, kinds, [[] for _ in BUDGET_LINE_COLUMNS])
        return records_or_frame(*made, frame)


def batch(paths: Union[PathLike, Iterable[PathLike]], *, jobs: Optional[int] = None,
          errors: str = "raise", max_size: float = MAX_SIZE_MIB,
          timeout: float = TIMEOUT_SECS, _stacklevel: int = 2) -> Batch:
    """Converts many files at once on ``jobs`` threads (default: all cores),
    with the GIL released; returns a :class:`Batch` to take frames from.

    A file that holds no table is not an error (status ``no_table``). A
    file that fails raises :class:`FailedError` with the CLI's line when
    ``errors="raise"`` (the first in input order); with ``errors="skip"`` it
    is left out with a :class:`SkippedFileWarning` and listed in
    ``Batch.failed()``. ``max_size`` (MiB) and ``timeout`` (seconds per
    file) are the CLI's ``--max-size`` and ``--timeout``.
    """
    if errors not in ("raise", "skip"):
        raise UsageError(f'errors must be "raise" or "skip", not {errors!r}')
    if jobs is not None and jobs < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs!r}")
    if timeout <= 0:
        raise UsageError(f"timeout must be positive, not {timeout!r}")
    n = jobs or os.cpu_count() or 1
    result = Batch(_native.convert_batch(_paths(paths), n, _max_bytes(max_size), float(timeout)))
    for f in result.failed():
        if errors == "raise":
            raise FailedError(f["error"], f["source"])
        warnings.warn(f["error"], SkippedFileWarning, stacklevel=_stacklevel)
    return result


def projects(paths: Union[PathLike, Iterable[PathLike]], *, frame: Optional[bool] = None,
             **options: Any) -> Any:
    """projects.csv of ``paths`` (files or folders) as a DataFrame, one row
    per project, the columns of the CLI's projects.csv in its order.

    dtypes: amount columns (``total``, ``fiscal``, ``fiscal_special``,
    ``other`` and any other the tables print) are ``object`` holding
    ``decimal.Decimal`` (exact, printed decimals kept) or ``None`` for an
    empty cell; ``indicator_count`` is ``int64``; the others are text
    (pandas' default string dtype: ``str`` in pandas 3, ``object`` before),
    ``""`` where the CSV is empty, ``pages`` as ``"2;3"``. Use
    ``df["total"].astype(float)`` for fast approximate arithmetic.

    Without pandas, or with ``frame=False``, a list of dicts. ``options``
    are those of :func:`batch` (``jobs``, ``errors``, ``max_size``, ``timeout``).

    >>> df = yusuan.projects(["samples/seed-gzast.txt"])
    >>> df[["project", "total"]].head(1)
    """
    return batch(paths, _stacklevel=3, **options).projects(frame)


def indicators(paths: Union[PathLike, Iterable[PathLike]], *, frame: Optional[bool] = None,
               **options: Any) -> Any:
    """indicators.csv of ``paths`` as a DataFrame, one row per 绩效指标, the
    CLI's columns in its order; ``group`` and ``seq`` are ``int64``, every
    other column text (see :func:`projects` for the text dtype and options)."""
    return batch(paths, _stacklevel=3, **options).indicators(frame)


def budget_lines(paths: Union[PathLike, Iterable[PathLike]], *, frame: Optional[bool] = None,
                 **options: Any) -> Any:
    """The standard budget tables (收支总表, 一般公共预算支出表 …) as one long
    table, one row per printed amount: the CLI's budget_lines.csv, columns
    :data:`BUDGET_LINE_COLUMNS` (``amount`` a Decimal, the others text,
    ``year`` too, as printed). A batch without standard tables gives an
    empty frame with these columns; ``batch(paths).sheet("budget_checks")``
    has the checks.
    """
    return batch(paths, _stacklevel=3, **options).budget_lines(frame)
