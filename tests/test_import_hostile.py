"""The importer on what arrives: hostile text and Word files give a draft or one clear
error, quickly, never a traceback, a hang or memory without bound (issue 16, class 9).

Times are asserted only where the bug was time itself, with a bound far above what
the code takes (a loaded 2-core machine is slow); otherwise the message is asserted.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.core.errors import CchcError
from cchc_cli.services import wordtext
from cchc_cli.services.importer import (
    MAX_PARAGRAPHS,
    MAX_TASKS,
    MAX_TEXT,
    REVIEW_KEYS,
    TooLarge,
    read,
    read_source,
    to_yaml,
)
from cchc_cli.store.loader import load
from cchc_cli.store.yamlsrc import YMap, parse
from cchc_cli.views.i18n import Lang, t

ROOT = Path(__file__).resolve().parent.parent
HEAD = "Số: 1/TB-UBND\nVĩnh Linh, ngày 05 tháng 3 năm 2024\nTHÔNG BÁO\nTiêu đề\n"
TASK = "1. Phòng Nội vụ\n- Rà soát thủ tục, hoàn thành trước ngày 15/3.\n"
#: Far above what any case below takes on an idle machine (well under a second).
SLOW = 20.0


@pytest.fixture(scope="module")
def registry():
    return load(ROOT / "data").registry


def draft_of(text: str, registry) -> tuple[object, str]:
    """The draft and its YAML, which must parse without a problem."""
    draft = read(text, registry)
    reviews = {key: t(key, Lang.EN, arg="{arg}") for key in REVIEW_KEYS}
    written = to_yaml(draft, "x", "hostile.txt", reviews)
    node, problems = parse(written, "x.yaml")
    assert problems == [], written[:2000]
    assert isinstance(node, YMap)
    return draft, written


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


# -- time: what was quadratic or worse ------------------------------------------------


@pytest.mark.parametrize(
    "repeated",
    [
        "đồng chí Thái Văn Thành - Chủ tịch UBND huyện ",  # _CHAIR: > 20 s on 12 KB
        "đồng chí Thái Văn Thành ",
        "Ngày 01/3/2024, UBND huyện ",  # _MEETING: 25 s on 64 KB
        "Vĩnh Linh, ngày tháng ",
        "phối hợp với Phòng Nội vụ ",
        "Phòng Nội vụ, phòng xyz abc, ",  # unknown names, each searched from the start
        "các Phòng: Nội vụ, ",
        "UBND các xã, thị trấn (trừ ",  # a group's exceptions: once recursive, no end
        "Các xã ",
        "UBND các xã có rừng ",
        "do Phòng Nội vụ ",
        "rà soát, giao Phòng Nội vụ ",
    ],
)
def test_a_line_that_repeats_a_pattern_s_start_is_read_in_linear_time(registry, repeated):
    text = HEAD + "1. " + repeated * (480_000 // len(repeated)) + "\n- Làm.\n"
    (draft, _), seconds = timed(draft_of, text, registry)
    assert seconds < SLOW
    assert len(draft.tasks) == 1


def test_the_recipient_list_is_not_joined_quadratically(registry):
    text = HEAD + TASK + "Nơi nhận:\n- Như trên;\n" + "tiếp theo\n" * 19_000
    (draft, _), seconds = timed(draft_of, text, registry)
    assert seconds < SLOW
    assert draft.recipients[0].startswith("Như trên; tiếp theo tiếp theo")


def test_many_sections_and_tasks_up_to_the_limits_stay_fast(registry):
    sections = "".join(
        f"{n % 99 + 1}. Phòng Nội vụ\n- Làm trước ngày 10/12/2024.\n" for n in range(990)
    )
    (draft, _), seconds = timed(draft_of, HEAD + sections, registry)
    assert seconds < SLOW
    assert len(draft.tasks) == 990


# -- size: refused with a clear message ------------------------------------------------


def test_a_two_megabyte_line_is_refused_before_any_work(registry, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(HEAD + TASK + "x" * 2_000_000, "utf-8")
    with pytest.raises(TooLarge) as caught:
        read(read_source(str(big)), registry)
    assert caught.value.key == "import.too-large"
    assert caught.value.args_ == {"path": str(big), "limit": MAX_TEXT}
    assert t(caught.value.key, Lang.EN, **caught.value.args_) == (
        f"{big} is too large to import: more than 1000000 characters of text (a conclusion"
        " notice is a few pages); copy the notice out of it"
    )


def test_text_past_the_limit_given_directly_is_refused_too(registry):
    with pytest.raises(TooLarge) as caught:
        read("a" * (MAX_TEXT + 1), registry)
    assert caught.value.key == "import.too-large"


def test_an_endless_input_is_read_only_up_to_the_limit():
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    with pytest.raises(TooLarge) as caught:
        read_source("-", io.BufferedReader(Endless()))
    assert caught.value.key == "import.too-large"


def test_a_hundred_thousand_lines_of_numbers_are_refused(registry):
    with pytest.raises(TooLarge) as caught:
        read("1.\n" * 100_000, registry)
    assert caught.value.key == "import.too-many-paragraphs"
    assert caught.value.args_["limit"] == MAX_PARAGRAPHS


def test_more_tasks_than_a_notice_has_are_refused(registry):
    text = HEAD + "1. Phòng Nội vụ\n" + "- Làm.\n" * (MAX_TASKS + 5)
    with pytest.raises(TooLarge) as caught:
        read(text, registry)
    assert caught.value.key == "import.too-many-tasks"


def test_a_heading_with_endless_unknown_names_lists_some_and_says_how_many_more(registry):
    heading = ", ".join(f"Phòng Số {n}" for n in range(100))
    draft, written = draft_of(HEAD + f"1. {heading}\n- Làm.\n", registry)
    (task,) = draft.tasks
    assert len(task.unknown) == 30
    assert task.review[-1] == "import.more-units:70"
    assert "# REVIEW: 70 more unit names in the section's heading are not listed" in written


def test_the_text_limit_is_the_documented_one():
    assert MAX_TEXT == 1_000_000
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert "at most 1,000,000 characters of text" in readme
    assert "20,000 paragraphs and 2,000 tasks" in readme
    assert (MAX_PARAGRAPHS, MAX_TASKS) == (20_000, 2_000)


# -- what is in the text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("Vĩnh Linh, ngày 31 tháng 02 năm 2023", "ngày 31 tháng 02 năm 2023"),
        ("Vĩnh Linh, ngày 05 tháng 13 năm 2024", "ngày 05 tháng 13 năm 2024"),
        ("Vĩnh Linh, ngày 05 tháng 3 năm 0000", "ngày 05 tháng 3 năm 0000"),
        ("Vĩnh Linh, ngày tháng năm 0000", "ngày tháng năm 0000"),
    ],
)
def test_an_impossible_date_of_issue_is_a_review_item(registry, line, written):
    text = f"Số: 1/TB-UBND\n{line}\nTHÔNG BÁO\nTiêu đề\n{TASK}"
    draft, yaml = draft_of(text, registry)
    assert draft.date is None
    assert draft.date_problem == written
    assert f"date:  # REVIEW: not a real date: {written}; write the right one\n" in yaml
    assert draft.reviews == 1 + sum(len(task.review) for task in draft.tasks)
    # With no year of issue, "trước ngày 15/3" has no year either: a review, not a guess.
    assert draft.tasks[0].review == ["import.bad-deadline:deadline.no-year"]


def test_an_impossible_meeting_date_is_a_review_item(registry):
    text = HEAD + "Ngày 31/02/2023, UBND huyện Vĩnh Linh tổ chức họp.\n" + TASK
    draft, yaml = draft_of(text, registry)
    assert draft.meeting is None
    assert draft.issuer == "UBND huyện Vĩnh Linh"
    assert "# meeting_date:  # REVIEW: not a real date: 31/02/2023; write the right one" in yaml


@pytest.mark.parametrize(
    "deadline", ["trước ngày 01/01/0001", "trước ngày 31/02/2024", "trong tháng 13/2024"]
)
def test_an_impossible_deadline_is_a_review_item(registry, deadline):
    draft, yaml = draft_of(HEAD + f"1. Phòng Nội vụ\n- Báo cáo {deadline}.\n", registry)
    (task,) = draft.tasks
    assert task.deadline is None
    assert task.review[0].startswith("import.bad-deadline:")
    assert "# REVIEW: deadline could not be read" in yaml


def test_nul_bytes_and_terminal_escapes_stay_inside_their_values(registry):
    text = HEAD + "1. Phòng Nội vụ\x00\x1b[2J\n- Làm\x00 việc \x1b]0;x\x07 ngay.\n"
    draft, yaml = draft_of(text, registry)
    (task,) = draft.tasks
    assert task.assigned == ["noi-vu"]
    node, _ = parse(yaml, "x.yaml")
    (task_node,) = node.entries["tasks"].value.items
    assert task_node.entries["text"].value.value == "Làm\x00 việc \x1b]0;x\x07 ngay."
    assert "\x00" not in yaml and "\x1b" not in yaml


# -- Word files ------------------------------------------------------------------------


def docx_with(tmp_path: Path, name: str, document_xml: bytes | None = None) -> Path:
    """A real .docx (python-docx's), its document.xml replaced by ``document_xml``."""
    from docx import Document

    plain = tmp_path / "plain.docx"
    document = Document()
    for line in (HEAD + TASK).splitlines():
        document.add_paragraph(line)
    document.save(plain)
    if document_xml is None:
        return plain
    target = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = document_xml
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_a_word_file_reads_as_its_text(tmp_path, registry):
    text = read_source(str(docx_with(tmp_path, "ok.docx")))
    assert text.splitlines()[:2] == ["Số: 1/TB-UBND", "Vĩnh Linh, ngày 05 tháng 3 năm 2024"]


def test_four_million_empty_paragraphs_are_refused_before_python_docx_parses_them(tmp_path):
    body = b"<w:p/>" * 4_000_000
    bomb = docx_with(
        tmp_path, "bomb.docx", b"<w:document " + W + b"><w:body>" + body + b"</w:body></w:document>"
    )
    assert bomb.stat().st_size < 1_000_000
    start = time.perf_counter()
    with pytest.raises(CchcError) as caught:
        read_source(str(bomb))
    assert time.perf_counter() - start < SLOW
    assert caught.value.key == "import.too-many-paragraphs"
    assert t(caught.value.key, Lang.EN, **caught.value.args_) == (
        f"{bomb} is too long for a notice: more than 20000 paragraphs; copy the notice out of it"
    )


def test_half_a_million_tags_are_refused_before_python_docx_parses_them(tmp_path):
    runs = b"<w:p>" + b"<w:r/>" * 600_000 + b"</w:p>"
    path = docx_with(
        tmp_path, "runs.docx", b"<w:document " + W + b"><w:body>" + runs + b"</w:body></w:document>"
    )
    with pytest.raises(CchcError) as caught:
        read_source(str(path))
    assert caught.value.key == "import.docx-too-large"
    assert t(caught.value.key, Lang.EN, **caught.value.args_) == (
        f"{path} is too large to import: its Word content unpacks to more than 32 MB or"
        " 500000 XML elements (a notice takes a few hundred KB)"
    )


def test_a_part_with_a_huge_unpacked_size_is_refused(tmp_path):
    spaces = (
        b"<w:document " + W + b"><w:body>" + b" " * (33 * 1024 * 1024) + b"</w:body></w:document>"
    )
    with pytest.raises(CchcError) as caught:
        read_source(str(docx_with(tmp_path, "wide.docx", spaces)))
    assert caught.value.key == "import.docx-too-large"


def test_all_parts_together_are_bounded_too(tmp_path, monkeypatch):
    plain = docx_with(tmp_path, "ok.docx")
    with zipfile.ZipFile(plain, "a") as package:
        package.writestr("word/media/image1.png", b"\0" * 2_000_000, zipfile.ZIP_DEFLATED)
    monkeypatch.setattr(wordtext, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(CchcError) as caught:
        read_source(str(plain))
    assert caught.value.key == "import.docx-too-large"


def test_document_xml_that_is_not_xml_is_a_clear_error(tmp_path):
    broken = docx_with(tmp_path, "broken.docx", b"<w:document><w:body><w:p>")
    with pytest.raises(CchcError) as caught:
        read_source(str(broken))
    assert caught.value.key == "import.unreadable"
    assert caught.value.args_["path"] == str(broken)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_word_file_is_a_clear_error(tmp_path, keep):
    whole = docx_with(tmp_path, "ok.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    with pytest.raises(CchcError) as caught:
        read_source(str(cut))
    assert caught.value.key == "import.unreadable"


def test_a_damaged_part_is_a_clear_error(tmp_path):
    data = bytearray(docx_with(tmp_path, "ok.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0x5A
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CchcError) as caught:
        read_source(str(damaged))
    assert caught.value.key == "import.unreadable"


def test_word_numbering_with_values_word_never_writes_is_read_without_a_crash(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Phòng Nội vụ", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    odd = tmp_path / "odd.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(odd, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/numbering.xml":
                data = data.replace(b'w:ilvl="0"', b'w:ilvl="x"', 1)
                data = data.replace(b'<w:start w:val="1"/>', b'<w:start w:val="999999999999"/>')
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    assert "Phòng Nội vụ" in read_source(str(odd))


# -- through the command ---------------------------------------------------------------


def test_the_command_turns_an_impossible_date_into_a_review_not_a_traceback(data_dir, tmp_path):
    source = tmp_path / "tb.txt"
    source.write_text("Số: 7/TB-UBND\nVĩnh Linh, ngày 31 tháng 02 năm 2023\n" + TASK, "utf-8")
    result = CliRunner().invoke(app, ["import", str(source), "--dry-run", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "date:  # REVIEW: " in result.stdout


def test_the_command_refuses_too_many_paragraphs_with_exit_1(data_dir, tmp_path):
    source = tmp_path / "ones.txt"
    source.write_text("1.\n" * 100_000, "utf-8")
    result = CliRunner().invoke(app, ["import", str(source), "--lang", "en"])
    assert result.exit_code == 1
    assert "more than 20000 paragraphs" in result.stderr
    assert "Traceback" not in result.stderr


# -- anything at all -------------------------------------------------------------------

FRAGMENTS = [
    "Số: ", "/TB-UBND", "Vĩnh Linh, ", "ngày ", "tháng ", "năm ", "THÔNG BÁO", "Ngày ",
    "31/02/2023", "00/13/0000", "1/1/1", "tổ chức ", "đồng chí ", " - ", "Chủ tịch ",
    "kết luận", "1. ", "2. ", "99. ", "I. ", "- ", "a) ", "đ) ", "Phòng Nội vụ", "UBND ",
    "các Phòng: ", "Tư pháp", " và ", ", ", "; ", ": ", "phối hợp với ", "chủ trì ",
    "trước ngày ", "chậm nhất ngày ", "trước 25 giờ, ngày ", "trong quý ", "IV/", "0000",
    "trong tháng 13/2024", "đến cuối năm 9999", "đạt 100%", "Nơi nhận:", "TL. ",
    "KT. CHỦ TỊCH", "\n", "\n", "\n", "\r\n", "\x00", "\x1b[31m", "\u2028", "\x85",
    "\ufeff", "**", "*", "\t", "   ", "#", "\"", "'", "{", "[", "]", "}", "&a", "*a", "!!",
    # The structural reader's own: headings, bullets, pages, columns, lists of units.
    "Đối với ", "\f", "+ ", "• ", "1.1. ", "A. ", "V/v ", "(qua ", "Giao ", "UBND các xã: ",
    "Vĩnh Hà, ", "các phòng: ", "\u00ad", "\u00ad\n", "- 2 -\n", "Trang 2/5\n", "                ",
    "Trên đây là ", "./.", "tính đến ngày ", "Công văn số 12/KH-UBND ngày ", "Trung tâm ",
]  # fmt: skip


@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=80).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_a_draft_that_parses(registry, text):
    draft_of(text, registry)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("missing.txt", "import.unreadable"),
        ("folder", "import.not-regular"),
        ("missing.docx", "import.unreadable"),
        ("folder.docx", "import.not-regular"),
    ],
)
def test_a_source_that_cannot_be_read_is_a_clear_error(tmp_path, name, key):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(CchcError) as caught:
        read_source(str(tmp_path / name))
    assert caught.value.key == key
    assert caught.value.args_["path"] == str(tmp_path / name)


@pytest.mark.parametrize(
    ("offset", "value"),
    [(8, b"\x01\x00"), (10, b"\x63\x00"), (6, b"\xff\x00")],
    ids=["encrypted", "unknown-compression", "future-zip-version"],
)
def test_a_part_zipfile_cannot_open_is_a_clear_error(tmp_path, offset, value):
    data = bytearray(docx_with(tmp_path, "ok.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        names = [i.filename.encode() for i in package.infolist()]
    position = data.index(b"PK\x01\x02")
    for name in names:  # every entry of the central directory
        entry = data.index(b"PK\x01\x02", position)
        data[entry + offset : entry + offset + 2] = value
        position = entry + 46 + len(name)
    odd = tmp_path / "odd.docx"
    odd.write_bytes(bytes(data))
    with pytest.raises(CchcError) as caught:
        read_source(str(odd))
    assert caught.value.key == "import.unreadable"


def test_random_damage_to_a_word_file_is_always_a_clear_error(tmp_path):
    import random

    whole = docx_with(tmp_path, "ok.docx").read_bytes()
    chance = random.Random(16)
    damaged = tmp_path / "damaged.docx"
    for _ in range(150):
        data = bytearray(whole)
        for _ in range(chance.choice([1, 3, 10, 50])):
            data[chance.randrange(len(data))] = chance.randrange(256)
        damaged.write_bytes(bytes(data[: chance.randrange(len(data) // 2, len(data) + 1)]))
        try:
            read_source(str(damaged))
        except CchcError as err:
            assert err.key in ("import.unreadable", "import.docx-too-large")


def word_paragraphs(tmp_path: Path, count: int) -> Path:
    body = b"<w:p><w:r><w:t>1.</w:t></w:r></w:p>" * count
    return docx_with(
        tmp_path, "many.docx", b"<w:document " + W + b"><w:body>" + body + b"</w:body></w:document>"
    )


def test_a_word_file_of_more_paragraphs_than_a_notice_is_refused_before_parsing(tmp_path):
    with pytest.raises(CchcError) as caught:
        read_source(str(word_paragraphs(tmp_path, 60_000)))
    assert caught.value.key == "import.too-many-paragraphs"
    assert caught.value.args_["limit"] == wordtext.MAX_PARAGRAPHS


def test_a_word_file_just_under_the_paragraph_limit_is_read_in_seconds(tmp_path):
    # python-docx looked up each paragraph's style among all styles: 2.6 ms a
    # paragraph, 158 s for 120,000; the answer is now kept per style.
    path = word_paragraphs(tmp_path, 19_000)
    text, seconds = timed(read_source, str(path))
    assert seconds < SLOW
    assert text.count("\n") == 19_000 - 1


def test_a_style_based_on_itself_does_not_loop(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Phòng Nội vụ", style="Heading 1")
    path = tmp_path / "styled.docx"
    document.save(path)
    looped = tmp_path / "looped.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(looped, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(
                    b'<w:basedOn w:val="Normal"/>', b'<w:basedOn w:val="Heading1"/>'
                )
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    assert "Phòng Nội vụ" in read_source(str(looped))


def test_the_command_says_a_word_file_that_is_not_xml_inside_cannot_be_read(data_dir, tmp_path):
    broken = docx_with(tmp_path, "broken.docx", b"<w:document><w:body><w:p>")
    result = CliRunner().invoke(app, ["import", str(broken), "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cchc: error: cannot read {broken}:")


def test_the_command_names_the_file_that_is_too_large(data_dir, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("x" * (MAX_TEXT + 1), "utf-8")
    result = CliRunner().invoke(app, ["import", str(big), "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cchc: error: {big} is too large to import")


def test_a_pipe_named_like_a_word_file_is_refused_at_once(tmp_path):
    fifo = tmp_path / "incoming.docx"
    os.mkfifo(fifo)
    with pytest.raises(CchcError) as caught:
        read_source(str(fifo))
    assert caught.value.key == "import.not-regular"


# -- on a terminal -----------------------------------------------------------------------------

TERMINAL_NOTICE = (
    HEAD.replace("Tiêu đề", "Tiêu đề \x1b]0;tiêu đề giả\x07 \u202eđảo\u202c")
    + "Đối với Phòng Nội vụ\x1b[2J:\n"
    + "- Rà soát \x1b[31mthủ tục\x1b[0m, hoàn thành trước ngày 15/3.\n"
    + "Các đơn vị cần quán triệt; đồng thời giao Phòng Tư pháp rà soát \x1b[5m!\x1b[0m trước"
    " ngày 20/3/2024.\n" + "1. Trung tâm \x1b[1mMới\x1b[0m huyện\n- Làm việc.\n"
)


@pytest.mark.slow
@pytest.mark.parametrize("columns", [80, 160])
def test_a_hostile_notice_imported_on_a_terminal_shows_no_escape(data_dir, tmp_path, columns):
    from test_hostile import run_on_terminal

    source = tmp_path / "hostile.txt"
    source.write_text(TERMINAL_NOTICE, "utf-8")
    code, screen = run_on_terminal(["import", str(source), "--dry-run"], data_dir, columns)
    assert code == 0, screen
    assert "\x1b" not in screen and "\u202e" not in screen and "\x07" not in screen
    assert "\\x1B[31m" in screen  # shown as text, where it was
    assert "# REVIEW: đoạn sau không được nhập" in screen  # the paragraph left out, quoted
    assert "#   \\x1B[5m!\\x1B[0m trước ngày 20/3/2024." in screen
    draft = screen[: screen.index("Đã đọc")].replace("\r\n", "\n")
    node, problems = parse(draft, "x.yaml")
    assert problems == []
    assert isinstance(node, YMap)


def test_a_header_not_found_is_a_review_item_in_the_run_s_language(registry):
    draft = read("1. Phòng Nội vụ rà soát thủ tục.\n", registry)
    for lang, text in ((Lang.VI, "không tìm thấy trong văn bản"), (Lang.EN, "not found in the")):
        reviews = {key: t(key, lang, arg="{arg}") for key in REVIEW_KEYS}
        written = to_yaml(draft, "x", "a.txt", reviews)
        assert f"date:  # REVIEW: {text}" in written
        assert f"title:  # REVIEW: {text}" in written
