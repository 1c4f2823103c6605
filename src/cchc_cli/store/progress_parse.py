"""The YAML of a progress file, line by line, into events (:mod:`cchc_cli.store.progress`).

Apart from :mod:`cchc_cli.store.progress` so that a run answered from the cache's
snapshot (:mod:`cchc_cli.store.snapshot`) never imports a YAML parser.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from cchc_cli.core.dates import DateError, parse_date
from cchc_cli.core.diagnostics import Diagnostic, Source, error, warning
from cchc_cli.core.vntext import tidy
from cchc_cli.store.progress import KEYS, KINDS, Event
from cchc_cli.store.schema import Fields, date_error
from cchc_cli.store.yamlsrc import YMap, YScalar, YSeq, parse


def parse_events(text: str, shown: str, unit: str | None) -> tuple[list[Event], list[Diagnostic]]:
    """:func:`cchc_cli.store.progress.parse_progress`."""
    lines = text.split("\n")
    wanted = [
        number
        for number, raw in enumerate(lines, start=1)
        if raw.strip() and not raw.strip().startswith("#")
    ]
    # An event nests nothing: a line with many brackets is refused before a
    # parser recurses into it (a hostile or garbled file must not crash a run).
    deep = {n for n in wanted if _nesting(lines[n - 1]) > MAX_NESTING}
    whole = None if deep else _whole_file(text, shown, wanted)
    events: list[Event] = []
    diagnostics: list[Diagnostic] = []
    for number in wanted:
        found: list[Diagnostic] = []
        at = Source(shown, number, 1)
        if number in deep:
            event = None
            found.append(error(at, "progress.not-an-event"))
        elif whole is not None:
            event = _event_of_item(whole[number], at, unit, found)
        else:
            raw = lines[number - 1]
            event = _event_of_line(raw[:-1] if raw.endswith("\r") else raw, at, unit, found)
        diagnostics += found
        if any(d.is_error for d in found):
            diagnostics.append(warning(at, "progress.left-out"))
        elif event is not None:
            events.append(event)
    return events, diagnostics


MAX_NESTING = 8


def _nesting(line: str) -> int:
    """An upper bound of how deep a line's flow collections nest."""
    return line.count("[") + line.count("{")


def _whole_file(text: str, shown: str, wanted: list[int]) -> dict[int, YMap] | None:
    """Line number -> its event's mapping, if every wanted line is one flow item alone."""
    node, problems = parse(text, shown)
    if problems or (node is None and wanted):
        return None
    if node is None:
        return {}
    if not isinstance(node, YSeq) or len(node.items) != len(wanted):
        return None
    found = {}
    for item in node.items:
        if not isinstance(item, YMap) or not item.flow or item.source.col != 3:
            return None
        found[item.source.line] = item
    return found if sorted(found) == wanted else None


def _event_of_line(
    line: str, at: Source, unit: str | None, diagnostics: list[Diagnostic]
) -> Event | None:
    shown, number = at.path, at.line
    if not line.startswith("- "):
        diagnostics.append(error(at, "progress.not-an-event"))
        return None
    node, problems = parse(line, shown)
    # The line was parsed alone: put its positions on the file's line.
    diagnostics += [
        dataclasses.replace(d, source=Source(shown, number, d.source.col or 1)) for d in problems
    ]
    if problems:
        return None
    if not isinstance(node, YSeq) or len(node.items) != 1 or not isinstance(node.items[0], YMap):
        diagnostics.append(error(at, "progress.not-an-event"))
        return None
    return _event_of_item(_moved(node.items[0], number), at, unit, diagnostics)


def _event_of_item(
    item: YMap, at: Source, unit: str | None, diagnostics: list[Diagnostic]
) -> Event | None:
    kinds = [k for k in KINDS if k in item.entries]
    if len(kinds) > 1 and "note" in kinds:
        kinds.remove("note")  # a completion's own note: {done: ..., note: ...}
    if len(kinds) != 1:
        diagnostics.append(error(at, "progress.kind", kinds=", ".join(KINDS)))
        return None
    kind = kinds[0]
    fields = Fields(item, KEYS[kind], diagnostics)
    task = fields.scalar("task", required=True)
    ref = tidy(task.value or "") if task is not None else ""
    if task is not None and (ref.count("/") < 1 or ref.startswith("/") or ref.endswith("/")):
        diagnostics.append(error(task.source, "progress.bad-ref", ref=ref))
    values: dict[str, object] = {}
    if kind == "note":
        values["text"] = fields.text("note", required=True)
        values["on"] = _date(fields.scalar("on", required=True), diagnostics)
    elif kind == "cancelled" and _is_null(item, kind):
        fields.spans[kind] = item.entries[kind].value.source  # undated: from the start
    else:
        values["day"] = _date(fields.scalar(kind, required=True), diagnostics)
    if kind == "done":
        values["evidence"] = fields.text("evidence")
        values["note"] = fields.text("note")
    if kind in ("reopened", "extended", "cancelled"):
        values["reason"] = fields.text("reason", required=True)
    if kind in ("extended", "cancelled"):
        values["decision"] = fields.text("decision")
    if kind == "extended":
        values["on"] = _date(fields.scalar("on"), diagnostics)
    fields.finish()
    if task is None:
        return None
    return Event(kind, ref, unit, source=at, task_source=task.source, **values)  # type: ignore[arg-type]


def _moved(node: YMap, number: int) -> YMap:
    """A mapping parsed from one line, with its positions on line ``number`` of the file."""

    def move(source: Source) -> Source:
        return Source(source.path, number, source.col)

    entries = {}
    for key, entry in node.entries.items():
        value = entry.value
        if isinstance(value, YScalar):
            value = dataclasses.replace(value, source=move(value.source))
        else:
            value = dataclasses.replace(value, source=move(value.source))
        entries[key] = dataclasses.replace(entry, key_source=move(entry.key_source), value=value)
    return dataclasses.replace(node, entries=entries, source=move(node.source))


def _is_null(item: YMap, key: str) -> bool:
    """``cancelled: ""`` (or null): no date, cancelled from the start."""
    value = item.entries[key].value
    return isinstance(value, YScalar) and not value.value


def _date(value: YScalar | None, diagnostics: list[Diagnostic]) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value.value or "")
    except DateError as err:
        diagnostics.append(date_error(err, value.source))
        return None
