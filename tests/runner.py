"""The one way tests run cchc in-process (the ``cchc`` fixture in conftest.py is this).

``cchc("due", "--lang", "en", input=..., CCHC_TODAY="2023-11-20")`` returns click's
result: ``exit_code``, ``stdout``, ``stderr`` (kept apart) and ``exception``. Keyword
arguments besides ``input`` are environment variables for the run.
"""

from __future__ import annotations

import os

from typer.testing import CliRunner

from cchc_cli.cli.app import app

_runner = CliRunner()


def cchc(*args: str | os.PathLike[str], input: str | bytes | None = None, **env: str):
    argv = [str(a) for a in args]
    return _runner.invoke(app, argv, prog_name="cchc", input=input, env=env or None)
