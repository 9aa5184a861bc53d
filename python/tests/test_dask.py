"""yusuan.dask.convert_many on a LocalCluster of two worker processes: the
same frame as yusuan.projects() on one machine, errors pickled back."""

import warnings

import pytest
from dask import distributed

import yusuan
import yusuan.dask

from test_frames import frame_rows


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_same_frames_as_one_machine(client):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", yusuan.SkippedFileWarning)
        for what in ("projects", "indicators"):
            local = getattr(yusuan, what)("samples", errors="skip")
            spread, files = yusuan.dask.convert_many("samples", client, what, chunk_size=3,
                                                     report=True)
            assert frame_rows(spread) == frame_rows(local)
            assert list(spread.dtypes) == list(local.dtypes)
        batch = yusuan.batch("samples", errors="skip")
    assert [f["source"] for f in files] == [f["source"] for f in batch.files]


def test_failures_warn_or_raise_on_the_client(client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = yusuan.dask.convert_many(["samples/bad"], client)
    assert [str(w.message) for w in caught] == [
        "samples/bad/empty.txt: file is empty",
        "samples/bad/random-bytes.txt: binary file, not a PDF, HTML page or text extract",
    ]
    assert set(df["source"]) == {"samples/bad/unplaceable-row.txt"}
    with pytest.raises(yusuan.FailedError, match="^samples/bad/empty.txt: file is empty$"):
        yusuan.dask.convert_many(["samples/bad"], client, errors="raise")


def test_nothing_to_convert_is_an_empty_frame(client):
    df = yusuan.dask.convert_many([], client)
    assert len(df) == 0 and "total" in df.columns
