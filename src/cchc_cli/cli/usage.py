"""Typer's and click's own words in the interface's language.

Click writes its usage errors ("No such option", "Missing argument", "Invalid
value for ...") and the help option's "Show this message and exit." in English,
and typer's vendored click has no message catalog to plug into. The command
classes here put cchc's catalog in front of them: a usage error becomes one line
on stderr in cchc's own form (``cchc: lỗi: không có tùy chọn --bogus``) followed
by where to find help, exit 2; the help screen's fixed words (usage, panel titles,
the help and completion options) follow the language of ``--help``.

The language of an error is worked out when it happens, from the words typed
(``--lang``), then ``CCHC_LANG``, then the data folder's config.yaml.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from cchc_cli.cli.runner import usage_lang
from cchc_cli.core.safetext import one_line
from cchc_cli.views.i18n import Lang, t

_NOT_ONE_OF = re.compile(r"(?P<value>.+?) is not one of (?P<choices>.+)\.$", re.S)
_NOT_VALID = re.compile(r"(?P<value>.+?) is not a valid (?P<kind>[\w ]+)\.$", re.S)
_RANGE = re.compile(r"(?P<value>.+?) is not in the range (?P<range>.+)\.$", re.S)
_NO_COMMAND = re.compile(r"No such command (?P<name>.+?)\.(?: Did you mean (?P<like>.+)\?)?$", re.S)
_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", re.S)
_NEEDS_VALUE = re.compile(r"Option (?P<name>.+?) requires (?:an argument|\d+ arguments)\.$")
_NO_VALUE = re.compile(r"Option (?P<name>.+?) does not take a value\.$")


def _exceptions() -> Any:
    from typer import _click as click

    return click.exceptions


def _reason(message: str, lang: Lang) -> str:
    """The reason inside "Invalid value for X: reason", in ``lang``."""
    for pattern, key in (
        (_NOT_ONE_OF, "click.not-one-of"),
        (_RANGE, "click.not-in-range"),
        (_NOT_VALID, "click.not-valid"),
    ):
        found = pattern.match(message)
        if found:
            words = found.groupdict()
            if key == "click.not-valid" and "int" in words["kind"].split():
                key = "click.not-integer"
            return t(key, lang, **words)
    return message


def usage_message(err: Exception, lang: Lang) -> str:
    """What a click usage error says, in ``lang`` (English: click's own words)."""
    exceptions = _exceptions()
    # Click quotes what was typed; a terminal must not act on it (ESC, line breaks).
    english = one_line(err.format_message() if hasattr(err, "format_message") else str(err))
    if lang is Lang.EN:
        return english
    ctx = getattr(err, "ctx", None)
    if isinstance(err, exceptions.NoSuchOption):
        name = err.option_name
        if err.possibilities:
            options = ", ".join(sorted(err.possibilities))
            return t("click.no-such-option-like", lang, name=name, options=options)
        return t("click.no-such-option", lang, name=name)
    if isinstance(err, exceptions.MissingParameter):
        param = err.param
        hint = err.param_hint or (param.get_error_hint(ctx) if param and ctx else "")
        kind = err.param_type or (param.param_type_name if param else "parameter")
        missing = {"argument": "click.missing-argument", "option": "click.missing-option"}
        return t(missing.get(kind, "click.missing-parameter"), lang, name=hint)
    if isinstance(err, exceptions.BadParameter):
        param = err.param
        hint = err.param_hint or (param.get_error_hint(ctx) if param and ctx else None)
        reason = _reason(err.message, lang)
        if hint:
            return t("click.bad-value-for", lang, name=hint, reason=reason)
        return t("click.bad-value", lang, reason=reason)
    message = getattr(err, "message", english)
    if message == "Missing command.":
        return t("click.missing-command", lang)
    for pattern, key in (
        (_NO_COMMAND, "click.no-such-command"),
        (_EXTRA, "click.extra-arguments"),
        (_NEEDS_VALUE, "click.needs-value"),
        (_NO_VALUE, "click.no-value"),
    ):
        found = pattern.match(message)
        if found:
            words = {k: v for k, v in found.groupdict().items() if v is not None}
            if key == "click.no-such-command" and "like" in words:
                key = "click.no-such-command-like"
            return t(key, lang, **words)
    return english


def _help_words(lang: Lang) -> None:
    """The fixed words of typer's help screen (panel titles, [default: ...])."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = t("click.arguments", lang)
    rich_utils.OPTIONS_PANEL_TITLE = t("click.options", lang)
    rich_utils.COMMANDS_PANEL_TITLE = t("click.commands", lang)
    rich_utils.DEFAULT_STRING = t("click.default", lang)
    rich_utils.ENVVAR_STRING = t("click.envvar", lang)
    rich_utils.REQUIRED_LONG_STRING = t("click.required", lang)


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """``--install-completion``: typer's installation, told in the interface's language."""
    if not value or ctx.resilient_parsing:
        return value
    from typer.completion import install

    shell, path = install(shell=value) if isinstance(value, str) else install()
    lang = usage_lang(sys.argv[1:], os.environ)
    typer.echo(t("click.completion-installed", lang, shell=shell, path=str(path)))
    sys.exit(0)


class _Words:
    """What the group and its commands share: the help option and the usage line."""

    #: The language of --help (set by the app when it is built).
    help_language: Lang = Lang.VI

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = t("click.help-option", self.help_language)
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        prefix = t("click.usage", self.help_language) + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _help_words(self.help_language)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class CchcCommand(_Words, TyperCommand):
    """A cchc command: typer's, speaking the interface's language."""


class CchcGroup(_Words, TyperGroup):
    """The cchc app: usage errors told in cchc's own form and language."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if param.name in ("install_completion", "show_completion"):
                option: Any = param  # an Option: it has a help text
                option.help = t(f"click.{param.name}", self.help_language)
            if param.name == "install_completion":
                option.callback = _install_completion
        return params

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(args) if args is not None else sys.argv[1:]
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, **extra)
        exceptions = _exceptions()
        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except exceptions.ClickException as err:
            if type(err).__name__ == "NoArgsIsHelpError":
                sys.exit(err.exit_code)  # `cchc` alone: the help was the answer
            lang = usage_lang(argv, os.environ)
            typer.echo(f"cchc: {t('cli.error', lang)}: {usage_message(err, lang)}", err=True)
            ctx = getattr(err, "ctx", None)
            if ctx is not None and isinstance(err, exceptions.UsageError):
                typer.echo(t("click.see-help", lang, command=ctx.command_path), err=True)
            sys.exit(err.exit_code)
        except Abort:
            lang = usage_lang(argv, os.environ)
            typer.echo(t("click.aborted", lang), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
