"""The YAML of ``config.yaml`` into :class:`cchc_cli.core.model.Config`, every problem a diagnostic.

Apart from :mod:`cchc_cli.store.config` so that a run answered from the cache's
snapshot (:mod:`cchc_cli.store.snapshot`) never imports a YAML parser.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cchc_cli.core.diagnostics import Diagnostic, Source, error
from cchc_cli.core.model import (
    DEFAULT_TIMEZONE,
    SMTP_SECURITY,
    Config,
    DocumentSettings,
    Person,
    SmtpSettings,
)
from cchc_cli.core.safetext import for_terminal
from cchc_cli.core.vntext import tidy
from cchc_cli.store.config import (
    CONFIG_KEYS,
    DOCUMENT_KEYS,
    LANGUAGES,
    SCOPE_KEYS,
    SIGNER_KEYS,
    SMTP_KEYS,
)
from cchc_cli.store.schema import Fields, read_addresses, read_date
from cchc_cli.store.yamlsrc import YMap, YScalar, parse, read_file_bytes


def parse_config(path: Path) -> tuple[Config, list[Diagnostic], set[str], bytes]:
    """The settings in the file ``path``, the problems found, the keys it writes and its bytes."""
    shown = str(path)
    content, text, diagnostics = read_file_bytes(path, shown)
    if text is None:
        return Config(), diagnostics, set(), content
    node, problems = parse(text, shown)
    diagnostics += problems
    if node is None:
        return Config(), diagnostics, set(), content
    if not isinstance(node, YMap):
        return Config(), [*diagnostics, error(node.source, "yaml.not-a-mapping")], set(), content
    keys = set(node.entries)
    smtp_entry = node.entries.get("smtp")
    if smtp_entry and isinstance(smtp_entry.value, YMap):
        keys |= {f"smtp.{k}" for k in smtp_entry.value.entries}
    fields = Fields(node, (*CONFIG_KEYS, *SCOPE_KEYS), diagnostics)
    timezone = fields.scalar("timezone")
    days = fields.scalar("reminder_days")
    max_mb = fields.scalar("max_file_mb")
    holidays = _dates(fields.scalars("holidays"), diagnostics)
    working_days = _dates(fields.scalars("working_days"), diagnostics)
    office_name = fields.text("office")
    issuing_body = fields.text("issuing_body")
    language = fields.scalar("language")
    git_commit = fields.scalar("git_commit")
    next_working_day = fields.scalar("deadline_next_working_day")
    office = _emails(fields.scalars("office_email"), diagnostics)
    smtp_node = fields.mapping("smtp")
    writers = _writers(fields.mapping("writers"), diagnostics)
    document = fields.mapping("document")
    office_id = fields.scalar("office_id")
    sources = fields.scalars("sources")
    fields.finish()
    settings: dict[str, Any] = {
        "holidays": holidays,
        "working_days": working_days,
        "office_email": office,
        "office": office_name,
        "issuing_body": issuing_body,
        "writers": writers,
    }
    if (switch := _choice(git_commit, ("true", "false"), diagnostics)) is not None:
        settings["git_commit"] = switch == "true"
    if (switch := _choice(next_working_day, ("true", "false"), diagnostics)) is not None:
        settings["deadline_next_working_day"] = switch == "true"
    if (chosen := _choice(language, LANGUAGES, diagnostics, "config.bad-language")) is not None:
        settings["language"] = chosen
    if timezone is not None:
        try:
            ZoneInfo(timezone.value or "")
            settings["timezone"] = timezone.value or DEFAULT_TIMEZONE
        except (ZoneInfoNotFoundError, ValueError, OSError):
            # OSError: a folder of zones ("America") or an unreadable file.
            diagnostics.append(
                error(timezone.source, "config.bad-timezone", timezone=timezone.value)
            )
    if days is not None:
        number = _whole(days, diagnostics, 0, 366)
        if number is not None:
            settings["reminder_days"] = number
    if smtp_node is not None:
        settings["smtp"] = _smtp(smtp_node, diagnostics)
    if max_mb is not None:
        number = _whole(max_mb, diagnostics, 1, 10_000)
        if number is not None:
            settings["max_file_mb"] = number
    if document is not None:
        settings["document"] = _document(document, diagnostics)
    if office_id is not None:
        settings["office_id"] = _office_id(office_id, diagnostics)
    settings["sources"] = _sources(sources, diagnostics)
    return Config(**settings), diagnostics, keys, content


def _choice(
    scalar: YScalar | None,
    allowed: tuple[str, ...],
    diagnostics: list[Diagnostic],
    key: str = "config.bad-choice",
) -> str | None:
    """The value if it is one of ``allowed``; else an error where it is written."""
    if scalar is None:
        return None
    if scalar.value in allowed:
        return scalar.value
    diagnostics.append(error(scalar.source, key, value=scalar.value, allowed=", ".join(allowed)))
    return None


def _dates(scalars: list[YScalar], diagnostics: list[Diagnostic]) -> tuple[date, ...]:
    return tuple(d for d in (read_date(s, diagnostics) for s in scalars) if d)


def _whole(scalar: YScalar, diagnostics: list[Diagnostic], low: int, high: int) -> int | None:
    text = scalar.value or ""
    # ASCII digits only: "²" and "١٢" pass str.isdigit; a short text only:
    # int() refuses more than 4,300 digits with an exception.
    if not (text.isascii() and text.isdigit() and len(text) <= 9) or not low <= int(text) <= high:
        diagnostics.append(
            error(scalar.source, "config.bad-number", value=text, low=low, high=high)
        )
        return None
    return int(text)


def _office_id(scalar: YScalar, diagnostics: list[Diagnostic]) -> str | None:
    """``office_id:``: a unit id's form (it goes before unit ids: ``vinh-linh/noi-vu``)."""
    from cchc_cli.core.units import ID_PATTERN

    if ID_PATTERN.fullmatch(scalar.value or ""):
        return scalar.value
    diagnostics.append(error(scalar.source, "config.bad-office-id", value=scalar.value or ""))
    return None


