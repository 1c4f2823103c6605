"""The command line: parse arguments, call the core, render, exit. No logic here.

Options every command takes after its name (``cchc list --data DIR``):
``--data`` (or ``CCHC_DATA``) and ``--lang`` (or ``CCHC_LANG``).
Exit codes: 0 fine, 1 problems in the data, 2 bad usage.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.errors import (
    EXIT_DATA,
    EXIT_OVERDUE,
    EXIT_USAGE,
    CchcError,
    OptionError,
    UsageError,
)
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.render import OutputFormat, ReportFormat, formatter_for

F = TypeVar("F", bound=Callable[..., Any])


DEFAULT_DATA = Path("data")
#: What a shell reports for a command killed by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141


def _help_lang() -> Lang:
    """The language of --help, which is printed before options are parsed."""
    argv = sys.argv[1:]
    chosen = _argv_option(argv, "--lang") or os.environ.get("CCHC_LANG")
    if chosen is not None:
        return Lang.EN if chosen == "en" else Lang.VI
    if "--help" not in argv and argv:
        return Lang.VI  # no help asked for: the config is read once, later
    data = _argv_option(argv, "--data") or os.environ.get("CCHC_DATA") or str(DEFAULT_DATA)
    # Only a glance at config.yaml: --help must not pay for a YAML parser.
    try:
        with open(Path(data) / "config.yaml", "rb") as handle:
            text = handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return Lang.VI
    found = re.search(r"^language:\s*[\"']?(en|vi)\b", text, re.MULTILINE)
    return Lang.EN if found and found[1] == "en" else Lang.VI


def _argv_option(argv: list[str], name: str) -> str | None:
    """The value of ``--name=V`` or ``--name V`` in ``argv``, if there."""
    for i, arg in enumerate(argv):
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
    return None


def configured_lang(data: Path) -> Lang:
    """The language config.yaml names, Vietnamese if none (or no readable config)."""
    from cchc_cli.store.config import CONFIG_FILE, load_config

    if not (data / CONFIG_FILE).is_file():
        return Lang.VI
    try:
        config, _, _ = load_config(data)
    except OSError:
        return Lang.VI
    return Lang(config.language) if config.language else Lang.VI


HELP = _help_lang()


def _h(key: str) -> str:
    return t(key, HELP)


app = typer.Typer(help=_h("help.app"), no_args_is_help=True, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        from cchc_cli import __version__

        typer.echo(f"cchc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_h("help.opt.version")),
    ] = False,
) -> None:
    """Options before the command name: only --version (and shell completion)."""


DataOpt = Annotated[
    Path,
    typer.Option("--data", envvar="CCHC_DATA", help=_h("help.opt.data"), show_default=False),
]
#: None until :func:`handles_errors` fills it in from config.yaml (or Vietnamese).
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", envvar="CCHC_LANG", help=_h("help.opt.lang"), show_default=False),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help=_h("help.opt.format"))]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", envvar="CCHC_NO_CACHE", help=_h("help.opt.no-cache")),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", envvar="CCHC_TODAY", help=_h("help.opt.as-of"), show_default=False),
]
NoticeOpt = Annotated[str | None, typer.Option("--notice", help=_h("help.opt.notice"))]
UnitOpt = Annotated[str | None, typer.Option("--unit", help=_h("help.opt.unit"))]

#: ``cchc due`` with no --before, --by or --within: the coming week.
DEFAULT_WITHIN = 7


def _fail(message: str, code: int) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def handles_errors(command: F) -> F:
    """Turn the errors a command may end with into one line on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from cchc_cli.store.loader import DataFolderError

        lang = kwargs.get("lang") or Lang.VI
        if "lang" in kwargs and kwargs["lang"] is None:
            lang = kwargs["lang"] = configured_lang(kwargs.get("data") or DEFAULT_DATA)
        prefix = t("cli.error", lang)
        try:
            return command(*args, **kwargs)
        except CchcError as err:
            for diagnostic in err.diagnostics:
                typer.echo(_diagnostic_line(diagnostic, lang), err=True)
            option = f"{err.option}: " if isinstance(err, OptionError) else ""
            _fail(f"cchc: {prefix}: {option}{t(err.key, lang, **err.args_)}", err.exit_code)
        except DataFolderError as err:
            _fail(f"cchc: {prefix}: {t(err.key, lang, path=err.path)}", EXIT_USAGE)
        except BrokenPipeError:
            # `cchc due | head`: the reader has all it wanted. Python would complain
            # again when flushing stdout at exit, so stdout goes nowhere from here.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except OSError as err:
            # A folder that cannot be written, a full disk: the system's words.
            reason = err.strerror or str(err)
            where = err.filename or "?"
            _fail(f"cchc: {prefix}: {t('cli.os-error', lang, path=where, reason=reason)}", 1)

    return wrapper  # type: ignore[return-value]


