"""Committing the files an edit appended to, in the data folder's git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cchc_cli.core.errors import CchcError


def commit_file(path: Path, message: str) -> None:
    commit_files([path], message)


def commit_files(paths: list[Path], message: str) -> None:
    """Commit ``paths`` alone (whatever else is staged stays staged) with ``message``.

    The paths are in one folder (an edit appends to progress files only).
    """
    path = paths[0]
    folder = path.parent
    names = [p.name for p in paths]
    for command in (
        ["git", "add", "--", *names],
        ["git", "commit", "--quiet", "-m", message, "--", *names],
    ):
        try:
            done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        except OSError as err:
            raise CchcError("git.failed", path=path, reason=str(err)) from None
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise CchcError("git.failed", path=path, reason=reason[-1] if reason else "git")


def commit_message(command: str, ref: str, units: list[str], user: str, what: str) -> str:
    """The message of an edit's commit: a summary line a log reads well, then what.

    ``cchc done cchc-2023-11/2.3: vinh-hoa, vinh-tu (chuyenvien)`` and, after a blank
    line, the sentence the command printed.
    """
    summary = f"cchc {command} {ref}" + (f": {', '.join(units)}" if units else "")
    return f"{summary} ({user})\n\n{what}"
