"""Figures laid out as a chart (数说, 一图读懂): a figure and its label on lines of
their own, or a label, a colon and the figure. The rules read a view of the
text in which each label stands right before its figure, as in a sentence.
The view has the same length; the figures' places map back to the text.

    立案：368件         -> 立案368件␣
    12次⏎党组会议       -> 党组会议12次␣      (a figure takes the label below it,
    立案率⏎89.3%        -> 立案率89.3%␣        else the one above)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from ..numbers import NUMBER

# A label is a short phrase: no sentence punctuation and no figure of its own.
LABEL_CHARS = r"[^\n，,。；;！？!?：:0-9|\t]"
LABEL = regex.compile(rf"{LABEL_CHARS}{{2,24}}")
# A table row as text: | 收到提案 | 412件 | 388件 | or 收集社情民意信息⇥1026条.
CELL_SEPARATOR = regex.compile(r"[ \t]*[|\t][ \t]*")
COLON_LINE = regex.compile(
    rf"(?m)^[ \t]*(?P<label>{LABEL_CHARS}{{2,24}}?)[：:][ \t]*(?P<figure>{NUMBER.pattern})[ \t]*$")


@dataclass(frozen=True)
class ChartView:
    text: str
    moves: tuple[tuple[int, int, int], ...]  # (view start, text start, length) of each moved figure

    def to_text(self, view_start: int) -> int:
        """Where a position of the view lies in the text."""
        k = bisect_right(self.moves, (view_start, float("inf"))) - 1
        if k >= 0:
            start, text_start, length = self.moves[k]
            if view_start < start + length:
                return text_start + view_start - start
        return view_start


def _is_label(line: str) -> bool:
    line = line.strip()
    return bool(LABEL.fullmatch(line)) and not NUMBER.search(line)


def _lines(text: str) -> list[tuple[int, str]]:
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    return lines


def _label_and_figure_cells(line: str) -> tuple[str, int, str] | None:
    """(label, figure offset, figure): a row's first label cell and the first
    figure cell after it; later figure cells (another year's column) are left."""
    label = None
    for cell in CELL_SEPARATOR.split(line):
        cell_text = cell.strip()
        if not cell_text:
            continue
        if label is None:
            if _is_label(cell_text):
                label = cell_text
        elif NUMBER.fullmatch(cell_text):
            return label, line.index(cell_text, line.index(label) + len(label)), cell_text
    return None


def chart_view(text: str) -> ChartView:
    chars: list[str] = []  # the text's characters, once a rewrite needs them: most texts have none
    moves = []

    def rewrite(start: int, end: int, label: str, figure_start: int, figure: str) -> None:
        if not chars:
            chars.extend(text)
        view = label + figure
        chars[start:end] = view + " " * (end - start - len(view))
        moves.append((start + len(label), figure_start, len(figure)))

    for m in COLON_LINE.finditer(text):
        rewrite(m.start(), m.end(), m["label"].strip(), m.start("figure"), m["figure"])
    for start, line in _lines(text):
        if CELL_SEPARATOR.search(line):
            row = _label_and_figure_cells(line)
            if row:
                label, figure_at, figure = row
                rewrite(start, start + len(line), label, start + figure_at, figure)
    # A figure alone on its line takes the label on the line below it, else the one above.
    lines = _lines(text)
    used: set[int] = set()
    for k, (start, line) in enumerate(lines):
        figure = line.strip()
        if not figure or not NUMBER.fullmatch(figure):
            continue
        figure_start = start + line.index(figure)
        below, above = k + 1, k - 1
        for j in (below, above):
            if 0 <= j < len(lines) and j not in used and _is_label(lines[j][1]):
                used.update((j, k))
                first, last = sorted((j, k))
                region_end = lines[last][0] + len(lines[last][1])
                rewrite(lines[first][0], region_end, lines[j][1].strip(), figure_start, figure)
                break
    return ChartView("".join(chars) if chars else text, tuple(sorted(moves)))
