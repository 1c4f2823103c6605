"""Every setting in force, with where it comes from, worked out in one place.

The order, highest first: the command line (``--lang``, ``--commit``...), then the
environment (``CCHC_LANG``, ``CCHC_GIT_COMMIT``...), then ``config.yaml``, then the
default. ``cchc config`` prints what :func:`resolve` returns and every command reads
its settings from the same result; nothing else looks at the environment for a
setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from cchc_cli.core.errors import OptionError
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import SMTP_SECURITY, Config, SmtpSettings
from cchc_cli.store.config import CONFIG_FILE, CONFIG_KEYS, LANGUAGES, SMTP_KEYS

DEFAULT_DATA = "data"
DEFAULT_LANGUAGE = "vi"

#: The environment variable of each setting that has one.
ENVIRONMENT = {
    "data": "CCHC_DATA",
    "language": "CCHC_LANG",
    "today": "CCHC_TODAY",
    "no_cache": "CCHC_NO_CACHE",
    "office_email": "CCHC_OFFICE_EMAIL",
    "git_commit": "CCHC_GIT_COMMIT",
    **{f"smtp.{key}": f"CCHC_SMTP_{key.upper()}" for key in ("host", "port", "security")},
    **{f"smtp.{key}": f"CCHC_SMTP_{key.upper()}" for key in ("user", "sender")},
}
#: The command-line option of each setting that has one.
OPTIONS = {
    "data": "--data",
    "language": "--lang",
    "today": "--as-of",
    "no_cache": "--no-cache",
    "git_commit": "--commit",
}
#: Settings of the run, not of the office: never shown by ``cchc config``.
RUN_ONLY = ("today", "no_cache")

_TRUE = ("1", "true", "t", "yes", "y", "on")
_FALSE = ("0", "false", "f", "no", "n", "off")


class Setting(NamedTuple):
    """One setting's value and where it came from (a named tuple: made on every run,
    it costs a fifth of a frozen dataclass to create)."""

    key: str
    #: As text, the way ``cchc config`` shows it ("" when unset).
    value: str
    #: "default", "config.yaml", an environment variable's name or an option's.
    origin: str


def pick(
    key: str,
    given: str | None,
    environ: Mapping[str, str],
    configured: str | None,
    default: str = "",
) -> Setting:
    """One setting by the documented order: command line, environment, file, default."""
    if given is not None:
        return Setting(key, given, OPTIONS.get(key, "command line"))
    variable = ENVIRONMENT.get(key)
    if variable and environ.get(variable):
        return Setting(key, environ[variable], variable)
    if configured is not None:
        return Setting(key, configured, CONFIG_FILE)
    return Setting(key, default, "default")


def switch(setting: Setting) -> bool:
    """A yes/no setting as a bool; a value that is neither is a usage error."""
    word = setting.value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE or word == "":
        return False
    raise OptionError(setting.origin, "cli.bad-switch", value=setting.value)


def language(setting: Setting) -> str:
    """The language a setting names; an unknown one is a usage error."""
    if setting.value in LANGUAGES:
        return setting.value
    raise OptionError(
        setting.origin, "config.bad-language", value=setting.value, allowed=", ".join(LANGUAGES)
    )


#: The origin of a data folder found from the current folder upward (``cchc config``).
FOUND_UPWARD = "units.yaml"


def data_folder(given: str | None, environ: Mapping[str, str], cwd: Path | None = None) -> Setting:
    """The data folder: ``--data``, else the nearest folder from the current one upward
    that holds units.yaml, else ``CCHC_DATA``, else ``./data``.

    ``--data data`` counts as the default: it names the folder the default names.
    """
    if given == DEFAULT_DATA:
        given = None
    if given is None:
        from cchc_cli.store.discover import find_upward

        found = find_upward(cwd if cwd is not None else Path("."))
        if found is not None:
            return Setting("data", str(found), FOUND_UPWARD)
    return pick("data", given, environ, None, DEFAULT_DATA)


def _port(setting: Setting) -> int | None:
    """A port number, as config.yaml's check reads it; anything else is a usage error."""
    text = setting.value
    if not text:
        return None
    # ASCII digits only ("²" passes str.isdigit), and a short text (int() refuses
    # more than 4,300 digits with an exception).
    if text.isascii() and text.isdigit() and len(text) <= 9 and 1 <= int(text) <= 65535:
        return int(text)
    raise OptionError(setting.origin, "config.bad-number", value=text, low=1, high=65535)


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Settings:
    """Every setting in force for one run, in the order ``cchc config`` shows them."""

    rows: dict[str, Setting]
    config: Config
    #: The editor ``cchc new`` opens the file in: ``VISUAL``, else ``EDITOR``.
    editor: str | None = None

    def __getitem__(self, key: str) -> Setting:
        return self.rows[key]

    @property
    def language(self) -> str:
        return language(self.rows["language"])

    @property
    def git_commit(self) -> bool:
        return switch(self.rows["git_commit"])

    @property
    def office_email(self) -> tuple[str, ...]:
        return tuple(a.strip() for a in self.rows["office_email"].value.split(",") if a.strip())

    @property
    def smtp(self) -> SmtpSettings:
        """The SMTP settings in force: each from its ``CCHC_SMTP_*`` variable or the file."""

        def value(key: str) -> str | None:
            return self.rows[f"smtp.{key}"].value or None

        port = self.rows["smtp.port"]
        security = self.rows["smtp.security"]
        if security.value and security.value not in SMTP_SECURITY:
            # "tls" would otherwise connect in clear text.
            raise OptionError(
                security.origin,
                "config.bad-choice",
                value=security.value,
                allowed=", ".join(SMTP_SECURITY),
            )
        return SmtpSettings(
            host=value("host"),
            port=_port(port),
            security=security.value or "starttls",
            user=value("user"),
            password_env=self.config.smtp.password_env,
            sender=value("sender"),
        )

    def password(self) -> str | None:
        """The SMTP password, from the variable ``smtp.password_env`` names."""
        return self.rows["smtp.password"].value or None


