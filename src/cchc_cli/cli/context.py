"""The Typer app and its shared options: how a command is declared.

A command declares which shared options it takes with :func:`command`; the decorator
adds them to its signature (so ``cchc due --data d --lang en`` works, the options
after the command name), merges them with the same options given before the command
name (``cchc --lang en due``) and hands the body to :func:`~cchc_cli.cli.runner.invoke`,
which builds one :class:`Run` and turns every error the user can cause into one line
on stderr and an exit code. The run itself lives in :mod:`cchc_cli.cli.runner`, free of
Typer, so the express lane runs the same bodies.
"""

from __future__ import annotations

import inspect
import os
import sys
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from cchc_cli.cli.runner import (
    EXIT_BROKEN_PIPE,
    SHARED,
    Run,
    argv_option,
    build_run,
    diagnostic_line,
    echo,
    fail,
    fail_softly,
    help_lang,
    invoke,
    merged,
)
from cchc_cli.cli.usage import CchcCommand, CchcGroup
from cchc_cli.core.errors import UsageError
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.render import OutputFormat

__all__ = [
    "EXIT_BROKEN_PIPE",
    "HELP",
    "SHARED",
    "Run",
    "app",
    "argv_option",
    "build_run",
    "command",
    "diagnostic_line",
    "fail",
    "fail_softly",
    "h",
    "help_lang",
]

HELP = help_lang(sys.argv[1:], os.environ)


def h(key: str) -> str:
    """A help text in the language of --help."""
    return t(key, HELP)


CchcGroup.help_language = CchcCommand.help_language = HELP
app = typer.Typer(
    cls=CchcGroup, help=h("help.app"), no_args_is_help=True, pretty_exceptions_enable=False
)

DataOpt = Annotated[
    list[Path] | None,
    typer.Option("--data", help=h("help.opt.data") + " \\[env var: CCHC_DATA]", show_default=False),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help=h("help.opt.lang") + " \\[env var: CCHC_LANG]", show_default=False),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help=h("help.opt.no-cache") + " \\[env var: CCHC_NO_CACHE]"),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help=h("help.opt.as-of") + " \\[env var: CCHC_TODAY]", show_default=False
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help=h("help.opt.format"), show_default=False),
]

_OPTIONS: dict[str, tuple[Any, Any]] = {
    "data": (DataOpt, None),
    "lang": (LangOpt, None),
    "no_cache": (NoCacheOpt, False),
    "as_of": (AsOfOpt, None),
    "fmt": (FormatOpt, None),
}


def _given_before(ctx: typer.Context) -> Mapping[str, Any]:
    """The shared options given before the command name (``cchc --lang en due``)."""
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, dict) else {}


#: Options where an empty value means "none" (free text, tidied to nothing). Any other
#: option given an empty value on the command line is refused: a script's
#: ``--unit "$UNIT"`` with UNIT unset would otherwise remind or report every unit,
#: and ``--before ""`` list every open task.
FREE_TEXT = frozenset({"note", "evidence", "reason", "text"})


def empty_option(ctx: typer.Context) -> str | None:
    """The first option written with an empty value on the command line (after the
    command name or before it); one set empty in the environment counts as unset.
    (Typer bundles its click: what it is asked is by name, not by its classes.)"""
    context: Any = ctx  # then its parents, contexts of the click Typer bundles
    while context is not None:
        for param in context.command.params:
            if param.param_type_name != "option" or getattr(param, "is_flag", True):
                continue
            if not param.name or param.name in FREE_TEXT:
                continue
            source = context.get_parameter_source(param.name)
            if source is None or source.name != "COMMANDLINE":
                continue
            value = context.params.get(param.name)
            values = value if isinstance(value, list | tuple) else (value,)
            if any(isinstance(v, str) and not v.strip() for v in values):
                return param.opts[0]
        context = context.parent
    return None


def command(
    name: str | None = None,
    *,
    shared: tuple[str, ...] = SHARED,
    target: typer.Typer | None = None,
    errors: bool = True,
    many: bool = False,
    **settings: Any,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register ``func(run, **own_options)`` as a command taking the ``shared`` options.

    ``many``: a command that reads several data folders together (``--data`` given
    more than once, config.yaml's ``sources:``); any other refuses several folders.
    """

    def register(func: Callable[..., None]) -> Callable[..., None]:
        hints = typing.get_type_hints(func, include_extras=True)
        own = [
            p.replace(annotation=hints.get(p.name, p.annotation))
            for p in inspect.signature(func).parameters.values()
            if p.name != "run"
        ]
        added = [
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_OPTIONS[key][0],
                default=_OPTIONS[key][1],
            )
            for key in shared
        ]
        context = inspect.Parameter(
            "typer_ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context
        )
        params = [context, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own), *added]

        def wrapper(**kwargs: Any) -> None:
            ctx = kwargs.pop("typer_ctx")
            before = _given_before(ctx)
            given = {k: kwargs.pop(k) for k in shared}
            if before.get("fmt") is not None and "fmt" not in shared:
                # report, letter, export have a --format of their own, after their name.
                shown = name or func.__name__
                fail(
                    Lang(before.get("lang") or HELP), UsageError("cli.format-after", command=shown)
                )
            invoke(func, merged(before, given), kwargs, many, empty_option(ctx))

        wrapper.__name__ = func.__name__
        wrapper.__qualname__ = func.__qualname__
        wrapper.__doc__ = func.__doc__
        wrapper.__module__ = func.__module__
        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        (target or app).command(name, cls=CchcCommand, **settings)(wrapper)
        return func

    return register


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=lambda v: _version(v), is_eager=True, help=h("help.opt.version")
        ),
    ] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Options before the command name: the shared ones, --version, shell completion."""
    ctx.obj = {"data": data, "lang": lang, "no_cache": no_cache, "as_of": as_of, "fmt": fmt}


def _version(value: bool) -> None:
    if value:
        from cchc_cli import __version__

        echo(f"cchc {__version__}")
        raise typer.Exit()
