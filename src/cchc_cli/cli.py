"""The command line: parse arguments, call the core, render, exit. No logic here.

Options every command takes after its name (``cchc list --data DIR``):
``--data`` (or ``CCHC_DATA``) and ``--lang`` (or ``CCHC_LANG``).
Exit codes: 0 fine, 1 problems in the data, 2 bad usage.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .errors import EXIT_DATA, EXIT_USAGE, CchcError
from .i18n import Lang, t
from .render import OutputFormat, formatter_for

F = TypeVar("F", bound=Callable[..., Any])


def _help_lang() -> Lang:
    """The language of --help, which is printed before options are parsed."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        else:
            continue
        return Lang.EN if value == "en" else Lang.VI
    return Lang.EN if os.environ.get("CCHC_LANG") == "en" else Lang.VI


HELP = _help_lang()


def _h(key: str) -> str:
    return t(key, HELP)


app = typer.Typer(help=_h("help.app"), no_args_is_help=True, pretty_exceptions_enable=False)

DataOpt = Annotated[
    Path,
    typer.Option("--data", envvar="CCHC_DATA", help=_h("help.opt.data"), show_default=False),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", envvar="CCHC_LANG", help=_h("help.opt.lang"), show_default=False)
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help=_h("help.opt.format"))]
NoticeOpt = Annotated[str | None, typer.Option("--notice", help=_h("help.opt.notice"))]
UnitOpt = Annotated[str | None, typer.Option("--unit", help=_h("help.opt.unit"))]

DEFAULT_DATA = Path("data")


def _fail(message: str, code: int) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def handles_errors(command: F) -> F:
    """Turn the errors a command may end with into one line on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .loader import DataFolderError

        lang = kwargs.get("lang", Lang.VI)
        prefix = t("cli.error", lang)
        try:
            return command(*args, **kwargs)
        except CchcError as err:
            _fail(f"cchc: {prefix}: {t(err.key, lang, **err.args_)}", err.exit_code)
        except DataFolderError as err:
            _fail(f"cchc: {prefix}: {t(err.key, lang, path=err.path)}", EXIT_USAGE)

    return wrapper  # type: ignore[return-value]


def _diagnostic_line(diagnostic: Any, lang: Lang) -> str:
    message = t(diagnostic.key, lang, **diagnostic.args)
    return f"{diagnostic.source}: {diagnostic.severity}: {message}"


def _load(data: Path, lang: Lang) -> Any:
    """Load for a read command: report data errors on stderr, go on with what loaded."""
    from .loader import load

    dataset = load(data)
    errors = [d for d in dataset.diagnostics if d.is_error]
    for diagnostic in errors:
        typer.echo(_diagnostic_line(diagnostic, lang), err=True)
    if errors:
        typer.echo(t("cli.data-has-errors", lang, errors=len(errors)), err=True)
    return dataset


def _finish(dataset: Any) -> None:
    if dataset.has_errors:
        raise typer.Exit(EXIT_DATA)


@app.command(help=_h("help.validate"))
@handles_errors
def validate(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.VI,
    strict: Annotated[bool, typer.Option("--strict", help=_h("help.opt.strict"))] = False,
) -> None:
    from .loader import load

    dataset = load(data)
    for diagnostic in dataset.diagnostics:
        typer.echo(_diagnostic_line(diagnostic, lang))
    errors = sum(d.is_error for d in dataset.diagnostics)
    warnings = len(dataset.diagnostics) - errors
    summary = t(
        "cli.summary",
        lang,
        files=len(dataset.files),
        notices=len(dataset.notices),
        tasks=len(dataset.tasks),
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
    lang: LangOpt = Lang.VI,
    notice: NoticeOpt = None,
    unit: UnitOpt = None,
    search: Annotated[str | None, typer.Option("--search", help=_h("help.opt.search"))] = None,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from .query import select
    from .views import task_section

    dataset = _load(data, lang)
    tasks = select(dataset, notice=notice, unit=unit, search=search)
    formatter_for(fmt, lang).emit([task_section(tasks, dataset.registry, lang)])
    _finish(dataset)


@app.command(help=_h("help.show"))
@handles_errors
def show(
    ref: Annotated[str, typer.Argument(help=_h("help.arg.ref"), show_default=False)],
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.VI,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from .query import find_notice, find_task
    from .views import task_detail

    dataset = _load(data, lang)
    task = find_task(dataset, ref)
    notice = find_notice(dataset, task.notice)
    formatter_for(fmt, lang).emit([task_detail(task, notice, dataset.registry, lang)])
    _finish(dataset)


@app.command(help=_h("help.units"))
@handles_errors
def units(
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.VI,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    from .views import unit_sections

    dataset = _load(data, lang)
    formatter_for(fmt, lang).emit(unit_sections(dataset.registry, lang))
    _finish(dataset)


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `cchc list | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)
