"""Sending the reminders by SMTP, each at most once per unit per day.

What was sent is recorded in ``<data>/.cchc/sent.jsonl`` right after the server
accepts each message, under the data folder's lock, so a cron retry or a
manual rerun the same day sends only what did not go out, and two runs at once
do not both send.
"""

from __future__ import annotations

import contextlib
import json
import os
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import SmtpSettings
from cchc_cli.store.fileio import locked, state_dir
from cchc_cli.views.remind import Outgoing

SENT_FILE = "sent.jsonl"
TIMEOUT = 30
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
    #: (key, reason) of the messages that did not go out.
    failed: list[tuple[str, str]] = field(default_factory=list)


def _connect(settings: SmtpSettings, password: str | None) -> smtplib.SMTP:
    host = settings.host or ""
    port = settings.port or DEFAULT_PORTS.get(settings.security, 25)
    if settings.security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            host, port, timeout=TIMEOUT, context=ssl.create_default_context()
        )
    else:
        connection = smtplib.SMTP(host, port, timeout=TIMEOUT)
        if settings.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
    if settings.user:
        connection.login(settings.user, password or "")
    return connection


def _sent_today(path: Path, day: str) -> set[str]:
    if not path.exists():
        return set()
    keys = set()
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                entry = json.loads(line)
                if entry.get("day") == day:
                    keys.add(entry["key"])
    return keys


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
) -> Delivery:
    """Send what has not been sent today; raise :class:`MailError` if nothing could be."""
    delivery = Delivery()
    day = today.isoformat()
    with locked(data_dir):
        log = state_dir(data_dir) / SENT_FILE
        already = set() if force else _sent_today(log, day)
        pending = [o for o in outgoing if o.key not in already]
        delivery.skipped = [o.key for o in outgoing if o.key in already]
        if not pending:
            return delivery
        try:
            connection = _connect(settings, password)
        except (OSError, smtplib.SMTPException) as err:
            delivery.failed = [(o.key, str(err)) for o in pending]
            raise MailError(
                "mail.unreachable", delivery, host=settings.host, reason=_reason(err)
            ) from None
        try:
            for index, item in enumerate(pending):
                try:
                    connection.send_message(item.message, to_addrs=list(item.to))
                except smtplib.SMTPServerDisconnected as err:
                    delivery.failed += [(o.key, _reason(err)) for o in pending[index:]]
                    break
                except (smtplib.SMTPException, OSError) as err:
                    delivery.failed.append((item.key, _reason(err)))
                    continue
                delivery.sent.append(item.key)
                _record(
                    log,
                    {
                        "day": day,
                        "key": item.key,
                        "to": list(item.to),
                        "time": datetime.now(ZoneInfo(timezone)).isoformat(timespec="seconds"),
                        "message_id": item.message["Message-ID"],
                    },
                )
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                connection.quit()
    return delivery


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


def send(
    data_dir: Path,
    outgoing: list[Outgoing],
    settings: SmtpSettings,
    password: str | None,
    today: date,
    timezone: str,
    force: bool = False,
) -> Delivery:
    """Check the password is there when a user is, then :func:`deliver`."""
    if settings.user and password is None:
        raise CchcError("mail.no-password", variable=settings.password_env)
    return deliver(data_dir, outgoing, settings, password, today, timezone, force)
