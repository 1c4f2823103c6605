"""The run of one command, without Typer: what both ways in share.

A command's body is ``func(run, **own_options)``: it reads what it needs from a
:class:`Run`, built once from the shared options and the environment, and every error
the user can cause becomes one line on stderr and an exit code in :func:`invoke`.
Exit codes: 0 fine, 1 problems in the data, 2 bad usage.

Nothing here imports typer, click or rich: the express lane
(:mod:`cchc_cli.cli.express`) runs the hot commands through this module alone, and the
Typer app (:mod:`cchc_cli.cli.context`) wraps the same functions, so the two print the
same bytes. Text goes out through :func:`echo`, which writes what ``typer.echo`` would.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cchc_cli.cli.streams import echo
from cchc_cli.core.errors import EXIT_DATA, CchcError, OptionError, UsageError
from cchc_cli.core.safetext import one_line
from cchc_cli.store.fileio import DataFileError, read_data_file
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.render import OutputFormat, formatter_for

if TYPE_CHECKING:
    from cchc_cli.core.diagnostics import Diagnostic
    from cchc_cli.core.model import Task
    from cchc_cli.core.offices import Office
    from cchc_cli.store.loader import Dataset
    from cchc_cli.store.settings import Settings
    from cchc_cli.views.render import Report

#: What a shell reports for a command killed by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141
#: The shared options and the setting each one gives.
SHARED = ("data", "lang", "no_cache", "as_of", "fmt")


def argv_option(argv: list[str], name: str) -> str | None:
    """The value of ``--name=V`` or ``--name V`` in ``argv``, if there."""
    for i, arg in enumerate(argv):
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
    return None


def help_lang(argv: list[str], environ: Mapping[str, str]) -> Lang:
    """The language of --help, which is printed before options are parsed.

    The same order as every other setting (:mod:`cchc_cli.store.settings`), but only a
    glance at config.yaml: --help must not pay for a YAML parser.
    """
    given = argv_option(argv, "--lang")
    if given is None and "--help" not in argv and argv and "CCHC_LANG" not in environ:
        return Lang.VI  # no help asked for: the settings are resolved later, once
    chosen = given or environ.get("CCHC_LANG")
    if chosen is None:
        # The order of store.settings.data_folder, without its imports (a YAML parser).
        from cchc_cli.store.discover import find_upward

        upward = find_upward(Path("."))
        named = argv_option(argv, "--data")
        data = named or (str(upward) if upward else None) or environ.get("CCHC_DATA") or "data"
        try:
            # The one reader of data files: a pipe or /dev/zero named config.yaml
            # must not hang --help either.
            text = read_data_file(Path(data) / "config.yaml").decode("utf-8", "replace")
        except DataFileError:
            text = ""
        found = re.search(r"^language:\s*[\"']?(en|vi)\b", text, re.MULTILINE)
        chosen = found[1] if found else None
    return Lang.EN if chosen == "en" else Lang.VI


def usage_lang(argv: list[str], environ: Mapping[str, str]) -> Lang:
    """The language to speak a usage error in: --lang, CCHC_LANG, config.yaml, vi."""
    return help_lang([*argv, "--help"], environ)


class Run:
    """One run of one command: settings, language, today and (lazily) the data."""

    def __init__(
        self,
        data: Path,
        lang: Lang,
        settings: Settings,
        fmt: OutputFormat = OutputFormat.TABLE,
        commit: bool = False,
        more: tuple[Path, ...] = (),
        many: bool = False,
    ) -> None:
        self.data = data
        #: Folders read with ``data`` (``--data`` given again), for commands that read.
        self.more = more
        #: Whether the command reads several folders (``--data`` again, ``sources:``).
        self.many = many
        self.lang = lang
        self.settings = settings
        self.fmt = fmt
        #: Commit edits: --commit, else CCHC_GIT_COMMIT, else config.yaml's git_commit.
        self.commit = commit
        self._dataset: Dataset | None = None
        self._uncached = False
        #: Whether several folders were read as one (their offices, issue 24).
        self._combined = False

    @property
    def no_cache(self) -> bool:
        from cchc_cli.store.settings import switch

        return switch(self.settings["no_cache"])

    @property
    def as_of(self) -> str | None:
        return self.settings["today"].value or None

    def read(self) -> Dataset:
        """The dataset, through the cache unless told not to, with no diagnostics shown."""
        if self._dataset is None:
            from cchc_cli.cli import progressbar
            from cchc_cli.store.cache import FileCache
            from cchc_cli.store.loader import check_folder, load

            def load_one(folder: Path) -> Dataset:
                check_folder(folder)
                cache = None if self.no_cache or self._uncached else FileCache.open(folder)
                for key in cache.warnings if cache else ():
                    self.warn(t(key, self.lang))
                label = t("progress.reading", self.lang)
                with progressbar.ticking(label, minimum=progressbar.MIN_FILES) as tick:
                    return load(folder, cache, tick)

            if self.many and (self.more or self.settings.config.sources):
                from cchc_cli.store.sources import load_many

                # Each folder its own cache, loaded as if alone, then combined.
                self._dataset = load_many((self.data, *self.more), load_one)
                self._combined = True
            else:
                self._dataset = load_one(self.data)
        return self._dataset

    @property
    def folders(self) -> tuple[Path, ...]:
        """Every folder given on the command line."""
        return (self.data, *self.more)

    def read_uncached(self) -> Dataset:
        """:attr:`dataset`, read from the files themselves (before creating one)."""
        self._uncached = True
        return self.dataset

    @property
    def dataset(self) -> Dataset:
        """The dataset for a read command; its errors are told on stderr, once."""
        if self._dataset is None:
            dataset = self.read()
            errors = dataset.errors
            for diagnostic in errors:
                echo(self.diagnostic_line(diagnostic), err=True)
            if errors:
                echo(t("cli.data-has-errors", self.lang, errors=len(errors)), err=True)
        assert self._dataset is not None
        return self._dataset

    def clock_today(self) -> date:
        """The office's calendar day (its time zone, not the server's)."""
        from cchc_cli.core.status import office_date

        return office_date(datetime.now(UTC), self.dataset.config.timezone)

    @property
    def today(self) -> date:
        """The office's calendar day, or ``--as-of``."""
        from cchc_cli.core.dateargs import parse_date_arg

        today = self.clock_today()
        if not self.as_of:
            return today
        # Blame the place the value was written: --as-of or CCHC_TODAY.
        return parse_date_arg(self.as_of, today, self.settings["today"].origin)

    def task(
        self, ref: str, units: tuple[str, ...] = (), latest: bool = False, series: bool = False
    ) -> Task:
        """The task a reference names; for a recurring task, the instance it names
        (``@2024-01``), else its oldest open one (for ``units``, when given; with
        ``latest``, the last one begun when none is open); with ``series``, the
        recurring task itself, whichever instance is named. A reference may be
        qualified by its office (``vinh-linh:cchc-2023-11/1.1``)."""
        from cchc_cli.views.query import find_task

        dataset = self.dataset
        office, qualified, rest = ref.strip().partition(":")
        if qualified and not self.offices():
            # One folder: a reference qualified by its own office is accepted as is
            # written elsewhere (`cchc show` of several folders prints it so).
            from cchc_cli.store.sources import office_id_for

            own = office_id_for(dataset.config, self.data)
            if office != own:
                raise UsageError("cli.ref-other-office", ref=ref, office=office, own=own)
            ref = rest
        if series:
            task = find_task(dataset, ref.strip().partition("@")[0])
            if task.recurrence is None:
                raise UsageError("cli.series-not-recurring", ref=task.ref)
            return task
        if "@" not in ref:
            task = find_task(dataset, ref.strip())
            today = self.today  # told first if wrong, as below
            if task.recurrence is None:
                return task  # what pick_instance makes of it, without the recurrence rules
            from cchc_cli.core.recurrence import pick_instance

            return pick_instance(task, None, today, units, latest)
        from cchc_cli.core.recurrence import pick_instance, split_ref

        base, key = split_ref(ref)
        return pick_instance(find_task(dataset, base), key, self.today, units, latest)

    def offices(self) -> tuple[Office, ...]:
        """The offices of the folders read together; none for one folder (nothing of
        :mod:`cchc_cli.core.offices` imported for it)."""
        if self._dataset is None or not self._combined:
            return ()
        from cchc_cli.core.offices import offices_of

        return offices_of(self._dataset)

    def emit(self, report: Report, fmt: OutputFormat | None = None) -> None:
        offices = self.offices()
        if offices:
            from cchc_cli.views.offices import with_office

            report = with_office(report, offices, lang=self.lang)
        formatter_for(fmt or self.fmt, self.lang).emit(report)

    def say(self, key: str, /, **args: Any) -> None:
        echo(t(key, self.lang, **args))

    def tell(self, key: str, /, **args: Any) -> None:
        """Say what was done on a terminal; stay silent for scripts."""
        if sys.stdout.isatty():
            self.say(key, **args)

    def warn(self, message: str) -> None:
        echo(f"cchc: {t('cli.warning', self.lang)}: {message}", err=True)

    def diagnostic_line(self, diagnostic: Diagnostic) -> str:
        return diagnostic_line(diagnostic, self.lang)

    def finish(self) -> None:
        """The end of a run: exit 1 if the data had errors."""
        if self._dataset is not None and self._dataset.has_errors:
            raise SystemExit(EXIT_DATA)


