"""Traditional characters: extraction reads a simplified view of the text,
while the clean text, evidence and offsets stay in the characters as read.

The view has the same length as the text, so every offset means the same in
both: OpenCC's t2s converts each line that holds a traditional character,
phrase by phrase where that keeps the line's length, else character by
character (each character alone, kept only where it gives one character). After
extraction, the clean text is rebuilt from the text as read through the
cleaning offset map, and each record's evidence is cut from it at the same
place.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .models import CleanDocument, DocumentResult


@lru_cache(maxsize=1)
def _converter():
    import opencc  # loaded only when a text has characters outside ASCII

    return opencc.OpenCC("t2s")


# Characters already looked up, by outcome: most documents hold no character
# that is new here, and set operations settle them without a Python loop.
_same: set[str] = set()
_simplified: dict[str, str] = {}


def _conversions(chars: set[str]) -> dict[int, str]:
    """translate() table of the characters in `chars` that t2s changes."""
    for char in chars - _same - _simplified.keys():
        converted = char if char.isascii() else _converter().convert(char)
        if len(converted) == 1 and converted != char:
            _simplified[char] = converted
        else:
            _same.add(char)
    return {ord(c): _simplified[c] for c in chars & _simplified.keys()}


@dataclass(frozen=True)
class SimplifiedView:
    text: str
    converted: int  # characters that differ from the text as read


def simplified_view(text: str) -> SimplifiedView:
    """The text with traditional characters made simplified, same length.
    A line is converted phrase by phrase (答覆 -> 答复, where 覆 alone stays)
    when that keeps its length, else character by character."""
    table = _conversions(set(text))
    if not table:
        return SimplifiedView(text, 0)
    lines = []
    for line in text.split("\n"):
        by_char = line.translate(table)
        if by_char != line:
            by_phrase = _converter().convert(line)
            line = by_phrase if len(by_phrase) == len(line) else by_char
        lines.append(line)
    view = "\n".join(lines)
    return SimplifiedView(view, sum(a != b for a, b in zip(text, view)))


def _clean_text_as_read(doc: CleanDocument, as_read: str, view: str) -> str:
    """The clean text with each character that came unchanged from a converted
    character of the view put back as read."""
    converted = [j for j, (a, b) in enumerate(zip(as_read, view)) if a != b]
    chars = list(doc.text)
    runs = doc.offsets
    ends = runs.clean_starts[1:] + (runs.clean_length,)
    for clean_start, raw_start, clean_end in zip(runs.clean_starts, runs.raw_starts, ends):
        raw_end = raw_start + clean_end - clean_start
        for j in converted[bisect_left(converted, raw_start):bisect_left(converted, raw_end)]:
            i = clean_start + j - raw_start
            if chars[i] == view[j]:  # not a separator or a normalised character
                chars[i] = as_read[j]
    return "".join(chars)


def _place(text: str, piece: str, start: int, end: int) -> int | None:
    """Where `piece` (evidence around the span [start, end)) sits in `text`."""
    at = text.find(piece, max(0, end - len(piece)), start + len(piece))
    return at if 0 <= at <= start and at + len(piece) >= end else None


def restore_as_read(result: DocumentResult, doc: CleanDocument, as_read: str,
                    view: str) -> DocumentResult | None:
    """`result` (extracted from the view, cleaned into `doc`) with its clean
    text, evidence and article titles in the characters as read. None when
    the result does not line up with `doc`: the caller keeps the view."""
    if result.clean_text != doc.text:
        return None
    clean = _clean_text_as_read(doc, as_read, view)
    records = []
    for record in result.records:
        at = _place(doc.text, record.evidence, record.char_start, record.char_end)
        if at is None:
            return None
        records.append(record.model_copy(update={"evidence": clean[at:at + len(record.evidence)]}))
    articles = []
    for article in result.report.articles:
        at = doc.text.find(article.title, article.start) if article.title else -1
        if at >= 0:
            article = article.model_copy(update={"title": clean[at:at + len(article.title)]})
        articles.append(article)
    report = result.report.model_copy(update={"articles": tuple(articles)})
    return result.model_copy(update={"clean_text": clean, "records": tuple(records), "report": report})
