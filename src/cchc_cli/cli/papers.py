"""Papers an office signs and sends: the follow-up letter to late units (letter)."""

from __future__ import annotations

import sys
from datetime import timedelta
from enum import StrEnum
from typing import Annotated

import typer

from cchc_cli.cli.context import Run, command, h
from cchc_cli.cli.read import NoticeOpt
from cchc_cli.cli.report import WITHOUT_FORMAT, OutputOpt, check_output, write_output
from cchc_cli.core.errors import OptionError, UsageError
from cchc_cli.views.i18n import t

#: Days a late unit is given to report back, unless --reply-by says.
REPLY_DAYS = 7


class LetterFormat(StrEnum):
    DOCX = "docx"
    MD = "md"


@command(help=h("help.letter"), shared=WITHOUT_FORMAT)
def letter(
    run: Run,
    fmt: Annotated[
        LetterFormat, typer.Option("--format", "-f", help=h("help.opt.letter-format"))
    ] = LetterFormat.DOCX,
    output: OutputOpt = None,
    reply_by: Annotated[
        str | None, typer.Option("--reply-by", help=h("help.opt.reply-by"), show_default=False)
    ] = None,
    notice: NoticeOpt = None,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help=h("help.opt.letter-unit"))
    ] = None,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.views.letter import late_units, letter_docx, letter_markdown
    from cchc_cli.views.query import resolve_unit_list, select_statuses

    check_output(output, run.data)
    if fmt is LetterFormat.DOCX and output is None and sys.stdout.isatty():
        raise UsageError("report.needs-output", format=fmt.value)
    dataset, today, lang = run.dataset, run.today, run.lang
    if reply_by is None:
        by = today + timedelta(days=REPLY_DAYS)
    else:
        by = parse_date_arg(reply_by, today, "--reply-by")
        if by < today:
            raise OptionError("--reply-by", "letter.reply-before-day", day=by, today=today)
    items = select_statuses(dataset, today, notice=notice)
    if unit:
        wanted = set(resolve_unit_list(dataset, unit))
        items = [i for i in items if i.unit in wanted]
    found = late_units(items, dataset.registry, dataset.notices, today, by)
    if not found.units:
        typer.echo(t("letter.nobody-late", lang, day=today), err=True)
        run.finish()
        return
    issuer = next((n.issuer for n in found.notices if n.issuer), "")
    if fmt is LetterFormat.DOCX:
        content = letter_docx(found, dataset.config, lang, issuer)
    else:
        content = letter_markdown(found, dataset.config, lang, issuer).encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        write_output(output, content)
        run.tell("report.written", path=output)
    run.finish()
