"""The oracle: every view agrees, pair by pair, with an obviously correct classification.

Hypothesis writes random data folders (notices with every deadline kind, partial
dates, meetings, group tasks, completions before, on and after the last day,
extensions, cancellations, notes) and picks random days. For each, the reference
below classifies every (task, unit) pair from the generated facts alone; then
``status``, ``report``, ``due``, ``overdue``, ``remind``, ``show`` and
``export -f json`` are run through the real command line (in-process) and must say the same.

The reference is written from docs/format.md and ../shared/DOMAIN.md, not from
the code: it imports nothing of cchc_cli's but the CLI app, and it knows each
deadline's last day because it wrote the phrase. Any faster way to compute the
views (SQL over the cache, say) must pass this test too.

Progress is written both ways: in the notices (the old layout) and as
progress/ files, with extensions for one unit and reopenings.

Size: ``CCHC_ORACLE_EXAMPLES`` data folders per run (default 40: 3 to 15 s on a
shared 2-core machine); ``CCHC_ORACLE_EXAMPLES=2000`` for a long run.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.util import find_spec
from pathlib import Path

import typer
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_cli.cli.app import app

EXAMPLES = int(os.environ.get("CCHC_ORACLE_EXAMPLES", "40"))
runner = CliRunner()
#: The command typer builds from the app, built once: the runner's ``invoke``
#: rebuilds it on every call, which would be most of this test's time.
COMMAND = typer.main.get_command(app)

# -- the office: four units, two groups --------------------------------------------------

UNITS = {"u-an": "Phòng An", "u-binh": "Phòng Bình", "u-chau": "Xã Châu", "u-dong": "Xã Đông"}
GROUPS = {"g-phong": ("u-an", "u-binh"), "g-xa": ("u-chau", "u-dong")}
UNITS_YAML = """\
groups:
  - id: g-phong
    name: Các phòng
  - id: g-xa
    name: Các xã
units:
  - {id: u-an, name: Phòng An, kind: department, groups: [g-phong]}
  - {id: u-binh, name: Phòng Bình, kind: department, groups: [g-phong]}
  - {id: u-chau, name: Xã Châu, kind: commune, groups: [g-xa]}
  - {id: u-dong, name: Xã Đông, kind: commune, groups: [g-xa]}
