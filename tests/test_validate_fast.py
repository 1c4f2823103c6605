"""A warm ``validate`` prints the lines kept rendered with the snapshot
(:mod:`cchc_cli.store.snaplines`): the same bytes as rendering every problem, never
lines kept for other files, another registry, another language."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.cli.streams import echo, echo_utf8
from cchc_cli.core.diagnostics import (
    Diagnostic,
    Diagnostics,
    Source,
    error,
    errors_of,
    merged,
    sort_diagnostics,
    warning,
)
from cchc_cli.core.model import Dataset, Registry
from cchc_cli.store import snaplines
from cchc_cli.store.snapcodec import diagnostics_to, to_json
from cchc_cli.store.snapdups import DUPLICATES, Duplicates
from test_rows import run_in

# -- the merge, against sorting everything ------------------------------------------------

problems = st.lists(
    st.tuples(
        st.sampled_from(["a.yaml", "b.yaml", "c/d.yaml"]),
        st.integers(0, 3),
        st.integers(0, 2),
        st.booleans(),
    ),
    max_size=12,
)


def made(found: list[tuple[str, int, int, bool]], kind: str) -> list[Diagnostic]:
    """Problems that render apart, so that any other order among equals shows."""
    return [
        (error if is_error else warning)(Source(path, line, col), "k", n=f"{kind}{at}")
        for at, (path, line, col, is_error) in enumerate(found)
    ]


def render(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.source}: {diagnostic.severity}: {diagnostic.args['n']}"


def restored(tmp: Path, notices: list[Diagnostic], twice: list[Diagnostic]) -> Duplicates:
    """What a snapshot restores: its parts, its cache file and the notices' problems."""
    cache = tmp / "cache.sqlite"
    cache.unlink(missing_ok=True)
    with sqlite3.connect(cache) as connection:
        connection.execute("CREATE TABLE snapshot (part TEXT PRIMARY KEY, data TEXT NOT NULL)")
    parts = {"fingerprint": "f", "diagnostics": to_json(diagnostics_to(notices))}
    kept = Duplicates(parts, cache)
    parts[DUPLICATES] = to_json([kept.stamp, diagnostics_to(twice)])
    decoded = Diagnostics(tuple(errors_of(notices)), lambda: tuple(notices))
    return Duplicates(parts, cache, decoded)


@given(problems, problems, problems, problems, problems)
def test_kept_and_merged_lines_are_in_the_order_of_sorting_all(
    tmp_path_factory, notices, progress, twice, future, recurring
):
    tmp = tmp_path_factory.mktemp("lines")
    notices_, twice_ = made(notices, "n"), made(twice, "t")
    progress_, later = made(progress, "p"), (made(future, "f"), made(recurring, "r"))
    kept = restored(tmp, notices_, twice_)
    every = merged(kept.diagnostics, progress_) if progress_ else kept.diagnostics
    dataset = Dataset(Registry({}, {}, {}), (), every, duplicates=kept)
    expected = sort_diagnostics([*every, *twice_, *later[0], *later[1]])
    for _ in ("rendered and kept", "read back"):
        lines = snaplines.lines_of(dataset, later, "en", render)
        assert lines is not None
        assert lines.data == "\n".join(render(d) for d in expected).encode()
        assert (lines.total, lines.errors) == (len(expected), len(errors_of(expected)))


def test_a_dataset_not_restored_has_no_kept_lines():
    dataset = Dataset(Registry({}, {}, {}), (), (warning(Source("a"), "k", n="1"),))
    assert snaplines.lines_of(dataset, (), "en", render) is None


# -- validate itself, on a folder with 1,760 problems -------------------------------

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
AS_OF = ["--as-of", "2023-11-25"]
#: A line that no run renders: stands for lines kept for anything else than the run's.
CANARY = "data/notices/canary.yaml:1:1: warning: kept for something else"


@pytest.fixture
def many(data_dir: Path) -> Path:
    """The reference notice 250 times (each with its warnings, every copy the same
    notice as the first) and progress lines with problems of every later kind."""
    text = (data_dir / "notices" / NOTICE).read_text("utf-8")
    for n in range(1, 251):
        copy = text.replace("id: cchc-2023-11", f"id: cchc-2023-11-{n:03}")
        (data_dir / "notices" / f"tb-{n:03}.yaml").write_text(copy, "utf-8")
    (data_dir / "progress" / "noi-vu.yaml").write_text(
        "- {task: cchc-2023-11-007/2.3, done: 2099-01-01}\n"  # after the day asked
        "- {task: cchc-2023-11-008/2.3@2024-01, done: 2023-11-24}\n"  # recurs not
        "- {task: cchc-2023-11-999/1, done: 2023-11-24}\n",  # no such task
        "utf-8",
    )
    return data_dir


