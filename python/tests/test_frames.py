"""projects() / indicators() / budget_lines() / tables(): the CLI's CSV
rows and columns, the documented dtypes, lists of dicts without pandas."""

import csv
import sys
import threading
import time
import warnings
from decimal import Decimal

import pandas as pd
import pytest

import yusuan

from conftest import samples

OK = [(s, g) for s, g in samples() if (g / "projects.csv").exists()]
LINES = [(s, g) for s, g in samples() if (g / "budget_lines.csv").exists()]
STR = pd.Series(["x"], dtype=str).dtype  # pandas' default string dtype


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def as_text(v):
    return "" if v is None else str(v)


def frame_rows(df):
    return [list(df.columns)] + [[as_text(v) for v in row] for row in df.itertuples(index=False)]


@pytest.mark.parametrize("sample,golden", OK, ids=[s for s, _ in OK])
def test_projects_and_indicators_are_the_cli_csvs(sample, golden):
    assert frame_rows(yusuan.projects(sample)) == csv_rows(golden / "projects.csv")
    assert frame_rows(yusuan.indicators(sample)) == csv_rows(golden / "indicators.csv")


def test_the_walk_finds_standard_tables():
    assert len(LINES) >= 4


@pytest.mark.parametrize("sample,golden", LINES, ids=[s for s, _ in LINES])
def test_budget_lines_and_checks_are_the_cli_csvs(sample, golden):
    b = yusuan.batch(sample)
    lines = b.budget_lines()
    assert frame_rows(lines) == csv_rows(golden / "budget_lines.csv")
    assert list(lines.columns) == yusuan.BUDGET_LINE_COLUMNS
    assert lines["amount"].map(type).eq(Decimal).all()
    assert frame_rows(b.sheet("budget_checks")) == csv_rows(golden / "budget_checks.csv")
    assert b.sheet("no_such_sheet") is None


def test_project_dtypes():
    df = yusuan.projects("samples/seed-gzast.txt")
    assert list(df.columns[:9]) == ["source", "table", "department", "unit", "project",
                                    "total", "fiscal", "fiscal_special", "other"]
    for c in ("total", "fiscal", "fiscal_special", "other"):
        assert df[c].dtype == object
        assert all(v is None or type(v) is Decimal for v in df[c])
    assert df["total"].map(type).eq(Decimal).all()
    assert df["fiscal_special"].isna().all()  # empty cells are None, not 0
    assert df["indicator_count"].dtype == "int64"
    for c in ("source", "project", "goal", "pages"):
        assert df[c].dtype == STR
    # Decimals reconcile exactly: the projects add up to the 合计 row.
    doc = yusuan.convert("samples/seed-gzast.txt")
    assert df["total"].sum() == doc["tables"][0]["total"]["total"]


def test_indicator_dtypes():
    df = yusuan.indicators("samples/kjfw-cid.pdf")
    assert len(df) > 0
    assert df["group"].dtype == "int64" and df["seq"].dtype == "int64"
    assert df["indicator"].dtype == STR and df["annual_kind"].dtype == STR


def test_empty_frames_keep_their_columns_and_dtypes():
    df = yusuan.projects("samples/bad/not-a-table.txt")
    assert len(df) == 0
    assert df["total"].dtype == object and df["indicator_count"].dtype == "int64"
    lines = yusuan.budget_lines("samples/seed-gzast.txt")
    assert list(lines.columns) == yusuan.BUDGET_LINE_COLUMNS and len(lines) == 0


def test_without_pandas_lists_of_dicts():
    rows = yusuan.projects("samples/seed-gzast.txt", frame=False)
    df = yusuan.projects("samples/seed-gzast.txt")
    assert isinstance(rows, list) and len(rows) == len(df)
    assert rows[1]["project"] == "科普经费" and rows[1]["total"] == Decimal("1200.00")
    assert rows[1]["fiscal_special"] is None and rows[1]["indicator_count"] == df["indicator_count"][1]


def test_a_folder_is_walked_and_failures_raise_the_cli_line():
    with pytest.raises(yusuan.FailedError) as info:
        yusuan.projects("samples/bad")
    assert str(info.value) == "samples/bad/empty.txt: file is empty"
    assert info.value.source == "samples/bad/empty.txt"


