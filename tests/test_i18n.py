import re
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.views.i18n import MESSAGES, Lang, placeholders, t

SRC = Path(__file__).resolve().parent.parent / "src" / "cchc_cli"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip()
    assert placeholders(vi) == placeholders(en)


def _keys_used_in_source() -> set[str]:
    pattern = re.compile(r"""["']((?:[a-z]+)\.[a-z0-9_-]+(?:\.[a-z0-9_-]+)?)["']""")
    prefixes = {key.split(".")[0] for key in MESSAGES}
    used = set()
    for path in SRC.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            key = match.group(1)
            if key.split(".")[0] in prefixes and not key.endswith(
                (".py", ".yaml", ".yml", ".sqlite")
            ):
                used.add(key)
    return used


def test_every_message_key_in_the_code_is_in_the_catalog():
    used = _keys_used_in_source()
    assert len(used) > 50
    missing = {key for key in used if key not in MESSAGES}
    assert missing == set()


def test_dates_in_messages_follow_the_language():
    key = "task.deadline-weekend"
    assert t(key, Lang.VI, last=date(2023, 12, 9), weekday=5) == (
        "hạn cuối (09/12/2023) rơi vào thứ Bảy"
    )
    assert t(key, Lang.EN, last=date(2023, 12, 9), weekday=5) == (
        "the last day (2023-12-09) is a Saturday"
    )
    assert t("notice.partial-date", Lang.VI, date=PartialDate(2023, 11)) == (
        "ngày ban hành không đầy đủ (11/2023)"
    )
