"""The command line, assembled: the Typer app with every command group registered.

Each group lives in its own module (read, progress, report, papers, setup); what they share,
the run context, options, settings and error handling, is in :mod:`.context`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module

import typer

from cchc_cli.cli.context import HELP, app
from cchc_cli.core.errors import EXIT_USAGE
from cchc_cli.views.i18n import t

# Registered in this order, which is the order of `cchc --help`.
GROUPS = ("read", "progress", "add", "why", "report", "papers", "setup")
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


def standard_streams() -> bool:
    """Give a closed stdin or stderr /dev/null; False when stdout itself is closed.

    ``cchc due >&-`` or a cron line with ``<&-`` starts Python with no stream
    at all on that descriptor (``sys.stdout is None``). Reading from a closed
    stdin is reading nothing; a closed stderr loses messages, not the run; a
    closed stdout would lose what was asked for, so that is refused.
    """
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
            # The lowest free descriptor is the one just found closed.
            os.open(os.devnull, os.O_RDWR)
    if 0 in closed:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - for the run
    if 2 in closed:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if 1 in closed:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        return False
    return True


def main() -> None:
    if not standard_streams():
        sys.stderr.write(f"cchc: {t('cli.error', HELP)}: {t('cli.stdout-closed', HELP)}\n")
        sys.exit(EXIT_USAGE)
    utf8_console()
    try:
        app()
    except BrokenPipeError:
        # `cchc list | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
