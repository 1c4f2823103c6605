"""Starting out and housekeeping: init, new, import, config, cache."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.models import TyperPath

from cchc_cli.cli import progressbar
from cchc_cli.cli.context import Run, app, command, h
from cchc_cli.cli.progressbar import ticking, working
from cchc_cli.cli.usage import CchcGroup
from cchc_cli.core.dates import PartialDate
from cchc_cli.core.errors import EXIT_DATA, CchcError, OptionError, UsageError
from cchc_cli.views.i18n import t


@command("import", help=h("help.import"), shared=("data", "lang", "no_cache"))
def import_notice(
    run: Run,
    sources: Annotated[list[str], typer.Argument(help=h("help.arg.sources"), show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=h("help.opt.output"))
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("help.opt.import-dry-run"))] = False,
    notice_id: Annotated[str | None, typer.Option("--id", help=h("help.opt.notice-id"))] = None,
) -> None:
    from cchc_cli.cli.context import fail_softly

    if len(sources) == 1:
        size = _size(sources[0])
        with working(t("progress.import", run.lang), size, progressbar.MIN_BYTES):
            _import_one(run, sources[0], output, dry_run, notice_id, set())
        return
    if output is not None or notice_id is not None:
        raise UsageError("import.one-file-options", count=len(sources))
    if "-" in sources:
        raise UsageError("import.stdin-alone")
    taken: set[str] = set()
    failed = 0
    # Many files: each on its own (one bad file does not stop the others), a bar counting.
    with ticking(t("progress.import-files", run.lang)) as tick:
        for number, source in enumerate(sources):
            tick(number, len(sources))
            try:
                _import_one(run, source, None, dry_run, None, taken)
            except CchcError as err:
                fail_softly(run.lang, err, source)
                failed += 1
    if failed:
        raise CchcError("import.some-failed", failed=failed, count=len(sources))


def _size(source: str) -> int:
    """A document's size in bytes (0 for standard input or what cannot be looked at)."""
    import os

    try:
        return os.stat(source).st_size if source != "-" else 0
    except (OSError, ValueError):
        return 0


def _import_one(
    run: Run,
    source: str,
    output: Path | None,
    dry_run: bool,
    notice_id: str | None,
    taken: set[str],
) -> None:
    """One notice file to a draft; ``taken``: the ids this run has written already."""
    from cchc_cli.services.importer import REVIEW_KEYS, read, read_source, to_yaml
    from cchc_cli.store import notices

    dataset, lang = run.dataset, run.lang
    draft = read(read_source(source), dataset.registry, source)
    # The notice names its issuer in its heading; where it was not found, the office's own.
    draft.issuer = draft.issuer or dataset.config.issuing_body
    if not draft.tasks:
        raise CchcError("import.nothing", path=source)
    ident = notice_id or notices.new_id(draft.number, draft.date)
    notices.check_id(ident, [*(e.id for e in dataset.index), *taken])
    reviews = {key: t(key, lang, arg="{arg}") for key in REVIEW_KEYS}
    name = "-" if source == "-" else Path(source).name
    content = to_yaml(draft, ident, name, reviews)
    deadlines = sum(1 for task in draft.tasks if task.deadline and task.deadline.last_day)
    summary = t(
        "import.summary", lang, tasks=len(draft.tasks), deadlines=deadlines, reviews=draft.reviews
    )
    if dry_run:
        typer.echo(content, nl=False)
    else:
        target = output or notices.notice_path(run.data, ident)
        if not target.exists():  # else create says that first
            # Under another id, the same notice still: never a silent copy (a dry run may look).
            refuse_same_notice(run, draft.number, draft.date, draft.issuer, draft.title)
        target = notices.create(target, content)
        summary += " " + t("report.written", lang, path=target)
    taken.add(ident)
    typer.echo(summary, err=True)


def refuse_same_notice(
    run: Run,
    number: str | None,
    issued: PartialDate | None,
    issuer: str | None,
    title: str | None,
) -> None:
    """import and new never write a notice that is already there under another id: the
    same number and date of issue, or the same issuer, date and title (issue 15)."""
    from cchc_cli.store.validate import notice_key, same_notice

    key = notice_key(number, issued, issuer, title)
    found = same_notice(run.dataset.notices, key)
    if found is not None and key is not None:
        what = t(f"import.same-{key[0]}", run.lang)
        raise CchcError("import.duplicate", id=found.id, path=found.path, what=what)