def build_run(given: Mapping[str, Any], environ: Mapping[str, str]) -> Run:
    """The run context from what the command line said (None: not said) and the
    environment, with config.yaml in between (:mod:`cchc_cli.store.settings`)."""
    from cchc_cli.store.settings import data_folder, resolve
    from cchc_cli.store.snapshot import read_config

    written = given.get("data")
    given_folders = [written] if isinstance(written, str | Path) else list(written or [])
    first = given_folders[0] if given_folders else None
    data_setting = data_folder(_text(first), environ)
    data = Path(data_setting.value)
    try:
        config, in_file = read_config(data)
    except OSError:
        from cchc_cli.core.model import Config

        config, in_file = Config(), set()
    options = {
        "language": _text(given.get("lang")),
        "today": given.get("as_of"),
        "no_cache": "true" if given.get("no_cache") else None,
        "git_commit": "true" if given.get("commit") else None,
    }
    settings = resolve(config, in_file, environ, options, data_setting)
    lang = Lang(settings.language)
    fmt = given.get("fmt") or OutputFormat.TABLE
    more = tuple(Path(f) for f in given_folders[1:])
    many = bool(given.get("many"))
    return Run(data, lang, settings, fmt, settings.git_commit, more, many)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.value if isinstance(value, Lang) else str(value)


