"""Errors a command can end with: each carries its message key, its arguments and its
exit code.

Every error a user can cause is a :class:`CchcError`: a bad value on the command line
(:class:`UsageError`, :class:`OptionError`), a data folder that is not one
(:class:`DataFolderError`), a date or deadline that cannot be read (``DateError``,
``DeadlineError`` in the core), a mail server that does not answer (``MailError`` in
the mail service), an input too large to import (``TooLarge``), a data file that is
not a regular file (``DataFileError``), a file laid out in a way an edit will not
touch (``EditRefused``). The CLI turns them into one line on stderr and the exit
code, in one place (``tests/test_layers.py`` checks that no other error class is
public). Problems in the data are not errors of this kind: they are diagnostics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cchc_cli.core.diagnostics import Diagnostic

EXIT_DATA = 1
EXIT_USAGE = 2
#: ``remind --fail-on-overdue`` found overdue tasks (for monitoring).
EXIT_OVERDUE = 3


class CchcError(Exception):
    """The base: ``key`` names the message in the catalog, ``args_`` fills it in."""

    exit_code = EXIT_DATA

    def __init__(self, key: str, /, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args
        #: Problems in the data that explain the error, printed before it.
        self.diagnostics: list[Diagnostic] = []


class UsageError(CchcError):
    """A bad value on the command line: unknown reference, unit, notice, date."""

    exit_code = EXIT_USAGE


class OptionError(UsageError):
    """A bad value of one option; the message is prefixed with the option's name."""

    def __init__(self, option: str, key: str, /, **args: Any) -> None:
        super().__init__(key, **args)
        self.option = option


class DataFolderError(UsageError):
    """The data folder itself is missing or is not a data folder (a usage problem)."""

    def __init__(self, key: str, path: str) -> None:
        super().__init__(key, path=path)
        self.path = path
