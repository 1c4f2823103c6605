"""A page in a real browser: Debian's headless Chromium takes its screenshot or prints it.

Used by the page tests (skipped with a message where Chromium is not installed,
as on a bare CI machine) and by ``scripts/report-screenshots.py`` for docs/.

Chromium is started with a new empty profile and without the background
services that try the network (update checks, sync, field trials): without
those flags a machine with no network makes it stall.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: Debian's package is ``chromium``; other systems name it otherwise.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 240


def chromium() -> str | None:
    """The browser's executable, or None when none is installed."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(browser: str, page: Path, *args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="cchc-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
            page.resolve().as_uri(),
        ]
        done = subprocess.run(
            command,
            check=True,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        return done.stdout


def screenshot(browser: str, page: Path, png: Path, width: int, height: int) -> Path:
    """The page in a window of ``width`` x ``height`` CSS pixels, as a PNG file."""
    _run(browser, page, f"--screenshot={png}", f"--window-size={width},{height}")
    return png


def dump_dom(browser: str, page: Path, width: int, height: int) -> str:
    """The document as the browser holds it once loaded and its scripts have run."""
    return _run(browser, page, "--dump-dom", f"--window-size={width},{height}")


def print_pdf(browser: str, page: Path, pdf: Path) -> Path:
    """The page as Chromium prints it (its print stylesheet, its @page size)."""
    _run(browser, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    return pdf


def full_page(browser: str, page: Path, png: Path, width: int, tallest: int = 60000) -> Path:
    """The whole page at ``width``: a screenshot in a window taller than the page, cut
    where the page's white ends (Pillow). Raises if the page is taller than ``tallest``."""
    from PIL import Image

    height = 4000
    while True:
        screenshot(browser, page, png, width, height)
        with Image.open(png) as image:
            rgb = image.convert("RGB")
        bottom = _content_bottom(rgb)
        if bottom < height - 40:
            break
        if height >= tallest:
            raise RuntimeError(f"{page} is taller than {tallest} px")
        height = min(height * 2, tallest)
    rgb.crop((0, 0, width, bottom + 24)).save(png, optimize=True)
    return png


def _content_bottom(image: object) -> int:
    """The last row that is not all white."""
    from PIL import Image, ImageChops

    assert isinstance(image, Image.Image)
    white = Image.new("RGB", image.size, (255, 255, 255))
    box = ImageChops.difference(image, white).getbbox()
    return box[3] if box else 0
