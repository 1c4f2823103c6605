from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data folder, as ``data`` in the current directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".cchc"))
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CCHC_DATA", "CCHC_LANG", "CCHC_TODAY", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden():
    """Compare text with tests/golden/<name>; CCHC_UPDATE_GOLDEN=1 rewrites it."""
    import os

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert actual == path.read_text(encoding="utf-8")

    return check


# Hypothesis: the default keeps the suite quick; `HYPOTHESIS_PROFILE=fuzz` is the
# maintainers' long run (README, "Fuzzing").
settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "fuzz",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def cchc():
    """Run ``cchc ARGS`` in-process: :func:`runner.cchc` (the same function for modules
    that call it outside a test function)."""
    from runner import cchc

    return cchc
