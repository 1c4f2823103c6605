"""Reports and what goes out of the office: report, export, remind."""

from __future__ import annotations

import io
import sys
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli.cli import progressbar
from cchc_cli.cli.context import Run, command, h
from cchc_cli.cli.progressbar import ticking, working
from cchc_cli.cli.read import NoticeOpt, UnitOpt
from cchc_cli.core.dates import MAX_DAYS
from cchc_cli.core.errors import EXIT_DATA, EXIT_OVERDUE, CchcError, OptionError, UsageError
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.render import Formatter, OutputFormat, Report, ReportFormat, formatter_for

if TYPE_CHECKING:
    from email.message import EmailMessage

    from cchc_cli.services.mail import Delivery
    from cchc_cli.store.loader import Dataset
    from cchc_cli.views.remind import UnitReminder as Reminder

OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help=h("help.opt.output"))]
WITHOUT_FORMAT = ("data", "lang", "no_cache", "as_of")


@command(help=h("help.remind"), shared=WITHOUT_FORMAT, many=True)
def remind(
    run: Run,
    days: Annotated[
        int | None, typer.Option("--days", min=0, max=MAX_DAYS, help=h("help.opt.days"))
    ] = None,
    email: Annotated[bool, typer.Option("--email", help=h("help.opt.email"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("help.opt.dry-run"))] = False,
    force: Annotated[bool, typer.Option("--force", help=h("help.opt.force"))] = False,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help=h("help.opt.fail-on-overdue"))
    ] = False,
    working_days: Annotated[
        bool, typer.Option("--working-days", help=h("help.opt.working-days"))
    ] = False,
    mail_deadline: Annotated[
        int,
        typer.Option("--mail-deadline", min=1, max=86_400, help=h("help.opt.mail-deadline")),
    ] = 300,
    attach_report: Annotated[
        bool, typer.Option("--attach-report", help=h("help.opt.attach-report"))
    ] = False,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
) -> None:
    from cchc_cli.views.ics import office_id
    from cchc_cli.views.query import remind_items, select_statuses
    from cchc_cli.views.remind import (
        calendars,
        collect,
        notice_names,
        report_text,
    )

    dataset, today = run.dataset, run.today
    config = dataset.config
    # The office's calendar: weekends, public holidays, config.yaml's days (issue 18).
    if working_days and not config.calendar.is_working_day(today):
        run.finish()
        return
    window = config.reminder_days if days is None else days
    if email or dry_run:  # the calendars attached hold every pair of each unit
        items, notices = select_statuses(dataset, today, notice, unit), dataset.notices
    else:  # only the pairs named, from the cache's pair rows where it has them
        items, notices = remind_items(dataset, today, window, notice, unit)
    found = collect(items, today, window, dataset.registry)
    names = notice_names(notices)
    if email or dry_run:
        stamp = datetime.now(UTC).replace(microsecond=0)
        office = office_id(config, run.settings.office_email)
        files = calendars(items, found, dataset.registry, run.lang, stamp, office=office)
        page = None
        if attach_report and found:
            from cchc_cli.views.page import month_page

            page = month_page(dataset, today, run.lang, notice, unit)
        _mail(run, found, today, window, names, files, dry_run, force, mail_deadline, page)
    else:
        typer.echo(report_text(found, dataset.registry, today, window, run.lang, names), nl=False)
    run.finish()
    if fail_on_overdue and any(r.overdue for r in found):
        raise typer.Exit(EXIT_OVERDUE)


class UnitOrder(StrEnum):
    ALPHA = "alpha"
    REGISTRY = "registry"


class ReportBy(StrEnum):
    OFFICE = "office"
    UNIT = "unit"


