"""Writing files so that a crash or a second writer never leaves them half-written.

- :func:`atomic_write`: a temporary file in the same folder, fsync, the
  original's permission bits, then ``os.replace`` (and an fsync of the folder),
  so a reader sees either the old file or the new one, never a mix.
- :func:`locked`: an exclusive lock on the data folder for a read-change-write
  cycle, so concurrent ``cchc`` edits are serialized rather than lost.
- :func:`read_data_file`: the one reader of data files (notices, units.yaml,
  config.yaml, progress files): regular files only, never a blocking open,
  never more than a size limit.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from cchc_cli.core.errors import CchcError

STATE_DIR = ".cchc"
LOCK_FILE = "lock"

#: The size limit for a data file before config.yaml's ``max_file_mb`` is known.
DEFAULT_LIMIT = 10 * 1024 * 1024
#: Open flags that never wait: a FIFO without a writer opens at once (and is
#: then refused), a terminal device never becomes the controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_READ_CHUNK = 1024 * 1024


class DataFileError(CchcError):
    """A data file that cannot be read; ``key`` and ``args_`` name the message."""


def _special_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def read_data_file(path: Path | str, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`DataFileError`.

    The one reader of data files: it never blocks (a FIFO, a device such as
    ``/dev/zero`` or a folder is refused after a non-blocking open and an
    ``fstat`` of what was opened, so a swap between check and open cannot fool
    it), and it never reads more than ``limit`` bytes, even from a file that
    grows while it is read.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        raise DataFileError("file.unreadable", reason=err.strerror or str(err)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataFileError(f"file.is-{_special_kind(info.st_mode)}")
        if info.st_size > limit:
            raise _too_big(info.st_size, limit)
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_big(size, limit)
        return b"".join(chunks)
    except OSError as err:
        raise DataFileError("file.unreadable", reason=err.strerror or str(err)) from None
    finally:
        os.close(fd)


def check_regular(path: Path | str) -> None:
    """:class:`DataFileError` unless ``path`` is a regular file, found out without blocking
    (for readers that must open the file themselves, such as a zip reader)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        raise DataFileError("file.unreadable", reason=err.strerror or str(err)) from None
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    if not stat.S_ISREG(mode):
        raise DataFileError(f"file.is-{_special_kind(mode)}")


def _too_big(size: int, limit: int) -> DataFileError:
    mb = 1024 * 1024
    shown_limit = limit // mb if limit % mb == 0 else round(limit / mb, 1)
    return DataFileError("file.too-big", size=round(size / mb, 1), limit=shown_limit)


#: What a new file gets before the umask, as from any editor or ``open(path, "w")``.
NEW_FILE_MODE = 0o666


def current_umask() -> int:
    """The process's umask (POSIX has no call that only reads it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data``: an existing file keeps its permission
    bits; a new one gets those the umask leaves, like a file an editor saves. (The
    temporary file is created 0600: cron's ``User=cchc`` could not read the result.)
    An office that wants its files private sets ``umask 077``."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = NEW_FILE_MODE & ~current_umask()
    import tempfile  # only writes need it (with shutil and random: 4 ms of every run)

    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        if err.filename is None or os.path.basename(str(err.filename)).startswith(f".{path.name}."):
            # Name the file the user knows, not the temporary one (read-only folder).
            raise OSError(err.errno, err.strerror, str(path)) from err
        raise
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(err, OSError) and err.filename is None:
            # A full disk fails the write with no file name: name the file, or
            # the message would blame standard output.
            raise OSError(err.errno, err.strerror, str(path)) from err
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def state_dir(data_dir: Path) -> Path:
    """Where cchc keeps its own files (journal, lock) inside the data folder."""
    folder = data_dir / STATE_DIR
    folder.mkdir(exist_ok=True)
    return folder


@contextlib.contextmanager
def locked(data_dir: Path, name: str = LOCK_FILE) -> Iterator[None]:
    """Hold the data folder's edit lock, or another lock ``name`` (blocking until free)."""
    path = state_dir(data_dir) / name
    with open(path, "a+b") as handle:
        _lock(handle.fileno())
        try:
            yield
        finally:
            _unlock(handle.fileno())


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