"""

#: Where progress is written: in the notices (the old layout, still read) or in
#: progress/ files, once this checkout reads them (helper C's branch, issue 14).
LAYOUTS = ("inline", "files") if find_spec("cchc_cli.store.progress") else ("inline",)
FIRST = date(2023, 9, 1)
LAST = date(2024, 12, 31)

# -- the generated facts -------------------------------------------------------------------


@dataclass
class Fact:
    """A task as the generator wrote it, with what each line means."""

    id: str
    assigned: tuple[str, ...]
    deadline: str | None
    last_day: date | None
    #: unit -> day it finished (a group key already spread to its members)
    done: dict[str, date] = field(default_factory=dict)
    done_yaml: list[str] = field(default_factory=list)
    #: (new last day, day decided or None)
    extensions: list[tuple[date, date | None]] = field(default_factory=list)
    cancelled: tuple[date | None] | None = None
    #: (day, unit or None)
    notes: list[tuple[date, str | None]] = field(default_factory=list)
    #: (unit, new last day, day decided or None): an extension for one unit only
    #: (progress files only: the old layout has no such thing)
    unit_extensions: list[tuple[str, date, date | None]] = field(default_factory=list)
    #: unit -> (day reopened, day done again or None), after its first completion
    #: (progress files only)
    reopened: dict[str, tuple[date, date | None]] = field(default_factory=dict)
    #: A recurring task (issue 23): (every: "month" or "quarter", day, "trước"?), and
    #: its completions per (period key, unit) (progress files only)
    repeat: tuple[str, int, bool] | None = None
    instance_done: dict[tuple[str, str], date] = field(default_factory=dict)

    @property
    def units(self) -> list[str]:
        members = {u for a in self.assigned for u in GROUPS.get(a, (a,))}
        return [u for u in UNITS if u in members]


@dataclass
class NoticeFact:
    id: str
    written_date: str
    first_day: date  # the first day the date of issue can mean
    last_possible: date  # the last day it can mean
    complete: bool
    meeting: date | None
    tasks: list[Fact]


def day_text(draw, day: date) -> str:
    return draw(
        st.sampled_from(
            [
                day.isoformat(),
                f"{day.day:02d}/{day.month:02d}/{day.year}",
                f"{day.day}/{day.month}/{day.year}",
            ]
        )
    )


def vn(day: date, padded: bool) -> str:
    return (
        f"{day.day:02d}/{day.month:02d}/{day.year}"
        if padded
        else f"{day.day}/{day.month}/{day.year}"
    )


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@st.composite
def deadlines(draw, notice: NoticeFact) -> tuple[str | None, date | None]:
    """A phrase of each kind the format knows, with the last day it means."""
    kind = draw(
        st.sampled_from(
            ["before", "no_later_than", "until", "before_time", "bare", "year", "month",
             "quarter", "ongoing", "none", "no_year"]
        )
    )  # fmt: skip
    day = draw(st.dates(date(2023, 10, 2), date(2024, 12, 30)))
    padded = draw(st.booleans())
    if kind == "before":
        return f"trước ngày {vn(day, padded)}", day - timedelta(days=1)
    if kind == "no_later_than":
        return f"Hoàn thành chậm nhất ngày {vn(day, padded)}", day
    if kind == "until":
        return draw(st.sampled_from(["đến", "từ nay đến"])) + f" {vn(day, padded)}", day
    if kind == "before_time":
        return f"trước 14 giờ, ngày {vn(day, True)}", day
    if kind == "bare":
        return vn(day, padded), day
    if kind == "year":
        phrase = draw(st.sampled_from(["từ nay đến cuối năm {}", "trong năm {}"]))
        return phrase.format(day.year), date(day.year, 12, 31)
    if kind == "month":
        return f"trong tháng {day.month}/{day.year}", month_end(day.year, day.month)
    if kind == "quarter":
        quarter = (day.month - 1) // 3 + 1
        written = draw(st.sampled_from([str(quarter), ["I", "II", "III", "IV"][quarter - 1]]))
        return f"trong quý {written}/{day.year}", month_end(day.year, quarter * 3)
    if (
        kind == "no_year"
        and notice.complete
        and notice.first_day < date(notice.first_day.year, 12, 30)
    ):
        # Only where every reading agrees: later in the notice's own year.
        year = notice.first_day.year
        later = draw(st.dates(notice.first_day + timedelta(days=1), date(year, 12, 31)))
        return f"chậm nhất ngày {later.day}/{later.month}", later
    if kind == "ongoing":
        return "thường xuyên", None
    return None, None


@st.composite
def notice_facts(draw, index: int, layout: str) -> NoticeFact:
    shape = draw(st.sampled_from(["day", "month", "year"]))
    issued = draw(st.dates(date(2023, 10, 1), date(2024, 3, 31)))
    if shape == "day":
        written, first, last = day_text(draw, issued), issued, issued
    elif shape == "month":
        written = draw(
            st.sampled_from([f"{issued.year}-{issued.month:02d}", f"{issued.month}/{issued.year}"])
        )
        first, last = issued.replace(day=1), month_end(issued.year, issued.month)
    else:
        written, first, last = str(issued.year), date(issued.year, 1, 1), date(issued.year, 12, 31)
    meeting = draw(st.none() | st.dates(first - timedelta(days=10), last))
    notice = NoticeFact(f"tb-{index}", written, first, last, shape == "day", meeting, [])
    # Progress is never dated before the notice could have been issued and met.
    floor = max(last, meeting or last)
    count = draw(st.integers(1, 3))
    for number in range(1, count + 1):
        ident = f"{number}.{draw(st.integers(1, 9))}"
        notice.tasks.append(draw(task_facts(notice, ident, floor, layout)))
    # Task ids are unique in a notice: the first of each id stays.
    notice.tasks = list({t.id: t for t in reversed(notice.tasks)}.values())[::-1]
    return notice


@st.composite
def task_facts(draw, notice: NoticeFact, ident: str, floor: date, layout: str) -> Fact:
    assigned = draw(
        st.lists(st.sampled_from([*UNITS, *GROUPS]), min_size=1, max_size=3, unique=True)
    )
    deadline, last_day = draw(deadlines(notice))
    fact = Fact(ident, tuple(assigned), deadline, last_day)
    later = st.dates(floor, LAST)
    if layout == "files" and draw(st.integers(0, 3)) == 0:
        return draw(recurring_fact(fact, notice, later))
    if draw(st.booleans()):
        if draw(st.integers(0, 4)) == 0:
            # Done by every assignee on one day: `done: <date>`.
            on = draw(later)
            fact.done = {u: on for u in fact.units}
            fact.done_yaml = [f"    done: {on.isoformat()}"]
        else:
            groups = [a for a in assigned if a in GROUPS]
            lines = ["    done:"]
            if groups and draw(st.booleans()):
                group = draw(st.sampled_from(groups))
                on = draw(later)
                fact.done.update({u: on for u in GROUPS[group]})
                lines.append(f"      {group}: {on.isoformat()}")
            rest = [u for u in fact.units if u not in fact.done]
            for unit in draw(st.lists(st.sampled_from(rest), unique=True)) if rest else []:
                # Around the last day: on it, a day either side, or anywhere.
                near = [last_day + timedelta(days=d) for d in (-1, 0, 1)] if last_day else []
                # Never past LAST: a reopening is drawn between the completion and LAST.
                near = [d for d in near if floor <= d <= LAST]
                on = draw(st.sampled_from(near or [floor]) | later)
                fact.done[unit] = on
                if draw(st.booleans()):
                    lines.append(f"      {unit}: {{on: {on.isoformat()}, evidence: BC {unit}}}")
                else:
                    lines.append(f"      {unit}: {on.isoformat()}")
            fact.done_yaml = lines if len(lines) > 1 else []
    for _ in range(draw(st.integers(0, 2))):
        fact.extensions.append((draw(later), draw(st.none() | later)))
    if layout == "files" and fact.done:
        for unit in draw(st.lists(st.sampled_from(sorted(fact.done)), unique=True)):
            # A completion the day after a last day of 31/12/2024 falls after LAST.
            reopened = draw(st.dates(fact.done[unit], max(fact.done[unit], LAST)))
            fact.reopened[unit] = (
                reopened,
                draw(st.none() | st.dates(reopened, max(reopened, LAST))),
            )
    if layout == "files" and draw(st.integers(0, 2)) == 0:
        unit = draw(st.sampled_from(fact.units))
        fact.unit_extensions.append((unit, draw(later), draw(st.none() | later)))
    if draw(st.integers(0, 4)) == 0:
        fact.cancelled = (draw(st.none() | later),)
    for _ in range(draw(st.integers(0, 2))):
        fact.notes.append((draw(later), draw(st.none() | st.sampled_from(fact.units))))
    return fact


@st.composite
def recurring_fact(draw, fact: Fact, notice: NoticeFact, later) -> Fact:
    """A standing report: monthly or quarterly, on or before a day, done in some periods."""
    every = draw(st.sampled_from(["month", "quarter"]))
    fact.deadline, fact.last_day = None, None
    fact.repeat = (every, draw(st.integers(2, 28)), draw(st.booleans()))
    periods = periods_of(fact, notice.first_day, LAST)
    for key, _, _ in draw(st.lists(st.sampled_from(periods), max_size=6, unique=True)):
        for unit in draw(st.lists(st.sampled_from(fact.units), unique=True, min_size=1)):
            fact.instance_done[(key, unit)] = draw(later)
    return fact


def periods_of(fact: Fact, start: date, day: date) -> list[tuple[str, date, date]]:
    """(key, first day, last permissible day) of each period begun by ``day``, written
    from the rule in docs/format.md: "trước ngày D" ends on D-1, "chậm nhất ngày D"
    on D, a quarterly one in the quarter's last month; none whose last day is before
    the start."""
    assert fact.repeat is not None
    every, number, before = fact.repeat
    found = []
    year, month = start.year, start.month
    if every == "quarter":
        month = (month - 1) // 3 * 3 + 1
    while date(year, month, 1) <= day:
        due_month = month + 2 if every == "quarter" else month
        last = date(year, due_month, number) - timedelta(days=1 if before else 0)
        key = f"{year}-Q{(month - 1) // 3 + 1}" if every == "quarter" else f"{year}-{month:02d}"
        if last >= start:
            found.append((key, date(year, month, 1), last))
        month += 3 if every == "quarter" else 1
        if month > 12:
            year, month = year + 1, month - 12
    return found


def repeat_text(fact: Fact) -> str:
    assert fact.repeat is not None
    every, number, before = fact.repeat
    said = f"trước ngày {number}" if before else f"chậm nhất ngày {number}"
    if every == "quarter":
        return f"hằng quý, {said} tháng cuối quý"
    return f"định kỳ hằng tháng, {said}"


def notice_yaml(notice: NoticeFact, inline: bool = True) -> str:
    """The notice file; with ``inline``, its progress under each task (the old layout)."""
    lines = [
        f"id: {notice.id}",
        f"date: '{notice.written_date}'",
        f"title: Thông báo {notice.id}",
        f"number: '{notice.id[3:]}/TB-UBND'",
    ]
    if notice.meeting:
        lines.append(f"meeting_date: {notice.meeting.isoformat()}")
    lines.append("tasks:")
    for fact in notice.tasks:
        lines += [
            f"  - id: '{fact.id}'",
            f"    assignees: [{', '.join(fact.assigned)}]",
            f"    text: Nhiệm vụ {fact.id} của {notice.id}",
        ]
        if fact.deadline:
            lines.append(f"    deadline: '{fact.deadline}'")
        if fact.repeat:
            lines.append(f"    repeat: {repeat_text(fact)}")
        if not inline:
            continue
        lines += fact.done_yaml
        if fact.extensions:
            lines.append("    extensions:")
            for to, on in fact.extensions:
                decided = f", on: {on.isoformat()}" if on else ""
                lines.append(f"      - {{to: {to.isoformat()}, reason: Gia hạn{decided}}}")
        if fact.cancelled:
            (on,) = fact.cancelled
            lines.append(
                "    cancelled: {reason: Không còn phù hợp"
                + (f", on: {on.isoformat()}}}" if on else "}")
            )
        if fact.notes:
            lines.append("    notes:")
            for on, unit in fact.notes:
                about = f", unit: {unit}" if unit else ""
                lines.append(f"      - {{on: {on.isoformat()}, text: Đã báo cáo{about}}}")
    return "\n".join(lines) + "\n"


def progress_files(notices: list[NoticeFact]) -> dict[str, list[str]]:
    """The same facts as progress/ files (docs/format.md, "Progress"): each unit's
    completions, notes and own extensions in its file, the office's in _office.yaml."""
    files: dict[str, list[str]] = {}
    for notice in notices:
        for fact in notice.tasks:
            ref = f"{notice.id}/{fact.id}"
            for (key, unit), on in fact.instance_done.items():
                files.setdefault(unit, []).append(
                    f"- {{task: {ref}@{key}, done: {on.isoformat()}}}"
                )
            for unit, on in fact.done.items():
                files.setdefault(unit, []).append(f"- {{task: {ref}, done: {on.isoformat()}}}")
                if unit in fact.reopened:
                    reopened, again = fact.reopened[unit]
                    files[unit].append(
                        f"- {{task: {ref}, reopened: {reopened.isoformat()}, reason: Thiếu}}"
                    )
                    if again:
                        files[unit].append(f"- {{task: {ref}, done: {again.isoformat()}}}")
            for to, on in fact.extensions:
                decided = f", on: {on.isoformat()}" if on else ""
                files.setdefault("_office", []).append(
                    f"- {{task: {ref}, extended: {to.isoformat()}, reason: Gia hạn{decided}}}"
                )
            for unit, to, on in fact.unit_extensions:
                decided = f", on: {on.isoformat()}" if on else ""
                files.setdefault(unit, []).append(
                    f"- {{task: {ref}, extended: {to.isoformat()}, reason: Riêng{decided}}}"
                )
            if fact.cancelled:
                (on,) = fact.cancelled
                day = on.isoformat() if on else "null"
                files.setdefault("_office", []).append(
                    f"- {{task: {ref}, cancelled: {day}, reason: Không còn phù hợp}}"
                )
            for on, unit in fact.notes:
                files.setdefault(unit or "_office", []).append(
                    f"- {{task: {ref}, note: Đã báo cáo, on: {on.isoformat()}}}"
                )
    return files


