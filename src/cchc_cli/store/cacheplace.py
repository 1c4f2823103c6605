"""Where a data folder's cache lives, and deleting it (:mod:`cchc_cli.store.cache`)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

CACHE_FILE = "cache.sqlite"


def user_cache_dir() -> Path:
    """The per-user cache folder: XDG on Unix, LOCALAPPDATA on Windows."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "cchc" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cchc"


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex; hashlib imported at the first (2.5 ms, OpenSSL
    loaded), which a warm read never asks for."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def cache_locations(data_dir: Path) -> Iterator[Path]:
    """Where the cache of ``data_dir`` may live, in order of preference (the user's
    folder's name, a digest, only if asked for: a warm run stops at the first)."""
    yield data_dir / ".cchc" / CACHE_FILE
    # The name's bytes: a folder's name need not be UTF-8 (the same digest when it is).
    digest = sha256_hex(os.fsencode(data_dir.resolve()))[:16]
    yield user_cache_dir() / f"{digest}.sqlite"


def clear(data_dir: Path) -> list[Path]:
    """Delete the data folder's cache wherever it is; the paths deleted."""
    removed = []
    for location in cache_locations(data_dir):
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = location.with_name(location.name + suffix)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                if not suffix:
                    removed.append(path)
    return removed


def clear_one(location: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            location.with_name(location.name + suffix).unlink()
