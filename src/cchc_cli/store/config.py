"""The data folder's settings: ``config.yaml`` beside ``units.yaml``, optional.

::

    office: Văn phòng HĐND và UBND huyện Vĩnh Linh
    issuing_body: UBND huyện Vĩnh Linh
    language: vi                   # vi | en, unless --lang or CCHC_LANG says
    git_commit: true               # commit every edit, as --commit does
    timezone: Asia/Ho_Chi_Minh     # the office's time zone: decides what "today" is
    reminder_days: 3               # remind: tasks due within this many days
    holidays: [2024-12-31]         # days off besides weekends and public holidays
    working_days: [2024-05-04]     # a Saturday worked in exchange for a holiday
    deadline_next_working_day: false   # a fixed last day off moves to the next working day
    office_email: [vanphong@example.org]
    smtp:
      host: smtp.example.org
      port: 587
      security: starttls           # starttls | ssl | none
      user: cchc@example.org
      password_env: CCHC_SMTP_PASSWORD   # the password itself is never in a file
      sender: "Văn phòng HĐND và UBND huyện <cchc@example.org>"
    document:                      # the title block of report --format docx and letter
      parent: UBND HUYỆN VĨNH LINH
      body: VĂN PHÒNG HĐND VÀ UBND
      symbol: VP                   # Số: …/BC-VP (report), Số: …/VP-TH (letter)
      drafter: TH
      place: Vĩnh Linh
      signer: {on_behalf: KT. CHÁNH VĂN PHÒNG, title: PHÓ CHÁNH VĂN PHÒNG, name: Lê Văn A}
      recipients: [Thường trực UBND huyện, "Lưu: VT, VP"]
    office_id: vinh-linh           # the short id when read with other folders
    sources: [../gio-linh, /srv/cchc/cam-lo]   # folders read with this one
"""

from __future__ import annotations

from pathlib import Path

from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.model import Config

CONFIG_FILE = "config.yaml"


def load_config(data_dir: Path) -> tuple[Config, list[Diagnostic], bool]:
    """The settings, the problems found, and whether the file exists at all."""
    config, diagnostics, exists, _, _ = read_settings(data_dir)
    return config, diagnostics, exists


def read_config(data_dir: Path) -> tuple[Config, set[str]]:
    """The settings and the keys the file writes (``smtp.host`` for those under smtp)."""
    config, _, _, keys, _ = read_settings(data_dir)
    return config, keys


def read_settings(data_dir: Path) -> tuple[Config, list[Diagnostic], bool, set[str], bytes]:
    """The settings, the problems found, whether the file exists, the keys it writes
    and its bytes (what the settings were read from)."""
    path = data_dir / CONFIG_FILE
    if not path.exists():
        return Config(), [], False, set(), b""
    from cchc_cli.store.config_parse import parse_config

    config, diagnostics, keys, content = parse_config(path)
    return config, diagnostics, True, keys, content


CONFIG_KEYS = (
    "office",
    "issuing_body",
    "language",
    "timezone",
    "reminder_days",
    "holidays",
    "working_days",
    "deadline_next_working_day",
    "office_email",
    "smtp",
    "max_file_mb",
    "git_commit",
)
#: Keys read here but not listed by ``cchc config`` (they are not one value each).
SCOPE_KEYS = ("writers", "document", "office_id", "sources")
LANGUAGES = ("vi", "en")
SMTP_KEYS = ("host", "port", "security", "user", "password_env", "sender")
DOCUMENT_KEYS = ("parent", "body", "symbol", "drafter", "place", "signer", "recipients")
SIGNER_KEYS = ("on_behalf", "title", "name")
