"""Writing progress files: one event as its line, and the durable append of new lines.

Progress files are append-only (:mod:`cchc_cli.store.progress` reads them): an edit
adds lines at the end with ``O_APPEND`` and fsync, after checking the file is the
size it was read at, so a line is never written over someone else's.

The commonest edit, a bare completion (``done 2.3``: no evidence, no note), is written
by :func:`plain_line` without the YAML writer and read back without the parser: both
import ruamel.yaml, 20-35 ms of a `done` that has 150 in all.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from cchc_cli.core.dates import FIRST_DAY, LAST_DAY
from cchc_cli.core.diagnostics import Source
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


#: A task reference that needs no quoting in a flow mapping and reads back as the same
#: text in YAML 1.1 and 1.2: ASCII letters, digits, ".", "_" and "-" in parts joined by
#: "/", maybe an instance key after "@". No implicit type's pattern (number, date,
#: boolean, null) holds a "/", and none of these characters is an indicator where it
#: stands (tests/test_edit_fast.py checks it against the writer and the reader).
_PLAIN_REF = re.compile(r"[A-Za-z0-9][\w.-]*(?:/[\w.-]+)+(?:@[\w.-]+)?", re.ASCII)
#: Where a plain line's reference starts (1-based), as the reader reports it.
_REF_COLUMN = len("- {task: ") + 1


def plain_line(event: Event) -> str | None:
    """The line :func:`render_event` writes for a bare completion with a plain reference,
    written without the YAML writer; None for any other event."""
    if (
        event.kind != "done"
        or event.day is None
        or not FIRST_DAY <= event.day <= LAST_DAY  # the reader refuses the others
        or event.evidence is not None
        or event.note is not None
        or not _PLAIN_REF.fullmatch(event.task)
    ):
        return None
    return f"- {{task: {event.task}, done: {event.day.isoformat()}}}"


def read_back(event: Event, shown: str, line: int) -> Event:
    """The event the reader makes of ``event``'s :func:`plain_line` at ``line`` of ``shown``."""
    return event._replace(
        source=Source(shown, line, 1), task_source=Source(shown, line, _REF_COLUMN)
    )


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


def resolved(path: Path) -> Path:
    """``path`` with its links followed; a loop of links stays where it is written, for the
    read that follows to name it (``Path.resolve`` raises RuntimeError before 3.13)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def read_for_edit(path: Path, limit: int) -> bytes | None:
    """:func:`read_for_append`, refusing a file that is not UTF-8: the reader leaves all
    of it out (and has said why), so a line added to it would be written and never read,
    a completion said done and not counted."""
    existing = read_for_append(path, limit)
    if existing is not None:
        try:
            existing.decode("utf-8")
        except UnicodeDecodeError:
            raise CchcError("edit.invalid-file", path=str(path)) from None
    return existing


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
