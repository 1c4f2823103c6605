"""The red-team catalogue: inputs nobody on the team thought of, and what cchc says.

Every case asserts the same contract: the exit code the rules give (1 data, 2
usage, 0 where the input is valid), one clear message that names the problem,
no traceback, and nothing in the data folder written or changed. The cases are
parametrized so the count shows in the test report; add to them whenever an
attack finds something.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from ptyread import read_terminal
from smtp_inbox import free_port

runner = CliRunner()
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
_UNITS = (Path(__file__).resolve().parent.parent / "data" / "units.yaml").read_text("utf-8")


def units_line(text: str) -> int:
    """The line of the bundled units.yaml that starts with ``text`` (1-based), so that a
    comment or field added to the registry does not move what the cases expect."""
    return next(n for n, line in enumerate(_UNITS.splitlines(), 1) if line.startswith(text))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a data folder (not the cache) and a digest of its bytes."""
    seen = {}
    folders = [folder]  # a stack: os.walk recurses, and some cases nest 1,100 folders
    while folders:
        for path in folders.pop().iterdir():
            if path.is_dir() and not path.is_symlink():
                if path.name != ".cchc":
                    folders.append(path)
            elif path.is_symlink() or not path.is_file():
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
        f"units.yaml:{units_line('valid_from:')}:13: error: year 0 is {RANGE}",
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


# -- 4. nesting and special files ------------------------------------------------------------


def run_process(args: list[str], data: Path, timeout: float = 60, **env: str):
    """cchc as a real process: a hang is a failure here, not a stuck test run."""
    environment = {**os.environ, "CCHC_DATA": str(data), "CCHC_LANG": "en", **env}
    for name in ("NO_COLOR", "COLUMNS", "CCHC_TODAY"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=data.parent,
    )


