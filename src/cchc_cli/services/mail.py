"""Sending the reminders by SMTP, each at most once per unit per day.

What was sent is recorded in ``<data>/.cchc/sent.jsonl`` right after the server
accepts each message, so a cron retry or a manual rerun the same day sends only
what did not go out. Two deliveries at once do not both send: each holds the
mail lock (``.cchc/mail.lock``) for its whole run. The data folder's own lock,
which every edit waits for, is held only for the moments the sent-log is read
or appended to, never while a server talks: a slow server cannot block a
``cchc done``.

A delivery run has a deadline (``--mail-deadline``, :data:`DEFAULT_DEADLINE`
seconds): when it passes, the connection is closed, even in the middle of a
server's reply trickling in byte by byte, and what was not sent is reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import SmtpSettings
from cchc_cli.store.fileio import locked, state_dir
from cchc_cli.views.remind import Outgoing

SENT_FILE = "sent.jsonl"
MAIL_LOCK = "mail-lock"
TIMEOUT = 30
#: Seconds a whole delivery run may take (connect, every message, quit).
DEFAULT_DEADLINE = 300
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class MailError(CchcError):
    """The server could not be reached or refused the session; ``key`` names the message.

    ``delivery`` says what went out before it failed (nothing, when unreachable).
    """

    def __init__(self, key: str, delivery: Delivery, /, **args: object) -> None:
        super().__init__(key, **args)
        self.delivery = delivery


@dataclass
class Delivery:
    sent: list[str] = field(default_factory=list)
    #: Sent earlier the same day.
    skipped: list[str] = field(default_factory=list)
    #: (key, reason) of the messages that did not go out; the reason :data:`LATE`
    #: when the run's deadline passed first.
    failed: list[tuple[str, str]] = field(default_factory=list)
    deadline: float = DEFAULT_DEADLINE
    #: Numbers of the lines of the sent log that were not a usable entry (skipped).
    bad_log_lines: list[int] = field(default_factory=list)


class _Deadline:
    """Closes a connection's socket when the time is up, whatever it is waiting for.

    A per-read timeout does not bound a server that sends one byte every few
    seconds; shutting the socket down from a timer ends any read at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.passed = False
        self._connection: smtplib.SMTP | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def watch(self, connection: smtplib.SMTP) -> None:
        self._connection = connection

    def timeout(self) -> float:
        """A socket timeout that never outlives the deadline."""
        return max(0.1, min(TIMEOUT, self.end - time.monotonic()))

    def _expire(self) -> None:
        self.passed = True
        sock = getattr(self._connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _connect(settings: SmtpSettings, password: str | None, deadline: _Deadline) -> smtplib.SMTP:
    host = settings.host or ""
    port = settings.port or DEFAULT_PORTS.get(settings.security, 25)
    # Made unconnected, then watched, then connected: the deadline covers the
    # server's greeting too.
    connection: smtplib.SMTP
    if settings.security == "ssl":
        connection = smtplib.SMTP_SSL(
            timeout=deadline.timeout(), context=ssl.create_default_context()
        )
    else:
        connection = smtplib.SMTP(timeout=deadline.timeout())
    deadline.watch(connection)
    connection.connect(host, port)
    if settings.security == "starttls":
        connection.starttls(context=ssl.create_default_context())
    if settings.user:
        connection.login(settings.user, password or "")
    return connection


def _sent_today(path: Path, day: str) -> tuple[set[str], list[int]]:
    """The keys sent on ``day``, and the numbers of the lines that are no usable entry.

    A line that is not a JSON object with a text "day" and "key" (hand-edited, or
    cut short by a crash) is skipped, never fatal: at worst a message goes twice.
    """
    if not path.exists():
        return set(), []
    keys = set()
    bad = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                entry = None
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("day"), str)
                and isinstance(entry.get("key"), str)
            ):
                bad.append(number)
                continue
            if entry["day"] == day:
                keys.add(entry["key"])
    return keys, bad


