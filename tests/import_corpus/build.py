"""Build the Word and PDF notices of the import corpus from their sources here.

    .venv/bin/python tests/import_corpus/build.py

The .docx files are written with python-docx the way Word lays a notice out: the
header in a borderless two-column table, lists with Word's automatic numbering
(numPr: "I.", "a)", bullets), the signature in a table beside "Nơi nhận", page
numbers in the footer. The PDFs are printed from them by LibreOffice, as an
office prints a signed notice. The files are committed; run this only to change
them (tests/test_import_corpus.py checks the committed ones).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def numbering(document, fmt: str, text: str, indent: int = 360) -> int:
    """A new list in numbering.xml (format "upperRoman", "lowerLetter", "decimal",
    "bullet"; level text "%1.", "%1)", "•"): its numId."""
    root = document.part.numbering_part.element
    abstract_id = str(100 + len(root.findall(qn("w:abstractNum"))))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    paragraph = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(indent))
    ind.set(qn("w:hanging"), "360")
    paragraph.append(ind)
    level.append(paragraph)
    abstract.append(level)
    root.insert(0, abstract)
    num_id = str(200 + len(root.findall(qn("w:num"))))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    root.append(num)
    return int(num_id)


def numbered(document, text: str, num_id: int, bold: bool = False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", str(num_id))):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        num_pr.append(element)
    properties.append(num_pr)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def start(margins: bool = True):
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return document


def two_columns(document, left: list[str], right: list[str], widths=(2.4, 3.9)) -> None:
    """A borderless table of one row: ``left`` lines in one cell, ``right`` in the other."""
    from docx.shared import Inches

    table = document.add_table(rows=1, cols=2)
    for cell, lines, width in zip(table.rows[0].cells, (left, right), widths, strict=True):
        cell.width = Inches(width)
        cell.paragraphs[0].text = lines[0]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in lines[1:]:
            paragraph = cell.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def body(document, text: str, bold: bool = False, center: bool = False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def page_numbers(document, running_head: str | None = None) -> None:
    """A PAGE field in the footer, and a running head in the header."""
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    if running_head:
        head = section.header.paragraphs[0]
        head.text = running_head
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def to_pdf(docx: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to print the PDFs")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(Path(folder) / (docx.stem + ".pdf"), pdf)


def build_all() -> None:
    from corpus_notices import NOTICES  # the notices' text, beside this script

    for name, build in NOTICES.items():
        document = start()
        build(document)
        target = HERE / f"{name}.docx"
        if name.endswith("-pdf"):
            with tempfile.TemporaryDirectory() as folder:
                docx = Path(folder) / f"{name}.docx"
                document.save(docx)
                to_pdf(docx, HERE / f"{name}.pdf")
        else:
            document.save(target)
        print("wrote", name)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    build_all()
