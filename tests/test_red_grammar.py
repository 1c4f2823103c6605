"""Red team: the express lane's parser against click's, on generated command lines.

For every command line :func:`cchc_cli.cli.grammar.parse` accepts, click (the Typer
app's own parser) must accept it too and read the same values, before and after the
command name; lines the express parser is unsure of are Typer's anyway. Hypothesis
writes lines from the words people type and the ones they mistype: ``--opt=``,
``--``, ``-``, repeated options, values that look like options, unicode, digits of
other scripts.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer import exceptions as typer_errors

from cchc_cli.cli.app import app
from cchc_cli.cli.grammar import GRAMMARS, parse

COMMAND = typer.main.get_command(app)
WORDS = [
    *GRAMMARS,
    "report",
    "--data",
    "--data=data",
    "data",
    "--lang",
    "--lang=en",
    "vi",
    "EN",
    "--no-cache",
    "--no-cache=1",
    "--as-of",
    "--as-of=",
    "2023-11-20",
    "--format",
    "-f",
    "json",
    "csv",
    "-fjson",
    "--by",
    "notice",
    "--unit",
    "--unit=noi-vu",
    "--notice",
    "--search",
    "--status",
    "open",
    "--before",
    "--within",
    "--within=5",
    "05",
    "٣",
    "-1",
    "+3",
    "--strict",
    "--all",
    "--on",
    "--evidence",
    "--note",
    "--commit",
    "1.1",
    "cchc-2023-11/2.1",
    "Hoa\u0300",
    "",
    "-",
    "--",
    "-h",
    "--help",
    "--bogus",
]


def _click_values(argv: list[str]) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    """What click reads from ``argv``: the group's values, the command, its values."""
    try:
        with COMMAND.make_context("cchc", list(argv)) as root:
            # The group keeps the command's name and words apart from its own
            # (``protected_args``, private in Typer's copy of click).
            rest = [*getattr(root, "_protected_args", []), *root.args]
            name, sub, args = COMMAND.resolve_command(root, rest)
            assert sub is not None and name is not None
            with sub.make_context(name, args, parent=root) as own:
                return dict(root.params), name, dict(own.params)
    except (typer_errors.Exit, typer_errors.Abort, typer.TyperException):
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key in list(os.environ):
        if key.startswith("CCHC_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.sampled_from(WORDS), max_size=3),
    st.sampled_from([*GRAMMARS, "report"]),
    st.lists(st.sampled_from(WORDS), max_size=6),
)
def test_what_the_express_parser_takes_click_reads_the_same(before, name, after):
    argv = [*before, name, *after]
    call = parse(argv)
    if call is None:
        return
    clicked = _click_values(argv)
    assert clicked is not None, argv
    root, name, own = clicked
    assert GRAMMARS[name] is call.grammar, argv
    for key, value in call.before.items():
        assert _plain(value) == _plain(root.get(key)) or (not value and not root.get(key)), argv
    for key, value in {**call.given, **call.own}.items():
        got = own.get(key)
        assert _plain(value) == _plain(got) or (not value and not got), (argv, key)