def _diagnostic_line(diagnostic: Any, lang: Lang) -> str:
    message = t(diagnostic.key, lang, **diagnostic.args)
    return f"{diagnostic.source}: {diagnostic.severity}: {message}"


def _read(data: Path, lang: Lang, no_cache: bool) -> Any:
    """The data folder's dataset, through its cache unless told not to."""
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.loader import check_folder, load

    check_folder(data)
    cache = None if no_cache else FileCache.open(data)
    for key in cache.warnings if cache else ():
        _warn(t(key, lang), lang)
    return load(data, cache)


def _load(data: Path, lang: Lang, no_cache: bool = False) -> Any:
    """Load for a read command: report data errors on stderr, go on with what loaded."""
    dataset = _read(data, lang, no_cache)
    errors = [d for d in dataset.diagnostics if d.is_error]
    for diagnostic in errors:
        typer.echo(_diagnostic_line(diagnostic, lang), err=True)
    if errors:
        typer.echo(t("cli.data-has-errors", lang, errors=len(errors)), err=True)
    return dataset


def _today(as_of: str | None, dataset: Any) -> date:
    """The office's calendar day (its time zone, not the server's), or ``--as-of``."""
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.status import office_date

    today = office_date(datetime.now(UTC), dataset.config.timezone)
    return parse_date_arg(as_of, today, "--as-of") if as_of else today


def _finish(dataset: Any) -> None:
    if dataset.has_errors:
        raise typer.Exit(EXIT_DATA)


@app.command(help=_h("help.validate"))
@handles_errors
def validate(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    strict: Annotated[bool, typer.Option("--strict", help=_h("help.opt.strict"))] = False,
) -> None:
    dataset = _read(data, lang, no_cache)
    for diagnostic in dataset.diagnostics:
        typer.echo(_diagnostic_line(diagnostic, lang))
    errors = sum(d.is_error for d in dataset.diagnostics)
    warnings = len(dataset.diagnostics) - errors
    summary = t(
        "cli.summary",
        lang,
        files=len(dataset.files),
        notices=len(dataset.index),
        tasks=dataset.task_count,
        errors=errors,
        warnings=warnings,
    )
    typer.echo(summary)
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_DATA)