def replace_with(relative: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    def spoil(data: Path) -> None:
        path = data / relative
        path.unlink(missing_ok=True)
        make(path)

    return spoil


def link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def nested_yaml(depth: int, first_line: str = "") -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(first_line + "x: " + "[" * depth + "]" * depth + "\n", "utf-8")

    return write


def nested_folders(data: Path) -> None:
    folder = data / "notices"
    for _ in range(1100):
        folder = folder / "d"
        os.mkdir(folder)  # one at a time: os.makedirs itself recurses
    (folder / "deep.yaml").write_text("id: deep\n", "utf-8")


SPECIAL_CASES = [
    Case(
        "units-dev-zero",
        ("list",),
        1,
        "units.yaml: error: is a device (such as /dev/zero)",
        replace_with("units.yaml", link_to_dev_zero),
    ),
    Case(
        "config-dev-zero",
        ("due",),
        1,
        "config.yaml: error: is a device (such as /dev/zero)",
        replace_with("config.yaml", link_to_dev_zero),
    ),
    Case(
        "units-fifo",
        ("status",),
        1,
        "units.yaml: error: is a pipe (FIFO)",
        replace_with("units.yaml", os.mkfifo),
    ),
    Case(
        "config-fifo",
        ("validate",),
        1,
        "config.yaml: error: is a pipe (FIFO)",
        replace_with("config.yaml", os.mkfifo),
        "stdout",
    ),
    Case(
        "notice-fifo",
        ("validate",),
        1,
        "notices/pipe.yaml: error: is a pipe (FIFO)",
        replace_with("notices/pipe.yaml", os.mkfifo),
        "stdout",
    ),
    Case(
        "notice-dev-zero",
        ("list",),
        1,
        "notices/zero.yaml: error: is a link out of the data",
        replace_with("notices/zero.yaml", link_to_dev_zero),
    ),
    Case(
        "progress-fifo",
        ("status",),
        1,
        "progress/noi-vu.yaml: error: is a pipe (FIFO)",
        replace_with("progress/noi-vu.yaml", os.mkfifo),
    ),
    Case(
        "progress-dev-zero",
        ("list",),
        1,
        "progress/noi-vu.yaml: error: is a link out of the data",
        replace_with("progress/noi-vu.yaml", link_to_dev_zero),
    ),
    Case(
        "units-folder",
        ("units",),
        1,
        "units.yaml: error: is a folder, not a file",
        replace_with("units.yaml", os.mkdir),
    ),
    Case(
        "notice-500-deep",
        ("validate",),
        1,
        "notices/deep.yaml:4:67: error: nested too deep (more than 64 levels)",
        replace_with("notices/deep.yaml", nested_yaml(500, "id: a\ndate: 2023\ntitle: t\n")),
        "stdout",
    ),
    Case(
        "units-500-deep",
        ("list",),
        1,
        "units.yaml:1:67: error: nested too deep",
        replace_with("units.yaml", nested_yaml(500)),
    ),
    Case(
        "config-500-deep",
        ("overdue",),
        1,
        "config.yaml:1:67: error: nested too deep",
        replace_with("config.yaml", nested_yaml(500)),
    ),
    Case(
        "config-100000-deep",
        ("validate",),
        1,
        "config.yaml:1:67: error: nested too deep",
        replace_with("config.yaml", nested_yaml(100_000)),
        "stdout",
    ),
    Case("folders-1100-deep", ("validate",), 1, "deep.yaml:1:1: error: ", nested_folders, "stdout"),
]


def remove_deep(folder: Path) -> None:
    """Remove nested folders without recursion (shutil.rmtree and pytest's cleanup recurse)."""
    chain = []
    while folder.is_dir():
        chain.append(folder)
        folder = folder / "d"
    for each in reversed(chain):
        for child in each.iterdir():
            if not child.is_dir():
                child.unlink()
        each.rmdir()


@pytest.mark.parametrize("case", SPECIAL_CASES, ids=lambda c: c.name)
def test_nesting_and_special_files(data_dir, case, request):
    assert case.setup is not None
    request.addfinalizer(lambda: remove_deep(data_dir / "notices" / "d"))
    case.setup(data_dir)
    before = snapshot(data_dir)
    result = run_process([*case.args, "--no-cache"], data_dir, timeout=60)
    assert "Traceback" not in result.stderr
    assert result.returncode == case.code, result.stderr
    shown = result.stderr if case.stream == "stderr" else result.stdout
    assert case.says in shown, result.stdout + result.stderr
    assert snapshot(data_dir) == before


def test_a_file_over_a_lowered_limit_is_refused_even_when_cached(data_dir):
    path = data_dir / "notices" / NOTICE
    path.write_text(path.read_text("utf-8") + ("#" * 79 + "\n") * 20_000, "utf-8")  # 1.5 MB
    assert run_process(["list"], data_dir).returncode == 0  # the cache now holds it
    (data_dir / "config.yaml").write_text("max_file_mb: 1\n", "utf-8")
    result = run_process(["list"], data_dir)
    assert result.returncode == 1
    assert f"{NOTICE}: error: the file is too big (1.5 MB, the limit is 1 MB)" in result.stderr


def test_a_progress_file_over_a_lowered_limit_is_refused_even_when_cached(data_dir):
    assert run_process(["done", "2.3", "--as-of", "2023-11-25"], data_dir).returncode == 0
    (path,) = (data_dir / "progress").glob("*.yaml")
    path.write_text(path.read_text("utf-8") + ("#" * 79 + "\n") * 20_000, "utf-8")  # 1.5 MB
    assert run_process(["list"], data_dir).returncode == 0  # the cache now holds it
    (data_dir / "config.yaml").write_text("max_file_mb: 1\n", "utf-8")
    result = run_process(["list"], data_dir)
    assert result.returncode == 1
    assert f"{path.name}: error: the file is too big (1.5 MB, the limit is 1 MB)" in result.stderr


def test_an_edit_to_a_progress_file_that_is_a_fifo_is_refused_not_a_hang(data_dir):
    fifo = data_dir / "progress" / "noi-vu.yaml"
    os.mkfifo(fifo)
    before = snapshot(data_dir)
    result = run_process(["done", "2.3", "--as-of", "2023-11-25"], data_dir, timeout=30)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "progress/noi-vu.yaml has errors, so it is left untouched" in result.stderr
    assert snapshot(data_dir) == before


def test_undo_of_an_edit_whose_file_became_a_fifo_is_refused_not_a_hang(data_dir):
    assert run_process(["done", "2.3", "--as-of", "2023-11-25"], data_dir).returncode == 0
    (path,) = (data_dir / "progress").glob("*.yaml")
    path.unlink()
    os.mkfifo(path)
    result = run_process(["undo"], data_dir, timeout=30)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    # The FIFO does not hold the edit's line: there is nothing of it left to undo.
    assert result.stderr == "cchc: error: there is no edit to undo\n"


# -- 10. raw U+2028 / U+0085 / U+2029 ---------------------------------------------------------


def test_line_separators_in_text_shift_no_position_and_no_edit(data_dir):
    path = data_dir / "notices" / NOTICE
    original = path.read_text("utf-8")
    spoiled = original.replace("ký cam kết với", "ký cam\u2028kết\x85với\u2029", 1)
    path.write_text(spoiled, "utf-8")
    result = runner.invoke(app, ["validate", "--lang", "en"], prog_name="cchc")
    assert f"{NOTICE}:80:15: warning: the last day (2023-12-09) is a Saturday" in result.stdout
    result = runner.invoke(app, ["done", "2.3", "--as-of", "2023-11-25"], prog_name="cchc")
    assert result.exit_code == 0, result.stderr
    # Progress lives in its own files now: the notice, separators and all, is untouched,
    # and the completion is read back on the right task.
    assert path.read_text("utf-8") == spoiled
    shown = runner.invoke(app, ["show", "2.3", "-f", "json"], prog_name="cchc")
    assert "noi-vu" in json.loads(shown.stdout)["done"]


# -- 6. what reaches the terminal ---------------------------------------------------------------

#: Written in YAML double quotes, where \e, \a, \x9b and \u202e are escapes.
HOSTILE_TEXT = (
    "[xem phụ lục] Báo cáo [/] [link=https://evil.example]bấm[/link] [bold]đậm "
    "\\e]8;;https://evil.example\\ahidden\\e]8;;\\a \\e]0;pwned\\a \\e[2J \\x9b31m \\u202eabc"
)
#: What must show up, in order, somewhere in the output (words may wrap).
VISIBLE_WORDS = ["[xem", "phụ", "lục]", "[/]", "[link=https://evil.example]bấm[/link]", "[bold]đậm"]


def hostile_folder(data: Path) -> None:
    hostile_notice(data)
    replace_in("units.yaml", "name: Phòng Nội vụ", f'name: "Nội vụ {HOSTILE_TEXT}"')(data)


def retitle_task_2_3(data: Path, text: str) -> None:
    """Task 2.3 of the reference notice (Phòng Nội vụ) with ``text`` as its text."""
    in_notice(
        "    text: >-\n      Tiếp tục đôn đốc các đơn vị",
        f'    text: "{text}"\n    note_: >-\n      Tiếp tục đôn đốc các đơn vị',
    )(data)
    path = data / "notices" / NOTICE
    lines = path.read_text("utf-8").split("\n")
    # Drop the folded text that followed (now under the unknown key note_).
    start = next(i for i, line in enumerate(lines) if line.startswith("    note_:"))
    del lines[start : start + 4]
    path.write_text("\n".join(lines), "utf-8")


def hostile_notice(data: Path) -> None:
    retitle_task_2_3(data, HOSTILE_TEXT)
    # Another task names a unit that does not exist: validate quotes it.
    replace_in("notices/" + NOTICE, "assignees: [vp-hdnd-ubnd]", 'assignees: ["x\\e[31my"]')(data)


def run_on_terminal(args: list[str], data: Path, columns: int) -> tuple[int, str]:
    """cchc on a pseudo-terminal of ``columns`` columns: what a clerk would see."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "CCHC_DATA": str(data), "TERM": "xterm-256color"}
    for name in ("NO_COLOR", "COLUMNS", "LINES", "CCHC_LANG"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_cli", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=data.parent,
        close_fds=True,
    )
    os.close(slave)
    shown = read_terminal(master, process)
    code = process.wait(timeout=10)
    return code, shown.decode("utf-8", errors="replace")


#: Rich's own styling: SGR sequences only (colour, bold). Anything else is data acting.
_SGR = re.compile(r"\x1b\[[0-9;]*m")

TERMINAL_COMMANDS = [
    ["list"],
    ["show", "2.3"],
    ["due", "--as-of", "2023-11-20", "--within", "30"],
    ["overdue", "--as-of", "2023-12-20"],
    ["status", "--as-of", "2023-12-20"],
    ["units"],
    ["report", "--period", "2023-11"],
    ["report", "--period", "2023-11", "-f", "html"],
    ["remind", "--as-of", "2023-11-20", "--days", "10"],
    ["validate"],
    ["export", "-f", "csv"],
    ["export", "-f", "ics", "--as-of", "2023-11-20"],
    ["export", "-f", "json"],
]


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: "-".join(a[:3:2]))
def test_data_never_acts_on_a_terminal(data_dir, args, columns):
    hostile_folder(data_dir)
    code, output = run_on_terminal([*args, "--lang", "en"], data_dir, columns)
    assert "Traceback" not in output
    assert "MarkupError" not in output
    assert code in (0, 1), output
    styled_out = _SGR.sub("", output)
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in styled_out, (raw, output)
    flat = " ".join(styled_out.split())
    if args[0] == "export":
        assert "\\x1b" in flat  # shown, not obeyed; data formats fold lines their own way
        return
    if args[0] in ("validate",):
        assert "'x\\x1b[31my'" in flat  # the unknown unit, quoted as written
        return
    assert "\\x1b]8;;https://evil.example\\x07" in flat.replace(" ", "") or "\\x1b" in flat
    if args[0] not in ("status", "units", "report"):
        # At 80 columns a table cuts the text after its first words ("[xem phụ…"); the
        # whole of it is in `show`.
        cut = columns <= 80 and args[0] in ("list", "due", "overdue")
        for word in VISIBLE_WORDS[:1] if cut else VISIBLE_WORDS[:4]:
            assert word in flat, (word, output)


# -- 7. what goes out: spreadsheets ----------------------------------------------------------------


def test_a_workbook_holds_no_formula_and_survives_control_characters(data_dir, tmp_path):
    import zipfile

    replace_in(
        "units.yaml",
        "name: Phòng Nội vụ",
        'name: "=HYPERLINK(\\"https://evil.example\\",\\"Nội vụ\\")\\x01\\e"',
    )(data_dir)
    hostile_notice(data_dir)  # task 2.3's text full of escapes
    path = tmp_path / "r.xlsx"
    before = snapshot(data_dir)
    result = runner.invoke(
        app,
        ["report", "--period", "2023-12", "-f", "xlsx", "-o", str(path), "--lang", "en"],
        prog_name="cchc",
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.stderr
    assert snapshot(data_dir) == before
    with zipfile.ZipFile(path) as workbook:
        sheets = [n for n in workbook.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) >= 3  # the chart sheet among them
        xml = "".join(workbook.read(n).decode("utf-8") for n in sheets)
        strings = (
            workbook.read("xl/sharedStrings.xml").decode("utf-8")
            if ("xl/sharedStrings.xml" in workbook.namelist())
            else ""
        )
    assert "<f>" not in xml
    everything = xml + strings
    assert "HYPERLINK" in everything  # shown as text, on the chart sheet too
    assert "\\x01\\x1b" in everything


# -- 3 and 10. numbers: on the command line and in config.yaml ---------------------------------


def config(text: str) -> Callable[[Path], None]:
    def write(data: Path) -> None:
        (data / "config.yaml").write_text(text, "utf-8")

    return write


NUMBER_CASES = [
    Case("within-3000000", ("due", "--within", "3000000"), 2, "0<=x<=109572"),
    Case("days-99999999", ("remind", "--days", "99999999"), 2, "0<=x<=109572"),
    Case("alarm-days-1e9", ("export", "-f", "ics", "--alarm-days", "1000000000"), 2, "0<=x<="),
    Case(
        "reminder-days-superscript",
        ("remind",),
        1,
        "config.yaml:1:16: error: '²' must be a whole number from 0 to 366",
        config("reminder_days: '²'\n"),
    ),
    Case(
        "max-file-mb-arabic-digits",
        ("list",),
        1,
        "config.yaml:1:14: error: '١٢' must be a whole number from 1 to 10000",
        config("max_file_mb: '١٢'\n"),
    ),
    Case(
        "reminder-days-5000-digits",
        ("validate",),
        1,
        "config.yaml:1:16: error: '999",
        config("reminder_days: " + "9" * 5000 + "\n"),
        "stdout",
    ),
    Case(
        "timezone-a-folder",
        ("due",),
        1,
        "config.yaml:1:11: error: unknown time zone 'America'",
        config("timezone: America\n"),
    ),
    Case(
        "timezone-a-path",
        ("validate",),
        1,
        "config.yaml:1:11: error: unknown time zone '../../etc/passwd'",
        config("timezone: ../../etc/passwd\n"),
        "stdout",
    ),
]


@pytest.mark.parametrize("case", NUMBER_CASES, ids=lambda c: c.name)
def test_numbers_out_of_bounds(data_dir, case):
    run_case(case, data_dir)


# -- 8. paths and names from the command line -------------------------------------------------

PATH_CASES = [
    Case("new-id-dot-dot", ("new", "--title", "x", "--id", "../../outside/x"), 2, "notice id"),
    Case("new-id-absolute", ("new", "--title", "x", "--id", "/tmp/cchc-abs"), 2, "notice id"),
    Case("new-id-newline", ("new", "--title", "x", "--id", "tb-1\nx: y"), 2, "'tb-1\\nx: y'"),
    Case(
        "new-number-newline",
        ("new", "--title", "x", "--number", "12\nfoo: bar"),
        2,
        "--number: notice number '12\\nfoo: bar' must be one line",
    ),
    Case("new-number-escape", ("new", "--title", "x", "--number", "1\x1b[2J"), 2, "'1\\x1b[2J'"),
    Case(
        "report-over-units",
        ("report", "-f", "csv", "-o", "data/units.yaml"),
        2,
        "--output: 'data/units.yaml' is part of the data folder",
    ),
    Case(
        "report-over-config-by-dot-dot",
        ("report", "-f", "md", "-o", "data/notices/../config.yaml"),
        2,
        "is part of the data folder",
    ),
    Case(
        "export-into-notices",
        ("export", "-f", "json", "-o", f"data/notices/{NOTICE}"),
        2,
        "is part of the data folder",
    ),
    Case(
        "export-ics-into-progress",
        ("export", "-f", "ics", "-o", "data/progress/noi-vu.yaml"),
        2,
        "is part of the data folder",
    ),
    Case(
        "report-xlsx-into-cache",
        ("report", "-f", "xlsx", "-o", "data/.cchc/x.xlsx"),
        2,
        "is part of the data folder",
    ),
]


@pytest.mark.parametrize("case", PATH_CASES, ids=lambda c: c.name)
def test_paths_and_names_from_the_command_line(data_dir, case):
    run_case(case, data_dir)
    outside = data_dir.parent.parent
    assert not (outside / "outside").exists()
    assert not Path("/tmp/cchc-abs.yaml").exists()


def test_an_output_link_to_the_registry_is_refused(data_dir):
    (data_dir.parent / "r.csv").symlink_to(data_dir / "units.yaml")
    run_case(Case("link", ("export", "-f", "csv", "-o", "r.csv"), 2, "data folder"), data_dir)


# -- 7. what goes out: e-mail ------------------------------------------------------------------


def unit_email(address: str) -> Callable[[Path], None]:
    return replace_in(
        "units.yaml", "  - id: noi-vu\n", f"  - id: noi-vu\n    email: ['{address}']\n"
    )


ADDRESS_CASES = [
    Case(
        f"units-{name}",
        ("validate",),
        1,
        f"units.yaml:{units_line('  - id: noi-vu') + 1}:13: error: '{address}' is not an e-mail",
        unit_email(address),
        "stdout",
    )
    for name, address in [
        ("two-addresses", "a,b@c.dd"),
        ("group-to-attacker", "x:evil@attacker.example"),
        ("open-domain-literal", "a@[b.cc"),
        ("domain-literal", "a@[1.2.3.4]"),
        ("no-dot-in-domain", "a@localhost"),
        ("comment", "a@b.cc (x)"),
        ("display-name", "Nội vụ <noivu@x.vn>"),
        ("two-named", "A <a@b.cc>, B <evil@x.org>"),
        ("space", "noi vu@x.vn"),
        ("leading-hyphen", "a@-x.vn"),
    ]
] + [
    Case(
        "office-email-group",
        ("validate",),
        1,
        "config.yaml:1:16: error: 'x:evil@attacker.example' is not an e-mail address",
        config("office_email: ['x:evil@attacker.example']\n"),
        "stdout",
    ),
    Case(
        "sender-two-addresses",
        ("validate",),
        1,
        "config.yaml:1:16: error: 'a@b.cc, evil@x.org' is not an e-mail address",
        config("smtp: {sender: 'a@b.cc, evil@x.org'}\n"),
        "stdout",
    ),
]


@pytest.mark.parametrize("case", ADDRESS_CASES, ids=lambda c: c.name)
def test_addresses_a_mail_server_would_read_otherwise(data_dir, case):
    run_case(case, data_dir)


class Recorder:
    """An SMTP server's view: envelope sender, recipients, and the message."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], Any]] = []

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


def mail_config(data: Path, port: int, sender: str, timeout: str = "") -> None:
    (data / "config.yaml").write_text(
        "office_email: [vanphong@vinhlinh.example]\n"
        f"smtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n"
        f"  sender: '{sender}'\n{timeout}",
        "utf-8",
    )
    unit_email("noivu@vinhlinh.example")(data)


def test_a_display_name_with_a_comma_gives_the_right_envelope_and_an_ics_charset(data_dir):
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sender = "Văn phòng HĐND và UBND huyện, Vĩnh Linh <cchc@example.org>"
        mail_config(data_dir, port, sender)
        result = runner.invoke(
            app, ["remind", "--email", "--as-of", "2023-11-25", "--lang", "en"], prog_name="cchc"
        )
    finally:
        controller.stop()
    assert result.exit_code == 0, result.stderr
    assert recorder.received
    for mail_from, _, message in recorder.received:
        assert mail_from == "cchc@example.org"
        (author,) = message["From"].addresses
        assert author.display_name == "Văn phòng HĐND và UBND huyện, Vĩnh Linh"
        assert author.addr_spec == "cchc@example.org"
    unit_mail = next(m for _, to, m in recorder.received if to == ["noivu@vinhlinh.example"])
    (attached,) = list(unit_mail.iter_attachments())
    assert attached.get_content_type() == "text/calendar"
    assert attached.get_content_charset() == "utf-8"
    assert "Phòng Nội vụ" in attached.get_content()


# -- 5. a slow mail server ------------------------------------------------------------------------


class Tarpit:
    """An SMTP server on 127.0.0.1 that trickles its greeting, one byte a second.

    Bounded: it serves at most a few connections, sends at most 120 bytes to
    each, and stops when told or after a minute, whichever comes first.
    """

    def __init__(self) -> None:
        import socket
        import threading

        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        import itertools

        started = time.monotonic()
        greeting = b"220 " + b"x" * 110 + b"\r\n"
        for _ in range(5):
            client = None
            while client is None and not self.stop.is_set():
                if time.monotonic() - started > 60:
                    return
                try:
                    client, _ = self.listener.accept()
                except TimeoutError:
                    continue
            if client is None:
                return
            with client:
                for byte in itertools.islice(greeting, 120):
                    if self.stop.wait(1) or time.monotonic() - started > 60:
                        return
                    try:
                        client.sendall(bytes([byte]))
                    except OSError:
                        break

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.listener.close()


def test_a_tarpit_mail_server_neither_blocks_edits_nor_the_run(data_dir):
    tarpit = Tarpit()
    try:
        mail_config(data_dir, tarpit.port, "cchc@example.org")
        environment = {**os.environ, "CCHC_DATA": str(data_dir), "CCHC_LANG": "en"}
        started = time.monotonic()
        remind = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cchc_cli",
                "remind",
                "--email",
                "--as-of",
                "2023-11-25",
                "--mail-deadline",
                "6",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=data_dir.parent,
        )
        time.sleep(1.5)  # remind is now waiting on the trickling greeting
        assert remind.poll() is None
        edit = run_process(["done", "2.3", "--as-of", "2023-11-25"], data_dir, timeout=20)
        edited = time.monotonic() - started
        _, err = remind.communicate(timeout=30)
        finished = time.monotonic() - started
    finally:
        tarpit.close()
    assert edit.returncode == 0, edit.stderr
    assert edited < finished  # the edit did not wait for the mail run
    assert remind.returncode == 1
    assert "Traceback" not in err
    assert "the delivery deadline passed (6 s; --mail-deadline)" in err
    assert "Not sent to Phòng Nội vụ" in err
    assert finished < 20