def resolve(
    config: Config,
    in_file: set[str],
    environ: Mapping[str, str],
    given: Mapping[str, str | None],
    data: Setting | None = None,
) -> Settings:
    """Every setting: ``given`` holds what the command line said (None: nothing)."""
    rows: dict[str, Setting] = {}
    if data is not None:
        rows["data"] = data
    for key in (k for k in CONFIG_KEYS if k != "smtp"):
        configured = _shown(getattr(config, key)) if key in in_file else None
        default = DEFAULT_LANGUAGE if key == "language" else _shown(getattr(Config(), key))
        rows[key] = pick(key, given.get(key), environ, configured, default)
    # Each key's value (dataclasses.asdict, without importing dataclasses: 6 ms).
    defaults = SmtpSettings()
    for key, value in ((k, getattr(config.smtp, k)) for k in SMTP_KEYS):
        name = f"smtp.{key}"
        configured = _shown(value) if name in in_file else None
        if key == "password_env":
            rows[name] = Setting(name, _shown(value), CONFIG_FILE if configured else "default")
        else:
            rows[name] = pick(name, None, environ, configured, _shown(getattr(defaults, key)))
    for key in RUN_ONLY:
        rows[key] = pick(key, given.get(key), environ, None)
    variable = config.smtp.password_env
    rows["smtp.password"] = Setting("smtp.password", environ.get(variable, ""), variable)
    editor = environ.get("VISUAL") or environ.get("EDITOR") or None
    return Settings(rows, config, editor)


def shown_rows(settings: Settings) -> list[tuple[str, str, str]]:
    """(setting, value, where from) as ``cchc config`` prints them; no password shown."""
    rows = []
    for setting in settings.rows.values():
        if setting.key in RUN_ONLY:
            continue
        value = setting.value
        if setting.key == "smtp.password":
            value = "(set)" if value else ""
        rows.append((setting.key, value, setting.origin))
    return rows
