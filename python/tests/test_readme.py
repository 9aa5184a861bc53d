"""The README examples run as printed (from the repository root)."""

import re
import warnings

import pytest

import yusuan

from conftest import ROOT


def first_python_block(readme):
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / readme).read_text("utf-8"), re.S)
    assert blocks, f"no python example in {readme}"
    return blocks[0]


@pytest.mark.parametrize("readme", ["README.md", "python/README.md"])
def test_the_readme_example_runs(readme):
    scope = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", yusuan.SkippedFileWarning)
        exec(compile(first_python_block(readme), readme, "exec"), scope)
    assert scope["doc"]["tables"] and len(scope["df"]) > 0