# -- 10. odd standard streams, arguments and environment ----------------------------------------


def run_raw(args: list[bytes], data: Path, **popen: Any) -> subprocess.CompletedProcess:
    environment = {**os.environ, "CCHC_DATA": str(data), "CCHC_LANG": "en"}
    environment.update(popen.pop("env", {}))
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"cchc_cli", *args],
        capture_output="stdout" not in popen and "stderr" not in popen,
        timeout=60,
        env=environment,
        cwd=data.parent,
        **popen,
    )


def test_a_closed_stdout_is_refused_before_anything_runs(data_dir):
    before = snapshot(data_dir)
    script = (
        "import os, subprocess, sys; os.close(1); "
        "sys.exit(subprocess.call([sys.executable, '-m', 'cchc_cli', 'done', '2.3']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        env={**os.environ, "CCHC_DATA": str(data_dir), "CCHC_LANG": "en"},
        cwd=data_dir.parent,
    )
    error = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert "Traceback" not in error
    assert "standard output is closed" in error
    assert snapshot(data_dir) == before


def test_a_closed_stdin_and_stderr_are_no_crash(data_dir):
    script = (
        "import os, subprocess, sys; os.close(0); os.close(2); "
        "sys.exit(subprocess.call([sys.executable, '-m', 'cchc_cli', 'import', '-']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        timeout=60,
        env={**os.environ, "CCHC_DATA": str(data_dir), "CCHC_LANG": "en"},
        cwd=data_dir.parent,
    )
    assert proc.returncode == 1  # an empty notice: nothing to import
    assert b"Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([b"show", b"\xff"], "no task '\\xff'"),
        ([b"list", b"--unit", b"ab\xfe"], "unknown unit 'ab\\xfe'"),
        ([b"due", b"--before", b"\xc3"], "'\\xc3'"),
        ([b"list", b"--data", b"\xff"], ""),
    ],
)
def test_arguments_that_are_not_utf8_get_a_message(data_dir, args, says):
    result = run_raw(args, data_dir)
    error = result.stderr.decode("utf-8")
    assert result.returncode == 2, error
    assert "Traceback" not in error
    assert says in error