@app.command("list", help=_h("help.list"))
@handles_errors
def list_tasks(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    search: Annotated[str | None, typer.Option("--search", help=_h("help.opt.search"))] = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.views.query import select
    from cchc_cli.views.tables import task_report

    dataset = _load(data, lang, no_cache)
    tasks = select(dataset, notice=notice, unit=unit, search=search)
    formatter_for(fmt, lang).emit(task_report(tasks, dataset.registry, lang))
    _finish(dataset)


@app.command(help=_h("help.show"))
@handles_errors
def show(
    ref: Annotated[str, typer.Argument(help=_h("help.arg.ref"), show_default=False)],
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.views.query import find_notice, find_task
    from cchc_cli.views.tables import task_detail

    dataset = _load(data, lang, no_cache)
    task = find_task(dataset, ref)
    notice = find_notice(dataset, task.notice)
    today = _today(as_of, dataset)
    formatter_for(fmt, lang).emit(task_detail(task, notice, dataset.registry, lang, today))
    _finish(dataset)


@app.command(help=_h("help.due"))
@handles_errors
def due(
    before: Annotated[str | None, typer.Option("--before", help=_h("help.opt.before"))] = None,
    by: Annotated[str | None, typer.Option("--by", help=_h("help.opt.by"))] = None,
    within: Annotated[
        int | None, typer.Option("--within", min=0, help=_h("help.opt.within"))
    ] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.views.query import due_by, select_statuses
    from cchc_cli.views.tables import due_report

    given = [name for name, v in (("--before", before), ("--by", by), ("--within", within)) if v]
    if len(given) > 1:
        raise UsageError("cli.one-of", options=", ".join(given))
    dataset = _load(data, lang, no_cache)
    today = _today(as_of, dataset)
    if before:
        last = parse_date_arg(before, today, "--before") - timedelta(days=1)
    elif by:
        last = parse_date_arg(by, today, "--by")
    else:
        last = today + timedelta(days=DEFAULT_WITHIN if within is None else within)
    items = select_statuses(dataset, today, notice=notice, unit=unit)
    formatter_for(fmt, lang).emit(due_report(due_by(items, last), dataset.registry, lang))
    _finish(dataset)


@app.command(help=_h("help.overdue"))
@handles_errors
def overdue(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.views.query import overdue as overdue_items
    from cchc_cli.views.query import select_statuses
    from cchc_cli.views.tables import overdue_report

    dataset = _load(data, lang, no_cache)
    items = select_statuses(dataset, _today(as_of, dataset), notice=notice, unit=unit)
    formatter_for(fmt, lang).emit(overdue_report(overdue_items(items), dataset.registry, lang))
    _finish(dataset)


class GroupBy(StrEnum):
    UNIT = "unit"
    NOTICE = "notice"


@app.command(help=_h("help.status"))
@handles_errors
def status(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    by: Annotated[GroupBy, typer.Option("--by", help=_h("help.opt.by-group"))] = GroupBy.UNIT,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.views.query import select_statuses, sorted_notices
    from cchc_cli.views.tables import status_report

    dataset = _load(data, lang, no_cache)
    items = select_statuses(dataset, _today(as_of, dataset), notice=notice, unit=unit)
    notices = sorted_notices(dataset.notices)
    report = status_report(items, dataset.registry, lang, notices, by is GroupBy.NOTICE)
    formatter_for(fmt, lang).emit(report)
    _finish(dataset)


@app.command(help=_h("help.units"))
@handles_errors
def units(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.views.tables import unit_report

    dataset = _load(data, lang, no_cache)
    formatter_for(fmt, lang).emit(unit_report(dataset.registry, lang))
    _finish(dataset)


# -- recording progress -------------------------------------------------------------


def _complete_ref(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of task references from the data folder."""
    from cchc_cli.store.loader import load

    data = Path(ctx.params.get("data") or os.environ.get("CCHC_DATA") or DEFAULT_DATA)
    try:
        tasks = load(data).tasks
    except Exception:  # completion must never print a traceback into the shell
        return []
    refs = [t.ref for t in tasks] + [t.id for t in tasks]
    return [r for r in dict.fromkeys(refs) if r.startswith(incomplete)]


def _complete_unit(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of unit and group ids."""
    from cchc_cli.store.loader import load

    data = Path(ctx.params.get("data") or os.environ.get("CCHC_DATA") or DEFAULT_DATA)
    try:
        registry = load(data).registry
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [i for i in (*registry.units, *registry.groups) if i.startswith(incomplete)]


RefArg = Annotated[
    str,
    typer.Argument(help=_h("help.arg.ref"), show_default=False, autocompletion=_complete_ref),
]
UnitsOpt = Annotated[
    list[str] | None,
    typer.Option("--unit", help=_h("help.opt.units"), autocompletion=_complete_unit),
]
AllOpt = Annotated[bool, typer.Option("--all", help=_h("help.opt.all"))]
ReasonOpt = Annotated[str, typer.Option("--reason", help=_h("help.opt.reason"))]
CommitOpt = Annotated[
    bool, typer.Option("--commit", envvar="CCHC_GIT_COMMIT", help=_h("help.opt.commit"))
]
DecisionOpt = Annotated[str | None, typer.Option("--decision", help=_h("help.opt.decision"))]


def _tidy(text: str | None) -> str | None:
    """Free text as the file will read it back (NFC, single spaces); empty is absent."""
    from cchc_cli.core.vntext import tidy

    return tidy(text) or None if text is not None else None


def _required(text: str, option: str) -> str:
    tidied = _tidy(text)
    if not tidied:
        raise UsageError("schema.empty", key=option)
    return tidied


def _target(
    data: Path, lang: Lang, as_of: str | None, ref: str, no_cache: bool
) -> tuple[Any, Any, date]:
    """What every edit command starts from: the data, the task, and today."""
    from cchc_cli.views.query import find_task

    dataset = _load(data, lang, no_cache)
    return dataset, find_task(dataset, ref), _today(as_of, dataset)


def _write(
    data: Path, dataset: Any, task: Any, change: Any, what: str, lang: Lang, commit: bool
) -> None:
    """Make the change, say what was written where, and commit it if asked."""
    from cchc_cli.store.edit import apply

    outcome = apply(data, task, change, dataset.registry, dataset.config.timezone, dataset)
    typer.echo(t("edit.saved", lang, path=", ".join(outcome.paths), what=what))
    if commit or dataset.config.git_commit:
        from cchc_cli.services.git import commit_files

        units = ", ".join(outcome.entry.get("units", []))
        message = f"cchc {change.command} {task.ref}" + (f": {units}" if units else "")
        message += f" ({outcome.entry['user']})\n\n{what}"
        commit_files([Path(p) for p in outcome.paths], message)


def _unit_names(dataset: Any, units: tuple[str, ...]) -> str:
    return ", ".join(dataset.registry.name_of(u) for u in units)


@app.command(help=_h("help.done"))
@handles_errors
def done(
    ref: RefArg,
    unit: UnitsOpt = None,
    every: AllOpt = False,
    on: Annotated[str | None, typer.Option("--on", help=_h("help.opt.on"))] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help=_h("help.opt.evidence"))
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=_h("help.opt.note"))] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.store.edit import Done, units_to_mark
    from cchc_cli.views.query import resolve_unit_list

    dataset, task, today = _target(data, lang, as_of, ref, no_cache)
    day = parse_date_arg(on, today, "--on") if on else today
    units = units_to_mark(task, resolve_unit_list(dataset, unit or []), every, dataset.registry)
    if day > today:
        _warn(t("edit.future", lang, on=day, today=today), lang)
    evidence, note = _tidy(evidence), _tidy(note)
    values = {"on": day.isoformat(), "evidence": evidence, "note": note}
    change = Done("done", units, values, on=day, evidence=evidence, note=note)
    what = t("what.done", lang, ref=task.ref, units=_unit_names(dataset, units), on=day)
    _write(data, dataset, task, change, what, lang, commit)


@app.command(help=_h("help.reopen"))
@handles_errors
def reopen(
    ref: RefArg,
    reason: ReasonOpt,
    unit: UnitsOpt = None,
    every: AllOpt = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.store.edit import Reopen, units_to_reopen
    from cchc_cli.views.query import resolve_unit_list

    dataset, task, today = _target(data, lang, as_of, ref, no_cache)
    units = units_to_reopen(task, resolve_unit_list(dataset, unit or []), every, dataset.registry)
    reason = _required(reason, "--reason")
    change = Reopen("reopen", units, {"reason": reason}, on=today, reason=reason)
    what = t("what.reopen", lang, ref=task.ref, units=_unit_names(dataset, units))
    _write(data, dataset, task, change, what, lang, commit)


@app.command(help=_h("help.extend"))
@handles_errors
def extend(
    ref: RefArg,
    to: Annotated[str, typer.Option("--to", help=_h("help.opt.to"))],
    reason: ReasonOpt,
    decision: DecisionOpt = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help=_h("help.opt.extend-unit"), autocompletion=_complete_unit),
    ] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.model import Extension
    from cchc_cli.store.edit import Extend, units_to_mark
    from cchc_cli.views.query import resolve_units

    dataset, task, today = _target(data, lang, as_of, ref, no_cache)
    new_last = parse_date_arg(to, today, "--to")
    reason, decision = _required(reason, "--reason"), _tidy(decision)
    units: tuple[str, ...] = ()
    if unit:
        units = units_to_mark(task, resolve_units(dataset, unit), False, dataset.registry)
        if len(units) != 1:
            raise UsageError("edit.extend-one-unit", unit=unit)
    one = units[0] if units else None
    extension = Extension(new_last, reason, decision, today, unit=one)
    values = {"to": new_last.isoformat(), "reason": reason, "decision": decision, "unit": one}
    change = Extend("extend", units, values, extension=extension)
    what = t("what.extend", lang, ref=task.ref, to=new_last)
    _write(data, dataset, task, change, what, lang, commit)


@app.command(help=_h("help.cancel"))
@handles_errors
def cancel(
    ref: RefArg,
    reason: ReasonOpt,
    decision: DecisionOpt = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.model import Cancellation
    from cchc_cli.store.edit import Cancel

    dataset, task, today = _target(data, lang, as_of, ref, no_cache)
    reason, decision = _required(reason, "--reason"), _tidy(decision)
    values = {"reason": reason, "decision": decision}
    change = Cancel("cancel", (), values, cancellation=Cancellation(reason, today, decision))
    _write(data, dataset, task, change, t("what.cancel", lang, ref=task.ref), lang, commit)


@app.command(help=_h("help.note"))
@handles_errors
def note(
    ref: RefArg,
    text: Annotated[str, typer.Argument(help=_h("help.arg.text"), show_default=False)],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help=_h("help.opt.unit"), autocompletion=_complete_unit),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help=_h("help.opt.on"))] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.model import Note
    from cchc_cli.store.edit import AddNote, units_to_mark
    from cchc_cli.views.query import resolve_units

    dataset, task, today = _target(data, lang, as_of, ref, no_cache)
    day = parse_date_arg(on, today, "--on") if on else today
    units: tuple[str, ...] = ()
    if unit:
        units = units_to_mark(task, resolve_units(dataset, unit), False, dataset.registry)
    written = _required(text, "TEXT")
    entry = Note(day, written, units[0] if len(units) == 1 else None)
    values = {"on": day.isoformat(), "text": written, "unit": entry.unit}
    change = AddNote("note", units, values, note_=entry)
    _write(data, dataset, task, change, t("what.note", lang, ref=task.ref), lang, commit)


@app.command(help=_h("help.undo"))
@handles_errors
def undo(data: DataOpt = DEFAULT_DATA, lang: LangOpt = None) -> None:
    from cchc_cli.store.config import load_config
    from cchc_cli.store.edit import undo as undo_last
    from cchc_cli.store.loader import check_folder

    check_folder(data)
    config, _, _ = load_config(data)
    entry = undo_last(data, config.timezone)
    path = data / entry["file"]
    what = t(
        "what.undo",
        lang,
        id=entry["undoes"],
        command=entry["values"]["command"],
        ref=entry["ref"],
        path=path,
    )
    typer.echo(what)


@app.command(help=_h("help.log"))
@handles_errors
def log(
    ref: Annotated[
        str | None,
        typer.Argument(
            help=_h("help.arg.ref-log"), show_default=False, autocompletion=_complete_ref
        ),
    ] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.store.journal import Journal
    from cchc_cli.store.loader import check_folder
    from cchc_cli.views.tables import log_report

    check_folder(data)
    entries, bad = Journal(data).history()
    if bad:
        _warn(t("log.journal-bad-lines", lang, lines=", ".join(map(str, bad))), lang)
    if ref:
        entries = [e for e in entries if _same_task(e.get("ref", ""), ref)]
    formatter_for(fmt, lang).emit(log_report(entries, lang))


def _same_task(entry_ref: str, written: str) -> bool:
    """A journal reference matches the full form or any shorter one a clerk types."""
    notice_part, _, task_part = written.rpartition("/")
    entry_notice, _, entry_task = entry_ref.rpartition("/")
    return entry_task == task_part and entry_notice.startswith(notice_part)


@app.command(help=_h("help.remind"))
@handles_errors
def remind(
    days: Annotated[int | None, typer.Option("--days", min=0, help=_h("help.opt.days"))] = None,
    email: Annotated[bool, typer.Option("--email", help=_h("help.opt.email"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_h("help.opt.dry-run"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_h("help.opt.force"))] = False,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help=_h("help.opt.fail-on-overdue"))
    ] = False,
    working_days: Annotated[
        bool, typer.Option("--working-days", help=_h("help.opt.working-days"))
    ] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
) -> None:
    from cchc_cli.views.query import select_statuses
    from cchc_cli.views.remind import (
        collect,
        is_working_day,
        notice_names,
        report_text,
    )

    dataset = _load(data, lang, no_cache)
    today = _today(as_of, dataset)
    config = dataset.config
    if working_days and not is_working_day(today, config.holidays, config.working_days):
        _finish(dataset)
        return
    window = config.reminder_days if days is None else days
    items = select_statuses(dataset, today, notice=notice, unit=unit)
    found = collect(items, today, window, dataset.registry)
    names = notice_names(dataset.notices)
    if email or dry_run:
        calendars = _calendars(items, found, dataset, lang)
        _mail(data, dataset, found, today, window, lang, names, calendars, dry_run, force)
    else:
        text = report_text(found, dataset.registry, today, window, lang, names)
        typer.echo(text, nl=False)
    _finish(dataset)
    if fail_on_overdue and any(r.overdue for r in found):
        raise typer.Exit(EXIT_OVERDUE)


def _mail(
    data: Path,
    dataset: Any,
    found: list[Any],
    today: date,
    window: int,
    lang: Lang,
    notices: dict[str, str],
    calendars: dict[str, bytes],
    dry_run: bool,
    force: bool,
) -> None:
    """Mail the reminders (or print them, with --dry-run); nothing when there is nothing."""
    from cchc_cli.services.mail import MailError, deliver, smtp_settings
    from cchc_cli.views.remind import messages

    config = dataset.config
    settings = smtp_settings(config.smtp, os.environ)
    office = (
        tuple(a.strip() for a in os.environ.get("CCHC_OFFICE_EMAIL", "").split(",") if a.strip())
        or config.office_email
    )
    missing = [
        name
        for name, value in (
            ("smtp.sender", settings.sender),
            ("office_email", office),
            ("smtp.host", settings.host or dry_run),
        )
        if not value
    ]
    if missing:
        raise CchcError("mail.not-configured", missing=", ".join(missing))
    if not found:
        return
    registry = dataset.registry
    outgoing = messages(
        found,
        registry,
        today,
        window,
        lang,
        settings.sender,
        office,
        notices,
        calendars,
        config.office,
    )
    if dry_run:
        for item in outgoing:
            typer.echo(_readable(item.message))
        return
    password = os.environ.get(settings.password_env)
    if settings.user and password is None:
        raise CchcError("mail.no-password", variable=settings.password_env)
    names = {item.key: _recipient(item.key, dataset, lang) for item in outgoing}
    try:
        delivery = deliver(data, outgoing, settings, password, today, config.timezone, force)
    except MailError as err:
        delivery = err.args_.pop("delivery")
        typer.echo(f"cchc: {t('cli.error', lang)}: {t(err.key, lang, **err.args_)}", err=True)
        _report_delivery(delivery, names, lang)
        raise typer.Exit(EXIT_DATA) from None
    if delivery.failed:
        _report_delivery(delivery, names, lang)
        raise typer.Exit(EXIT_DATA)
    if sys.stdout.isatty():
        # A person at a terminal wants to know; cron must stay silent on success.
        typer.echo(t("mail.sent", lang, count=len(delivery.sent), skipped=len(delivery.skipped)))


def _calendars(items: list[Any], found: list[Any], dataset: Any, lang: Lang) -> dict[str, bytes]:
    """Each reminded unit with an address gets its open deadlines as an .ics file."""
    from cchc_cli.views.ics import calendar

    stamp = datetime.now(UTC).replace(microsecond=0)
    registry = dataset.registry
    calendars = {}
    for reminder in found:
        unit = registry.units.get(reminder.unit)
        if unit and unit.emails:
            own = [i for i in items if i.unit == reminder.unit]
            name = t("ics.name", lang, unit=unit.name)
            calendars[unit.id] = calendar(own, registry, lang, 3, stamp, name)
    return calendars


def _recipient(key: str, dataset: Any, lang: Lang) -> str:
    if key.startswith("unit:"):
        return dataset.registry.name_of(key[5:])
    return t("mail.office", lang)


def _report_delivery(delivery: Any, names: dict[str, str], lang: Lang) -> None:
    sent = ", ".join(names[k] for k in delivery.sent) or t("label.none", lang)
    typer.echo(t("mail.were-sent", lang, names=sent), err=True)
    for key, reason in delivery.failed:
        typer.echo(t("mail.not-sent", lang, name=names[key], reason=reason), err=True)


def _readable(message: Any) -> str:
    """A message as a person reads it: decoded headers, the text, the attachments' names."""
    headers = "\n".join(f"{k}: {message[k]}" for k in ("From", "To", "Subject", "Date"))
    body = message.get_body(preferencelist=("plain",)).get_content()
    files = [f"[{part.get_filename()}]\n" for part in message.iter_attachments()]
    return f"{headers}\n\n{body}{''.join(files)}{'=' * 78}"


class UnitOrder(StrEnum):
    ALPHA = "alpha"
    REGISTRY = "registry"


@app.command(help=_h("help.report"))
@handles_errors
def report(
    period: Annotated[str | None, typer.Option("--period", help=_h("help.opt.period"))] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help=_h("help.opt.report-format"))
    ] = ReportFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_h("help.opt.output"))
    ] = None,
    order: Annotated[UnitOrder, typer.Option("--order", help=_h("help.opt.order"))] = (
        UnitOrder.ALPHA
    ),
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
) -> None:
    from cchc_cli.core.dateargs import parse_period
    from cchc_cli.views.query import resolve_units, select
    from cchc_cli.views.report import build
    from cchc_cli.views.tables import report_view

    if fmt is ReportFormat.XLSX and output is None:
        raise UsageError("report.needs-output")
    dataset = _load(data, lang, no_cache)
    today = _today(None, dataset)
    chosen = parse_period(period or f"{today:%Y-%m}", today)
    day = _today(as_of, dataset) if as_of else chosen.end
    units = set(resolve_units(dataset, unit)) if unit else None
    tasks = select(dataset, notice=notice)
    built = build(dataset, tasks, day, units, order is UnitOrder.REGISTRY)
    view = report_view(built, dataset.registry, lang, chosen.label, dataset.config.office)
    if fmt is ReportFormat.XLSX:
        from cchc_cli.views.xlsx import write

        assert output is not None
        write(view, output, lang, (t("report.chart", lang), "name", "completion_rate"))
        _tell(t("report.written", lang, path=output))
    elif output is not None:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            formatter_for(fmt, lang, handle).emit(view)
        _tell(t("report.written", lang, path=output))
    else:
        formatter_for(fmt, lang).emit(view)
    _finish(dataset)


class ExportFormat(StrEnum):
    ICS = "ics"
    JSON = "json"
    CSV = "csv"


@app.command(help=_h("help.export"))
@handles_errors
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=_h("help.opt.export-format"))],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_h("help.opt.output"))
    ] = None,
    alarm_days: Annotated[
        int, typer.Option("--alarm-days", min=0, help=_h("help.opt.alarm-days"))
    ] = 3,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
) -> None:
    from cchc_cli.views.query import select_statuses

    dataset = _load(data, lang, no_cache)
    today = _today(as_of, dataset)
    items = select_statuses(dataset, today, notice=notice, unit=unit)
    if fmt is ExportFormat.ICS:
        from cchc_cli.views.ics import calendar

        stamp = datetime.now(UTC).replace(microsecond=0)
        name = t("ics.name", lang, unit=dataset.registry.name_of(unit) if unit else "")
        content = calendar(items, dataset.registry, lang, alarm_days, stamp, name.strip(" -"))
        if output is None:
            sys.stdout.buffer.write(content)
        else:
            output.write_bytes(content)
            _tell(t("report.written", lang, path=output))
    else:
        from cchc_cli.views.tables import export_report

        view = export_report(items, dataset.registry)
        chosen = OutputFormat(fmt.value)
        if output is None:
            formatter_for(chosen, lang).emit(view)
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                formatter_for(chosen, lang, handle).emit(view)
            _tell(t("report.written", lang, path=output))
    _finish(dataset)


