"""convert(): the documents.json object of the CLI for every sample, the
error line of the CLI for the samples that must fail, bytes input."""

import json
import pickle
from decimal import Decimal

import pytest

import yusuan
from yusuan._api import _decimal_amounts

from conftest import samples

CASES = samples()
OK = [(s, g) for s, g in CASES if (g / "documents.json").exists()]
BAD = [(s, g) for s, g in CASES if (g / "error.txt").exists()]


def golden_document(golden):
    docs = json.loads((golden / "documents.json").read_text("utf-8"), parse_float=Decimal)
    assert len(docs) == 1
    return _decimal_amounts(docs[0])


def test_the_walk_finds_the_samples():
    assert len(OK) >= 15 and len(BAD) >= 4


@pytest.mark.parametrize("sample,golden", OK, ids=[s for s, _ in OK])
def test_same_document_as_the_cli(sample, golden):
    assert yusuan.convert(sample) == golden_document(golden)


@pytest.mark.parametrize("sample,golden", BAD, ids=[s for s, _ in BAD])
def test_same_error_line_as_the_cli(sample, golden):
    with pytest.raises(yusuan.Error) as info:
        yusuan.convert(sample)
    assert str(info.value) + "\n" == (golden / "error.txt").read_text("utf-8")
    assert info.value.source == sample


def test_error_classes_say_what_went_wrong():
    with pytest.raises(yusuan.NoTableError):
        yusuan.convert("samples/bad/not-a-table.txt")
    with pytest.raises(yusuan.UnsupportedError):
        yusuan.convert("samples/bad/random-bytes.txt")
    with pytest.raises(yusuan.ReadError) as info:
        yusuan.convert("samples/no-such-file.pdf")
    assert isinstance(info.value, OSError)
    assert str(info.value).startswith("samples/no-such-file.pdf: cannot read:")


def test_errors_pickle_with_their_source():
    try:
        yusuan.convert("samples/bad/empty.txt")
    except yusuan.Error as e:
        back = pickle.loads(pickle.dumps(e))
    assert type(back) is yusuan.UnsupportedError
    assert (str(back), back.source) == ("samples/bad/empty.txt: file is empty", "samples/bad/empty.txt")


def test_amounts_are_decimals_with_the_printed_decimals():
    doc = yusuan.convert("samples/seed-gzast.txt")
    total = doc["tables"][0]["total"]
    assert total["total"] == Decimal("8234.33") and str(total["total"]) == "8234.33"
    assert total["fiscal_special"] is None
    project = doc["tables"][0]["units"][0]["projects"][1]
    assert str(project["amounts"]["total"]) == "1200.00"
    expected = [c["expected"] for c in doc["tables"][0]["checks"] if c["expected"] is not None]
    assert expected and all(type(v) is Decimal for v in expected)


def test_bytes_give_the_same_document_under_their_name():
    data = open("samples/kjfw-cid.pdf", "rb").read()
    for buf in (data, bytearray(data), memoryview(data)):
        assert yusuan.convert(buf, name="samples/kjfw-cid.pdf") == yusuan.convert("samples/kjfw-cid.pdf")
    assert yusuan.convert(data)["source"] == "<bytes>"


def test_bytes_errors_name_the_buffer():
    with pytest.raises(yusuan.UnsupportedError, match=r"^upload\.txt: file is empty$"):
        yusuan.convert(b"  \n", name="upload.txt")


def test_size_limit_fails_unread():
    with pytest.raises(yusuan.UnsupportedError, match="over the size limit"):
        yusuan.convert("samples/kjfw-cid.pdf", max_size=0.001)
    with pytest.raises(yusuan.UsageError):
        yusuan.convert("samples/kjfw-cid.pdf", max_size=0)


def test_functions_pickle_by_reference():
    for f in (yusuan.convert, yusuan.tables, yusuan.projects, yusuan.indicators, yusuan.budget_lines):
        assert pickle.loads(pickle.dumps(f)) is f


def test_pages_keep_the_tables_printed_there():
    two = yusuan.convert("samples/two-tables.txt")
    assert len(two["tables"]) == 2
    first = two["tables"][0]
    pages = sorted({p for u in first["units"] for pr in u["projects"] for p in pr["pages"]})
    only = yusuan.convert("samples/two-tables.txt", pages=pages[:1])
    assert only["tables"] == [first]
    with pytest.raises(yusuan.UsageError, match="runs backwards"):
        yusuan.convert("samples/two-tables.txt", pages="5-3")