@pytest.mark.parametrize(
    ("editor", "says", "code", "written"),
    [
        (
            "code '",
            "cannot run the editor 'code '' (VISUAL/EDITOR): No closing quotation",
            2,
            False,
        ),
        ("/no/such/editor", "cannot run the editor '/no/such/editor'", 1, True),
    ],
)
def test_an_editor_that_cannot_run_is_a_message(data_dir, editor, says, code, written):
    result = run_raw([b"new", b"--title", b"x", b"--id", b"tb-x"], data_dir, env={"EDITOR": editor})
    error = result.stderr.decode("utf-8")
    assert result.returncode == code, error
    assert "Traceback" not in error
    assert says in error
    assert (data_dir / "notices" / "tb-x.yaml").exists() is written


def escape_named_notice(data: Path) -> None:
    (data / "notices" / "\x1b]0;pwned\x07\u202e.yaml").write_text("id: [\n", "utf-8")


FILE_NAME_CASES = [
    Case(
        "validate-file-name-with-escapes",
        ("validate",),
        1,
        "notices/\\x1b]0;pwned\\x07\\u202e.yaml:2:1: error: YAML syntax error",
        escape_named_notice,
        "stdout",
    ),
    Case(
        "list-file-name-with-escapes",
        ("list",),
        1,
        "notices/\\x1b]0;pwned\\x07\\u202e.yaml:2:1: error: YAML syntax error",
        escape_named_notice,
    ),
]