def test_skip_leaves_failures_out_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        b = yusuan.batch("samples/bad", errors="skip", jobs=2)
    assert [str(w.message) for w in caught] == [f["error"] for f in b.failed()]
    assert {f["status"] for f in b.files} == {"ok", "failed", "no_table"}
    assert set(b.projects()["source"]) == {"samples/bad/unplaceable-row.txt"}
    assert len(b.documents()) == 1


def test_bad_options_are_usage_errors():
    with pytest.raises(yusuan.UsageError):
        yusuan.projects("samples/seed-gzast.txt", errors="ignore")
    with pytest.raises(yusuan.UsageError):
        yusuan.projects("samples/seed-gzast.txt", jobs=0)
    with pytest.raises(TypeError):
        yusuan.projects("samples/seed-gzast.txt", colour="red")


def test_tables_of_a_pdf():
    [df] = yusuan.tables("samples/kjfw-cid.pdf")
    assert df.columns[0] == "项目名称（资金使用单位）" and "绩效指标" in df.columns
    assert df.iloc[0, 0] == "合计" and df.iloc[0, 1] == "9,376.33"
    assert (df.columns == df.attrs["labels"]).all()
    assert df.attrs["title"] == "项目支出绩效目标表（含转移支付项目）"
    assert df.attrs["pages"] == [1, 2, 3, 4, 5, 6] and len(df.attrs["row_pages"]) == len(df)
    assert df.attrs["currency_unit"] == "万元" and df.attrs["source"] == "samples/kjfw-cid.pdf"
    assert df.attrs["kind"] == "packed"
    assert all(df[c].dtype == STR for c in df.columns)


def test_tables_pages_bytes_and_errors():
    assert yusuan.tables("samples/kjfw-cid.pdf", pages=[9]) == []
    assert len(yusuan.tables("samples/kjfw-cid.pdf", pages=range(3, 4))) == 1
    data = open("samples/pdf/two-departments.pdf", "rb").read()
    by_bytes = yusuan.tables(data, name="a.pdf", frame=False)
    by_path = yusuan.tables("samples/pdf/two-departments.pdf", frame=False)
    assert len(by_path) == 2 and [t["rows"] for t in by_bytes] == [t["rows"] for t in by_path]
    assert by_bytes[0]["source"] == "a.pdf"
    with pytest.raises(yusuan.UnsupportedError, match="^samples/bad/random-bytes.txt: binary file"):
        yusuan.tables("samples/bad/random-bytes.txt")
    with pytest.raises(yusuan.UsageError, match="pages count from 1"):
        yusuan.tables("samples/kjfw-cid.pdf", pages="0")


def test_tables_of_every_input_with_their_kind():
    [summary] = yusuan.tables("samples/html-no-table.html")
    assert summary.attrs["kind"] == "generic" and summary.attrs["title"] == "收支总表"
    assert list(summary.columns) == ["收入项目", "金额", "支出项目", "金额.1"]
    assert summary.iloc[0].tolist() == ["一般公共预算拨款", "100.00", "一般公共服务支出", "100.00"]
    [text] = yusuan.tables("samples/seed-gzast.txt")
    assert text.attrs["kind"] == "packed" and text.iloc[0, 0] == "合计"
    # The same table as text and as a PDF: the same header.
    assert list(text.columns) == list(yusuan.tables("samples/kjfw-cid.pdf")[0].columns)


def test_unique_labels():
    from yusuan._frames import unique_labels
    assert unique_labels(["a", "", "a", "a.1", "a"]) == ["a", "column_2", "a.1", "a.1.1", "a.2"]


def test_the_gil_is_released_while_converting():
    """Python code keeps running beside a conversion: the longest pause of a
    Python loop during the call stays well under the call's duration."""
    path = "samples/kjfw-docx-lo-landscape-noto.pdf"
    start = time.perf_counter()
    yusuan.convert(path)
    alone = time.perf_counter() - start
    worker = threading.Thread(target=yusuan.convert, args=(path,))
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 3 and max(gaps) < alone / 2, (alone, max(gaps, default=None))


def test_without_pandas_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    rows = yusuan.indicators("samples/seed-gzast.txt")
    assert isinstance(rows, list) and rows[0]["source"] == "samples/seed-gzast.txt"
    [table] = yusuan.tables("samples/kjfw-cid.pdf")
    assert table["rows"][0][:2] == ["合计", "9,376.33"] and table["kind"] == "packed"
    with pytest.raises(ImportError):
        yusuan.projects("samples/seed-gzast.txt", frame=True)
