"""The command line, assembled: the Typer app with every command group registered.

Each group lives in its own module (read, progress, report, setup); what they share,
the run context, options, settings and error handling, is in :mod:`.context`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module

import typer

from cchc_cli.cli.context import HELP, app

# Registered in this order, which is the order of `cchc --help`.
GROUPS = ("read", "progress", "report", "setup")
for _group in GROUPS:
    import_module(f"cchc_cli.cli.{_group}")

__all__ = ["HELP", "app", "main"]

# Shell completion, under the names the tests of the edit commands use.
_progress = import_module("cchc_cli.cli.progress")
_complete_ref: Callable[[typer.Context, str], list[str]] = _progress.complete_ref
_complete_unit: Callable[[typer.Context, str], list[str]] = _progress.complete_unit


def utf8_console() -> None:
    """Vietnamese on a Windows console (or any stream opened in a legacy code page)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


_utf8_console = utf8_console


def main() -> None:
    utf8_console()
    try:
        app()
    except BrokenPipeError:
        # `cchc list | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
