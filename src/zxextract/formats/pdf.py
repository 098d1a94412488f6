"""A PDF's text layer, as the paragraphs a person reads.

pdfplumber gives each line with its position on the page (README: why this
library). From the positions:
- running headers and footers are dropped: a line at the top or bottom of the
  page that recurs there on other pages (digits aside: 第3页), and page
  numbers (- 3 -, 3/12, 第 3 页 共 12 页);
- lines are joined back into paragraphs: a line that runs to the right margin
  goes on in the next one, unless the next is indented or set apart; a short
  line, an indented line or a wider gap ends a paragraph. Chinese text is
  joined without a space, Latin words and figures with one.
A page of the text begins at the offset `page_starts` gives, so each figure
keeps the page it came from. A PDF without text (a scan) is refused: it needs
OCR. An encrypted or damaged PDF is refused with the reason.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from statistics import median

import regex

from ..errors import InputError
from .common import PARAGRAPH_BREAK, Extracted

# Headers and footers sit in this share of the page's height at its top or bottom.
MARGIN_SHARE = 0.12
# A recurring line is page furniture when it is on at least this share of the pages.
RECURRING_SHARE = 0.5
PAGE_NUMBER = regex.compile(
    r"(?i)[\s\-—–－_·.]*(?:第\s*)?\d{1,4}\s*页?(?:[\s,，]*(?:[/／]|共)\s*\d{1,4}\s*页?)?[\s\-—–－_·.]*"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?")
DIGITS = regex.compile(r"\d+")
# pdfminer writes a glyph its font maps to no character as (cid:123).
UNMAPPED = regex.compile(r"\(cid:\d+\)")
# Above this share of unmapped glyphs the text is not worth reading.
MAX_UNMAPPED_SHARE = 0.2
ASCII_WORD = regex.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size of the line's characters


def _lines(page) -> list[Line]:
    lines = []
    for line in page.extract_text_lines(return_chars=True):
        text = line["text"].strip()
        if text:
            sizes = [c["size"] for c in line["chars"]] or [line["bottom"] - line["top"]]
            lines.append(Line(text, line["x0"], line["x1"], line["top"], line["bottom"], median(sizes)))
    return lines


def _open(path: str, data: bytes):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = [(page.height, _lines(page)) for page in pdf.pages]
        pdf.close()
        return pages
    except Exception as exc:  # pdfminer raises many kinds, pdfplumber wraps them in PdfminerException
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        reason = f"{type(cause).__name__}: {cause}".strip(": ")
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise InputError(path, "the PDF is encrypted and needs a password to be read; "
                                   "save an unprotected copy and give that") from None
        raise InputError(path, f"the PDF is damaged and cannot be read ({reason[:200]}); "
                               "open it in a PDF reader and save or print it to a new PDF") from None


def _furniture(pages: list[tuple[float, list[Line]]]) -> set[tuple[int, int]]:
    """(page, line) of every running header, footer and page number."""
    def margin_lines(height: float, lines: list[Line]):
        for k, line in enumerate(lines):
            if line.bottom <= height * MARGIN_SHARE or line.top >= height * (1 - MARGIN_SHARE):
                yield k, line

    def shape(line: Line) -> str:
        return DIGITS.sub("#", regex.sub(r"\s+", "", line.text))

    recurring = Counter(form for height, lines in pages
                        for form in {shape(line) for _, line in margin_lines(height, lines)})
    least = max(2, RECURRING_SHARE * len(pages))
    return {(n, k) for n, (height, lines) in enumerate(pages) for k, line in margin_lines(height, lines)
            if PAGE_NUMBER.fullmatch(line.text) or recurring[shape(line)] >= least}


def _joiner(before: str, after: str) -> str:
    return " " if ASCII_WORD.match(before[-1]) and ASCII_WORD.match(after[0]) else ""


def read(path: str, data: bytes) -> Extracted:
    pages = _open(path, data)
    if not any(lines for _, lines in pages):
        raise InputError(path, f"the PDF has no text layer ({len(pages)} page(s) of images only: a scan?); "
                               "it needs OCR first (e.g. ocrmypdf) before zxextract can read it")
    dropped = _furniture(pages)
    body = [[line for k, line in enumerate(lines) if (n, k) not in dropped] for n, (_, lines) in enumerate(pages)]
    all_lines = [line for lines in body for line in lines]
    if not all_lines:
        raise InputError(path, "the PDF holds only running headers, footers and page numbers")
    size = median(line.size for line in all_lines)
    left = Counter(round(line.x0) for line in all_lines).most_common(1)[0][0]
    right = sorted(line.x1 for line in all_lines)[int(0.9 * (len(all_lines) - 1))]
    gaps = [b.top - a.bottom for lines in body for a, b in zip(lines, lines[1:]) if b.top > a.bottom]
    usual_gap = median(gaps) if gaps else size

    text, page_starts, previous = "", [], None
    for lines in body:
        page_starts.append(len(text))
        for k, line in enumerate(lines):
            if previous is not None:
                runs_on = (previous.x1 >= right - 1.5 * size and line.x0 < left + 0.8 * size
                           and (k == 0 or line.top - previous.bottom <= usual_gap + 0.5 * size))
                text += _joiner(previous.text, line.text) if runs_on else PARAGRAPH_BREAK
                if k == 0:
                    page_starts[-1] = len(text)
            text += line.text
            previous = line
    notes = [f"text layer read from {len(pages)} PDF page(s); lines joined into paragraphs"]
    if dropped:
        notes.append(f"{len(dropped)} running header, footer and page-number line(s) dropped")
    blank = [str(n + 1) for n, (_, lines) in enumerate(pages) if not lines]
    if blank:
        notes.append(f"page(s) {', '.join(blank)} have no text layer (scanned?) and were not read")
    unmapped = len(UNMAPPED.findall(text))
    if unmapped:
        if unmapped * 8 > MAX_UNMAPPED_SHARE * len(text):  # "(cid:123)" is about 8 characters
            raise InputError(path, "the PDF's fonts map their glyphs to no characters (the text comes out as "
                                   "(cid:N) codes); it needs OCR, or a PDF exported with its text")
        notes.append(f"{unmapped} glyph(s) without a character left as (cid:N)")
    return Extracted(text=text, notes=tuple(notes), page_starts=tuple(page_starts))
