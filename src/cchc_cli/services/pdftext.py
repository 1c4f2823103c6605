"""The text of a PDF notice, read with pypdf, within limits.

A notice arrives as a PDF when it was signed and published: the text layer
is there (Word or LibreOffice printed it) and is read page by page in layout
mode, so that what stands side by side (the header's two columns, the
signature beside "Nơi nhận") keeps its columns for
:mod:`cchc_cli.services.noticelines`; pages are separated by form feeds so
running heads and page numbers can be told from the text.

A scan has no text layer: that is said plainly (OCR is needed first), never
an empty draft. What arrives is bounded like a Word file: at most
:data:`MAX_PAGES` pages and :data:`MAX_CONTENT_BYTES` of page content once
unpacked (pypdf itself refuses a single stream past 75 MB), and the text
limit of the importer; a damaged or locked file is a clear error.
"""

from __future__ import annotations

import io
import logging

from cchc_cli.core.errors import CchcError

#: Pages: a conclusion notice has 2 to 10; 300 is the importer's text limit's worth.
MAX_PAGES = 300
#: Page content (drawing operators and text), unpacked, of all pages together: a
#: page of text is 5 to 50 KB.
MAX_CONTENT_BYTES = 32 * 1024 * 1024
#: Fewer letters than this in the whole file: a scan, not a text.
MIN_LETTERS = 20


def is_pdf(data: bytes) -> bool:
    """The file starts like a PDF (within its first KB, as readers allow)."""
    return b"%PDF-" in data[:1024]


def read_pdf(path: str, limit: int, data: bytes) -> str:
    """The text of the PDF whose bytes are ``data``, pages separated by form feeds.

    :class:`CchcError` when it is damaged ("import.unreadable"), locked
    ("import.pdf-encrypted"), too large ("import.pdf-too-large",
    "import.too-large") or a scan ("import.pdf-no-text").
    """
    from pypdf import PdfReader

    # pypdf logs what it repairs in a damaged file; the user gets one message from us.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _unlocked(reader):
            raise CchcError("import.pdf-encrypted", path=path)
        if len(reader.pages) > MAX_PAGES:
            raise _too_large(path)
        pages = []
        content = size = 0
        for page in reader.pages:
            stream = page.get_contents()
            content += len(stream.get_data()) if stream is not None else 0
            if content > MAX_CONTENT_BYTES:
                raise _too_large(path)
            text = page.extract_text(extraction_mode="layout") or ""
            size += len(text) + 1
            if size > limit:
                raise CchcError("import.too-large", path=path, limit=limit)
            pages.append(text)
    except CchcError:
        raise
    except Exception as err:  # pypdf raises many kinds on a damaged file
        # A PDF from outside can break the parser in ways no list of exceptions
        # foresees (KeyError, TypeError, RecursionError, zlib.error...): each one is
        # a file that cannot be read, said with its reason, never a traceback.
        raise CchcError("import.unreadable", path=path, reason=_reason(err)) from None
    text = "\f".join(pages)
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        raise CchcError("import.pdf-no-text", path=path)
    return text


def _unlocked(reader: object) -> bool:
    """Opened with the empty password, as most "protected" notices are (printing allowed)."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # an unknown cipher or a missing dependency
        return False


def _too_large(path: str) -> CchcError:
    return CchcError(
        "import.pdf-too-large", path=path, pages=MAX_PAGES, limit=MAX_CONTENT_BYTES // 2**20
    )


def _reason(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return " ".join(text.split())[:200]