@pytest.mark.parametrize("case", FILE_NAME_CASES, ids=lambda c: c.name)
def test_file_names_are_data_too(data_dir, case):
    run_case(case, data_dir)
    result = runner.invoke(app, [*case.args, "--lang", "en"], prog_name="cchc")
    assert "\x1b" not in result.stdout + result.stderr


# -- a full disk ---------------------------------------------------------------------------------


@contextlib.contextmanager
def data_on_tmpfs(mount: Path, size: str):
    """A copy of the bundled data folder on a fresh tmpfs at ``mount`` (root only; the
    test is skipped where mounting is refused). Unmounted afterwards."""
    import shutil

    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        data = mount / "data"
        # The office's own state (.cchc: cache, journal, lock) is not part of the data.
        shutil.copytree(
            Path(__file__).resolve().parent.parent / "data",
            data,
            ignore=shutil.ignore_patterns(".cchc"),
        )
        yield data
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def full_disk(tmp_path):
    """A copy of the data folder on a tiny tmpfs filled to the last byte (root only)."""
    mount = tmp_path / "tiny"
    with data_on_tmpfs(mount, "256k") as data:
        # Build the cache and the state folder first, as an office's folder has them.
        run_process(["list"], data)
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            for _ in range(1024):
                os.write(fd, b"\0" * 1024)
            pytest.fail("the tmpfs never filled up")
        except OSError:
            pass  # full to the last block
        finally:
            os.close(fd)
        yield data


