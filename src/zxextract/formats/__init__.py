"""Input files as text, by format: plain text as decoded (io.decode), a saved
web page's article, a PDF's text layer, a Word file's paragraphs and tables.

The format is told by the file's extension. The text a reader gives is what
cleaning reads, so the clean text and every offset point into it. A format
zxextract does not read (a legacy .doc, a spreadsheet, an image) is refused
with the reason and what to do. Each reader is imported when a file of its
format first comes: plain text pays nothing for the others.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from ..errors import InputError
from ..io import decode_document, doc_id_of, sha256_of
from ..models import RawDocument, Source

READERS = {".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
           ".pdf": "pdf", ".docx": "docx"}
_SAVE_AS = "open it in Word, WPS or LibreOffice and save it as .docx or PDF"
_OCR = "it has no text layer and needs OCR first (e.g. ocrmypdf, then give the PDF)"
REFUSED = {
    ".doc": f"a legacy Word 97-2003 .doc file, which zxextract does not read; {_SAVE_AS}",
    ".wps": f"a WPS Writer file, which zxextract does not read; {_SAVE_AS}",
    ".rtf": f"an RTF file, which zxextract does not read; {_SAVE_AS}",
    ".odt": f"an OpenDocument text, which zxextract does not read; {_SAVE_AS}",
    **dict.fromkeys((".xls", ".xlsx", ".et", ".ods"),
                    "a spreadsheet, which zxextract does not read; put the report's text in a .txt, .docx or PDF"),
    **dict.fromkeys((".ppt", ".pptx", ".dps", ".odp"),
                    "a presentation, which zxextract does not read; save it as PDF"),
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".webp"),
                    f"an image (a scanned page?): {_OCR}"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz", ".tar"),
                    "an archive; unpack it into the input folder"),
}


def format_of(path: Path) -> str:
    """text, html, pdf, docx, or the extension of a format that is refused (doc)."""
    suffix = path.suffix.lower()
    return READERS.get(suffix) or (suffix[1:] if suffix in REFUSED else "text")


def with_page_metadata(given: Source | None, found: Source | None) -> Source | None:
    """The manifest's row, its empty fields filled by what the file says of itself (spec §6)."""
    if found is None or given is None:
        return given or found
    return given.model_copy(update={field: value for field, value in found if getattr(given, field) is None})


def read_raw(path: Path, data: bytes, doc_id: str | None = None,
             source: Source | None = None) -> tuple[RawDocument, tuple[str, ...]]:
    """The RawDocument of one file's bytes, in its format, with what reading noted.
    Raises InputError for a file that cannot be read or a format that is refused."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        if suffix in REFUSED:
            raise InputError(str(path), REFUSED[suffix])
        raw, notes = decode_document(path, data, doc_id)
        return (raw if source is None else raw.model_copy(update={"source": source})), notes
    reader = import_module(f"{__name__}.{READERS[suffix]}")
    extracted = reader.read(str(path), data)
    return RawDocument(doc_id=doc_id or doc_id_of(path), path=str(path), text=extracted.text,
                       sha256=sha256_of(data), encoding=extracted.encoding, n_bytes=len(data),
                       format=READERS[suffix], page_starts=extracted.page_starts,
                       source=with_page_metadata(source, extracted.source)), extracted.notes
