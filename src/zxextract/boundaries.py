"""Where sentences and clauses begin and end in Chinese report text. One
definition, shared by extraction, attribution and the NER."""

from __future__ import annotations

import regex

# Sentences, ；-clauses and list items (one a line) all end here.
SENTENCE_END = regex.compile(r"[。！？!?；;\n]")
# Clauses inside a sentence; 、 separates list items, 、-lists stay whole in CLAUSE.
CLAUSE = regex.compile(r"[。！？!?；;\n，,：:]")
CLAUSE_OR_ITEM = regex.compile(r"[。！？!?；;\n，,、：:]")


def sentence_starts(text: str) -> list[int]:
    """Offsets at which sentences begin."""
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


def clause_start(text: str, pos: int, marks: regex.Pattern = CLAUSE_OR_ITEM, lookback: int = 80) -> int:
    """Start of the clause holding `pos`, looking back at most `lookback` characters."""
    floor = max(0, pos - lookback)
    return max((m.end() for m in marks.finditer(text, floor, pos)), default=floor)