def read_text(source: str) -> str:
    """A UTF-8 text file (a registry for ``init --from-units``) or standard input, read
    by the one bounded reader."""
    from cchc_cli.store.fileio import DEFAULT_LIMIT, DataFileError, read_data_file
    from cchc_cli.store.yamlsrc import decode

    if source == "-":
        # Bounded like a file: `cat /dev/zero | cchc import -` must end.
        data = sys.stdin.buffer.read(DEFAULT_LIMIT + 1)
        if len(data) > DEFAULT_LIMIT:
            raise CchcError("import.too-big", path=source, limit=DEFAULT_LIMIT // 1024 // 1024)
    else:
        try:
            # The one reader of data files: a FIFO or /dev/zero is refused, not read forever.
            data = read_data_file(source)
        except DataFileError as err:
            if err.key == "file.too-big":
                raise CchcError("import.too-big", path=source, limit=err.args_["limit"]) from None
            if err.key == "file.unreadable":
                raise CchcError("import.unreadable", path=source, **err.args_) from None
            raise CchcError("import.not-regular", path=source) from None
    text, problems = decode(data, source)
    if text is None:
        where = problems[0].source
        raise CchcError("import.not-utf8", path=source, line=where.line, col=where.col)
    return text


@command(help=h("help.init"), shared=("lang",))
def init(
    run: Run,
    # Taken as text, shown as a path: Path("") is the current folder, and a script's
    # `cchc init "$DIR"` with DIR unset would make the folder it runs in a data folder.
    given: Annotated[
        str,
        typer.Argument(
            help=h("help.arg.folder"), show_default=False, click_type=TyperPath(), metavar="folder"
        ),
    ],
    from_units: Annotated[
        Path | None, typer.Option("--from-units", help=h("help.opt.from-units"))
    ] = None,
) -> None:
    from cchc_cli.store.fileio import atomic_write
    from cchc_cli.store.setup import init_files

    if not given.strip():
        raise UsageError("init.empty")
    folder = Path(given)
    units = None
    if from_units is not None:
        units = read_text(str(from_units))
    files = init_files(units)
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        raise CchcError("init.exists", path=folder, files=", ".join(existing))
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, content.encode("utf-8"))
    run.say("init.done", path=folder)


@command(help=h("help.new"), shared=("data", "lang"))
def new(
    run: Run,
    title: Annotated[str, typer.Option("--title", help=h("help.opt.title"))],
    number: Annotated[str, typer.Option("--number", help=h("help.opt.number"))] = "",
    issued: Annotated[str | None, typer.Option("--date", help=h("help.opt.date"))] = None,
    chair: Annotated[str | None, typer.Option("--chair", help=h("help.opt.chair"))] = None,
    notice_id: Annotated[str | None, typer.Option("--id", help=h("help.opt.notice-id"))] = None,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.core.safetext import one_line
    from cchc_cli.store import notices
    from cchc_cli.store.setup import new_notice

    dataset = run.read_uncached()
    today = run.clock_today()
    day = parse_date_arg(issued, today, "--date") if issued else today
    if one_line(number) != number or "\t" in number:
        # A number is one line of text: a line break would start a key of its own.
        raise OptionError("--number", "new.bad-number", number=number)
    issued_on = PartialDate(day.year, day.month, day.day)
    ident = notice_id or notices.new_id(number, issued_on)
    notices.check_id(ident, (e.id for e in dataset.index))
    issuer = dataset.config.issuing_body
    refuse_same_notice(run, number, issued_on, issuer, title)
    if not dataset.registry.units:
        raise CchcError("new.no-units")
    unit = next(iter(dataset.registry.units))
    text = new_notice(ident, number, day, title, unit, chair, issuer)
    editor = editor_command(run.settings.editor)
    path = notices.create(notices.notice_path(run.data, ident), text)
    run.say("report.written", path=path)
    if editor:
        import subprocess

        try:
            subprocess.run([*editor, str(path)], check=False)
        except OSError as err:
            # The notice is written (and said so); only the editor is missing.
            raise CchcError(
                "cli.bad-editor", editor=" ".join(editor), reason=err.strerror or str(err)
            ) from None


def editor_command(editor: str | None) -> list[str]:
    """VISUAL/EDITOR as a command line, checked before anything is written."""
    if not editor:
        return []
    import shlex

    try:
        words = shlex.split(editor)
    except ValueError as err:  # "code '": no closing quotation
        raise UsageError("cli.bad-editor", editor=editor, reason=str(err)) from None
    if not words:
        raise UsageError("cli.bad-editor", editor=editor, reason="empty")
    return words


@command("config", help=h("help.config"), shared=("data", "lang", "fmt"))
def show_config(run: Run) -> None:
    from cchc_cli.store.config import load_config
    from cchc_cli.store.loader import check_folder
    from cchc_cli.store.settings import FOUND_UPWARD, shown_rows
    from cchc_cli.views.render import Column, Report, Section

    check_folder(run.data)
    _, problems, _ = load_config(run.data)
    for diagnostic in problems:
        typer.echo(run.diagnostic_line(diagnostic), err=True)
    records = [{"setting": k, "value": v, "source": o} for k, v, o in shown_rows(run.settings)]
    for record in records:
        if record["setting"] == "data" and record["source"] == FOUND_UPWARD:
            # Which folder, and why that one: say it in words, with the full path.
            record["value"] = str(run.data.resolve())
            record["source"] = t("config.found-upward", run.lang, marker=FOUND_UPWARD)
    columns = [
        Column("setting", "label.setting"),
        Column("value", "label.value"),
        Column("source", "label.origin"),
    ]
    run.emit(Report([Section("config", columns, records)]))
    if problems:
        raise typer.Exit(EXIT_DATA)


cache_app = typer.Typer(cls=CchcGroup, help=h("help.cache"), no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@command("clear", help=h("help.cache-clear"), shared=("data", "lang"), target=cache_app)
def cache_clear(run: Run) -> None:
    from cchc_cli.store.cache import clear
    from cchc_cli.store.loader import check_folder

    check_folder(run.data)
    removed = clear(run.data)
    for path in removed:
        run.say("cache.cleared", path=path)
    if not removed:
        run.say("cache.none")
