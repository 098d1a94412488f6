"""The page each figure of a PDF came from.

Pages are offsets in the extracted text; the rules read that text after
sanitizing and cleaning, which delete characters here and there. Cleaning
keeps a map back (CleanDocument.offsets); sanitizing does not, but its repairs
are local (a character, a line), so the text sanitized page by page is, page
by page, the text sanitized whole, and the page starts carry over.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from ..models import CleanDocument, MetricRecord
from ..sanitize import sanitize


def sanitized_page_starts(text: str, starts: tuple[int, ...]) -> tuple[int, ...]:
    """Where each page begins in sanitize(text).text, from where it begins in `text`."""
    ends = starts[1:] + (len(text),)
    lengths = [len(sanitize(text[a:b]).text) if b > a else 0 for a, b in zip(starts, ends)]
    return tuple([0] + list(accumulate(lengths))[:-1])


def with_pages(records: list[MetricRecord], doc: CleanDocument, starts: tuple[int, ...]) -> list[MetricRecord]:
    """Each record with the page (from 1) of `starts` its number lies on; starts are
    offsets in the text cleaning read."""
    return [record.model_copy(update={"page": bisect_right(starts, doc.offsets.to_raw(record.char_start))})
            for record in records]