def _record(path: Path, entry: dict[str, object]) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def deliver(
    data_dir: Path,
    outgoing: list[Outgoing],
    settings: SmtpSettings,
    password: str | None,
    today: date,
    timezone: str,
    force: bool = False,
    deadline: float = DEFAULT_DEADLINE,
    tick: Callable[[int, int], None] | None = None,
) -> Delivery:
    """Send what has not been sent today; raise :class:`MailError` if nothing could be.

    A user set with no password is refused before anything is sent. ``tick(done,
    total)`` is told of each message handled (a progress bar).
    """
    if settings.user and password is None:
        raise CchcError("mail.no-password", variable=settings.password_env)
    delivery = Delivery(deadline=deadline)
    day = today.isoformat()
    log = state_dir(data_dir) / SENT_FILE
    with locked(data_dir, MAIL_LOCK), _Deadline(deadline) as clock:
        with locked(data_dir):
            already, delivery.bad_log_lines = (set(), []) if force else _sent_today(log, day)
        pending = [o for o in outgoing if o.key not in already]
        delivery.skipped = [o.key for o in outgoing if o.key in already]
        if not pending:
            return delivery
        if settings.user and password and not password.isascii():
            # smtplib sends AUTH as ASCII and would raise UnicodeEncodeError mid-session.
            delivery.failed = [(o.key, PASSWORD_REASON) for o in pending]
            raise MailError("mail.password-not-ascii", delivery, variable=settings.password_env)
        try:
            connection = _connect(settings, password, clock)
        except (OSError, smtplib.SMTPException) as err:
            reason = _late(clock) or _reason(err)
            delivery.failed = [(o.key, reason) for o in pending]
            if clock.passed:
                raise MailError(LATE, delivery, seconds=f"{deadline:g}") from None
            raise MailError(
                "mail.unreachable", delivery, host=settings.host, reason=reason
            ) from None
        try:
            for index, item in enumerate(pending):
                if tick is not None:
                    tick(index, len(pending))
                try:
                    connection.send_message(
                        item.message, from_addr=_envelope_sender(item), to_addrs=list(item.to)
                    )
                except (smtplib.SMTPServerDisconnected, TimeoutError) as err:
                    reason = _late(clock) or _reason(err)
                    delivery.failed += [(o.key, reason) for o in pending[index:]]
                    break
                except (smtplib.SMTPException, OSError) as err:
                    if clock.passed:
                        delivery.failed += [(o.key, _late(clock)) for o in pending[index:]]
                        break
                    delivery.failed.append((item.key, _reason(err)))
                    continue
                delivery.sent.append(item.key)
                entry = {
                    "day": day,
                    "key": item.key,
                    "to": list(item.to),
                    "time": datetime.now(ZoneInfo(timezone)).isoformat(timespec="seconds"),
                    "message_id": item.message["Message-ID"],
                }
                with locked(data_dir):
                    _record(log, entry)
        finally:
            if not clock.passed:
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    connection.quit()
            connection.close()
    return delivery


#: The reason given for what was not sent because the deadline passed (a message key).
LATE = "mail.deadline-passed"
#: The reason of each message not sent because the password cannot be sent.
PASSWORD_REASON = "mail.reason-password"


def _late(clock: _Deadline) -> str:
    """:data:`LATE` when the deadline has passed, else "" (the error's own reason then)."""
    return LATE if clock.passed else ""


def _envelope_sender(item: Outgoing) -> str:
    """The From header's address, as parsed when the header was built (never re-split)."""
    return str(item.message["From"].addresses[0].addr_spec)


def _reason(err: BaseException) -> str:
    if isinstance(err, smtplib.SMTPResponseException):
        return f"{err.smtp_code} {_text(err.smtp_error)}"
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in err.recipients.items()
        )
    return str(err) or type(err).__name__


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def missing_settings(settings: SmtpSettings, office: tuple[str, ...], dry_run: bool) -> list[str]:
    """The settings mail needs and lacks (a dry run needs no server)."""
    needed = (
        ("smtp.sender", bool(settings.sender)),
        ("office_email", bool(office)),
        ("smtp.host", bool(settings.host) or dry_run),
    )
    return [name for name, present in needed if not present]