@command(help=h("help.report"), shared=WITHOUT_FORMAT, many=True)
def report(
    run: Run,
    period: Annotated[str | None, typer.Option("--period", help=h("help.opt.period"))] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help=h("help.opt.report-format"))
    ] = ReportFormat.TABLE,
    output: OutputOpt = None,
    order: Annotated[UnitOrder, typer.Option("--order", help=h("help.opt.order"))] = (
        UnitOrder.ALPHA
    ),
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    by: Annotated[ReportBy | None, typer.Option("--by", help=h("help.opt.report-by"))] = None,
) -> None:
    from cchc_cli.core.offices import offices_of
    from cchc_cli.views.query import resolve_units, select
    from cchc_cli.views.report import build, build_from_rows, report_period, report_view

    if fmt in (ReportFormat.XLSX, ReportFormat.DOCX) and output is None:
        raise UsageError("report.needs-output", format=fmt.value)
    check_outputs(run, output)
    dataset, lang = run.dataset, run.lang
    # Today (or --as-of) while the period runs, else its last day; its month by default.
    chosen, day, running = report_period(period, run.today)
    units = set(resolve_units(dataset, unit)) if unit else None
    in_order = order is UnitOrder.REGISTRY
    # Counted in SQL where the cache can (the page lists every pair: from the notices).
    counted = None
    if fmt is not ReportFormat.HTML:
        counted = build_from_rows(dataset, day, notice, units, in_order, running)
    tasks = select(dataset, notice=notice) if counted is None else []
    # A bar on a terminal while the report is made; gone before anything is printed.
    with working(t("progress.report", lang), len(tasks), progressbar.MIN_TASKS):
        built = counted or build(dataset, tasks, day, units, in_order, running)
        offices = offices_of(dataset)
        if offices:
            from cchc_cli.views.offices import per_office

            # Several offices: a row per office (--by unit: per office and unit).
            built = per_office(built, offices, by is ReportBy.UNIT)
        view = report_view(built, dataset.registry, lang, chosen.label, dataset.config.office)
        if offices:
            from cchc_cli.views.offices import with_office

            view = with_office(view, offices)
        made = _document(run, fmt, view, built, tasks, chosen, units, notice, unit)
    if fmt in (ReportFormat.XLSX, ReportFormat.DOCX):
        assert output is not None and isinstance(made, bytes)
        write_output(output, made)
        run.tell("report.written", path=output)
    elif fmt is ReportFormat.HTML:
        assert isinstance(made, str)
        _write_or_print(run, output, made)
    elif output is not None:
        write_output(output, rendered(formatter_for(fmt, lang, io.StringIO()), view))
        run.tell("report.written", path=output)
    else:
        formatter_for(fmt, lang).emit(view)
    run.finish()


def _document(
    run: Run,
    fmt: ReportFormat,
    view: Any,
    built: Any,
    tasks: Any,
    chosen: Any,
    units: set[str] | None,
    notice: str | None,
    unit: str | None,
) -> bytes | str | None:
    """The report as a workbook, a Word document or a page; None for the text formats."""
    dataset, lang = run.dataset, run.lang
    if fmt is ReportFormat.XLSX:
        from cchc_cli.views.xlsx import workbook_bytes

        chart = (t("report.chart", lang), "name", "completion_rate")
        return workbook_bytes(view, lang, chart, t("report.title", lang))
    if fmt is ReportFormat.DOCX:
        from cchc_cli.views.report_docx import report_docx

        return report_docx(view, dataset.config, lang, chosen, run.today)
    if fmt is ReportFormat.HTML:
        from cchc_cli.views.page import render
        from cchc_cli.views.pagedata import page_for

        page = page_for(dataset, tasks, built, chosen, run.today, units, lang, notice, unit)
        return render(page, lang)
    return None


def _write_or_print(run: Run, output: Path | None, text: str) -> None:
    """A document to its --output file, else to standard output as it is (a person's
    terminal sees its control characters made visible, like everything on screen)."""
    if output is None:
        from cchc_cli.views.render import for_stream

        sys.stdout.buffer.write(for_stream(text, sys.stdout).encode("utf-8"))
        sys.stdout.flush()
        return
    write_output(output, text.encode("utf-8"))
    run.tell("report.written", path=output)


