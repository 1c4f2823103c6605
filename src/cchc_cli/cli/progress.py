"""Recording progress: done, reopen, extend, cancel, note, undo, log, migrate, check-scope."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli import editing
from cchc_cli.cli.context import Run, command, h
from cchc_cli.cli.editing import EDIT, required, tidy_text, unit_names, write
from cchc_cli.views.i18n import t
from cchc_cli.views.render import formatter_for

if TYPE_CHECKING:
    from cchc_cli.core.model import Task
    from cchc_cli.store.loader import Dataset


def _folder(ctx: typer.Context) -> Path:
    from cchc_cli.store.settings import data_folder

    given = ctx.params.get("data") or (ctx.find_root().params or {}).get("data")
    return Path(data_folder(str(given) if given else None, os.environ).value)


def completion_dataset(ctx: typer.Context) -> Dataset | None:
    """The data for completing a word, or None: completion never prints a traceback."""
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.loader import load

    try:
        folder = _folder(ctx)
        return load(folder, FileCache.open(folder))
    except Exception:  # completion must never print a traceback into the shell
        return None


def _open_units(task: Task) -> list[str]:
    if task.cancelled:
        return []
    return [u for u in task.assignees if u not in task.done]


def _refs(tasks: Sequence[Task], incomplete: str) -> list[str]:
    refs = [t.ref for t in tasks] + [t.id for t in tasks]
    return [r for r in dict.fromkeys(refs) if r.startswith(incomplete)]


def complete_ref(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of task references from the data folder."""
    dataset = completion_dataset(ctx)
    return _refs(dataset.tasks, incomplete) if dataset else []


def complete_open_ref(ctx: typer.Context, incomplete: str) -> list[str]:
    """References of the tasks a unit can still finish: what ``done`` makes sense for."""
    dataset = completion_dataset(ctx)
    return _refs([t for t in dataset.tasks if _open_units(t)], incomplete) if dataset else []


def _task_in_line(ctx: typer.Context, dataset: Dataset) -> Task | None:
    """The task the command line being completed names, if it names one."""
    from cchc_cli.views.query import find_task

    # While completing, a variadic argument is still among the words left over.
    given = ctx.params.get("refs") or getattr(ctx, "args", None) or [None]
    written = ctx.params.get("ref") or given[0]
    if not written:
        return None
    try:
        return find_task(dataset, written)
    except Exception:  # a reference still being typed, or none that fits
        return None