@app.command("import", help=_h("help.import"))
@handles_errors
def import_notice(
    source: Annotated[str, typer.Argument(help=_h("help.arg.source"), show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_h("help.opt.output"))
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_h("help.opt.import-dry-run"))] = False,
    notice_id: Annotated[str | None, typer.Option("--id", help=_h("help.opt.notice-id"))] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    from cchc_cli.services.importer import read, to_yaml
    from cchc_cli.store.loader import NOTICES_DIR

    dataset = _load(data, lang, no_cache)
    text = _read_source(source)
    draft = read(text, dataset.registry)
    # The notice names its issuer in its heading; where it was not found, the office's own.
    draft.issuer = draft.issuer or dataset.config.issuing_body
    if not draft.tasks:
        raise CchcError("import.nothing", path=source)
    ident = notice_id or _new_id(draft)
    if any(entry.id == ident for entry in dataset.index):
        # Most likely the same notice imported twice: never a silent copy.
        raise CchcError("import.taken", id=ident)
    reviews = {
        key: t(key, lang, arg="{arg}")
        for key in (
            "import.no-assignees",
            "import.unknown-unit",
            "import.bad-deadline",
            "import.deadline-before-issue",
        )
    }
    name = "-" if source == "-" else Path(source).name
    content = to_yaml(draft, ident, name, reviews)
    deadlines = sum(1 for task in draft.tasks if task.deadline and task.deadline.last_day)
    summary = t(
        "import.summary", lang, tasks=len(draft.tasks), deadlines=deadlines, reviews=draft.reviews
    )
    if dry_run:
        typer.echo(content, nl=False)
    else:
        target = output or data / NOTICES_DIR / f"{ident}.yaml"
        if target.exists():
            raise CchcError("import.exists", path=target)
        target.parent.mkdir(parents=True, exist_ok=True)
        from cchc_cli.store.fileio import atomic_write

        atomic_write(target, content.encode("utf-8"))
        summary += " " + t("report.written", lang, path=target)
    typer.echo(summary, err=True)