#: What a data folder is made of: an output file there would overwrite the data.
DATA_PARTS = frozenset({"units.yaml", "config.yaml", "notices", "progress", ".cchc", ".git"})


def check_output(output: Path | None, data: Path) -> None:
    """Refuse an --output that is one of the data folder's own files (units.yaml...).

    Resolved first, so neither ``../data/units.yaml`` nor a link pointing there
    gets past; other files in the data folder (a reports/ folder) are allowed.
    """
    if output is None:
        return
    target, folder = output.resolve(), data.resolve()
    if target == folder or (
        target.is_relative_to(folder) and target.relative_to(folder).parts[0] in DATA_PARTS
    ):
        raise OptionError("--output", "output.is-data", path=str(output), data=str(data))


def check_outputs(run: Run, output: Path | None) -> None:
    """:func:`check_output` against every folder read: those on the command line and,
    once read, those their ``sources:`` name."""
    from cchc_cli.core.offices import offices_of

    for folder in run.folders:
        check_output(output, folder)
    if output is not None:
        for office in offices_of(run.dataset):
            check_output(output, Path(office.folder))


def rendered(formatter: Formatter, view: Report) -> bytes:
    """What ``formatter`` (writing to a StringIO) makes of ``view``, as UTF-8."""
    formatter.emit(view)
    assert isinstance(formatter.out, io.StringIO)
    return formatter.out.getvalue().encode("utf-8")


def write_output(output: Path, content: bytes) -> None:
    """An --output file, whole or not at all: a full disk leaves the old file (or none),
    and the message names the file. A device or pipe (``-o /dev/stdout``) is written as is."""
    from cchc_cli.store.fileio import atomic_write

    if output.exists() and not output.is_file():
        try:
            with open(output, "wb") as handle:
                handle.write(content)
        except OSError as err:
            # Writing to a device fails without a file name: say which one (/dev/full).
            if err.filename is None:
                raise OSError(err.errno, err.strerror, str(output)) from None
            raise
        return
    atomic_write(output, content)


class ExportFormat(StrEnum):
    ICS = "ics"
    JSON = "json"
    CSV = "csv"


@command(help=h("help.export"), shared=WITHOUT_FORMAT, many=True)
def export(
    run: Run,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=h("help.opt.export-format"))],
    output: OutputOpt = None,
    alarm_days: Annotated[
        int, typer.Option("--alarm-days", min=0, max=MAX_DAYS, help=h("help.opt.alarm-days"))
    ] = 3,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    ahead: Annotated[
        int, typer.Option("--ahead", min=0, max=MAX_DAYS, help=h("help.opt.ahead"))
    ] = 92,
) -> None:
    from cchc_cli.views.query import select_statuses

    check_outputs(run, output)
    dataset, lang = run.dataset, run.lang
    items = select_statuses(dataset, run.today, notice=notice, unit=unit)
    if fmt is ExportFormat.ICS:
        from cchc_cli.views.ics import calendar, office_id, upcoming_items

        items += upcoming_items(dataset, run.today, ahead, notice, unit)

        stamp = datetime.now(UTC).replace(microsecond=0)
        name = t("ics.name", lang, unit=dataset.registry.name_of(unit) if unit else "")
        office = office_id(dataset.config, run.settings.office_email)
        content = calendar(
            items, dataset.registry, lang, alarm_days, stamp, name.strip(" -"), office
        )
        if output is None:
            from cchc_cli.views.render import for_stream

            shown = for_stream(content.decode("utf-8"), sys.stdout)
            sys.stdout.buffer.write(shown.encode("utf-8"))
        else:
            write_output(output, content)
            run.tell("report.written", path=output)
    else:
        from cchc_cli.core.offices import offices_of
        from cchc_cli.views.tables import export_report

        view = export_report(items, dataset.registry, lang)
        offices = offices_of(dataset)
        if offices:
            from cchc_cli.views.offices import with_office

            view = with_office(view, offices, names=True)
        chosen = OutputFormat(fmt.value)
        if output is None:
            formatter_for(chosen, lang).emit(view)
        else:
            write_output(output, rendered(formatter_for(chosen, lang, io.StringIO()), view))
            run.tell("report.written", path=output)
    run.finish()


