"""A progress bar on stderr for long work when stderr is a terminal; nothing otherwise."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.cli.progressbar import Ticker, ticking, working
from ptyread import read_terminal
from test_remind import configure, smtp  # noqa: F401 - the fixture, for mail delivery

#: cchc with the bar's delay and minimums at 0, so that short work on small data shows it.
RUN = (
    "import sys, cchc_cli.cli.progressbar as bar; "
    "bar.DELAY = bar.MIN_FILES = bar.MIN_TASKS = bar.MIN_BYTES = 0; "
    "from cchc_cli.cli.app import main; sys.argv[0] = 'cchc'; main()"
)
#: cchc as it is.
PLAIN = "import sys; from cchc_cli.cli.app import main; sys.argv[0] = 'cchc'; main()"


def _on_terminal(
    args: list[str], cwd: Path, columns: int = 80, code: str = RUN
) -> tuple[int, str, str]:
    """cchc with stderr on a pseudo-terminal (stdout piped): what stderr showed."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "CCHC_LANG")}
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**env, "TERM": "xterm-256color"},
        cwd=cwd,
    )
    os.close(slave)
    shown = read_terminal(master, process)
    out = process.stdout.read().decode("utf-8") if process.stdout else ""
    code = process.wait(timeout=30)
    return code, out, shown.decode("utf-8", errors="replace")


def _piped(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CCHC_LANG"}
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_reading_the_notices_shows_a_bar_on_a_terminal(data_dir):
    code, out, err = _on_terminal(["validate", "--no-cache"], data_dir.parent)
    assert code == 0
    assert "Đang đọc các thông báo" in err
    assert "1 thông báo" in out  # the bar is on stderr only


@pytest.mark.parametrize("columns", [80, 160])
def test_the_bar_fits_the_terminal_and_is_gone_at_the_end(data_dir, columns):
    code, _, err = _on_terminal(["validate", "--no-cache"], data_dir.parent, columns)
    assert code == 0
    drawn = [line for line in err.replace("\r", "\n").split("\n") if "Đang đọc" in line]
    assert drawn
    assert "\x1b[2K" in err or "\x1b[1A" in err  # transient: the line is erased


def test_no_bar_when_stderr_is_not_a_terminal(data_dir):
    done = _piped(["validate", "--no-cache"], data_dir.parent)
    assert done.returncode == 0
    assert "Đang đọc" not in done.stderr and "\x1b" not in done.stderr


def test_a_report_shows_a_bar_while_it_is_made(data_dir, tmp_path):
    args = ["report", "--period", "2023-11", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")]
    code, _, err = _on_terminal(args, data_dir.parent)
    assert code == 0, err
    assert "Đang lập báo cáo" in err
    assert (tmp_path / "r.xlsx").stat().st_size > 0
    piped = _piped([*args[:-1], str(tmp_path / "s.xlsx")], data_dir.parent)
    assert piped.returncode == 0 and "Đang lập" not in piped.stderr


def test_an_import_shows_a_bar_while_the_document_is_read(data_dir):
    source = Path(__file__).parent / "import_corpus" / "03-ba-cot-chu-cai-word.docx"
    args = ["import", str(source), "--dry-run", "--lang", "en"]
    code, out, err = _on_terminal(args, data_dir.parent)
    assert code == 0, err
    assert "Reading the document" in err
    assert "tasks:" in out


def test_mail_delivery_shows_a_bar_on_a_terminal(data_dir, smtp):  # noqa: F811
    inbox, port = smtp
    configure(data_dir, port)
    code, _, err = _on_terminal(["remind", "--email", "--as-of", "2023-11-25"], data_dir.parent)
    assert code == 0, err
    assert "Đang gửi thư" in err
    assert len(inbox.messages) == 3


def test_a_ticker_on_a_file_draws_nothing():
    stream = io.StringIO()
    with ticking("Đang đọc", stream, delay=0) as tick:
        for n in range(5):
            tick(n, 5)
    with working("Đang lập", 10, 0, stream, delay=0):
        pass
    assert stream.getvalue() == ""


def test_a_ticker_waits_for_its_delay_before_drawing():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    ticker = Ticker("Đang đọc", stream, delay=60)
    ticker(1, 10)
    ticker.close()
    assert stream.getvalue() == ""


def test_a_label_with_markup_is_drawn_as_text():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with ticking("[bold]x[/]", stream, delay=0) as tick:
        tick(1, 2)
    assert "[bold]x[/]" in stream.getvalue()


def test_an_import_of_many_files_counts_them_on_a_terminal(data_dir):
    corpus = Path(__file__).parent / "import_corpus"
    files = [str(corpus / n) for n in ("01-so-95-doan-van.txt", "02-giao-ban-tuan.txt")]
    code, _, err = _on_terminal(["import", *files, "--dry-run"], data_dir.parent)
    assert code == 0, err
    assert "Đang nhập các thông báo" in err
    assert "/2" in err


def test_quick_work_shows_no_bar_whatever_the_machines_load(data_dir):
    # One notice, no cache: under the minimums, so no bar even on a slow machine.
    code, _, err = _on_terminal(["validate", "--no-cache"], data_dir.parent, code=PLAIN)
    assert code == 0
    assert "Đang đọc" not in err and "\x1b[?25l" not in err


def test_a_ticker_under_its_minimum_draws_nothing():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with ticking("Đang đọc", stream, delay=0, minimum=100) as tick:
        tick(1, 99)
    with working("Đang lập", 999, 1000, stream, delay=0):
        pass
    assert stream.getvalue() == ""
    with working("Đang lập", 1000, 1000, stream, delay=0):
        pass
    assert "Đang lập" in stream.getvalue()
