"""Tests run from the repository root, so `source` reads `samples/…` exactly
as in golden/ (which holds what the CLI writes for each sample)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def samples():
    """Every sample the golden test walks: (sample path, golden dir)."""
    exts = {".txt", ".html", ".htm", ".pdf"}
    found = sorted(p for p in (ROOT / "samples").rglob("*") if p.suffix in exts)
    return [
        (str(p.relative_to(ROOT)), ROOT / "golden" / p.relative_to(ROOT / "samples").with_suffix(""))
        for p in found
    ]