def write_folder(folder: Path, notices: list[NoticeFact], layout: str = "inline") -> None:
    """The data folder: progress in the notices (``inline``, the old layout, still read)
    or in progress/ files (``files``)."""
    (folder / "notices").mkdir(parents=True)
    (folder / "units.yaml").write_text(UNITS_YAML, "utf-8")
    for notice in notices:
        text = notice_yaml(notice, inline=layout == "inline")
        (folder / "notices" / f"{notice.id}.yaml").write_text(text, "utf-8")
    if layout == "files":
        (folder / "progress").mkdir()
        for name, lines in progress_files(notices).items():
            (folder / "progress" / f"{name}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


# -- the reference ---------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    status: str
    last_day: date | None
    quiet_since: date | None = None  # set for ongoing pairs silent for three months


def reference(notices: list[NoticeFact], day: date) -> dict[tuple[str, str], Expected]:
    """Every (task ref, unit) pair that exists on ``day``, classified by the rules of
    ../shared/DOMAIN.md and docs/format.md ("As of a day")."""
    pairs = {}
    for notice in notices:
        known_from = min(notice.first_day, notice.meeting) if notice.meeting else notice.first_day
        if known_from > day:
            continue  # not issued yet
        for fact in notice.tasks:
            if fact.repeat is not None:
                # One pair per period begun by the day and unit, each judged alone.
                for key, _, last in periods_of(fact, notice.first_day, day):
                    for unit in fact.units:
                        finished = fact.instance_done.get((key, unit))
                        if finished is not None and finished <= day:
                            status = "done_on_time" if finished <= last else "done_late"
                        else:
                            status = "in_progress" if day <= last else "overdue"
                        pairs[(f"{notice.id}/{fact.id}@{key}", unit)] = Expected(status, last)
                continue
            decided = [to for to, on in fact.extensions if on is None or on <= day]
            dropped = fact.cancelled is not None and (
                fact.cancelled[0] is None or fact.cancelled[0] <= day
            )
            for unit in fact.units:
                # The office's extensions first, then the unit's own: the last one wins.
                own = [t for u, t, on in fact.unit_extensions if u == unit and (on or day) <= day]
                last = ([*decided, *own] or [fact.last_day])[-1]
                finished = fact.done.get(unit)
                if finished is not None and finished > day:
                    finished = None  # not yet
                reopened, again = fact.reopened.get(unit, (None, None))
                if reopened is not None and reopened <= day:
                    # withdrawn that day; done again, maybe, since
                    finished = again if again is not None and again <= day else None
                quiet = None
                if dropped:
                    status = "cancelled"
                elif finished is not None:
                    if last is None:
                        status = "done_no_deadline"
                    else:
                        status = "done_on_time" if finished <= last else "done_late"
                elif last is None:
                    status = "ongoing"
                    given_on = notice.meeting or (
                        notice.first_day if notice.complete else notice.last_possible
                    )
                    heard = [on for on, about in fact.notes if on <= day and about in (None, unit)]
                    if reopened is not None and reopened <= day:
                        heard.append(reopened)  # the reason is kept as the unit's note
                    since = max(heard) if heard else given_on
                    if since < day - relativedelta(months=3):
                        quiet = since
                else:
                    status = "in_progress" if day <= last else "overdue"
                pairs[(f"{notice.id}/{fact.id}", unit)] = Expected(status, last, quiet)
    return pairs


# -- the views -------------------------------------------------------------------------


#: Whether the views run through the cache (its pair rows answer in SQL, issue 17).
CACHED = {"on": False}


def run(folder: Path, *args: str) -> str:
    """The real command line, in-process: its standard output; it must exit 0."""
    code: object = 0
    cache = [] if CACHED["on"] else ["--no-cache"]
    with runner.isolation() as (out, err, _):
        try:
            COMMAND.main([*args, "--data", str(folder), *cache], prog_name="cchc")
        except SystemExit as exit_:
            code = exit_.code
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    assert code in (0, None), (args, code, stdout, stderr)
    return stdout


CATEGORIES = ("done_on_time", "done_late", "done_no_deadline", "in_progress", "overdue", "ongoing")


def counts_per_unit(expected: dict[tuple[str, str], Expected]) -> dict[str, dict[str, int]]:
    per_unit: dict[str, dict[str, int]] = {}
    for (_, unit), pair in expected.items():
        row = per_unit.setdefault(unit, dict.fromkeys((*CATEGORIES, "cancelled"), 0))
        row[pair.status] += 1
    for row in per_unit.values():
        row["total"] = sum(row[c] for c in CATEGORIES)
    return per_unit


def check_views(folder: Path, notices: list[NoticeFact], day: date, horizon: int) -> None:
    expected = reference(notices, day)
    as_of = ["--as-of", day.isoformat()]

    exported = json.loads(run(folder, "export", "-f", "json", *as_of))
    assert {(r["ref"], r["unit"]): r["status"] for r in exported} == {
        k: v.status for k, v in expected.items()
    }
    for record in exported:
        pair = expected[(record["ref"], record["unit"])]
        if pair.status != "cancelled":
            assert record["last_day"] == (pair.last_day.isoformat() if pair.last_day else None)

    per_unit = counts_per_unit(expected)
    status = json.loads(run(folder, "status", "-f", "json", *as_of))
    assert {r["unit"]: {k: r[k] for k in per_unit[r["unit"]]} for r in status} == per_unit

    # A period that ended on the day: the report judges as of it.
    document = json.loads(run(folder, "report", "-f", "json", "--period", f"{day}..{day}"))
    assert document["as_of"] == day.isoformat()
    reported = {r["unit"]: {k: r[k] for k in per_unit[r["unit"]]} for r in document["units"]}
    assert reported == {u: c for u, c in per_unit.items() if c["total"] or c["cancelled"]}
    overdue_pairs = {k for k, v in expected.items() if v.status == "overdue"}
    assert {(r["ref"], r["unit"]) for r in document["overdue"]} == overdue_pairs
    quiet = {k: v.quiet_since.isoformat() for k, v in expected.items() if v.quiet_since}
    assert {(r["ref"], r["unit"]): r["since"] for r in document["quiet"]} == quiet

    overdue = json.loads(run(folder, "overdue", "-f", "json", *as_of))
    assert {(r["ref"], r["unit"]) for r in overdue} == overdue_pairs
    assert len(overdue) == len(overdue_pairs)

    by = day + timedelta(days=horizon)
    due = json.loads(run(folder, "due", "-f", "json", *as_of, "--by", by.isoformat()))
    due_pairs = {
        k
        for k, v in expected.items()
        if v.status in ("in_progress", "overdue") and v.last_day is not None and v.last_day <= by
    }
    assert {(r["ref"], r["unit"]) for r in due} == due_pairs
    assert len(due) == len(due_pairs)

    # show: each task's statuses per unit (none before its notice exists)
    for notice in notices:
        for fact in notice.tasks:
            ref = f"{notice.id}/{fact.id}"
            if fact.repeat is not None:
                # A recurring task is shown instance by instance (its periods begun).
                for key in sorted({r.partition("@")[2] for r, _ in expected if "@" in r
                                   and r.partition("@")[0] == ref}):  # fmt: skip
                    shown = json.loads(run(folder, "show", f"{ref}@{key}", "-f", "json", *as_of))
                    assert shown["statuses"] == {
                        unit: pair.status
                        for (r, unit), pair in expected.items()
                        if r == f"{ref}@{key}"
                    }
                continue
            shown = json.loads(run(folder, "show", ref, "-f", "json", *as_of))
            assert shown["statuses"] == {
                unit: pair.status for (r, unit), pair in expected.items() if r == ref
            }

    text = run(folder, "remind", *as_of, "--days", str(horizon), "--lang", "en")
    assert remind_pairs(text) == {
        k
        for k, v in expected.items()
        if v.status == "overdue" or (v.status == "in_progress" and v.last_day <= by)
    }


def remind_pairs(text: str) -> set[tuple[str, str]]:
    """(ref, unit) pairs from the reminder's text: unit headings, then "- ref: ..." lines."""
    names = {name: ident for ident, name in UNITS.items()}
    pairs, unit = set(), None
    for line in text.splitlines():
        heading = re.fullmatch(r"(.+): \d+ overdue, \d+ due soon", line)
        if heading:
            unit = names[heading[1]]
        elif line.startswith("- "):
            assert unit is not None, text
            pairs.add((line[2:].split(": ")[0], unit))
    return pairs


def drawn_notices(data: st.DataObject, layout: str) -> list[NoticeFact]:
    """One to three random notices in ``layout``."""
    count = data.draw(st.integers(1, 3))
    return [data.draw(notice_facts(i, layout)) for i in range(1, count + 1)]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    layout=st.sampled_from(LAYOUTS),
    day=st.dates(FIRST, LAST),
    horizon=st.integers(0, 45),
)
def test_every_view_agrees_with_the_reference(data, layout, day, horizon):
    notices = drawn_notices(data, layout)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        write_folder(folder, notices, layout)
        check_views(folder, notices, day, horizon)


