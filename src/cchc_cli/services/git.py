"""Committing one edited notice file in the data folder's git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cchc_cli.core.errors import CchcError


def commit_file(path: Path, message: str) -> None:
    """Commit ``path`` alone (whatever else is staged stays staged) with ``message``."""
    folder = path.parent
    name = path.name
    for command in (
        ["git", "add", "--", name],
        ["git", "commit", "--quiet", "-m", message, "--", name],
    ):
        try:
            done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        except OSError as err:
            raise CchcError("git.failed", path=path, reason=str(err)) from None
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise CchcError("git.failed", path=path, reason=reason[-1] if reason else "git")
