"""The express lane (cli/express.py) prints what the Typer app prints, byte for byte.

Each command line runs twice as a real process: as a user runs it (the express lane
takes it if it can) and with ``CCHC_TYPER_ONLY`` set (the Typer app reads every
line). Stdout, stderr and the exit code must be the same, on pipes and on a
pseudo-terminal, for well-formed lines, bad ones (which the express lane leaves to
Typer), the environment's settings, a folder with errors and a missing one.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cchc_cli.cli.express import TYPER_ONLY
from cchc_cli.cli.grammar import GRAMMARS, SHARED_OPTIONS, parse
from ptyread import read_terminal

#: cchc as its entry point runs it.
CCHC = "import sys; sys.argv[0] = 'cchc'; from cchc_cli.cli import main; main()"
DAY = "2023-11-20"

#: Command lines, the express lane's and the ones it must leave to Typer.
LINES: list[list[str]] = [
    ["status"],
    ["status", "--by", "notice"],
    ["status", "--by=notice", "--unit", "vinh-thai"],
    ["status", "--by", "Notice"],
    ["status", "--notice", "nope"],
    ["--lang", "en", "status"],
    ["status", "--lang", "en"],
    ["--lang", "vi", "status", "--lang=en"],
    ["status", "--lang", "EN"],
    ["status", "-f", "json"],
    ["-f", "csv", "status"],
    ["--format=json", "status", "-f", "csv"],
    ["status", "-fjson"],
    ["status", "-f=json"],
    ["status", "--no-cache"],
    ["--no-cache", "status"],
    ["status", "--no-cache=yes"],
    ["due", "--before", "2023-12-10"],
    ["due", "--before=10/12/2023", "--unit=vinh-thai"],
    ["due", "--by", "2023-12-10"],
    ["due", "--before", "2023-12-10", "--by", "2023-12-20"],
    ["due", "--before", "someday"],
    ["due", "--within", "30"],
    ["due", "--within=0"],
    ["due", "--within", "-1"],
    ["due", "--within", "+3"],
    ["due", "--within", "99999999"],
    ["due", "--within", "x"],
    ["due", "--within", "9" * 5000],
    ["due", "--within"],
    ["due", "--notice", "--unit"],
    ["due", "--as-of", "2023-12-01"],
    ["--as-of", "2023-12-01", "due", "--as-of", "2023-12-05"],
    ["due", "--as-of", "tomorrow"],
    ["due", "--as-of", "31/11/2023"],
    ["due", "-f", "md"],
    ["overdue"],
    ["overdue", "--unit", "vinh-thai", "-f", "json"],
    ["overdue", "--unit", "nobody"],
    ["show", "1.1"],
    ["show", "1.1", "-f", "json"],
    ["-f", "json", "show", "1.1"],
    ["show", "--lang", "en", "1.1"],
    ["show", "nope"],
    ["show"],
    ["show", "1.1", "1.2"],
    ["show", "--", "1.1"],
    ["show", "-"],
    ["validate"],
    ["validate", "--strict"],
    ["validate", "--strict=1"],
    ["validate", "-f", "json"],
    ["-f", "json", "validate"],
    ["list"],
    ["list", "--status", "open", "--search", "cải cách"],
    ["list", "--status", "bad"],
    ["list", "--notice", "tb-ket-luan-cchc-vinh-linh-2023-11", "-f", "csv"],
    ["units"],
    ["units", "--as-of", DAY],
    ["units", "--data", "data", "--data", "data"],
    ["--data", "data", "--data", "data", "status"],
    ["status", "--data", "data", "--data=data"],
    ["status", "--data", "missing"],
    ["--data=missing", "due"],
    ["--data", "", "due"],
    ["due", "--unit="],
    ["status", "--as-of", " "],
    ["list", "--search", ""],
    ["status", "--data", "data/config.yaml"],
    ["--version"],
    ["--version", "status"],
    ["status", "--version"],
    ["--help"],
    ["due", "--help"],
    [],
    ["statu"],
    ["status", "extra"],
    ["due", "--bogus"],
    ["--bogus", "due"],
    ["report"],
    ["done"],
]


def _run(args: list[str], cwd: Path, env: dict[str, str], typer_only: bool) -> tuple:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    environ.pop(TYPER_ONLY, None)
    environ.update({"COLUMNS": "80", **env})
    if typer_only:
        environ[TYPER_ONLY] = "1"
    done = subprocess.run(
        [sys.executable, "-c", CCHC, *args],
        capture_output=True,
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def _both(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[tuple, tuple]:
    return _run(args, cwd, env, False), _run(args, cwd, env, True)


def _compare(lines: list[list[str]], cwd: Path, env: dict[str, str]) -> None:
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda args: _both(args, cwd, env), lines))
    for args, (express, typer) in zip(lines, results, strict=True):
        assert express == typer, args


@pytest.fixture
def warm(data_dir: Path) -> Path:
    """The bundled data with its cache made, so that runs in parallel only read."""
    _run(["--as-of", DAY, "validate"], data_dir.parent, {}, False)
    return data_dir.parent


@pytest.mark.slow
def test_every_line_prints_the_same_in_both_lanes(warm):
    _compare(LINES, warm, {"CCHC_TODAY": DAY})


@pytest.mark.slow
@pytest.mark.parametrize(
    "env",
    [
        {"CCHC_LANG": "en", "CCHC_TODAY": DAY},
        {"CCHC_LANG": "xx"},
        {"CCHC_TODAY": "2023-12-01", "CCHC_NO_CACHE": "1"},
        {"CCHC_NO_CACHE": "maybe"},
        {"CCHC_DATA": "nowhere"},
    ],
    ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()),
)
def test_the_environment_settings_are_read_the_same_in_both_lanes(warm, env):
    lines = [["status"], ["due", "--within", "40"], ["show", "1.1"], ["validate"], ["units"]]
    _compare(lines, warm, env)


@pytest.mark.slow
def test_a_folder_elsewhere_named_by_the_environment(warm, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _compare([["status"], ["due", "--within", "40"]], elsewhere, {"CCHC_DATA": str(warm / "data")})


@pytest.mark.slow
def test_a_folder_with_errors_is_told_the_same_in_both_lanes(warm):
    (warm / "data" / "notices" / "broken.yaml").write_text(
        "id: tb-1\ndate: 2023-12-01\ntitle: T\ntasks:\n"
        "  - {id: '1', assignees: [noi-vu], text: A, deadline: trước ngày 31/11/2023}\n"
        "  - {id: '2', assignees: [noi-vu], text: \"B\\e[31m\"}\n",
        encoding="utf-8",
    )
    _run(["validate"], warm, {}, False)
    lines = [["validate"], ["status"], ["due", "--within", "60"], ["show", "tb-1/2"], ["list"]]
    _compare(lines, warm, {"CCHC_TODAY": DAY})


def _on_terminal(args: list[str], cwd: Path, typer_only: bool) -> tuple[int, bytes]:
    """cchc with stdout and stderr on one pseudo-terminal: everything it showed."""
    import pty

    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    environ.update({"TERM": "xterm-256color", "COLUMNS": "100", "CCHC_TODAY": DAY})
    environ.pop("NO_COLOR", None)
    if typer_only:
        environ[TYPER_ONLY] = "1"
    process = subprocess.Popen(
        [sys.executable, "-c", CCHC, *args], stdout=slave, stderr=slave, cwd=cwd, env=environ
    )
    os.close(slave)
    shown = read_terminal(master, process)
    return process.wait(timeout=60), shown


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["status"], ["due", "--within", "30"], ["show", "1.1"], ["validate"], ["due", "--bogus"]],
)
def test_a_terminal_sees_the_same_in_both_lanes(warm, args):
    assert _on_terminal(args, warm, False) == _on_terminal(args, warm, True)


MODULES = (
    "import atexit, sys; "
    "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} "
    "& {'typer', 'click', 'rich'}), file=sys.__stderr__)); " + CCHC
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["due", "--before", "2023-12-10"],
        ["show", "1.1"],
        ["--version"],
        ["done", "1.1", "--all"],
    ],
)
def test_the_express_lane_imports_no_typer_click_or_rich(warm, args):
    done = subprocess.run(
        [sys.executable, "-c", MODULES, *args], capture_output=True, cwd=warm, text=True
    )
    assert done.stderr.splitlines()[-1] == "[]"
    typer = subprocess.run(
        [sys.executable, "-c", MODULES, "--bogus"], capture_output=True, cwd=warm, text=True
    )
    assert typer.stderr.splitlines()[-1] == "['typer']"  # with its own click


COLLECTOR = (
    "import atexit, gc, sys; "
    "atexit.register(lambda: print(gc.isenabled(), file=sys.__stderr__)); " + CCHC
)


@pytest.mark.slow
def test_the_express_lane_runs_without_the_cyclic_collector(warm):
    def enabled(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", COLLECTOR, *args], capture_output=True, cwd=warm, text=True
        )
        return done.stderr.splitlines()[-1]

    assert enabled("status") == "False"
    assert enabled("status", "--bogus") == "True"  # the Typer lane keeps it, tuned


def _closed_stdout(args: list[str], cwd: Path, typer_only: bool) -> tuple:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    if typer_only:
        environ[TYPER_ONLY] = "1"
    command = " ".join([sys.executable, "-c", f'"{CCHC}"', *args]) + " >&-"
    done = subprocess.run(["sh", "-c", command], capture_output=True, cwd=cwd, env=environ)
    return done.returncode, done.stderr


@pytest.mark.slow
def test_a_closed_stdout_is_refused_the_same_in_both_lanes(warm):
    express = _closed_stdout(["due"], warm, False)
    assert express == _closed_stdout(["due"], warm, True)
    assert express[0] == 2


def _reader_leaves(args: list[str], cwd: Path, typer_only: bool) -> tuple:
    """``cchc ... | head -1``: the reader reads one line and closes the pipe."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    environ.update({"COLUMNS": "200", "CCHC_TODAY": DAY})
    if typer_only:
        environ[TYPER_ONLY] = "1"
    with subprocess.Popen(
        [sys.executable, "-c", CCHC, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        cwd=cwd,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read()
        return process.wait(), first, error


@pytest.mark.slow
@pytest.mark.parametrize("args", [["list", "-f", "json"], ["due", "--within", "400"]])
def test_a_reader_that_leaves_early_is_treated_the_same_in_both_lanes(warm, args):
    # Whether the last write finds the pipe closed is a race (exit 141 if so, else 0),
    # in either lane: neither may complain or print a traceback.
    express, typer = _reader_leaves(args, warm, False), _reader_leaves(args, warm, True)
    assert express[1:] == typer[1:] == (typer[1], b"")
    assert express[0] in (0, 141) and typer[0] in (0, 141)


# -- the express grammar is the Typer declarations' -----------------------------------


def _typer_command(name: str):
    import typer

    from cchc_cli.cli.app import app

    group = typer.main.get_command(app)
    return group, group.commands[name]  # type: ignore[attr-defined]


def _described(param) -> tuple:
    """What the express lane must know of a click parameter (Typer's own types)."""
    kind = param.type
    if getattr(param, "is_flag", False):
        shape: tuple = ("flag",)
    elif hasattr(kind, "choices"):
        shape = ("choice", tuple(getattr(c, "value", c) for c in kind.choices))
        assert kind.case_sensitive
    elif hasattr(kind, "min"):
        shape = ("int", kind.min, kind.max)
        assert not kind.clamp and not kind.min_open and not kind.max_open
    elif hasattr(kind, "readable"):
        shape = ("path", kind.readable, kind.exists, kind.allow_dash)
        assert not kind.resolve_path and kind.file_okay and kind.dir_okay
    else:
        assert kind.name == "str", param
        shape = ("text",)
    names = tuple(param.opts) + tuple(getattr(param, "secondary_opts", ()))
    return (param.name, tuple(sorted(names)), shape, param.multiple)


def _expected(option) -> tuple:
    if option.kind == "choice":
        shape: tuple = ("choice", tuple(c.value for c in option.choices))
    elif option.kind == "int":
        shape = ("int", option.low, option.high)
    elif option.kind == "path":
        shape = ("path", True, False, False)
    else:
        shape = (option.kind,)
    return (option.dest, tuple(sorted(option.names)), shape, option.multiple)


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_each_express_command_takes_the_options_typer_declares(name):
    _, command = _typer_command(name)
    grammar = GRAMMARS[name]
    params = [p for p in command.params if p.name not in ("typer_ctx", "help")]
    options = [p for p in params if p.param_type_name == "option"]
    arguments = [p for p in params if p.param_type_name == "argument"]
    own = [_expected(o) for o in grammar.options]
    shared = [_expected(SHARED_OPTIONS[k]) for k in grammar.shared]
    assert sorted(_described(p) for p in options) == sorted(own + shared)
    assert [(a.name, a.required, a.nargs) for a in arguments] == (
        [(grammar.argument, True, -1 if grammar.variadic else 1)] if grammar.argument else []
    )
    # The body's defaults are the ones Typer passes when an option is not given.
    defaults = inspect.signature(grammar.body).parameters
    for option in grammar.options:
        typer_default = next(p for p in options if p.name == option.dest).default
        assert defaults[option.dest].default == typer_default, option.dest


def test_the_options_before_the_command_name_are_the_shared_ones():
    group, _ = _typer_command("status")
    kept = ("version", "install_completion", "show_completion", "help")
    params = [p for p in group.params if p.name not in kept]
    assert sorted(_described(p) for p in params) == sorted(
        _expected(o) for o in SHARED_OPTIONS.values()
    )


def test_the_express_parser_leaves_unclear_lines_to_typer():
    assert parse(["due", "--within", "3"]) is not None
    assert parse(["due", "--within", "٣"]) is None  # int() takes it; click's message differs
    assert parse(["due", "--within", "9" * 5000]) is None  # int() refuses it
    assert parse(["due", "--notice", "-x"]) is None
    assert parse(["report"]) is None
    assert parse(["--lang", "en"]) is None
    call = parse(["--data", "a", "status", "--data", "b", "--data=c", "--by", "notice"])
    assert call is not None
    assert call.before["data"] == [Path("a")]
    assert call.given["data"] == [Path("b"), Path("c")]
    assert call.own == {"by": "notice"}


#: Ticking off tasks: good lines, and bad ones the express lane leaves to Typer.
DONE_LINES: list[list[str]] = [
    ["done", "1.1", "--unit", "vinh-thai"],
    ["done", "1.1", "2.1", "--unit=vinh-thai", "--unit", "vinh-tu", "--note", "xong  rồi"],
    ["done", "--all", "3.1", "--on", "2023-11-18", "--evidence", "CV 12/UBND"],
    ["--lang", "en", "done", "4.1", "--all", "--on", "2023-12-25"],
    ["done", "5.1", "--unit", "nobody"],
    ["done", "nope", "--all"],
    ["done", "1.1", "--unit", "vinh-thai", "--commit"],
    ["done", "--all"],
    ["done", "1.1", "--all=yes"],
    ["done", "1.1", "--on", "-1d", "--all"],
    ["-f", "json", "done", "1.1", "--all"],
    ["done", "1.1", "--data", "data", "--data", "data", "--all"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", DONE_LINES)
def test_done_writes_and_says_the_same_in_both_lanes(data_dir, tmp_path, args):
    """Each lane ticks off tasks in its own copy of the data: the same words, the
    same exit code, the same progress files and journal entry (but its clock)."""
    import json
    import shutil

    seen = []
    for typer_only in (False, True):
        copy = tmp_path / ("typer" if typer_only else "express")
        shutil.copytree(data_dir, copy / "data")
        result = _run(args, copy, {"CCHC_TODAY": DAY}, typer_only)
        progress = {p.name: p.read_bytes() for p in (copy / "data" / "progress").iterdir()}
        journal = copy / "data" / ".cchc" / "journal.jsonl"
        entries = (
            [json.loads(line) for line in journal.read_text().splitlines()]
            if (journal.exists())
            else []
        )
        for entry in entries:
            entry.pop("time")
        seen.append((result, progress, entries))
    assert seen[0] == seen[1]
    if args == DONE_LINES[0]:
        assert seen[0][0][0] == 0 and seen[0][2][0]["units"] == ["vinh-thai"]


def test_every_command_is_in_the_group_the_typer_lane_registers_for_it():
    from cchc_cli.cli.app import app
    from cchc_cli.cli.groups import GROUP_OF

    commands = {c.name or c.callback.__name__: c.callback for c in app.registered_commands}
    groups = {g.name: g for g in app.registered_groups}
    assert set(GROUP_OF) == set(commands) | set(groups)
    for name, callback in commands.items():
        assert callback.__module__ == f"cchc_cli.cli.{GROUP_OF[name]}", name


@pytest.mark.parametrize(
    ("argv", "group"),
    [
        (["due"], "read"),
        (["--lang", "en", "--data=x", "--no-cache", "-f", "json", "done", "1.1"], "progress"),
        (["cache", "clear"], "setup"),
        (["--data", "due"], None),  # "due" is --data's value: the command is unknown
        (["--help", "due"], None),
        (["due", "--help"], None),
        (["--bogus", "due"], None),
        (["nothing"], None),
        ([], None),
    ],
)
def test_the_typer_lane_registers_only_the_named_commands_group(argv, group):
    from cchc_cli.cli.groups import named_group

    assert named_group(argv, {}) == group
    assert named_group(argv, {"_CCHC_COMPLETE": "bash_complete"}) is None
