"""DataFrames (or, without pandas, lists of dicts) from the columns the
Rust side returns. pandas is imported only here and only when present."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence


def _pandas(frame: Optional[bool]) -> Any:
    """pandas when frames are wanted and it is installed; None for dicts."""
    if frame is False:
        return None
    try:
        import pandas
    except ImportError:
        if frame:
            raise
        return None
    return pandas


def _series(pd: Any, values: List[Any], kind: str) -> Any:
    if kind == "int":
        return pd.Series(values, dtype="int64")
    if kind == "amount":
        # Decimal keeps the printed value exactly; None stays None (not NaN).
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=str)


def records_or_frame(keys: Sequence[str], kinds: Sequence[str],
                     columns: Sequence[List[Any]], frame: Optional[bool]) -> Any:
    """A DataFrame with one dtype per kind, or a list of row dicts."""
    pd = _pandas(frame)
    if pd is None:
        return [dict(zip(keys, row)) for row in zip(*columns)]
    data = {k: _series(pd, list(col), kind) for k, kind, col in zip(keys, kinds, columns)}
    return pd.DataFrame(data, columns=list(keys))


def unique_labels(labels: Sequence[str]) -> List[str]:
    """Printed header labels made usable as column names: an empty one is
    ``column_N`` (1-based), a repeated one gets ``.1``, ``.2`` …"""
    seen: Dict[str, int] = {}
    out = []
    for i, label in enumerate(labels):
        base = label or f"column_{i + 1}"
        name = base
        while name in seen:
            seen[base] += 1
            name = f"{base}.{seen[base]}"
        seen[name] = 0
        out.append(name)
    return out


_ATTRS = ("title", "number", "department", "currency_unit")


def _attrs(t: Dict[str, Any], source: str, doc_warnings: List[str]) -> Dict[str, Any]:
    attrs = {k: t.get(k) for k in _ATTRS}
    attrs.update(
        # The header's page too: a table may start with its header alone.
        pages=sorted(set(t["row_pages"]) | {t["first_page"]}),
        row_pages=t["row_pages"],
        kind=t["kind"],
        source=source,
        labels=t["columns"],
        notes=t["notes"],
        warnings=doc_warnings,
    )
    return attrs


def table_frames(found: List[Dict[str, Any]], source: str, doc_warnings: List[str],
                 frame: Optional[bool]) -> List[Any]:
    """One DataFrame (text cells) per table, the furniture in ``.attrs``."""
    pd = _pandas(frame)
    out = []
    for t in found:
        attrs = _attrs(t, source, doc_warnings)
        if pd is None:
            out.append(dict(attrs, columns=unique_labels(t["columns"]), rows=t["rows"]))
            continue
        df = pd.DataFrame(t["rows"], columns=unique_labels(t["columns"]), dtype=str)
        df.attrs.update(attrs)
        out.append(df)
    return out