def complete_unit(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of ``--unit``: the task's assignees still open when the line
    names a task, else every unit and group id."""
    dataset = completion_dataset(ctx)
    if dataset is None:
        return []
    task = _task_in_line(ctx, dataset)
    if task is not None:
        # reopen takes back a completion: the units done; every other edit, those open.
        done = ctx.info_name == "reopen"
        units = [u for u in task.assignees if u in task.done] if done else _open_units(task)
        return [u for u in units if u.startswith(incomplete)]
    registry = dataset.registry
    return [i for i in (*registry.units, *registry.groups) if i.startswith(incomplete)]


RefArg = Annotated[
    str,
    typer.Argument(help=h("help.arg.ref"), show_default=False, autocompletion=complete_ref),
]
UnitsOpt = Annotated[
    list[str] | None,
    typer.Option("--unit", help=h("help.opt.units"), autocompletion=complete_unit),
]
AllOpt = Annotated[bool, typer.Option("--all", help=h("help.opt.all"))]
ReasonOpt = Annotated[str, typer.Option("--reason", help=h("help.opt.reason"))]
CommitOpt = Annotated[
    bool, typer.Option("--commit", help=h("help.opt.commit") + " \\[env var: CCHC_GIT_COMMIT]")
]
DecisionOpt = Annotated[str | None, typer.Option("--decision", help=h("help.opt.decision"))]
OnOpt = Annotated[str | None, typer.Option("--on", help=h("help.opt.on"))]


RefsArg = Annotated[
    list[str],
    typer.Argument(help=h("help.arg.refs"), show_default=False, autocompletion=complete_open_ref),
]


@command(help=h("help.done"), shared=EDIT)
def done(
    run: Run,
    refs: RefsArg,
    unit: UnitsOpt = None,
    every: AllOpt = False,
    on: OnOpt = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help=h("help.opt.evidence"))] = None,
    note: Annotated[str | None, typer.Option("--note", help=h("help.opt.note"))] = None,
    commit: CommitOpt = False,
) -> None:
    editing.done(run, refs, unit, every, on, evidence, note, commit)


@command(help=h("help.reopen"), shared=EDIT)
def reopen(
    run: Run,
    ref: RefArg,
    reason: ReasonOpt,
    unit: UnitsOpt = None,
    every: AllOpt = False,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.store.edit import Reopen, units_to_reopen
    from cchc_cli.views.query import resolve_unit_list

    dataset, task, today = run.dataset, run.task(ref), run.today
    units = units_to_reopen(task, resolve_unit_list(dataset, unit or []), every, dataset.registry)
    reason = required(reason, "--reason")
    change = Reopen("reopen", units, {"reason": reason}, on=today, reason=reason)
    what = t("what.reopen", run.lang, ref=task.ref, units=unit_names(dataset, units))
    write(run, task, change, what, commit)


@command(help=h("help.extend"), shared=EDIT)
def extend(
    run: Run,
    ref: RefArg,
    to: Annotated[str, typer.Option("--to", help=h("help.opt.to"))],
    reason: ReasonOpt,
    decision: DecisionOpt = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help=h("help.opt.extend-unit"), autocompletion=complete_unit),
    ] = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.errors import UsageError
    from cchc_cli.core.model import Extension
    from cchc_cli.store.edit import Extend, units_to_mark
    from cchc_cli.views.query import resolve_units

    dataset, task, today = run.dataset, run.task(ref), run.today
    new_last = parse_date_arg(to, today, "--to")
    reason, decision = required(reason, "--reason"), tidy_text(decision)
    units: tuple[str, ...] = ()
    if unit:
        units = units_to_mark(task, resolve_units(dataset, unit), False, dataset.registry)
        if len(units) != 1:
            raise UsageError("edit.extend-one-unit", unit=unit)
    one = units[0] if units else None
    extension = Extension(new_last, reason, decision, today, unit=one)
    values = {"to": new_last.isoformat(), "reason": reason, "decision": decision, "unit": one}
    change = Extend("extend", units, values, extension=extension)
    write(run, task, change, t("what.extend", run.lang, ref=task.ref, to=new_last), commit)


@command(help=h("help.cancel"), shared=EDIT)
def cancel(
    run: Run,
    ref: RefArg,
    reason: ReasonOpt,
    decision: DecisionOpt = None,
    series: Annotated[bool, typer.Option("--series", help=h("help.opt.series"))] = False,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.model import Cancellation
    from cchc_cli.store.edit import Cancel

    # --series: the recurring task itself, from today on (the instances begun keep theirs).
    task, today = run.task(ref, series=series), run.today
    reason, decision = required(reason, "--reason"), tidy_text(decision)
    values = {"reason": reason, "decision": decision}
    change = Cancel("cancel", (), values, cancellation=Cancellation(reason, today, decision))
    what = t("what.cancel-series" if series else "what.cancel", run.lang, ref=task.ref, on=today)
    write(run, task, change, what, commit)


@command(help=h("help.note"), shared=EDIT)
def note(
    run: Run,
    ref: RefArg,
    text: Annotated[str, typer.Argument(help=h("help.arg.text"), show_default=False)],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help=h("help.opt.unit"), autocompletion=complete_unit),
    ] = None,
    on: OnOpt = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.model import Note
    from cchc_cli.store.edit import AddNote, units_to_mark
    from cchc_cli.views.query import resolve_units

    dataset, task, today = run.dataset, run.task(ref), run.today
    day = parse_date_arg(on, today, "--on") if on else today
    units: tuple[str, ...] = ()
    if unit:
        units = units_to_mark(task, resolve_units(dataset, unit), False, dataset.registry)
    written = required(text, "TEXT")
    entry = Note(day, written, units[0] if len(units) == 1 else None)
    values = {"on": day.isoformat(), "text": written, "unit": entry.unit}
    change = AddNote("note", units, values, note_=entry)
    write(run, task, change, t("what.note", run.lang, ref=task.ref), commit)


@command(help=h("help.undo"), shared=("data", "lang"))
def undo(run: Run) -> None:
    from cchc_cli.store.edit import undo as undo_last
    from cchc_cli.store.loader import check_folder

    check_folder(run.data)
    entry = undo_last(run.data, run.settings.config.timezone)
    run.say(
        "what.undo",
        id=entry["undoes"],
        command=entry["values"]["command"],
        ref=entry["ref"],
        path=run.data / entry["file"],
    )


@command(help=h("help.log"), shared=("data", "lang", "as_of", "fmt"))
def log(
    run: Run,
    ref: Annotated[
        str | None,
        typer.Argument(help=h("help.arg.ref-log"), show_default=False, autocompletion=complete_ref),
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("help.opt.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("help.opt.until"))] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help=h("help.opt.log-unit"), autocompletion=complete_unit),
    ] = None,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.errors import UsageError
    from cchc_cli.core.status import office_date
    from cchc_cli.store.journal import Journal, select_entries
    from cchc_cli.store.loader import check_folder
    from cchc_cli.views.query import resolve_units
    from cchc_cli.views.tables import log_report

    check_folder(run.data)
    timezone = run.settings.config.timezone
    today = office_date(datetime.now(UTC), timezone)
    if run.as_of:
        today = parse_date_arg(run.as_of, today, run.settings["today"].origin)
    first = parse_date_arg(since, today, "--since") if since else None
    last = parse_date_arg(until, today, "--until") if until else None
    if first and last and first > last:
        raise UsageError("log.empty-period", since=first, until=last)
    units = resolve_units(run.dataset, unit) if unit else ()
    entries, bad = Journal(run.data).history()
    if bad:
        run.warn(t("log.journal-bad-lines", run.lang, lines=", ".join(map(str, bad))))
    if ref:
        entries = [e for e in entries if _matches_any(e, ref)]
    entries = select_entries(entries, timezone, first, last, units)
    formatter_for(run.fmt, run.lang).emit(log_report(entries, run.lang))


def _matches_any(entry: dict[str, object], written: str) -> bool:
    """Whether an entry touched the task ``written`` names (one of them for ``done 2.3 7.1``)."""
    refs = entry.get("refs")
    if not isinstance(refs, list):
        refs = [entry.get("ref", "")]
    return any(_matches(str(r), written) for r in refs)


def _matches(entry_ref: str, written: str) -> bool:
    from cchc_cli.views.query import ref_matches

    notice_id, _, task_id = entry_ref.rpartition("/")
    # A recurring task's plain reference names all its instances' edits too.
    base = task_id.partition("@")[0]
    return ref_matches(notice_id, task_id, written) or ref_matches(notice_id, base, written)


@command(help=h("help.migrate"), shared=("data", "lang"))
def migrate(run: Run) -> None:
    from cchc_cli.core.errors import CchcError
    from cchc_cli.store.loader import check_folder
    from cchc_cli.store.migrate import migrate as move

    check_folder(run.data)
    moved = move(run.data)
    for path, key, args in moved.skipped:
        run.warn(t("migrate.skipped", run.lang, path=path, reason=t(key, run.lang, **args)))
    typer.echo(
        t(
            "migrate.done",
            run.lang,
            notices=len(moved.notices),
            events=moved.events,
            files=len(moved.files),
        )
    )
    if moved.skipped:
        raise CchcError("migrate.incomplete", count=len(moved.skipped))


@command("check-scope", help=h("help.check-scope"), shared=("data", "lang"))
def check_scope(run: Run) -> None:
    from cchc_cli.services.scope import check

    problems = check(run.data, run.settings.config)
    for problem in problems:
        message = t(problem.key, run.lang, **problem.args)
        typer.echo(f"{problem.path}: {t('cli.error', run.lang)}: {message}", err=True)
    if problems:
        raise typer.Exit(1)
