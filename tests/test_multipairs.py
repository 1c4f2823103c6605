"""Several folders answered from each folder's own pair rows (issues 17 and 24).

A province reading its districts (`--data A --data B`, or `sources:`) counts and
lists from each district's cache, ids qualified by office, and prints byte for byte
what the notices themselves give (``--no-cache``): the oracle's random folders
(tests/test_oracle.py), two of them with the same unit and notice ids.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from test_oracle import FIRST, LAST, LAYOUTS, drawn_notices, write_folder
from test_rows import run_in

EXAMPLES = max(1, int(os.environ.get("CCHC_ORACLE_EXAMPLES", "40")) // 4)


def run(folders: list[Path], args: list[str], cached: bool) -> tuple[str, str, int]:
    """The command line in-process over ``folders``: stdout, stderr and exit code."""
    return run_in(folders, args, "100", cached)


def views(day: date, before: date, notice: str, unit: str) -> list[list[str]]:
    as_of = ["--as-of", day.isoformat()]
    lists = []
    for command in (
        ["due", *as_of, "--before", before.isoformat()],
        ["overdue", *as_of],
        ["status", *as_of],
        ["status", *as_of, "--by", "notice"],
        ["remind", *as_of, "--days", "10"],
        ["report", *as_of],
    ):
        lists += [
            command,
            [*command, "--unit", unit],
            [*command, "--notice", notice],
            [*command, "-f", "json"],
            [*command, "-f", "csv", "--unit", unit, "--lang", "en"],
        ]
    return lists


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    layout=st.sampled_from(LAYOUTS),
    day=st.dates(FIRST, LAST),
    horizon=st.integers(-10, 60),
    notice=st.sampled_from(["a:tb-1", "b:tb-2", "b:tb"]),
    unit=st.sampled_from(["a/u-an", "b/u-chau", "b/g-xa", "a", "u-an"]),
)
def test_several_folders_count_and_list_from_their_rows_as_from_the_notices(
    data, layout, day, horizon, notice, unit
):
    with tempfile.TemporaryDirectory() as temp:
        folders = [Path(temp) / "a", Path(temp) / "b"]
        for folder in folders:
            write_folder(folder, drawn_notices(data, layout), layout)
        asked = views(day, day + timedelta(days=horizon), notice, unit)
        slow = [run(folders, args, cached=False) for args in asked]
        run(folders, asked[0], cached=True)  # fills each folder's cache
        fast = [run(folders, args, cached=True) for args in asked]
    for args, expected, found in zip(asked, slow, fast, strict=True):
        assert found == expected, args


@pytest.fixture
def two_folders(tmp_path: Path) -> list[Path]:
    """The bundled data twice: the same unit and notice ids, different progress."""
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        shutil.copytree(DATA, folder)
    progress = folders[1] / "progress" / "noi-vu.yaml"
    progress.write_text("- {task: cchc-2023-11/2.3, done: 2023-11-24}\n", "utf-8")
    return folders


def test_the_province_counts_and_lists_without_reading_a_notice_back(two_folders, monkeypatch):
    from cchc_cli.store import cache as cache_module

    run(two_folders, ["status"], cached=True)  # fills the caches
    expected = {
        args[0]: run(two_folders, [*args, "--as-of", "2024-01-15"], cached=False)
        for args in (["status"], ["due", "--within", "60"], ["overdue"])
    }

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a notice was read back")

    monkeypatch.setattr(cache_module.FileCache, "read", no_reading)
    for args in (["status"], ["due", "--within", "60"], ["overdue"]):
        found = run(two_folders, [*args, "--as-of", "2024-01-15"], cached=True)
        assert found == expected[args[0]], args


def test_a_folder_read_without_its_rows_makes_the_province_answer_from_the_notices(
    two_folders,
):
    from cchc_cli.core.offices import Combined
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.loader import load
    from cchc_cli.store.multipairs import CombinedPairs
    from cchc_cli.store.sources import load_many

    run(two_folders, ["status"], cached=True)

    def cached(folder: Path):
        return load(folder, FileCache.open(folder))

    both = load_many(two_folders, cached)
    assert isinstance(both, Combined) and isinstance(both.pairs, CombinedPairs)
    # One folder without a cache: no rows for it, so none for the province.
    mixed = load_many(two_folders, lambda f: cached(f) if f.name == "a" else load(f, None))
    assert isinstance(mixed, Combined) and mixed.pairs is None


def test_the_province_decodes_its_folders_errors_and_no_warning(two_folders, monkeypatch):
    from cchc_cli.core.diagnostics import Severity
    from cchc_cli.store import snapshot

    (two_folders[1] / "notices" / "broken.yaml").write_text("id: x\ndate: 2023-13-01\n", "utf-8")
    run(two_folders, ["status"], cached=True)  # fills the caches
    found: list[Severity] = []
    real = snapshot.diagnostics_from

    def spy(data):
        made = real(data)
        found.extend(d.severity for d in made)
        return made

    monkeypatch.setattr(snapshot, "diagnostics_from", spy)
    for args in (["status"], ["due", "--within", "60"]):
        found.clear()
        warm = run(two_folders, [*args, "--as-of", "2024-01-15"], cached=True)
        expected = run(two_folders, [*args, "--as-of", "2024-01-15"], cached=False)
        assert warm == expected and warm[2] == 1, args
        assert set(found) == {Severity.ERROR}, args
    found.clear()
    validate = run(two_folders, ["validate"], cached=True)
    assert validate == run(two_folders, ["validate"], cached=False)
    assert Severity.WARNING in found  # validate reads them all, from each folder


def test_qualified_lines_share_a_task_as_the_folders_lines_did():
    """The overdue list's and the pairs' rows qualified a column at a time: the values
    qualified, and rows that shared one task row still share one (the lists group
    their rows by it), each distinct task made once."""
    from cchc_cli.store.multipairs import _Qualifier
    from cchc_cli.store.pairs import TaskInfo

    units = ("noi-vu", "tu-phap")
    one = TaskInfo("tb-1", "1.1", 1, "Một", None, units, units)
    two = TaskInfo("tb-2", "2", 2, "Hai", date(2024, 1, 5), units[:1], units)
    day = date(2024, 1, 10)
    late = _Qualifier("a").late([(one, day, units), (two, day, units[:1]), (one, day, units)])
    expected_one = TaskInfo(
        "a:tb-1", "1.1", 1, "Một", None, ("a/noi-vu", "a/tu-phap"), ("a/noi-vu", "a/tu-phap")
    )
    assert late[0] == (expected_one, day, ("a/noi-vu", "a/tu-phap"))
    assert late[1][0] == TaskInfo(
        "a:tb-2", "2", 2, "Hai", date(2024, 1, 5), ("a/noi-vu",), ("a/noi-vu", "a/tu-phap")
    )
    assert late[0][0] is late[2][0] and late[0][2] is late[2][2]
    assert late[0][0].assignees is late[1][0].assignees  # a unit list qualified once
    pairs = _Qualifier("b").pairs([(one, "noi-vu", 0, day, None), (one, "tu-phap", 1, day, None)])
    assert pairs[0][0] is pairs[1][0] and pairs[0][0].notice == "b:tb-1"
    assert [p[1] for p in pairs] == ["b/noi-vu", "b/tu-phap"]
    assert _Qualifier("a").late([]) == [] and _Qualifier("a").pairs([]) == []
