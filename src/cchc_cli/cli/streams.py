"""The standard streams of a run, and writing to them, with nothing heavy imported.

Every run starts with :func:`start` (a closed stdout refused, a legacy console given
UTF-8) and writes its messages with :func:`echo`; ``cchc --version`` needs nothing else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

#: What ``typer.echo`` (click) takes out of text for a stream that is no terminal.
ANSI = r"\033\[[;?0-9]*[a-zA-Z]"


def echo(message: str, err: bool = False, nl: bool = True) -> None:
    """Write ``message`` to stdout (stderr with ``err``) exactly as ``typer.echo`` does.

    Click flushes after every message (so stdout and stderr interleave in order on
    one pipe) and strips ANSI codes when the stream is not a terminal. On Windows
    it also converts them for the console: there the Typer lane runs, and this
    hands the text to Typer itself.
    """
    if sys.platform.startswith("win"):
        import typer

        typer.echo(message, err=err, nl=nl)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    text = message + "\n" if nl else message
    if "\033" in text and not _is_terminal(stream):
        import re

        text = re.sub(ANSI, "", text)
    if text:
        stream.write(text)
    stream.flush()


def echo_utf8(data: bytes) -> None:
    """:func:`echo` of ``data`` decoded from UTF-8, written as it is when stdout takes
    UTF-8 and nothing in it is for a terminal (8,000 lines of ``validate`` kept in UTF-8:
    3-5 ms less than decoding them and encoding them again)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if buffer is None or encoding != "utf8" or b"\033" in data or sys.platform.startswith("win"):
        echo(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.write(b"\n")
    stream.flush()


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # a closed or odd stream is no terminal, as click sees it
        return False


def utf8_console() -> None:
    """Vietnamese on a Windows console (or any stream opened in a legacy code page)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


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


def start(argv: list[str], environ: Mapping[str, str]) -> None:
    """Before any command: the standard streams in order, or exit 2 if stdout is closed."""
    if not standard_streams():
        from cchc_cli.cli.runner import help_lang
        from cchc_cli.core.errors import EXIT_USAGE
        from cchc_cli.views.i18n import t

        lang = help_lang(argv, environ)
        sys.stderr.write(f"cchc: {t('cli.error', lang)}: {t('cli.stdout-closed', lang)}\n")
        sys.exit(EXIT_USAGE)
    utf8_console()
