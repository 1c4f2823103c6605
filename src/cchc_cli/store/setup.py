"""Starting a data folder (`cchc init`), a notice (`cchc new`), and showing the
settings in force with where each comes from (`cchc config`). Pure where it can
be: the texts to write are built here; the CLI writes them."""

from __future__ import annotations

from datetime import date, timedelta

from cchc_cli.store.config import CONFIG_FILE
from cchc_cli.store.yamlwrite import flow_seq, quoted, scalar

CONFIG_TEMPLATE = """\
# Settings of this data folder (docs/format.md). Every key is optional.

# The office keeping these files: printed above the report's title and under
# the reminders it mails.
# office: Văn phòng HĐND và UBND huyện Vĩnh Linh

# Who issues the notices: the header of `cchc new` and of imported drafts, and
# the report's heading when the notices do not say.
# issuing_body: UBND huyện Vĩnh Linh

# The title block of the papers cchc writes (report --format docx, cchc letter), in
# the layout of Nghị định 30/2020/NĐ-CP. Write names as in a sentence: the header
# prints them in capitals. Without it the body is office:, else issuing_body:.
# document:
#   parent: UBND huyện Vĩnh Linh          # the body's parent (cơ quan chủ quản)
#   body: Văn phòng HĐND và UBND huyện    # the issuing body (cơ quan ban hành)
#   symbol: VP                            # Số: …/BC-VP on a report, …/VP-TH on a letter
#   drafter: TH                           # a letter's drafting unit (đơn vị soạn thảo)
#   place: Vĩnh Linh                      # Vĩnh Linh, ngày 05 tháng 12 năm 2023
#   signer:
#     on_behalf: KT. CHÁNH VĂN PHÒNG      # the TL./KT./TM. line, if any
#     title: Phó Chánh Văn phòng
#     name: Lê Văn An
#   recipients: [Thường trực UBND huyện (b/c), "Lưu: VT, TH"]   # Nơi nhận (a letter
#                                         # lists the late units first)

# The interface language, vi or en (--lang and CCHC_LANG win over it).
# language: vi

# The office's time zone: it decides what "today" is, whatever the server's.
timezone: Asia/Ho_Chi_Minh

# cchc remind: tasks due within this many days (default 3).
# reminder_days: 3

# Working days are Monday to Friday but Vietnam's public holidays (Tết included),
# which cchc knows. The office's own days off besides them:
# holidays: [2024-12-31]

# Days worked whatever the calendar says: a Saturday made up (làm bù).
# working_days: [2024-05-04]

# A fixed last day on a weekend or holiday moves to the next working day.
# deadline_next_working_day: false

# Where the reminders' summary goes: the office's own address.
# office_email: [vanphong@example.org]

# Mailing the reminders. The password is never written here: it is read from
# the environment variable named by password_env (CCHC_SMTP_PASSWORD).
# smtp:
#   host: smtp.example.org
#   port: 587
#   security: starttls          # starttls | ssl | none
#   user: cchc@example.org
#   password_env: CCHC_SMTP_PASSWORD
#   sender: "Văn phòng <cchc@example.org>"

# Notice files larger than this (in MB) are refused.
# max_file_mb: 10

# Commit every edit (done, extend, ...) to the git repository this folder is in,
# as `--commit` does: the message names the task, the units and the user.
# git_commit: true
"""

UNITS_TEMPLATE = """\
# The office's units and the groups notices assign to (docs/format.md).
# Each unit: id (short ASCII slug, stable), name, kind (department, commune,
# town, organization, agency), aliases (other spellings and abbreviations),
# groups, and optionally email: [...] for the reminders.

# valid_from: 2025-07-01

groups:
  - id: phong-ban
    name: Các phòng, ban, đơn vị
    aliases: [các phòng, ban, đơn vị, Thủ trưởng các phòng, ban, đơn vị]

units:
  - id: van-phong
    name: Văn phòng
    kind: department
    groups: [phong-ban]
  - id: noi-vu
    name: Phòng Nội vụ
    kind: department
    aliases: [Nội vụ]
    groups: [phong-ban]
"""

GITIGNORE = """\
# cchc's own files: the cache, the edit journal and lock, the mail log.
.cchc/
"""

GITATTRIBUTES = """\
# Progress lives in append-only files, one per unit (progress/<unit>.yaml), one
# event per line: plain git merges what different units record, in any order,
# with no merge driver. Two people recording for the same unit at once get an
# ordinary conflict in that unit's file: keep both sides' lines.
"""


def init_files(units: str | None) -> dict[str, str]:
    """The files of a new data folder, by relative path."""
    return {
        CONFIG_FILE: CONFIG_TEMPLATE,
        "units.yaml": units if units is not None else UNITS_TEMPLATE,
        ".gitignore": GITIGNORE,
        ".gitattributes": GITATTRIBUTES,
        "notices/.gitkeep": "",
    }


def new_notice(
    ident: str,
    number: str,
    issued: date,
    title: str,
    unit: str,
    chair: str | None = None,
    issuer: str | None = None,
) -> str:
    """A new notice with one example task, which validates as it is.

    Every value is given as the user typed it and written by
    :mod:`cchc_cli.store.yamlwrite`, so a title such as "Kết luận: giao ban" or a
    number with a quote or a line break stays inside its own value.
    """
    lines = [
        "# A new notice: fill in the header, then one entry per task (docs/format.md).",
        f"id: {scalar(ident)}",
        f"number: {quoted(number)}",
        f"date: {scalar(issued)}",
        f"title: {scalar(title)}",
    ]
    if issuer:
        lines.append(f"issuer: {scalar(issuer)}")
    if chair:
        lines.append(f"chair: {scalar(chair)}")
    lines += [
        "tasks:",
        f"  - id: {quoted('1.1')}",
        f"    assignees: {flow_seq([unit])}",
        "    text: Nội dung nhiệm vụ như trong thông báo.",
        f"    deadline: {scalar(f'trước ngày {_example_deadline(issued):%d/%m/%Y}')}",
    ]
    return "\n".join(lines) + "\n"


def _example_deadline(issued: date) -> date:
    """A month after the notice, or the last day there is (a notice of 12/9999)."""
    return issued + timedelta(days=30) if issued < date.max - timedelta(days=30) else date.max
