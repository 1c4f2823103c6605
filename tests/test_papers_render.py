"""The papers as a reader gets them: LibreOffice converts the Word report, the letter
and the workbook to PDF, and pdftotext reads back where each line landed on each page
(the motto at the top right, the title centred, the page numbers in the top margin,
header rows repeated, the fonts named, not substituted by a fallback).

Skipped, with a message, where LibreOffice or poppler-utils is not installed."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from runner import cchc

pytestmark = pytest.mark.slow

#: A4 in PostScript points, and the text's edges: 30 mm from the left, 15 from the right.
PAGE_WIDTH = 595.3
LEFT, RIGHT = 85.0, PAGE_WIDTH - 42.5
CENTRE = (LEFT + RIGHT) / 2
TOP_MARGIN = 56.7  # 20 mm

CONFIG = """\
document:
  parent: UBND huyện Vĩnh Linh
  body: Văn phòng HĐND và UBND huyện
  symbol: VP
  place: Vĩnh Linh
  signer: {on_behalf: KT. Chánh Văn phòng, title: Phó Chánh Văn phòng, name: Lê Văn An}
  recipients: [Thường trực UBND huyện (b/c), "Lưu: VT, VP"]
"""


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def need(*programs: str) -> None:
    for program in programs:
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (LibreOffice / poppler-utils)")


def pages(pdf: Path) -> list[list[Line]]:
    """Every page's lines of text with their boxes, as pdftotext lays them out."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    found = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        lines = []
        for box, body in re.findall(r"<line (.*?)>(.*?)</line>", page, re.S):
            words = [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", body)]
            x0, y0, x1, y1 = (float(v) for v in re.findall(r'="([0-9.]+)"', box))
            lines.append(Line(" ".join(words), x0, y0, x1, y1))
        found.append(lines)
    return found


def find(lines: list[Line], text: str) -> Line:
    return next(line for line in lines if text in line.text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """The three papers of the bundled data (with a title block) as PDF, made once."""
    need("soffice", "pdftotext", "pdffonts")
    import os

    work = tmp_path_factory.mktemp("papers")
    data = work / "data"
    shutil.copytree(Path(__file__).parent.parent / "data", data)
    config = data / "config.yaml"
    config.write_text(config.read_text("utf-8") + CONFIG, "utf-8")
    made = {
        "report.docx": ("report", "--period", "2023-12", "--as-of", "2024-01-05", "-f", "docx"),
        "letter.docx": ("letter", "--as-of", "2023-12-05", "--unit", "noi-vu", "--unit", "gd-dt"),
        "workbook.xlsx": ("report", "--period", "2023-12", "--as-of", "2024-01-05", "-f", "xlsx"),
    }
    for name, args in made.items():
        result = cchc(*args, "--data", str(data), "-o", str(work / name))
        assert result.exit_code == 0, result.stderr
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
         *(str(work / name) for name in made)],
        check=True, capture_output=True, timeout=300,
        env={**os.environ, "HOME": str(work)},  # a profile of its own: no lock on the user's
    )  # fmt: skip
    return {name: work / (Path(name).stem + ".pdf") for name in made}


