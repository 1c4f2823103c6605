"""The express lane's grammar: the hot commands' options, and a strict parser for them.

:data:`GRAMMARS` holds, for each command the express lane runs, the options the Typer
declarations make (:mod:`cchc_cli.cli.read`, :mod:`cchc_cli.cli.context`; a test
compares the two, option by option) and the body to run. :func:`parse` accepts only
well-formed uses: the shared options before the command name, the command's own and
the shared ones after it, ``--opt v`` and ``--opt=v``, ``--data`` again, choices and
numbers checked the way Typer checks them. It returns None for anything else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from cchc_cli.cli import editing, reading
from cchc_cli.cli.runner import SHARED
from cchc_cli.core.dates import MAX_DAYS
from cchc_cli.views.i18n import Lang
from cchc_cli.views.render import OutputFormat

#: A number as the express lane takes it: plain digits, short enough for int() (longer
#: ones, signs, spaces and other scripts' digits are left to click's own words).
_DIGITS = re.compile(r"[0-9]{1,18}")


class Option(NamedTuple):
    """One option as Typer declares it: its names and what its value must be.

    This module's classes are named tuples, not dataclasses: every express run makes
    them, and a frozen dataclass costs five times as much to create (2.9M instructions
    more per class, measured).
    """

    dest: str
    names: tuple[str, ...]
    #: "text", "flag", "path", "int" or "choice".
    kind: str = "text"
    choices: type[StrEnum] | None = None
    low: int = 0
    high: int = 0
    #: Given again, it adds a value (``--data a --data b``); else the last one counts.
    multiple: bool = False

    def value(self, text: str) -> Any:
        """The value Typer would pass for ``text``; None where Typer would object."""
        if self.kind == "text":
            return text if text.strip() else None  # empty: Typer's lane refuses it
        if self.kind == "path":
            return _path(text)
        if self.kind == "int":
            number = int(text) if _DIGITS.fullmatch(text) else None
            return number if number is not None and self.low <= number <= self.high else None
        assert self.choices is not None
        return self.choices(text) if text in {c.value for c in self.choices} else None


def _path(text: str) -> Path | None:
    """A path as click's ``Path(readable=True)`` takes it: one that exists must be readable."""
    if not text:
        return None
    try:
        os.stat(text)
    except OSError:
        return Path(text)
    return Path(text) if os.access(text, os.R_OK) else None


#: The shared options (:data:`cchc_cli.cli.runner.SHARED`), before or after the name.
SHARED_OPTIONS = {
    "data": Option("data", ("--data",), "path", multiple=True),
    "lang": Option("lang", ("--lang",), "choice", Lang),
    "no_cache": Option("no_cache", ("--no-cache",), "flag"),
    "as_of": Option("as_of", ("--as-of",)),
    "fmt": Option("fmt", ("--format", "-f"), "choice", OutputFormat),
}
NOTICE = Option("notice", ("--notice",))
UNIT = Option("unit", ("--unit",))


class Grammar(NamedTuple):
    """What one command takes: its body, shared options, own options, argument."""

    body: Callable[..., None]
    shared: tuple[str, ...] = SHARED
    options: tuple[Option, ...] = ()
    #: The argument the command requires (``show REF``), if any.
    argument: str | None = None
    #: The argument takes one word or more (``done REF...``).
    variadic: bool = False
    #: An edit: it is told whether to commit (--commit, else the settings).
    edits: bool = False
    #: Reads several data folders together (``--data`` again).
    many: bool = True


