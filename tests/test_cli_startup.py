"""What start-up pays for: nothing a run of a hot command does not need."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

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


#: Modules a warm read of one folder has no use for: the Typer lane's (typer, click,
#: rich), a YAML parser (the snapshot answers), several folders' offices, recurring
#: tasks' rules (no reference with ``@`` to a task that recurs), writing files;
#: dateutil for an exact ``--as-of`` and calendar (with locale) for a month's days.
NOT_IMPORTED = (
    "typer",
    "click",
    "rich",
    "ruamel",
    "cchc_cli.core.offices",
    "cchc_cli.core.recurrence",
    "cchc_cli.store.yamlsrc",
    "tempfile",
    "dateutil",
    "six",
    "calendar",
    "locale",
)
IMPORTS = (
    "import atexit, dataclasses, sys\n"
    "made = []\n"
    "real = dataclasses._process_class\n"
    "def spy(cls, *args, **kwargs):\n"
    "    if cls.__dict__.get('__doc__') is None:\n"
    "        made.append(cls.__qualname__)\n"
    "    return real(cls, *args, **kwargs)\n"
    "dataclasses._process_class = spy\n"
    "def report():\n"
    "    found = [m for m in sys.modules if m.split('.')[0] in WANTED or m in WANTED]\n"
    "    print(sorted(found), made, file=sys.__stderr__)\n"
    "atexit.register(report)\n"
    "sys.argv[0] = 'cchc'\n"
    "from cchc_cli.cli import main\n"
    "main()\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["due", "--before", "2023-12-10"],
        ["overdue"],
        ["show", "1.1"],
        ["units"],
        ["validate"],
    ],
)
def test_a_warm_express_run_imports_only_what_it_uses(data_dir, args):
    code = f"WANTED = {NOT_IMPORTED!r}\n" + IMPORTS
    warm = [sys.executable, "-c", code, "--as-of", "2023-12-15"]
    subprocess.run([*warm, "status"], capture_output=True, cwd=data_dir.parent, check=True)
    done = subprocess.run([*warm, *args], capture_output=True, cwd=data_dir.parent, text=True)
    assert done.returncode == 0, done.stderr
    # Nor a dataclass without a docstring: @dataclass computes inspect.signature for one.
    assert done.stderr.splitlines()[-1] == "[] []"