@settings(
    max_examples=max(1, EXAMPLES // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    layout=st.sampled_from(LAYOUTS),
    day=st.dates(FIRST, LAST),
    horizon=st.integers(0, 45),
)
def test_the_cache_path_agrees_with_the_reference_and_the_files(data, layout, day, horizon):
    """The same random data through the cache's pair rows (SQL) and through the files."""
    notices = drawn_notices(data, layout)
    as_of = ["--as-of", day.isoformat()]
    by = ["--by", (day + timedelta(days=horizon)).isoformat()]
    views = [
        ["due", *as_of, *by],
        ["due", *as_of, *by, "-f", "json"],
        ["overdue", *as_of],
        ["overdue", *as_of, "-f", "json", "--unit", "g-xa"],
        ["status", *as_of],
        ["status", *as_of, "--by", "notice", "-f", "json"],
        ["status", *as_of, "--unit", "u-an", "--notice", "tb-1"],
        ["status", *as_of, "--unit", "g-xa", "--by", "notice"],
        ["remind", *as_of, "--days", str(horizon)],
        ["remind", *as_of, "--days", "0", "--unit", "u-chau", "--lang", "en"],
        ["report", *as_of],
        ["report", *as_of, "-f", "csv", "--unit", "g-xa", "--order", "registry"],
        ["report", *as_of, "-f", "md", "--notice", "tb-1", "--period", f"{day.year}"],
        ["report", *as_of, "-f", "html", "--unit", "u-an"],
    ]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        write_folder(folder, notices, layout)
        from_files = [run(folder, *view) for view in views]
        CACHED["on"] = True
        try:
            check_views(folder, notices, day, horizon)  # the first run fills the cache
            assert [run(folder, *view) for view in views] == from_files
        finally:
            CACHED["on"] = False


def test_the_reference_on_a_worked_example():
    """The reference itself, on numbers worked out by hand."""
    task = Fact(
        "1.1",
        ("g-xa", "u-an"),
        "trước ngày 10/12/2023",
        date(2023, 12, 9),
        done={"u-chau": date(2023, 12, 9), "u-dong": date(2023, 12, 12)},
        extensions=[(date(2023, 12, 20), date(2023, 12, 15))],
    )
    notice = NoticeFact("tb-1", "2023-11", date(2023, 11, 1), date(2023, 11, 30), False,
                        date(2023, 11, 22), [task])  # fmt: skip
    assert reference([notice], date(2023, 10, 31)) == {}
    on_10 = reference([notice], date(2023, 12, 10))
    assert {k[1]: v.status for k, v in on_10.items()} == {
        "u-an": "overdue",
        "u-chau": "done_on_time",
        "u-dong": "overdue",  # its completion (12/12) has not happened yet
    }
    on_16 = reference([notice], date(2023, 12, 16))  # extended to 20/12 on 15/12
    assert {k[1]: v.status for k, v in on_16.items()} == {
        "u-an": "in_progress",
        "u-chau": "done_on_time",
        "u-dong": "done_on_time",
    }
