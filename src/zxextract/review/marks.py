"""A clean text as HTML with every record's number marked.

Each record's [char_start, char_end) becomes `<mark data-record="<row>">`, row
being its row in metrics.parquet. Records may share a number (委员满意率和本级满意率
均达100% gives two) or overlap: the text is cut at every record's ends, and each
piece is wrapped in one mark per record covering it, outermost the earliest and
longest, so a record's marks together hold exactly its number. Everything from
the text is escaped: scraped text is shown, never run.
"""

from __future__ import annotations

from html import escape

from pydantic import BaseModel, ConfigDict


class Mark(BaseModel):
    """One record to highlight: its row, its offsets, and what the mark shows."""

    model_config = ConfigDict(frozen=True)

    row: int
    start: int
    end: int
    metric: str
    title: str  # shown on hover
    flagged: bool = False  # a check finding concerns it


def _open_tag(mark: Mark, first: bool) -> str:
    classes = f"rec m-{mark.metric}" + (" flagged" if mark.flagged else "")
    anchor = f' id="r{mark.row}"' if first else ""
    return (f'<mark class="{classes}" data-record="{mark.row}"{anchor} tabindex="0" '
            f'title="{escape(mark.title, quote=True)}">')


def marked_html(text: str, marks: list[Mark]) -> str:
    """`text` escaped, with `marks` (offsets within the text) as nested <mark> tags."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    opened: set[int] = set()
    covering: list[Mark] = []
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = sorted([m for m in covering if m.end > start] + starting.get(start, []),
                          key=lambda m: (m.start, -m.end, m.row))
        for mark in covering:
            out.append(_open_tag(mark, first=mark.row not in opened))
            opened.add(mark.row)
        out.append(escape(text[start:end], quote=False))
        out.append("</mark>" * len(covering))
    return "".join(out)