WITHOUT_FORMAT = ("data", "lang", "no_cache", "as_of")
GRAMMARS: dict[str, Grammar] = {
    "validate": Grammar(
        reading.validate, WITHOUT_FORMAT, (Option("strict", ("--strict",), "flag"),)
    ),
    "list": Grammar(
        reading.list_tasks,
        options=(
            NOTICE,
            UNIT,
            Option("search", ("--search",)),
            Option("status", ("--status",), "choice", reading.ListStatus),
        ),
    ),
    "show": Grammar(reading.show, argument="ref"),
    "due": Grammar(
        reading.due,
        options=(
            Option("before", ("--before",)),
            Option("by", ("--by",)),
            Option("within", ("--within",), "int", low=0, high=MAX_DAYS),
            NOTICE,
            UNIT,
        ),
    ),
    "overdue": Grammar(reading.overdue, options=(NOTICE, UNIT)),
    "status": Grammar(
        reading.status,
        options=(Option("by", ("--by",), "choice", reading.GroupBy), NOTICE, UNIT),
    ),
    "units": Grammar(reading.units, ("data", "lang", "no_cache", "fmt"), many=False),
    "done": Grammar(
        editing.done,
        editing.EDIT,
        (
            Option("unit", ("--unit",), multiple=True),
            Option("every", ("--all",), "flag"),
            Option("on", ("--on",)),
            Option("evidence", ("--evidence",)),
            Option("note", ("--note",)),
            Option("commit", ("--commit",), "flag"),
        ),
        argument="refs",
        variadic=True,
        many=False,
        edits=True,
    ),
}


class Call(NamedTuple):
    """A command line the express lane understood."""

    grammar: Grammar
    before: dict[str, Any]
    given: dict[str, Any]
    own: dict[str, Any]


def _by_name(options: Sequence[Option]) -> dict[str, Option]:
    return {name: option for option in options for name in option.names}


class _Unsure(Exception):
    """The express lane is not sure of the command line: Typer reads it."""


def _take(word: str, rest: list[str], known: Mapping[str, Option], into: dict[str, Any]) -> None:
    """Read the option ``word`` (its value from ``rest`` if not ``--opt=v``) into ``into``."""
    name, equals, attached = word.partition("=") if word.startswith("--") else (word, "", "")
    option = known.get(name)
    if option is None:
        raise _Unsure
    if option.kind == "flag":
        if equals:
            raise _Unsure  # Typer: "does not take a value"
        into[option.dest] = True
        return
    if not equals:
        if not rest or rest[0].startswith("-"):
            raise _Unsure  # no value, or one Typer may read differently
        attached = rest.pop(0)
    value = option.value(attached)
    if value is None:
        raise _Unsure
    if option.multiple:
        into.setdefault(option.dest, []).append(value)
    else:
        into[option.dest] = value


def parse(argv: Sequence[str]) -> Call | None:
    """The call ``argv`` makes, if it is a well-formed use of an express command."""
    rest = list(argv)
    before: dict[str, Any] = {}
    root = _by_name(list(SHARED_OPTIONS.values()))
    try:
        while rest and rest[0].startswith("-"):
            _take(rest.pop(0), rest, root, before)
        if not rest or rest[0] not in GRAMMARS:
            return None
        grammar = GRAMMARS[rest.pop(0)]
        known = _by_name([*grammar.options, *(SHARED_OPTIONS[k] for k in grammar.shared)])
        after: dict[str, Any] = {}
        words: list[str] = []
        while rest:
            word = rest.pop(0)
            if word.startswith("-") and word not in ("-", "--"):
                _take(word, rest, known, after)
            elif word.startswith("-"):
                return None  # "-" and "--" mean something to click: its business
            else:
                words.append(word)
    except _Unsure:
        return None
    if bool(grammar.argument) != bool(words):
        return None
    if len(words) > 1 and not grammar.variadic:
        return None
    if grammar.argument:
        after[grammar.argument] = words if grammar.variadic else words[0]
    if grammar.edits:
        after.setdefault("commit", False)
    if before.get("fmt") is not None and "fmt" not in grammar.shared:
        return None  # Typer's wrapper tells why
    given = {k: after.pop(k, None) for k in grammar.shared}
    if "no_cache" in given:
        given["no_cache"] = bool(given["no_cache"])
    root_given = {k: before.get(k) for k in SHARED}
    root_given["no_cache"] = bool(root_given["no_cache"])
    return Call(grammar, root_given, given, after)
