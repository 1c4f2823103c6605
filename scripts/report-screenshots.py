"""Screenshots of the report page for docs/: `cchc report --format html` in Chromium.

    .venv/bin/python scripts/report-screenshots.py

Takes a copy of the bundled data folder, records the progress below with
`cchc done` (the bundled notice has none, and a page of zeros shows nothing),
makes the December 2023 report page and photographs it whole at 1280 and 390
pixels wide: docs/bao-cao-1280.png and docs/bao-cao-390.png. Needs Chromium and
Pillow (the `test` extra). Also writes docs/bao-cao-mau.html, the page itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, full_page  # noqa: E402 (tests/ on the path first)

DEPARTMENTS_ON_TIME = ["noi-vu", "tu-phap", "tc-kh", "tn-mt", "vp-hdnd-ubnd"]
COMMUNES_ON_TIME = ["ho-xa", "ben-quan", "cua-tung", "vinh-ha", "vinh-hoa", "vinh-tu"]
#: (task, units, day done): some on time, some late, some not at all.
PROGRESS = [
    ("1.2", [*DEPARTMENTS_ON_TIME, *COMMUNES_ON_TIME, "kim-thach", "trung-nam"], "2023-11-23"),
    ("1.2", ["gd-dt", "y-te", "vinh-chap", "vinh-giang", "vinh-khe"], "2023-12-04"),
    ("8.2", [*COMMUNES_ON_TIME, "kim-thach", "hien-thanh", "vinh-lam", "vinh-long"], "2023-11-22"),
    ("8.2", ["vinh-son", "vinh-o"], "2023-11-30"),
    ("8.3", ["ho-xa", "vinh-ha", "vinh-hoa", "cua-tung", "trung-nam", "vinh-thai"], "2023-12-12"),
    ("8.1", ["ho-xa", "ben-quan", "vinh-ha", "vinh-tu", "vinh-thuy", "vinh-lam"], "2023-12-14"),
    ("2.3", ["noi-vu"], "2023-11-24"),
    ("2.2", ["noi-vu"], "2023-12-12"),
    ("7.1", ["gd-dt"], "2023-12-01"),
    ("7.2", ["gd-dt"], "2023-12-11"),
    ("4", ["kt-ht"], "2023-12-08"),
    ("6", ["vh-tt"], "2023-12-20"),
    ("3.1", ["vp-hdnd-ubnd"], "2023-12-28"),
    ("1.1", ["noi-vu", "vp-hdnd-ubnd", "ho-xa", "vinh-ha"], "2023-12-15"),
]
OFFICE = "office: Văn phòng HĐND và UBND huyện Vĩnh Linh\n"


def cchc(data: Path, *args: str) -> None:
    command = [sys.executable, "-m", "cchc_cli", *args, "--data", str(data), "--lang", "vi"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def shrink(png: Path) -> None:
    """256 colours are plenty for text and flat bars: a third of the bytes in git."""
    from PIL import Image

    with Image.open(png) as image:
        fewer = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    fewer.save(png, optimize=True)


def main() -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".cchc"))
        with open(data / "config.yaml", "a", encoding="utf-8") as config:
            config.write(OFFICE)
        for task, units, day in PROGRESS:
            units_args = [arg for unit in units for arg in ("--unit", unit)]
            cchc(data, "done", task, *units_args, "--on", day, "--as-of", "2023-12-31")
        page = ROOT / "docs" / "bao-cao-mau.html"
        cchc(data, "report", "--period", "2023-12", "--format", "html", "--output", str(page))
        for width in (1280, 390):
            png = ROOT / "docs" / f"bao-cao-{width}.png"
            full_page(browser, page, png, width)
            shrink(png)
            print(png.relative_to(ROOT))


if __name__ == "__main__":
    main()
