"""The express lane: the hot commands run without importing Typer, click or rich.

Typer, its click and rich cost about 60 ms to import and Typer another 50 ms to build
the command tree; a warm ``status`` has 150 ms in all. So :func:`express` reads the
command line first with a small, strict parser (:mod:`cchc_cli.cli.grammar`) that knows
only well-formed uses of the commands people run all day. What it accepts runs the
same body (:mod:`cchc_cli.cli.reading`) through the same
:func:`~cchc_cli.cli.runner.invoke` as the Typer app. Anything else returns to the
caller, which hands the line to the Typer app untouched: ``--help``, an unknown or
misspelt option, a bad value, a missing argument, shell completion; every message of
usage stays Typer's own. ``--version`` alone imports nothing of cchc's but this.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence

from cchc_cli.cli.streams import echo, start

#: Set (to anything) by tests: every command line goes to the Typer app.
TYPER_ONLY = "CCHC_TYPER_ONLY"


def _plain(argv: Sequence[str], environ: Mapping[str, str]) -> bool:
    """Whether the command line and the environment are ones the express lane may take."""
    if TYPER_ONLY in environ or sys.platform.startswith("win"):
        return False
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return False  # shell completion
    try:
        for word in argv:
            word.encode("utf-8")
    except UnicodeEncodeError:
        return False  # bytes that are no UTF-8: Typer decides what they mean
    return True


def express(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> None:
    """Run the command line in the express lane and exit; return if Typer must read it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    if not _plain(argv, environ):
        return
    if argv == ["--version"]:
        start(argv, environ)
        from cchc_cli import __version__

        _finish(lambda: echo(f"cchc {__version__}"), argv, environ)
    from cchc_cli.cli.grammar import parse
    from cchc_cli.cli.runner import invoke, merged

    # What these imports made lives as long as the run: never scanned (cli.main).
    gc.freeze()
    call = parse(argv)
    if call is None:
        return
    # And no collection at all while an express command runs. Its data hold no cycles
    # worth collecting, yet with the run's threshold two young collections still came
    # in a warm `due` at 20,000 tasks and cost 200-300 ms each (every young object
    # traversed); peak memory is the same without them (measured: due, status and
    # validate, warm and with --no-cache, on both benchmark sets).
    gc.disable()
    start(argv, environ)
    given = merged(call.before, call.given)
    _finish(lambda: invoke(call.grammar.body, given, call.own, call.grammar.many), argv, environ)


def _finish(work: Callable[[], None], argv: list[str], environ: Mapping[str, str]) -> None:
    """Do the work and exit as the Typer app would after it (cli.groups.main, click)."""
    try:
        work()
    except BrokenPipeError:
        # `cchc list | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except EOFError:
        echo("", err=True)
        from cchc_cli.cli.runner import usage_lang
        from cchc_cli.views.i18n import t

        echo(t("click.aborted", usage_lang(argv, environ)), err=True)
        sys.exit(1)
    sys.exit(0)
