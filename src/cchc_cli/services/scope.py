"""The pre-commit scope check: a commit touches only the progress files its author may write.

``writers:`` in config.yaml maps an author (the e-mail or the name git records
for the commit) to the unit ids whose ``progress/<unit>.yaml`` they write
(``_office`` for the office's own file). Without a ``writers:`` map anyone
writes anything. Whoever writes, a progress file may only grow: a staged change
that is not a pure addition at the end (a line edited or removed, the file
deleted) is refused, since other clones merge that file by its lines.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import Config
from cchc_cli.core.vntext import fold
from cchc_cli.store.progress import PROGRESS_DIR, SUFFIX

_IDENT = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>")


@dataclass(frozen=True)
class Problem:
    path: str
    key: str
    args: dict[str, Any]


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError as err:
        raise CchcError("git.failed", path=folder, reason=str(err)) from None


def author(folder: Path) -> tuple[str, str]:
    """The (name, e-mail) git will record as the commit's author."""
    done = _git(folder, "var", "GIT_AUTHOR_IDENT")
    match = _IDENT.match(done.stdout.decode("utf-8", errors="replace"))
    if done.returncode != 0 or match is None:
        raise CchcError("scope.no-author")
    return match["name"].strip(), match["email"].strip()


def allowed_units(config: Config, name: str, email: str) -> set[str] | None:
    """The units the author may write; None: anyone may write anything."""
    if not config.writers:
        return None
    units: set[str] = set()
    for who, listed in config.writers:
        if who.casefold() == email.casefold() or fold(who) == fold(name):
            units.update(listed)
    return units


def check(data_dir: Path, config: Config) -> list[Problem]:
    """Every staged change to a progress file that the author may not make."""
    data_dir = data_dir.resolve()
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise CchcError("scope.not-a-repository", path=data_dir)
    root = Path(top.stdout.decode().strip()).resolve()
    prefix = PurePosixPath(data_dir.relative_to(root).as_posix()) / PROGRESS_DIR
    name, email = author(data_dir)
    allowed = allowed_units(config, name, email)
    staged = _git(root, "diff", "--cached", "--name-status", "--no-renames", "-z")
    fields = staged.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    problems = []
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        pure = PurePosixPath(path)
        if pure.parent != prefix or not pure.name.endswith(SUFFIX):
            continue
        unit = pure.name[: -len(SUFFIX)]
        if allowed is not None and unit not in allowed:
            who = email or name
            problems.append(Problem(path, "scope.not-yours", {"unit": unit, "author": who}))
            continue
        if status.startswith("D"):
            problems.append(Problem(path, "scope.deleted", {}))
        elif status.startswith("M") and not _grows(root, path):
            problems.append(Problem(path, "scope.not-append", {}))
    return problems


def _grows(root: Path, path: str) -> bool:
    """Whether the staged file is the committed one with lines added at its end."""
    before = _git(root, "show", f"HEAD:{path}")
    after = _git(root, "show", f":{path}")
    if before.returncode != 0:
        return True  # new in this commit
    old, new = before.stdout, after.stdout
    if new.startswith(old):
        return True
    if old.endswith(b"\n"):
        return False
    # A last line without a line break gets one when a line is added after it.
    return new.startswith(old + b"\n") or new.startswith(old + b"\r\n")