def _mail(
    run: Run,
    found: list[Reminder],
    today: date,
    window: int,
    notices: dict[str, str],
    calendars: dict[str, bytes],
    dry_run: bool,
    force: bool,
    deadline: int,
    page: tuple[str, bytes] | None = None,
) -> None:
    """Mail the reminders (or print them, with --dry-run); nothing when there is nothing.
    ``page`` (file name, bytes) goes with the office's summary (--attach-report)."""
    from cchc_cli.services.mail import MailError, deliver, missing_settings
    from cchc_cli.views.remind import messages

    dataset, lang, config = run.dataset, run.lang, run.dataset.config
    smtp = run.settings.smtp
    office = run.settings.office_email
    missing = missing_settings(smtp, office, dry_run)
    if missing:
        raise CchcError("mail.not-configured", missing=", ".join(missing))
    if not found:
        return
    outgoing = messages(
        found,
        dataset.registry,
        today,
        window,
        lang,
        smtp.sender or "",
        office,
        notices,
        calendars,
        config.office,
        page,
    )
    if dry_run:
        for item in outgoing:
            typer.echo(readable(item.message))
        return
    names = {item.key: _recipient(item.key, dataset, lang) for item in outgoing}
    try:
        with ticking(t("progress.mail", lang)) as tick:
            delivery = deliver(
                run.data,
                outgoing,
                smtp,
                run.settings.password(),
                today,
                config.timezone,
                force,
                deadline,
                tick,
            )
    except MailError as err:
        _warn_bad_log_lines(run, err.delivery)
        typer.echo(f"cchc: {t('cli.error', lang)}: {t(err.key, lang, **err.args_)}", err=True)
        _report_delivery(err.delivery, names, lang)
        raise typer.Exit(EXIT_DATA) from None
    _warn_bad_log_lines(run, delivery)
    if delivery.failed:
        _report_delivery(delivery, names, lang)
        raise typer.Exit(EXIT_DATA)
    # A person at a terminal wants to know; cron must stay silent on success.
    run.tell("mail.sent", count=len(delivery.sent), skipped=len(delivery.skipped))


def _warn_bad_log_lines(run: Run, delivery: Delivery) -> None:
    from cchc_cli.services.mail import SENT_FILE
    from cchc_cli.store.fileio import state_dir

    log = state_dir(run.data) / SENT_FILE
    for line in delivery.bad_log_lines:
        run.warn(t("mail.bad-log-line", run.lang, path=str(log), line=line))


def _recipient(key: str, dataset: Dataset, lang: Lang) -> str:
    if key.startswith("unit:"):
        return dataset.registry.name_of(key[5:])
    return t("mail.office", lang)


def _report_delivery(delivery: Delivery, names: dict[str, str], lang: Lang) -> None:
    from cchc_cli.services.mail import LATE, PASSWORD_REASON

    sent = ", ".join(names[k] for k in delivery.sent) or t("label.none", lang)
    typer.echo(t("mail.were-sent", lang, names=sent), err=True)
    for key, reason in delivery.failed:
        if reason == LATE:
            reason = t(LATE, lang, seconds=f"{delivery.deadline:g}")
        elif reason == PASSWORD_REASON:
            reason = t(PASSWORD_REASON, lang)
        typer.echo(t("mail.not-sent", lang, name=names[key], reason=reason), err=True)


def readable(message: EmailMessage) -> str:
    """A message as a person reads it: decoded headers, the text, the attachments' names."""
    headers = "\n".join(f"{k}: {message[k]}" for k in ("From", "To", "Subject", "Date"))
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    files = [f"[{part.get_filename()}]\n" for part in message.iter_attachments()]
    return f"{headers}\n\n{text}{''.join(files)}{'=' * 78}"
