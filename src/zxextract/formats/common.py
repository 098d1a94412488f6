"""What a format reader gives back: the text to extract from, and what the file
says of itself. Readers raise InputError naming the file and the reason."""

from __future__ import annotations

from ..models import Frozen, Source

# Paragraphs are separated by a blank line, as in the plain-text reports cleaning reads.
PARAGRAPH_BREAK = "\n\n"


class Extracted(Frozen):
    text: str
    encoding: str | None = None  # None: the format has no text encoding (PDF, Word)
    notes: tuple[str, ...] = ()
    page_starts: tuple[int, ...] = ()  # where each page begins in `text`; empty: not paged
    source: Source | None = None  # metadata the file gives of itself (a page's title and date)


def join_paragraphs(blocks: list[str]) -> str:
    """Paragraphs one blank line apart; the rows of a table (`| 收到提案 | 412件 |`)
    stay on consecutive lines, one block, as the chart view reads them."""
    text = ""
    for block in blocks:
        if text:
            text += "\n" if block.startswith("|") and text.endswith("|") else PARAGRAPH_BREAK
        text += block
    return text