def _sources(
    scalars: list[YScalar], diagnostics: list[Diagnostic]
) -> tuple[tuple[str, Source], ...]:
    """``sources:``: folder paths, each with where it is written; a path with a control
    character (a NUL cannot be in a path at all) is an error there."""
    found = []
    for scalar in scalars:
        path = scalar.value or ""
        if _has_controls(path):
            diagnostics.append(error(scalar.source, "config.bad-text", key="sources"))
        elif path.strip():
            found.append((path, scalar.source))
    return tuple(found)


def _emails(scalars: list[YScalar], diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    return read_addresses(scalars, diagnostics)


def _smtp(node: YMap, diagnostics: list[Diagnostic]) -> SmtpSettings:
    # "password" is known only to be refused with a reason, not as a typo.
    fields = Fields(node, (*SMTP_KEYS, "password"), diagnostics)
    port = fields.scalar("port")
    security = fields.scalar("security")
    sender = fields.text("sender")
    settings: dict[str, Any] = {
        "host": fields.text("host"),
        "user": fields.text("user"),
        "sender": sender,
    }
    password_env = fields.text("password_env")
    if "password" in node.entries:
        # Refused outright: a password in a data folder ends up in git.
        diagnostics.append(error(node.entries["password"].key_source, "config.password-in-file"))
    fields.finish()
    if password_env:
        settings["password_env"] = password_env
    if port is not None:
        settings["port"] = _whole(port, diagnostics, 1, 65535)
    if (chosen := _choice(security, SMTP_SECURITY, diagnostics)) is not None:
        settings["security"] = chosen
    if sender:
        from cchc_cli.core.addresses import AddressError, parse_address

        try:
            parse_address(sender, named=True)
        except AddressError:
            diagnostics.append(error(fields.spans["sender"], "units.bad-email", email=sender))
    return SmtpSettings(**settings)


def _writers(
    node: YMap | None, diagnostics: list[Diagnostic]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``writers:``: an author's e-mail or name -> the unit ids whose progress they write."""
    if node is None:
        return ()
    from cchc_cli.core.units import ID_PATTERN

    found = []
    for who, entry in node.entries.items():
        value = entry.value
        items = [value] if isinstance(value, YScalar) else getattr(value, "items", None)
        if items is None:
            diagnostics.append(error(value.source, "schema.expected-list", key=who))
            continue
        units = []
        for item in items:
            unit = item.value if isinstance(item, YScalar) else None
            if unit is None or not (unit == "_office" or ID_PATTERN.fullmatch(unit)):
                diagnostics.append(error(item.source, "config.bad-writer-unit", unit=unit or ""))
                continue
            units.append(unit)
        found.append((" ".join(who.split()), tuple(units)))
    return tuple(found)


#: An abbreviation in a document's number: letters and digits, parts joined by "-" ("UBND-VP").
_SYMBOL = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
#: Type codes of NĐ 30/2020 (Phụ lục III) that cchc puts before the symbol itself.
_TYPE_CODES = ("BC-", "CV-")


def _document(node: YMap, diagnostics: list[Diagnostic]) -> DocumentSettings:
    """``document:``: the title block of the report as a Word document and of the letter."""
    fields = Fields(node, DOCUMENT_KEYS, diagnostics)
    texts = {key: _one_line(fields, key) for key in ("parent", "body", "place")}
    symbol = _symbol(fields, "symbol")
    drafter = _symbol(fields, "drafter")
    recipients = []
    for scalar in fields.scalars("recipients"):
        text = tidy(scalar.value or "")
        if _has_controls(text):
            diagnostics.append(error(scalar.source, "config.bad-text", key="recipients"))
        elif text:
            recipients.append(text)
    signer = _signer(fields, diagnostics)
    fields.finish()
    return DocumentSettings(
        symbol=symbol, drafter=drafter, signer=signer, recipients=tuple(recipients), **texts
    )


def _has_controls(text: str) -> bool:
    return for_terminal(text) != text


def _one_line(fields: Fields, key: str) -> str | None:
    """A text of one line (runs of spaces and line breaks read as one space)."""
    text = fields.text(key)
    if text and _has_controls(text):
        fields.diagnostics.append(error(fields.spans[key], "config.bad-text", key=key))
        return None
    return text or None


def _symbol(fields: Fields, key: str) -> str | None:
    text = _one_line(fields, key)
    if text is None:
        return None
    if text.upper().startswith(_TYPE_CODES):
        fields.diagnostics.append(error(fields.spans[key], "config.symbol-has-type", value=text))
        return None
    if len(text) > 30 or not _SYMBOL.fullmatch(text):
        fields.diagnostics.append(error(fields.spans[key], "config.bad-symbol", value=text))
        return None
    return text


def _signer(fields: Fields, diagnostics: list[Diagnostic]) -> Person | None:
    """``signer:``: a name alone, or ``{on_behalf, title, name}``."""
    entry = fields.node.entries.get("signer")
    if entry is None:
        return None
    if isinstance(entry.value, YScalar):
        name = _one_line(fields, "signer")
        return Person(name) if name else None
    node = fields.mapping("signer")
    if node is None:
        return None
    inner = Fields(node, SIGNER_KEYS, diagnostics)
    name, title, on_behalf = (_one_line(inner, k) for k in ("name", "title", "on_behalf"))
    inner.finish()
    if name is None and title is None:
        diagnostics.append(error(node.source, "schema.missing", key="name"))
        return None
    return Person(name or "", title, on_behalf)