def _read_source(source: str) -> str:
    """The notice's text: a .docx, a UTF-8 text file, or standard input."""
    from cchc_cli.store.yamlsrc import decode

    if source.lower().endswith(".docx"):
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = Document(source)
        except (PackageNotFoundError, OSError, KeyError, ValueError) as err:
            raise CchcError("import.unreadable", path=source, reason=str(err)) from None
        from cchc_cli.services.wordtext import document_text

        return document_text(document)
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as err:
            raise CchcError("import.unreadable", path=source, reason=err.strerror) from None
    text, problems = decode(data, source)
    if text is None:
        where = problems[0].source
        raise CchcError("import.not-utf8", path=source, line=where.line, col=where.col)
    return text


def _new_id(draft: Any) -> str:
    """The id a clerk would give: "tb-123-2023" from the number, else "tb-2023-11"."""
    import re as regex

    year = draft.date.year if draft.date else 0
    digits = regex.match(r"\d+", draft.number or "")
    if digits:
        base = f"tb-{digits[0]}-{year}"
    elif draft.date and draft.date.month:
        base = f"tb-{year}-{draft.date.month:02d}"
    else:
        base = f"tb-{year}"
    return base


def _tell(message: str) -> None:
    """Say what was done on a terminal; stay silent for scripts."""
    if sys.stdout.isatty():
        typer.echo(message)