FULL_DISK_COMMANDS = [
    (["done", "2.3", "--as-of", "2023-11-25"], ".cchc/journal.jsonl"),
    (["note", "2.3", "đã đạt 40%", "--as-of", "2023-11-25"], ".cchc/journal.jsonl"),
    (["extend", "2.3", "--to", "2023-12-30", "--reason", "x"], ".cchc/journal.jsonl"),
    (["new", "--title", "x", "--id", "tb-x"], "notices/tb-x.yaml"),
    (["report", "-f", "csv", "-o", "{mount}/r.csv"], "r.csv"),
    (["report", "-f", "xlsx", "-o", "{mount}/r.xlsx"], "r.xlsx"),
    (["export", "-f", "ics", "-o", "{mount}/r.ics"], "r.ics"),
    (["init", "{mount}/other"], "other/"),
]


@pytest.mark.parametrize(
    ("args", "named"),
    FULL_DISK_COMMANDS,
    ids=["done", "note", "extend", "new", "report-csv", "report-xlsx", "export-ics", "init"],
)
def test_a_full_disk_changes_nothing_and_names_the_file(full_disk, args, named):
    mount = full_disk.parent
    before = snapshot(full_disk)
    result = run_process([a.format(mount=mount) for a in args], full_disk)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr
    assert named in result.stderr
    assert snapshot(full_disk) == before
    leftovers = {p.name for p in mount.iterdir()} - {"data", "filler", "other"}
    assert leftovers == set()  # no empty or half-written output file


