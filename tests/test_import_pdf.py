"""Notices as PDF (services/pdftext): read with their text layer, a scan said plainly,
and every PDF from outside bounded like a Word file: pages, unpacked content, text."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from cchc_cli.core.errors import CchcError
from cchc_cli.services import pdftext
from cchc_cli.services.importer import read, read_source
from cchc_cli.store.loader import load
from cchc_cli.views.i18n import Lang, t

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "import_corpus"
PRINTED = CORPUS / "04-ban-in-ba-trang-pdf.pdf"


def blank_pdf(path: Path, pages: int = 1, password: str | None = None) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="chủ", algorithm="RC4-128")
    with path.open("wb") as out:
        writer.write(out)
    return path


def error_of(path: Path) -> CchcError:
    with pytest.raises(CchcError) as caught:
        read_source(str(path))
    return caught.value


def test_a_printed_notice_reads_page_by_page_with_its_columns():
    text = read_source(str(PRINTED))
    pages = text.split("\f")
    assert len(pages) == 2
    # The header's two columns stand side by side, as printed.
    assert any(
        "UBND HUYỆN VĨNH LINH" in line and "CỘNG HÒA" in line for line in pages[0].splitlines()
    )


def test_a_scan_without_a_text_layer_is_said_plainly(tmp_path):
    error = error_of(blank_pdf(tmp_path / "scan.pdf", pages=2))
    assert error.key == "import.pdf-no-text"
    assert t(error.key, Lang.EN, **error.args_) == (
        f"{tmp_path / 'scan.pdf'} is a scan (images) with no text layer: run text recognition"
        " (OCR) on it, or ask for the Word or original PDF file, then import again"
    )


def test_a_pdf_locked_with_a_password_is_said_plainly(tmp_path):
    assert (
        error_of(blank_pdf(tmp_path / "locked.pdf", password="mật")).key == "import.pdf-encrypted"
    )


def test_a_pdf_protected_only_against_editing_is_read(tmp_path):
    # An empty user password: anyone can open it, as most "protected" notices.
    error = error_of(blank_pdf(tmp_path / "open.pdf", password=""))
    assert error.key == "import.pdf-no-text"  # opened, and found blank


def test_more_pages_than_a_notice_has_are_refused_before_reading_them(tmp_path):
    path = blank_pdf(tmp_path / "long.pdf", pages=pdftext.MAX_PAGES + 1)
    error = error_of(path)
    assert error.key == "import.pdf-too-large"
    assert t(error.key, Lang.EN, **error.args_) == (
        f"{path} is too large to import: more than 300 pages or more than 32 MB of content"
        " unpacked (a notice is a few pages)"
    )


def test_a_page_that_unpacks_to_more_than_the_limit_is_refused(tmp_path):
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    content = DecodedStreamObject()
    content.set_data(b"q Q\n" * (9 * 1024 * 1024))  # 36 MB of operators, 36 KB packed
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    path = tmp_path / "bomb.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert path.stat().st_size < 1_000_000
    assert error_of(path).key == "import.pdf-too-large"


def test_a_damaged_or_truncated_pdf_is_a_clear_error(tmp_path):
    whole = PRINTED.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[:2000])
    assert error_of(cut).key in ("import.unreadable", "import.pdf-no-text")
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"Not a PDF at all")
    error = error_of(fake)
    assert error.key == "import.unreadable" and error.args_["path"] == str(fake)


def test_random_damage_to_a_pdf_is_always_a_clear_error(tmp_path):
    whole = PRINTED.read_bytes()
    chance = random.Random(19)
    damaged = tmp_path / "damaged.pdf"
    for _ in range(40):
        data = bytearray(whole)
        for _ in range(chance.choice([1, 10, 100])):
            data[chance.randrange(len(data))] = chance.randrange(256)
        damaged.write_bytes(bytes(data[: chance.randrange(len(data) // 2, len(data) + 1)]))
        try:
            read_source(str(damaged))
        except CchcError as err:
            assert err.key in ("import.unreadable", "import.pdf-no-text", "import.pdf-too-large")


def test_a_pdf_on_standard_input_is_known_by_its_first_bytes():
    text = read_source("-", io.BufferedReader(io.BytesIO(PRINTED.read_bytes())))  # type: ignore[arg-type]
    assert "Số: 201/TB-UBND" in text


def test_the_command_imports_a_pdf(cchc, data_dir):
    result = cchc("import", str(PRINTED), "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Read 9 tasks, 6 deadlines; 1 item needs review.\n"
    assert "number: 201/TB-UBND" in result.stdout


def test_the_command_says_a_scan_needs_ocr(cchc, data_dir, tmp_path):
    result = cchc("import", str(blank_pdf(tmp_path / "scan.pdf")), "--lang", "en")
    assert result.exit_code == 1
    assert "is a scan (images) with no text layer" in result.stderr
    assert "Traceback" not in result.stderr


def test_zlib_damage_inside_a_stream_is_a_clear_error(tmp_path):
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    content = DecodedStreamObject()
    content._data = zlib.compress(b"BT /F1 12 Tf (x) Tj ET")[:-6] + b"\x00\x00"
    content[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(content)
    path = tmp_path / "broken-stream.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert error_of(path).key in ("import.unreadable", "import.pdf-no-text")


@pytest.mark.slow
def test_a_notice_printed_by_libreoffice_gives_the_same_tasks_as_its_text(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: it prints the PDF to compare")
    source = CORPUS / "01-so-95-doan-van.txt"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    registry = load(ROOT / "data").registry
    from_pdf = read(read_source(str(tmp_path / (source.stem + ".pdf"))), registry)
    from_text = read(source.read_text("utf-8"), registry)
    assert [(t.id, t.assigned, t.deadline) for t in from_pdf.tasks] == [
        (t.id, t.assigned, t.deadline) for t in from_text.tasks
    ]
    assert (from_pdf.number, from_pdf.date, from_pdf.signer) == (
        from_text.number,
        from_text.date,
        from_text.signer,
    )
