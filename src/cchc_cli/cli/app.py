"""The command line, assembled: the Typer app with every command group registered.

Each group lives in its own module (read, progress, report, papers, setup); what they share,
the run context, options, settings and error handling, is in :mod:`.context` and
:mod:`.runner`. A real run registers fewer (:mod:`.groups`); importing this module gives
the whole app, as tests and ``--help`` see it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from cchc_cli.cli.context import HELP, app
from cchc_cli.cli.groups import GROUPS, main
from cchc_cli.cli.streams import utf8_console

for _group in GROUPS:
    import_module(f"cchc_cli.cli.{_group}")

__all__ = ["HELP", "app", "main"]

_utf8_console = utf8_console

# Shell completion, under the names the tests of the edit commands use.
_progress = import_module("cchc_cli.cli.progress")
_complete_ref: Callable[[Any, str], list[str]] = _progress.complete_ref
_complete_unit: Callable[[Any, str], list[str]] = _progress.complete_unit
