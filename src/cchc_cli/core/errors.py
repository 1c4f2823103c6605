"""Errors a command can end with: each carries its message key and its exit code.

The CLI turns them into one line on stderr and the exit code, in one place.
Problems in the data are not errors of this kind: they are diagnostics.
"""

from __future__ import annotations

from typing import Any

EXIT_DATA = 1
EXIT_USAGE = 2
#: ``remind --fail-on-overdue`` found overdue tasks (for monitoring).
EXIT_OVERDUE = 3


class CchcError(Exception):
    exit_code = EXIT_DATA

    def __init__(self, key: str, /, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args
        #: Problems in the data that explain the error, printed before it.
        self.diagnostics: list[Any] = []


class UsageError(CchcError):
    """A bad value on the command line: unknown reference, unit, notice, date."""

    exit_code = EXIT_USAGE


class OptionError(UsageError):
    """A bad value of one option; the message is prefixed with the option's name."""

    def __init__(self, option: str, key: str, /, **args: Any) -> None:
        super().__init__(key, **args)
        self.option = option