def test_the_report_s_first_page_has_the_decree_s_layout(rendered):
    first = pages(rendered["report.docx"])[0]
    motto = find(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert motto.x0 > CENTRE - 60 and motto.y0 < 80  # top right
    assert find(first, "Độc lập - Tự do - Hạnh phúc").y0 > motto.y0
    body = find(first, "UBND HUYỆN VĨNH LINH")
    assert body.x1 < CENTRE and abs(body.y0 - motto.y0) < 3  # top left, level with it
    assert find(first, "/BC-VP").x1 < CENTRE
    title = find(first, "BÁO CÁO")
    assert abs(title.centre - CENTRE) < 4, title  # centred on the text, not the page
    subject = find(first, "Tình hình thực hiện nhiệm vụ theo thông báo kết luận tháng 12/2023")
    assert abs(subject.centre - CENTRE) < 4
    assert find(first, "Vĩnh Linh, ngày 05 tháng 01 năm 2024").x0 > CENTRE - 40
    # The summary table starts on the first page, its two-level header whole.
    assert find(first, "Đã hoàn thành").y0 > subject.y1
    assert all(line.x0 >= LEFT - 8 and line.x1 <= RIGHT + 8 for line in first)


def test_pages_after_the_first_are_numbered_in_the_top_margin(rendered):
    found = pages(rendered["report.docx"])
    assert len(found) >= 3
    assert not any(line.y1 < TOP_MARGIN for line in found[0])
    for number, page in enumerate(found[1:], start=2):
        (mark,) = [line for line in page if line.y1 < TOP_MARGIN]
        assert mark.text == str(number) and abs(mark.centre - CENTRE) < 6


def test_table_headers_repeat_on_every_page_a_table_runs_onto(rendered):
    for page in pages(rendered["report.docx"])[1:]:
        top = " ".join(line.text for line in page if TOP_MARGIN < line.y0 < TOP_MARGIN + 90)
        if not re.search(r"^(II|III)\. |Nơi nhận", top):  # a page that starts a table itself
            assert "STT" in top, top


def test_the_signature_and_recipients_close_the_report(rendered):
    last = pages(rendered["report.docx"])[-1]
    recipients = find(last, "Nơi nhận:")
    assert recipients.x1 < CENTRE
    assert find(last, "- Lưu: VT, VP.").x0 < CENTRE
    signer = find(last, "Lê Văn An")
    assert signer.x0 > CENTRE and signer.y0 > find(last, "PHÓ CHÁNH VĂN PHÒNG").y1 + 40


def test_the_letter_s_layout(rendered):
    found = pages(rendered["letter.docx"])
    first = found[0]
    assert find(first, "V/v đôn đốc thực hiện nhiệm vụ").x1 < CENTRE
    assert find(first, "/VP").x1 < CENTRE
    assert find(first, "Kính gửi:")
    assert find(first, "- Phòng Giáo dục và Đào tạo;")
    assert find(first, "Số ngày")  # the table's header
    text = " ".join(line.text for page in found for line in page)
    assert "chậm nhất ngày 12/12/2023" in text
    assert "Lê Văn An" in text and "Nơi nhận:" in text


@pytest.mark.parametrize("name", ["report.docx", "letter.docx", "workbook.xlsx"])
def test_fonts_are_the_named_ones_not_a_fallback(rendered, name):
    fonts = subprocess.run(
        ["pdffonts", str(rendered[name])], capture_output=True, check=True, text=True
    ).stdout
    names = {row.split()[0].split("+")[-1] for row in fonts.splitlines()[2:]}
    # Times New Roman itself, or its metric twin where Microsoft's fonts are not installed.
    serif = {n for n in names if n.startswith(("TimesNewRoman", "LiberationSerif"))}
    assert serif, names
    assert not {n for n in names if n.startswith("DejaVu")}, names


def test_every_page_of_the_workbook_says_what_it_is_and_its_number(rendered):
    found = pages(rendered["workbook.xlsx"])
    assert len(found) >= 4
    for number, page in enumerate(found, start=1):
        text = " ".join(line.text for line in page)
        assert f"Trang {number}/{len(found)}" in text
        assert "STT" in text or "Đơn vị" in text  # the header row, repeated
    first = " ".join(line.text for line in found[0])
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO THÔNG BÁO KẾT LUẬN" in first
    assert "kỳ báo cáo tháng 12/2023, số liệu tính đến ngày 31/12/2023" in first
    # A long header, whole: a line cut off by a row too short is not drawn at all.
    assert {"Thường", "xuyên", "/", "không", "thời", "hạn"} <= set(first.split())


def test_the_workbook_s_rates_read_as_vietnamese_numbers(rendered):
    """ "60,0%" as the Word report writes it, not "60.0%" of the reader's own locale."""
    first = " ".join(line.text for line in pages(rendered["workbook.xlsx"])[0])
    rates = re.findall(r"\b\d{1,3}[.,]\d%", first)
    assert rates and all("," in rate for rate in rates), rates
