"""Where sentences and clauses begin and end in Chinese report text. One
definition, shared by extraction, attribution and the NER."""

from __future__ import annotations

import regex

# Sentences, ；-clauses and list items (one a line) all end here.
SENTENCE_END = regex.compile(r"[。！？!?；;\n]")
# Clauses inside a sentence; 、 separates list items, 、-lists stay whole in CLAUSE.
CLAUSE = regex.compile(r"[。！？!?；;\n，,：:]")
CLAUSE_OR_ITEM = regex.compile(r"[。！？!?；;\n，,、：:]")
# A statement runs over the items of a list cut by semicolons (其中，A…；B…；C…).
STATEMENT_END = regex.compile(r"[。！？!?\n]")
HEADING_MAX_CHARS = 40
# Where a page sits on its site (当前位置：首页 > 新闻): chrome, never a title or a sentence.
SITE_PATH = r"(?:您的|您?(?:当前|现在|所在)的?)位置[：:]|当前页面[：:]"


def is_heading(text: str) -> bool:
    """A paragraph short and without a clause mark: a heading or a title."""
    return len(text) <= HEADING_MAX_CHARS and not any(c in text for c in "，。；")


def sentence_starts(text: str) -> list[int]:
    """Offsets at which sentences begin."""
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


def _backwards(marks: regex.Pattern) -> regex.Pattern:
    # Searched from `pos` backwards, so the cost does not grow with the text before it.
    backwards = _BACKWARDS.get(marks.pattern)
    if backwards is None:  # compiled once: setdefault would compile on every call
        backwards = _BACKWARDS[marks.pattern] = regex.compile(marks.pattern, marks.flags | regex.REVERSE)
    return backwards


_BACKWARDS: dict[str, regex.Pattern] = {}


def clause_start(text: str, pos: int, marks: regex.Pattern = CLAUSE_OR_ITEM, lookback: int | None = 80) -> int:
    """Start of the clause holding `pos`: just after the last mark before it,
    looking back at most `lookback` characters (None: to the start of the text)."""
    floor = 0 if lookback is None else max(0, pos - lookback)
    m = _backwards(marks).search(text, floor, pos)
    return m.end() if m else floor


def marks_before(text: str, pos: int, floor: int, marks: regex.Pattern, count: int) -> list[int]:
    """End offsets of the last `count` marks in text[floor:pos], nearest first."""
    found = []
    for m in _backwards(marks).finditer(text, floor, pos):
        found.append(m.end())
        if len(found) == count:
            break
    return found
