"""What start-up pays for: nothing a run of a hot command does not need."""

from __future__ import annotations

import re
import subprocess
import sys

from cchc_cli.core import vntext


def test_the_quick_width_check_takes_no_wide_or_combining_character():
    wide_or_combining = re.compile(vntext._NOT_ONE_COLUMN)
    plain = re.compile(vntext._PLAIN.pattern.removesuffix("*"))
    taken = [c for c in map(chr, range(0x110000)) if plain.fullmatch(c)]
    assert len(taken) > 4000
    assert not any(wide_or_combining.search(c) for c in taken)


WIDTH = """
import re
from cchc_cli.core import vntext
print(vntext.display_width("Phòng Nội vụ – “CCHC” … ░░░ đ Ư ỹ"),
      any(k[1] == vntext._NOT_ONE_COLUMN for k in re._cache))
print(vntext.display_width("中文 e\\u0301"), any(k[1] == vntext._NOT_ONE_COLUMN for k in re._cache))
"""


def test_vietnamese_text_is_measured_without_compiling_the_wide_character_class():
    done = subprocess.run([sys.executable, "-c", WIDTH], capture_output=True, text=True)
    assert done.stdout.splitlines() == ["33 False", "6 True"]
