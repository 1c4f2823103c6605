"""The due and overdue lists built from the cache's pair and task rows (issue 17).

They print, byte for byte, what the notices themselves give (``--no-cache``): the
same random data folders as the oracle's (tests/test_oracle.py: group tasks,
completions, reopenings, extensions for one unit, cancellations, notices not yet
issued), every output format, narrowed by unit and notice, on random days.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_oracle import COMMAND, FIRST, LAST, LAYOUTS, drawn_notices, runner, write_folder

EXAMPLES = max(1, int(os.environ.get("CCHC_ORACLE_EXAMPLES", "40")) // 2)


def run(folder: Path, args: list[str], columns: str | None, cached: bool) -> tuple[str, str, int]:
    """The command line in-process: stdout, stderr and exit code, at ``columns``
    (None: as piped with no COLUMNS)."""
    return run_in([folder], args, columns, cached)


def run_in(
    folders: Sequence[Path], args: list[str], columns: str | None, cached: bool
) -> tuple[str, str, int]:
    """:func:`run` over ``folders`` (several: several offices read together)."""
    code: object = 0
    env = {"COLUMNS": columns, "NO_COLOR": None, "CCHC_LANG": None}
    data = [a for folder in folders for a in ("--data", str(folder))]
    cache = [] if cached else ["--no-cache"]
    with runner.isolation(env=env) as (out, err, _):
        try:
            COMMAND.main([*args, *data, *cache], prog_name="cchc")
        except SystemExit as exit_:
            code = exit_.code
        sys.stdout.flush()
        sys.stderr.flush()
        return out.getvalue().decode(), err.getvalue().decode(), int(code or 0)


def views(day: date, before: date, notice: str, unit: str) -> list[list[str]]:
    as_of = ["--as-of", day.isoformat()]
    due = ["due", *as_of, "--before", before.isoformat()]
    overdue = ["overdue", *as_of]
    lists = []
    for command in (due, overdue):
        lists += [
            command,
            [*command, "--unit", unit],
            [*command, "--notice", notice],
            [*command, "--unit", unit, "--notice", notice, "--lang", "en"],
        ]
        lists += [[*command, "-f", fmt] for fmt in ("json", "csv")]
        lists.append([*command, "-f", "json", "--unit", unit])
    lists.append([*due, "--lang", "en", "-f", "csv", "--notice", notice])
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
    notice=st.sampled_from(["tb-1", "tb-2", "tb"]),
    unit=st.sampled_from(["u-an", "u-chau", "g-xa", "g-phong"]),
    columns=st.sampled_from([None, "80", "160", "40"]),
)
def test_due_and_overdue_from_the_rows_print_what_the_notices_give(
    data, layout, day, horizon, notice, unit, columns
):
    notices = drawn_notices(data, layout)
    before = day + timedelta(days=horizon)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        write_folder(folder, notices, layout)
        asked = views(day, before, notice, unit)
        slow = [run(folder, args, columns, cached=False) for args in asked]
        run(folder, asked[0], columns, cached=True)  # fills the cache
        fast = [run(folder, args, columns, cached=True) for args in asked]
    for args, expected, found in zip(asked, slow, fast, strict=True):
        assert found == expected, args


NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
PROGRESS = """\
- {task: c-10/2.3, done: 2023-11-24}
- {task: c-10/2.3, reopened: 2023-11-28, reason: Thiếu tài liệu}
- {task: c-9/1.2, extended: 2023-12-20, reason: Chờ số liệu, on: 2023-12-05}
"""
COMMUNE = """- {task: c-2/8.2, done: 2023-12-01}
"""
OFFICE = """\
- {task: c-9/7.1, extended: 2023-12-31, reason: Chờ tập huấn, on: 2023-11-25}
- {task: c-10/6, cancelled: 2023-12-10, reason: Không còn phù hợp}
"""


def test_copies_sharing_every_deadline_are_listed_in_the_notices_order(cchc, data_dir):
    # Tasks due on the same day are listed by notice ("c-9" before "c-10", as a clerk
    # counts) and task ("2.9" before "2.10"): the rows sort as the notices do.
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    (notices / NOTICE).unlink()
    for ident in ("c-10", "c-9", "c-2", "c-1a"):
        copy = text.replace("cchc-2023-11", ident).replace('number: ""', f'number: "{ident}"')
        (notices / f"{ident}.yaml").write_text(copy, "utf-8")
    (data_dir / "progress" / "noi-vu.yaml").write_text(PROGRESS, "utf-8")
    (data_dir / "progress" / "_office.yaml").write_text(OFFICE, "utf-8")
    (data_dir / "progress" / "ho-xa.yaml").write_text(COMMUNE, "utf-8")
    asked = []
    for day in ("2023-11-20", "2023-12-06", "2024-01-15"):
        due = ["due", "--as-of", day, "--within", "40"]
        overdue = ["overdue", "--as-of", day]
        for view in (due, overdue):
            asked += [view, [*view, "-f", "json"], [*view, "-f", "csv"]]
            asked += [[*view, "--unit", "xa-thi-tran"], [*view, "--notice", "c-9", "--lang", "en"]]
    for columns in ("80", "160"):
        slow = [cchc(*args, "--no-cache", COLUMNS=columns) for args in asked]
        cchc("status")  # fills the cache
        fast = [cchc(*args, COLUMNS=columns) for args in asked]
        for args, expected, found in zip(asked, slow, fast, strict=True):
            assert (found.stdout, found.stderr, found.exit_code) == (
                expected.stdout,
                expected.stderr,
                expected.exit_code,
            ), args
    assert "c-9/" in fast[0].stdout and fast[0].exit_code == 0