@pytest.fixture
def read_only_folder(tmp_path):
    """A copy of the data folder on a read-only mount (root only)."""
    mount = tmp_path / "ro"
    with data_on_tmpfs(mount, "1m") as data:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield data


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["done", "2.3", "--as-of", "2023-11-25"], "data/.cchc"),
        (["new", "--title", "x", "--id", "tb-x"], "data/notices/tb-x.yaml"),
        (["report", "-f", "csv", "-o", "{mount}/r.csv"], "ro/r.csv"),
    ],
    ids=["done", "new", "report"],
)
def test_a_read_only_folder_is_named_plainly(read_only_folder, args, named):
    mount = read_only_folder.parent
    result = run_process([a.format(mount=mount) for a in args], read_only_folder)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{named}: Read-only file system" in result.stderr
    assert ".tmp" not in result.stderr
    # Reading still works.
    assert run_process(["list"], read_only_folder).returncode == 0


def make_fifo_outside(data: Path) -> None:
    os.mkfifo(data.parent / "incoming.txt")


IMPORT_CASES = [
    Case("import-dev-zero", ("import", "/dev/zero"), 1, "'/dev/zero' is not a regular file"),
    Case(
        "import-fifo",
        ("import", "incoming.txt"),
        1,
        "'incoming.txt' is not a regular file",
        make_fifo_outside,
    ),
    Case("import-a-folder", ("import", "data"), 1, "'data' is not a regular file"),
    Case(
        "import-fifo-named-docx",
        ("import", "incoming.docx"),
        1,
        "'incoming.docx' is not a regular file",
        lambda data: os.mkfifo(data.parent / "incoming.docx"),
    ),
    Case(
        "init-units-from-dev-zero",
        ("init", "other", "--from-units", "/dev/zero"),
        1,
        "'/dev/zero' is not a regular file",
    ),
]


