"""Writing progress files: one event as its line, and the durable append of new lines.

Progress files are append-only (:mod:`cchc_cli.store.progress` reads them): an edit
adds lines at the end with ``O_APPEND`` and fsync, after checking the file is the
size it was read at, so a line is never written over someone else's.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from cchc_cli.core.errors import CchcError
from cchc_cli.store.fileio import DataFileError, read_data_file
from cchc_cli.store.progress import Event


def render_event(event: Event) -> str:
    """One event as the line a progress file holds (without the line break)."""
    pairs: dict[str, object] = {"task": event.task}
    if event.kind == "note":
        pairs.update(note=event.text, on=event.on)
    elif event.kind == "cancelled" and event.day is None:
        pairs["cancelled"] = ""  # undated: cancelled from the start
    else:
        pairs[event.kind] = event.day
    if event.kind == "done":
        pairs.update(evidence=event.evidence, note=event.note)
    if event.kind in ("reopened", "extended", "cancelled"):
        pairs["reason"] = event.reason
    if event.kind in ("extended", "cancelled"):
        pairs["decision"] = event.decision
    if event.kind == "extended":
        pairs["on"] = event.on
    from cchc_cli.store.yamlwrite import flow_map  # only edits write: reads need not load it

    return "- " + flow_map(pairs)


def addition(existing: bytes | None, lines: list[str], first: str) -> bytes:
    """The bytes that append ``lines`` to a file holding ``existing`` (None: no file yet).

    A new file starts with ``first`` (its header comment). A file that does not
    end with a line break gets one first, so a hand-edited last line is never
    glued to the new event; a file written with CRLF gets CRLF.
    """
    if existing is None:
        return (first + "".join(line + "\n" for line in lines)).encode("utf-8")
    newline = "\r\n" if b"\r\n" in existing else "\n"
    lead = newline if existing and not existing.endswith(b"\n") else ""
    return (lead + "".join(line + newline for line in lines)).encode("utf-8")


def read_for_append(path: Path, limit: int) -> bytes | None:
    """The bytes of a progress file about to get a line (None: no file yet).

    Through the one bounded reader: a FIFO put there would block a plain read
    forever, a link to /dev/zero never end. Such a file is refused, named.
    """
    try:
        return read_data_file(path, limit)
    except DataFileError as err:
        if err.key == "file.unreadable":
            if not os.path.lexists(path):
                return None
            raise CchcError("edit.unreadable", path=str(path), **err.args_) from None
        # The loader has just said why, as path: error: ...; this ends the edit.
        raise CchcError("edit.invalid-file", path=str(path)) from None


def append(path: Path, data: bytes, offset: int) -> None:
    """Append ``data`` to ``path`` (created if missing), durably; the file must be ``offset`` long.

    O_APPEND writes at the end whatever else happened; the size check refuses
    to write when the file is not what the caller read (the journal recorded
    ``offset``), and fsync makes the line survive a power cut.
    """
    created = not path.exists()
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        if os.fstat(fd).st_size != offset:
            raise FileChangedError(str(path))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError as err:
            # A full disk: take back the part written, so no half line stays.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, offset)
            raise OSError(err.errno, err.strerror, str(path)) from None
    finally:
        os.close(fd)
    if created and os.name == "posix":
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


class FileChangedError(Exception):
    """A progress file is not the size it was read at: someone else wrote to it."""