def diagnostic_line(diagnostic: Diagnostic, lang: Lang) -> str:
    """``path:line:col: error: message``; a file's name is data too (it may hold an ESC)."""
    message = t(diagnostic.key, lang, **diagnostic.args)
    return f"{one_line(str(diagnostic.source))}: {diagnostic.severity}: {message}"


def fail(run_lang: Lang, err: CchcError) -> NoReturn:
    """The one place an error the user caused becomes a line on stderr and the exit."""
    lang = run_lang
    for diagnostic in err.diagnostics:
        echo(diagnostic_line(diagnostic, lang), err=True)
    option = f"{err.option}: " if isinstance(err, OptionError) else ""
    prefix = t("cli.error", lang)
    echo(f"cchc: {prefix}: {option}{t(err.key, lang, **err.args_)}", err=True)
    raise SystemExit(err.exit_code)


def fail_softly(lang: Lang, err: CchcError, where: str) -> None:
    """An error in one item of many (a file of ``import a b c``): told, and the run goes on."""
    for diagnostic in err.diagnostics:
        echo(diagnostic_line(diagnostic, lang), err=True)
    option = f"{err.option}: " if isinstance(err, OptionError) else ""
    prefix = t("cli.error", lang)
    message = t(err.key, lang, **err.args_)
    echo(f"cchc: {prefix}: {one_line(where)}: {option}{message}", err=True)


def os_failure(lang: Lang, err: OSError) -> NoReturn:
    """A folder that cannot be written, a full disk: the system's words, and where."""
    reason = err.strerror or str(err)
    where = err.filename
    if where is None:
        # Only writing to standard output fails without a file name (`> /dev/full`).
        where = t("cli.stdout", lang)
        silence_stdout()
    prefix = t("cli.error", lang)
    echo(f"cchc: {prefix}: {t('cli.os-error', lang, path=where, reason=reason)}", err=True)
    raise SystemExit(EXIT_DATA)


def silence_stdout() -> None:
    """Send what is left for stdout nowhere: Python would fail again flushing it at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def merged(before: Mapping[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The shared options after the command name, completed by those before it
    (``cchc --lang en due``): a value written after the name wins."""
    for key, value in before.items():
        if given.get(key) in (None, False) or given.get(key) == []:
            given[key] = value
    return given


def invoke(
    func: Callable[..., None],
    given: dict[str, Any],
    own: dict[str, Any],
    many: bool,
    empty: str | None = None,
) -> None:
    """Run ``func(run, **own)`` with the run the shared options ``given`` make; every
    error the user can cause ends the run here, as one line on stderr and its code.
    ``empty``: an option written with an empty value, refused (in the run's language)."""
    given["many"] = many
    if "commit" in own:
        given["commit"] = own["commit"]
    lang = Lang.VI
    try:
        run = build_run(given, os.environ)
        lang = run.lang
        if empty is not None:
            raise OptionError(empty, "cli.empty-value")
        if run.more and not many:
            raise UsageError("cli.one-folder-only", count=len(run.folders))
        if "commit" in own:
            own["commit"] = run.commit
        func(run, **own)
    except CchcError as err:
        fail(lang, err)
    except BrokenPipeError:
        # `cchc due | head`: the reader has all it wanted. Python would complain
        # again when flushing stdout at exit, so stdout goes nowhere from here.
        silence_stdout()
        raise SystemExit(EXIT_BROKEN_PIPE) from None
    except OSError as err:
        os_failure(lang, err)
