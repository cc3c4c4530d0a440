"""Every folder in cases/ is one planner case: compose + observed state → expected plan.

UPDATE_GOLDEN=1 rewrites the expected.txt files (read the diff before committing it).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from golden import CASES, render  # noqa: E402

NAMES = sorted(p.name for p in CASES.iterdir() if (p / "observed.json").exists())


@pytest.mark.parametrize("name", NAMES)
def test_plan(name):
    folder = CASES / name
    got = render(folder)
    expected = folder / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(got)
    assert got == expected.read_text()