def validate(folder: Path, *more: str, cached: bool = True) -> tuple[str, str, int]:
    return run_in([folder], ["validate", *AS_OF, *more], "80", cached)


def cache_of(folder: Path) -> Path:
    (cache,) = (folder / ".cchc").glob("*.sqlite")
    return cache


def kept_parts(folder: Path) -> dict[str, str]:
    with sqlite3.connect(cache_of(folder)) as connection:
        return dict(connection.execute("SELECT part, data FROM snapshot WHERE part LIKE 'lines:%'"))


def tamper(folder: Path) -> None:
    """Every kept line but the first replaced by the canary, as kept (the stamp kept)."""
    with sqlite3.connect(cache_of(folder)) as connection:
        for part, data in connection.execute(
            "SELECT part, CAST(data AS BLOB) FROM snapshot WHERE part LIKE 'lines:%'"
        ).fetchall():
            head, keys, text = data.split(b"\n", 2)
            lines = text.split(b"\n")
            tampered = b"\n".join([lines[0], *[CANARY.encode()] * (len(lines) - 1)])
            connection.execute(
                "UPDATE snapshot SET data = ? WHERE part = ?",
                (b"\n".join([head, keys, tampered]).decode(), part),
            )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_warm_validate_prints_what_rendering_every_problem_prints(many, lang):
    uncached = validate(many, "--lang", lang, cached=False)
    assert uncached[1] == "" and uncached[2] == 1
    assert uncached[0].count("\n") > 1500
    for run in ("first, a snapshot made", "warm, the lines kept", "warm, the lines read"):
        assert validate(many, "--lang", lang) == uncached, run
    assert list(kept_parts(many)) == [f"lines:{lang}"]
    assert validate(many, "--lang", lang, "--strict") == uncached


def test_a_warm_validate_prints_the_kept_lines(many):
    validate(many)
    validate(many)
    tamper(many)
    out, _, _ = validate(many)
    assert CANARY in out


def edit_notice(folder: Path) -> list[str]:
    """One copy dated to the day: no longer incomplete, nor the same notice as the first."""
    path = folder / "notices" / "tb-002.yaml"
    path.write_text(path.read_text("utf-8").replace("date: 2023-11 ", "date: 2023-11-21 "), "utf-8")
    return []


def change_registry(folder: Path) -> list[str]:
    """The units are in force only from after the notices' days."""
    path = folder / "units.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("valid_from: 2020-01-01", "valid_from: 2024-01-01"), "utf-8")
    return []


def record_progress(folder: Path) -> list[str]:
    with (folder / "progress" / "noi-vu.yaml").open("a", encoding="utf-8") as file:
        file.write("- {task: cchc-2023-11-009/2.3, done: 2099-02-01}\n")
    return []


def other_language(folder: Path) -> list[str]:
    return ["--lang", "en"]


@pytest.mark.parametrize("change", [edit_notice, change_registry, other_language])
def test_lines_kept_before_a_change_are_never_printed_after_it(many, change):
    validate(many)
    before = validate(many)
    tamper(many)
    more = change(many)
    after = validate(many, *more)
    assert CANARY not in after[0]
    assert after == validate(many, *more, cached=False)
    assert after != before
    assert validate(many, *more) == after  # kept again, and read back


# -- writing kept lines --------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: io.TextIOWrapper(io.BytesIO(), encoding="utf-8"),
        lambda: io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace"),
        io.StringIO,
    ],
)
@pytest.mark.parametrize("text", ["a: cảnh báo\nb: lỗi", "x \x1b[31mđỏ\x1b[0m y"])
def test_kept_lines_are_written_as_echo_writes_them(monkeypatch, make, text):
    written = []
    for write in (lambda: echo(text), lambda: echo_utf8(text.encode())):
        stream = make()
        monkeypatch.setattr(sys, "stdout", stream)
        print("before", end="", file=stream)
        write()
        stream.flush()
        raw = stream.getvalue() if isinstance(stream, io.StringIO) else stream.buffer.getvalue()
        written.append(raw)
    assert written[0] == written[1]


def test_a_progress_line_recorded_keeps_the_lines_and_merges_its_problem(many):
    validate(many)
    validate(many)
    record_progress(many)
    after = validate(many)
    assert "2099-02-01" in after[0] or "01/02/2099" in after[0]
    assert after == validate(many, cached=False)
    tamper(many)
    record_progress(many)  # the notices' half kept, and the lines with it
    out, _, _ = validate(many)
    assert CANARY in out
    assert out.count("01/02/2099") == 2