cache_app = typer.Typer(help=_h("help.cache"), no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear", help=_h("help.cache-clear"))
@handles_errors
def cache_clear(data: DataOpt = DEFAULT_DATA, lang: LangOpt = None) -> None:
    from cchc_cli.store.cache import clear
    from cchc_cli.store.loader import check_folder

    check_folder(data)
    removed = clear(data)
    for path in removed:
        typer.echo(t("cache.cleared", lang, path=path))
    if not removed:
        typer.echo(t("cache.none", lang))


# -- starting out ------------------------------------------------------------------------


@app.command(help=_h("help.init"))
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(help=_h("help.arg.folder"), show_default=False)],
    from_units: Annotated[
        Path | None, typer.Option("--from-units", help=_h("help.opt.from-units"))
    ] = None,
    lang: LangOpt = None,
) -> None:
    from cchc_cli.store.fileio import atomic_write
    from cchc_cli.store.setup import init_files

    units = None
    if from_units is not None:
        try:
            units = from_units.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CchcError("import.unreadable", path=from_units, reason=str(err)) from None
    files = init_files(units)
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        raise CchcError("init.exists", path=folder, files=", ".join(existing))
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, content.encode("utf-8"))
    typer.echo(t("init.done", lang, path=folder))


@app.command(help=_h("help.new"))
@handles_errors
def new(
    title: Annotated[str, typer.Option("--title", help=_h("help.opt.title"))],
    number: Annotated[str, typer.Option("--number", help=_h("help.opt.number"))] = "",
    issued: Annotated[str | None, typer.Option("--date", help=_h("help.opt.date"))] = None,
    chair: Annotated[str | None, typer.Option("--chair", help=_h("help.opt.chair"))] = None,
    notice_id: Annotated[str | None, typer.Option("--id", help=_h("help.opt.notice-id"))] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.services.importer import Draft
    from cchc_cli.store.fileio import atomic_write
    from cchc_cli.store.loader import NOTICES_DIR
    from cchc_cli.store.setup import notice_template
    from cchc_cli.store.textedit import scalar

    dataset = _load(data, lang, True)
    day = (
        parse_date_arg(issued, _today(None, dataset), "--date") if issued else _today(None, dataset)
    )
    draft = Draft(number=number, date=PartialDate(day.year, day.month, day.day))
    ident = notice_id or _new_id(draft)
    if any(entry.id == ident for entry in dataset.index):
        raise CchcError("import.taken", id=ident)
    if not dataset.registry.units:
        raise CchcError("new.no-units")
    unit = next(iter(dataset.registry.units))
    issuer = dataset.config.issuing_body
    text = notice_template(
        ident,
        number,
        day.isoformat(),
        scalar(title),
        scalar(chair) if chair else None,
        unit,
        day,
        scalar(issuer) if issuer else None,
    )
    path = data / NOTICES_DIR / f"{ident}.yaml"
    if path.exists():
        raise CchcError("import.exists", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        import shlex
        import subprocess

        subprocess.run([*shlex.split(editor), str(path)], check=False)
    typer.echo(t("report.written", lang, path=path))


@app.command("config", help=_h("help.config"))
@handles_errors
def show_config(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from cchc_cli.store.config import load_config
    from cchc_cli.store.loader import check_folder
    from cchc_cli.store.setup import sources
    from cchc_cli.views.render import Column, Report, Section

    check_folder(data)
    config, problems, _ = load_config(data)
    for diagnostic in problems:
        typer.echo(_diagnostic_line(diagnostic, lang), err=True)
    environ = dict(os.environ)
    rows = [
        ("data", str(data), _origin("CCHC_DATA", str(data), "--data", data != DEFAULT_DATA)),
        *sources(data, environ, config),
    ]
    # The language in force: --lang, else CCHC_LANG, else config.yaml, else Vietnamese.
    if lang.value != (environ.get("CCHC_LANG") or config.language or Lang.VI.value):
        rows = [("language", lang.value, "--lang") if r[0] == "language" else r for r in rows]
    records = [{"setting": k, "value": v, "source": o} for k, v, o in rows]
    columns = [
        Column("setting", "label.setting"),
        Column("value", "label.value"),
        Column("source", "label.origin"),
    ]
    formatter_for(fmt, lang).emit(Report([Section("config", columns, records)]))
    if problems:
        raise typer.Exit(EXIT_DATA)


def _origin(variable: str, value: str, option: str, given: bool) -> str:
    if os.environ.get(variable) == value:
        return variable
    return option if given else "default"


def _warn(message: str, lang: Lang) -> None:
    typer.echo(f"cchc: {t('cli.warning', lang)}: {message}", err=True)


def _utf8_console() -> None:
    """Vietnamese on a Windows console (or any stream opened in a legacy code page)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    _utf8_console()
    try:
        app()
    except BrokenPipeError:
        # `cchc list | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
