"""Red team: a few seeded cases of the differential harness (tests/red_diff.py).

Each case writes a random hostile data folder and runs random edits and reads four
ways (cached, warm, ``--no-cache``, the Typer lane); every difference, traceback or
hang fails. ``CCHC_RED_CASES=200`` runs that many cases (minutes each on a shared
machine); by default one small case keeps the harness itself working.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from red_diff import one_case

CASES = int(os.environ.get("CCHC_RED_CASES", "1"))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(CASES))
def test_the_fast_paths_answer_as_the_slow_one(seed: int, tmp_path: Path) -> None:
    findings = one_case(seed, tmp_path, steps=2 if CASES == 1 else 7)
    assert not findings, "\n".join(f.describe() for f in findings)
