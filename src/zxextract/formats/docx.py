"""A Word .docx file: its paragraphs and tables in reading order (python-docx;
README: why this library). A table row reads as the chart view reads one,
`| 收到提案 | 412件 |`; a cell merged across columns counts once. Running
headers and footers of the pages are not part of the text.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from .common import Extracted, join_paragraphs

# Word 97-2003 files, and .docx files encrypted with a password, are OLE containers.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _row(row) -> str | None:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
            continue
        seen.add(id(cell._tc))
        cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
    if not any(cells):
        return None
    return "| " + " | ".join(cells) + " |"


def read(path: str, data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    if data.startswith(OLE_MAGIC):
        raise InputError(path, "not a .docx inside: a legacy Word .doc renamed, or a Word file encrypted with a "
                               "password; open it in Word, WPS or LibreOffice and save it as .docx or PDF")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"the Word file is damaged or not a .docx ({type(exc).__name__}: {exc}); "
                               "open it in Word, WPS or LibreOffice and save it again") from None
    blocks: list[str] = []
    tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            blocks += [row for row in map(_row, item.rows) if row]
        elif item.text.strip():
            blocks.append(item.text.strip())
    text = join_paragraphs(blocks)
    if not text:
        raise InputError(path, "the Word file holds no text (only images? a scan needs OCR first)")
    notes = (f"text read from the Word file ({len(blocks)} paragraphs and table rows, {tables} tables)",)
    return Extracted(text=text, notes=notes)
