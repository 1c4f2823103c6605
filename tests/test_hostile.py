"""The red-team catalogue: inputs nobody on the team thought of, and what cchc says.

Every case asserts the same contract: the exit code the rules give (1 data, 2
usage, 0 where the input is valid), one clear message that names the problem,
no traceback, and nothing in the data folder written or changed. The cases are
parametrized so the count shows in the test report; add to them whenever an
attack finds something.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app

runner = CliRunner()
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a data folder (not the cache) and a digest of its bytes."""
    seen = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".cchc"]
        for name in names:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                seen[str(path)] = "special"
            else:
                seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def replace_in(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        path = data / relative
        text = path.read_text("utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), "utf-8")

    return mutate


def in_notice(old: str, new: str) -> Callable[[Path], None]:
    return replace_in(f"notices/{NOTICE}", old, new)


@dataclass(frozen=True)
class Case:
    """One hostile run: how the data folder is spoiled, the command, what must come out."""

    name: str
    args: tuple[str, ...]
    code: int
    #: Text the message must contain (English, --lang en is added).
    says: str
    setup: Callable[[Path], None] | None = None
    #: Where the message goes: "stderr" for usage errors, "stdout" for diagnostics.
    stream: str = "stderr"
    env: dict[str, str] = field(default_factory=dict)


def run_case(case: Case, data: Path) -> None:
    if case.setup:
        case.setup(data)
    before = snapshot(data)
    result = runner.invoke(
        app, [*case.args, "--lang", "en"], prog_name="cchc", env=case.env or None
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == case.code, output
    shown = result.stderr if case.stream == "stderr" else result.stdout
    assert case.says in shown, output
    assert snapshot(data) == before


# -- 3. dates at the edges -----------------------------------------------------------------

RANGE = "outside the years cchc accepts (1900-2199)"
BEYOND = "the resulting date falls outside the dates cchc accepts (1900-01-01 to 2199-12-31)"

DATE_CASES = [
    Case("as-of-9999", ("overdue", "--as-of", "9999-12-31"), 2, f"--as-of: year 9999 is {RANGE}"),
    Case("as-of-year-1", ("due", "--as-of", "01/01/0001"), 2, "year 1 is " + RANGE),
    Case("by-plus-9999y", ("due", "--by", "+9999y"), 2, f"--by: {BEYOND}"),
    Case("by-minus-9999y", ("due", "--by", "-9999y"), 2, f"--by: {BEYOND}"),
    Case("by-plus-9999m", ("due", "--by", "+9999m"), 2, f"--by: {BEYOND}"),
    Case("before-2200", ("due", "--before", "2200-01-01"), 2, "year 2200 is " + RANGE),
    Case("period-0000", ("report", "--period", "0000"), 2, f"--period: year 0 is {RANGE}"),
    Case("period-q-2500", ("report", "--period", "2500-Q1"), 2, "year 2500 is " + RANGE),
    Case("period-month-0000", ("report", "--period", "01/0000"), 2, "year 0 is " + RANGE),
    Case("period-range", ("report", "--period", "1899-01-01..2023-01-01"), 2, "year 1899"),
    Case(
        "extend-to-9999",
        ("extend", "2.3", "--to", "31/12/9999", "--reason", "x"),
        2,
        "--to: year 9999 is " + RANGE,
    ),
    Case("done-on-0001", ("done", "2.3", "--on", "0001-01-01"), 2, "--on: year 1 is " + RANGE),
    Case(
        "deadline-year-1",
        ("validate",),
        1,
        f"{NOTICE}:48:26: error: year 1 is {RANGE}",
        in_notice("chậm nhất ngày 24/11/2023", "trước ngày 01/01/0001"),
        "stdout",
    ),
    Case(
        "deadline-year-9999-list",
        ("list",),
        1,
        f"{NOTICE}:48:19: error: year 9999 is {RANGE}",
        in_notice("chậm nhất ngày 24/11/2023", "đến 31/12/9999"),
        "stderr",
    ),
    Case(
        "deadline-end-of-year-0000",
        ("validate",),
        1,
        f"error: year 0 is {RANGE}",
        in_notice("chậm nhất ngày 24/11/2023", "trong năm 0000"),
        "stdout",
    ),
    Case(
        "notice-date-0000",
        ("validate",),
        1,
        f"{NOTICE}:10:7: error: year 0 is {RANGE}",
        in_notice("date: 2023-11 ", 'date: "0000"'),
        "stdout",
    ),
    Case(
        "notice-date-0000-remind",
        ("remind", "--as-of", "2023-11-25"),
        1,
        f"{NOTICE}:10:7: error: year 0 is {RANGE}",
        in_notice("date: 2023-11 ", 'date: "0000"'),
    ),
    Case(
        "units-valid-from-0000",
        ("validate",),
        1,
        f"units.yaml:14:13: error: year 0 is {RANGE}",
        replace_in("units.yaml", "valid_from: 2020-01-01", 'valid_from: "0000"'),
        "stdout",
    ),
    Case(
        "extension-to-9999-ics",
        ("export", "-f", "ics", "--as-of", "2023-11-25"),
        1,
        f"error: year 9999 is {RANGE}",
        in_notice(
            "chậm nhất ngày 24/11/2023",
            "chậm nhất ngày 24/11/2023\n    extensions: [{to: 9999-12-31, reason: x}]",
        ),
    ),
]


@pytest.mark.parametrize("case", DATE_CASES, ids=lambda c: c.name)
def test_dates_at_the_edges(data_dir, case):
    run_case(case, data_dir)
