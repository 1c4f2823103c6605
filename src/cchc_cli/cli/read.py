"""Reading commands' options, as Typer reads them: validate, list, show, due, overdue,
status, units. Their bodies are in :mod:`cchc_cli.cli.reading`, which the express lane
runs too; :data:`cchc_cli.cli.express.GRAMMARS` holds the same options (a test keeps the
two equal)."""

from __future__ import annotations

from typing import Annotated

import typer

from cchc_cli.cli import reading
from cchc_cli.cli.context import Run, command, h
from cchc_cli.cli.reading import GroupBy, ListStatus
from cchc_cli.core.dates import MAX_DAYS

NoticeOpt = Annotated[str | None, typer.Option("--notice", help=h("help.opt.notice"))]
UnitOpt = Annotated[str | None, typer.Option("--unit", help=h("help.opt.unit"))]

__all__ = ["GroupBy", "ListStatus", "NoticeOpt", "UnitOpt"]


@command(help=h("help.validate"), shared=("data", "lang", "no_cache", "as_of"), many=True)
def validate(
    run: Run,
    strict: Annotated[bool, typer.Option("--strict", help=h("help.opt.strict"))] = False,
) -> None:
    reading.validate(run, strict)


@command(
    "list", help=h("help.list"), shared=("data", "lang", "no_cache", "as_of", "fmt"), many=True
)
def list_tasks(
    run: Run,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    search: Annotated[str | None, typer.Option("--search", help=h("help.opt.search"))] = None,
    status: Annotated[
        ListStatus | None,
        typer.Option("--status", help=h("help.opt.list-status"), show_default=False),
    ] = None,
) -> None:
    reading.list_tasks(run, notice, unit, search, status)


@command(help=h("help.show"), many=True)
def show(
    run: Run,
    ref: Annotated[str, typer.Argument(help=h("help.arg.ref"), show_default=False)],
) -> None:
    reading.show(run, ref)


@command(help=h("help.due"), many=True)
def due(
    run: Run,
    before: Annotated[str | None, typer.Option("--before", help=h("help.opt.before"))] = None,
    by: Annotated[str | None, typer.Option("--by", help=h("help.opt.by"))] = None,
    within: Annotated[
        int | None, typer.Option("--within", min=0, max=MAX_DAYS, help=h("help.opt.within"))
    ] = None,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
) -> None:
    reading.due(run, before, by, within, notice, unit)


@command(help=h("help.overdue"), many=True)
def overdue(run: Run, notice: NoticeOpt = None, unit: UnitOpt = None) -> None:
    reading.overdue(run, notice, unit)


@command(help=h("help.status"), many=True)
def status(
    run: Run,
    by: Annotated[GroupBy, typer.Option("--by", help=h("help.opt.by-group"))] = GroupBy.UNIT,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
) -> None:
    reading.status(run, by, notice, unit)


@command(help=h("help.units"), shared=("data", "lang", "no_cache", "fmt"))
def units(run: Run) -> None:
    reading.units(run)