@pytest.mark.parametrize("case", IMPORT_CASES, ids=lambda c: c.name)
def test_special_files_given_to_import_and_init(data_dir, case):
    assert case.setup is None or case.setup(data_dir) is None
    result = run_process([*case.args], data_dir, timeout=30)
    assert "Traceback" not in result.stderr
    assert result.returncode == case.code, result.stderr
    assert case.says in result.stderr
    assert not (data_dir.parent / "other").exists()


def test_an_endless_standard_input_to_import_ends(data_dir):
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "cchc_cli", "import", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "CCHC_DATA": str(data_dir), "CCHC_LANG": "en"},
        )
    assert result.returncode == 1
    assert "- is too large to import: more than 1000000 characters" in result.stderr


# -- anything at all on the command line ---------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ARGUMENT_SLOTS = [
    ("show", "{}"),
    ("list", "--unit", "{}"),
    ("list", "--notice", "{}"),
    ("list", "--search", "{}"),
    ("due", "--before", "{}"),
    ("due", "--by", "{}"),
    ("overdue", "--as-of", "{}"),
    ("report", "--period", "{}"),
    ("remind", "--days", "{}"),
    ("export", "-f", "ics", "--alarm-days", "{}"),
    ("done", "{}", "--as-of", "2023-11-25"),
    ("extend", "2.3", "--to", "{}", "--reason", "x"),
    ("note", "2.3", "{}", "--as-of", "2023-11-25"),
]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    slot=st.sampled_from(ARGUMENT_SLOTS),
    value=st.one_of(
        st.text(max_size=40),
        st.from_regex(r"[+-]?\d{1,12}[dwmy]?", fullmatch=True),
        st.from_regex(r"\d{1,5}[/.-]\d{1,5}([/.-]\d{1,6})?", fullmatch=True),
        st.sampled_from(["0000", "9999-12-31", "../../x", "-", "--", "\x00", "\udcff", "[/]"]),
    ),
)
def test_any_argument_gets_an_answer_never_a_traceback(data_dir, slot, value):
    if "\x00" in value:
        value = value.replace("\x00", "")  # an argv cannot hold NUL
    args = [part.replace("{}", value) for part in slot]
    result = runner.invoke(app, [*args, "--lang", "en"], prog_name="cchc")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.strip()


@pytest.mark.parametrize("args", [["log"], ["show", "2.3"]], ids=lambda a: a[0])
def test_progress_written_from_the_command_line_never_acts_on_a_terminal(data_dir, args):
    hostile = "\x1b]0;pwned\x07 [/] [link=https://evil.example]x[/link] \x1b[2J"
    done = ["done", "2.3", "--as-of", "2023-11-25", "--evidence", hostile]
    assert runner.invoke(app, done, prog_name="cchc").exit_code == 0
    note = ["note", "2.3", hostile, "--as-of", "2023-11-25"]
    assert runner.invoke(app, note, prog_name="cchc").exit_code == 0
    code, output = run_on_terminal([*args, "--lang", "en"], data_dir, 160)
    assert code == 0, output
    assert "Traceback" not in output
    shown = _SGR.sub("", output)
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]0;pwned\\x07" in " ".join(shown.split()).replace(" ", "") or "\\x1b" in shown
