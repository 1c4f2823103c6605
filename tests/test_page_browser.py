"""The report page in a real browser (Debian's headless Chromium), where one is installed.

A screenshot at a desktop's and a phone's width (the expected size, not blank),
no text wider than a phone's screen even with a 400-letter word, the sorting
script at work, the page's Content-Security-Policy stopping a script smuggled
into the file, and the print sheet giving A4 pages with every column of the
units table. On a machine without Chromium (a bare CI runner) these are skipped
with a message; tests/test_page.py checks the same page without a browser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import browser
import pageparse
from runner import cchc
from test_page import hostile, progress  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

CHROMIUM = browser.chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


def make_page(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "bao-cao.html"
    result = cchc("report", "-f", "html", "--period", "2023-12", *args, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def with_script(page: Path, script: str, keep_policy: bool = False) -> Path:
    """A copy of the page with a test's script at its end (its policy taken out, unless
    kept: a test that checks the policy keeps it)."""
    text = page.read_text("utf-8")
    if not keep_policy:
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    copy = page.with_name("probe.html")
    copy.write_text(text.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    return copy


@needs_chromium
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_screenshot_has_the_window_s_size_and_is_not_blank(progress, tmp_path, width, height):  # noqa: F811
    from PIL import Image

    assert CHROMIUM is not None
    png = browser.screenshot(CHROMIUM, make_page(tmp_path), tmp_path / "s.png", width, height)
    with Image.open(png) as image:
        assert image.size == (width, height)
        rgb = image.convert("RGB")
    colours = rgb.getcolors(maxcolors=width * height)
    assert colours is not None
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert 0.03 < 1 - white / (width * height) < 0.9  # text, cards and bars; not a wall
    assert len(colours) > 50  # anti-aliased text in several colours: a rendered page
    # The title's blue is there: the stylesheet applied (no blocked or missing style).
    assert any(abs(c[0] - 0x0B) + abs(c[1] - 0x4F) + abs(c[2] - 0x9C) < 30 for _, c in colours)


#: Paints a square in the top left corner, after every resize: green when nothing is
#: wider than the window, magenta when something is (the page, or a table's box,
#: scrolls sideways).
#: A screenshot, not --dump-dom: headless Chromium lays a page out at least 500 px
#: wide and only a screenshot's window is resized to the width asked for.
OVERFLOW_PROBE = """
function probe() {
  var over = document.documentElement.scrollWidth > window.innerWidth;
  // A table in a scrolling box counts too: a column a reader must swipe to is cut.
  document.querySelectorAll(".scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) { over = true; }
  });
  var mark = document.getElementById("probe") || document.createElement("div");
  mark.id = "probe";
  mark.style.cssText = "position:fixed;left:0;top:0;width:30px;height:30px;z-index:9;"
    + "background:" + (over ? "#ff00ff" : "#00ff00");
  document.body.appendChild(mark);
}
probe();
window.addEventListener("resize", probe);
"""


@needs_chromium
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_is_wider_than_the_screen_even_with_hostile_text(hostile, tmp_path, width, lang):  # noqa: F811
    from PIL import Image

    assert CHROMIUM is not None
    probe = with_script(make_page(tmp_path, "--lang", lang), OVERFLOW_PROBE)
    png = browser.screenshot(CHROMIUM, probe, tmp_path / "probe.png", width, 900)
    with Image.open(png) as image:
        assert image.size == (width, 900)
        assert image.convert("RGB").getpixel((10, 10)) == (0, 255, 0)


@needs_chromium
def test_clicking_a_column_s_header_sorts_the_units_table(progress, tmp_path):  # noqa: F811
    assert CHROMIUM is not None
    page = make_page(tmp_path)
    probe = with_script(page, "document.querySelectorAll('#units-table th .sort')[7].click();")
    document = pageparse.parse(browser.dump_dom(CHROMIUM, probe, 1280, 900))
    heads = document.xpath('//table[@id="units-table"]/thead/tr/th')
    assert heads[7].get("aria-sort") == "descending"  # the most overdue first
    assert pageparse.text(heads[7]) == "Quá hạn chưa hoàn thành"
    overdue = [u["overdue"] for u in pageparse.units(document)]
    assert overdue == sorted(overdue, reverse=True) and overdue[0] > overdue[-1]
    assert len(overdue) == 31
    totals = document.xpath('//table[@id="units-table"]/tfoot/tr/td')
    assert pageparse.text(totals[1]) == "Tổng cộng"  # the totals stay last


@needs_chromium
def test_the_policy_stops_a_script_added_to_the_file_and_lets_the_page_s_own_run(
    progress,  # noqa: F811
    tmp_path,
):
    assert CHROMIUM is not None
    page = make_page(tmp_path)
    probe = with_script(page, "document.title = 'pwned';", keep_policy=True)
    document = pageparse.parse(browser.dump_dom(CHROMIUM, probe, 1280, 900))
    assert document.xpath("//title")[0].text != "pwned"
    # The page's own script ran: the headers became sort controls.
    assert document.xpath('//table[@id="units-table"]/thead/tr/th/span[@class="sort"]')


@needs_chromium
def test_the_page_prints_on_a4_with_every_column_of_the_units_table(progress, tmp_path):  # noqa: F811
    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    assert CHROMIUM is not None
    pdf = browser.print_pdf(CHROMIUM, make_page(tmp_path), tmp_path / "bao-cao.pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info), info
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) > 1
    text = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    for header in ("STT", "Tổng số nhiệm vụ", "Tỷ lệ quá hạn (%)", "Hoàn thành (%)"):
        assert " ".join(header.split()) in words or header.split()[0] in words, header
    # The last column's figure of the totals row is on the page: no column cut off.
    totals = [line for line in text.splitlines() if "Tổng cộng" in line]
    assert totals and totals[0].rstrip().endswith("%")
    # Where the units table goes on over a page, its header is repeated, with its words.
    pages = text.split("\f")
    rows = re.compile(r"(?m)^\s*\d+\s+(Xã|Thị trấn|Phòng) .*%\s*$")
    continued = [p for p in pages if rows.search(p)]
    assert len(continued) >= 2
    assert all("STT" in page for page in continued)
