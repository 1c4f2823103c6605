"""The Typer lane: the app with only the command groups a run needs registered.

Registering a command costs Typer its type hints and signature, so a run registers
only the group of the command it names (:func:`register`); ``--help``, shell
completion, a name that is no command's, or anything unclear registers them all.
:mod:`cchc_cli.cli.app` is the app with every group, for tests and tools.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from importlib import import_module

from cchc_cli.cli.context import app
from cchc_cli.cli.streams import start
from cchc_cli.views.layout import tame_columns

# Registered in this order, which is the order of `cchc --help`.
GROUPS = ("read", "progress", "add", "why", "report", "papers", "setup")
#: The group module of each command name (a test holds it equal to the groups' commands).
GROUP_OF = {
    **dict.fromkeys(("validate", "list", "show", "due", "overdue", "status", "units"), "read"),
    **dict.fromkeys(
        ("done", "reopen", "extend", "cancel", "note", "undo", "log", "migrate", "check-scope"),
        "progress",
    ),
    "add": "add",
    "why": "why",
    **dict.fromkeys(("remind", "report", "export"), "report"),
    "letter": "papers",
    **dict.fromkeys(("import", "init", "new", "config", "cache"), "setup"),
}
#: Options before the command name that take a value (``--data d``), and those that do not.
VALUED = frozenset(("--data", "--lang", "--as-of", "--format", "-f"))
FLAGS = frozenset(("--no-cache",))


def named_group(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The group of the command ``argv`` names, when that is certain; else None."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return None  # shell completion may ask about any command
    words = iter(argv)
    for word in words:
        if word in VALUED:
            next(words, None)
        elif word.startswith("--") and word.partition("=")[0] in VALUED - {"-f"}:
            continue
        elif word not in FLAGS:
            return None if word.startswith("-") or "--help" in argv else GROUP_OF.get(word)
    return None


def register(argv: Sequence[str], environ: Mapping[str, str]) -> None:
    """Register the group of the command named in ``argv``, or every group."""
    group = named_group(argv, environ)
    for name in (group,) if group else GROUPS:
        import_module(f"cchc_cli.cli.{name}")


def main() -> None:
    start(sys.argv[1:], os.environ)
    tame_columns(os.environ)
    register(sys.argv[1:], os.environ)
    try:
        app()
    except BrokenPipeError:
        # `cchc list | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
