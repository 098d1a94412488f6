"""Reading word-segmented corpora and scoring a segmenter against them.

Shared by scripts/train_segmenter.py and scripts/eval_segmenter.py so that the
numbers in the model README and the ones `make seg-eval` prints are computed
the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from zxextract.nlp.segmenter import SegmenterError

# The part of the UD corpora that is never trained on, only scored.
UD_HELD_OUT_FILE = "zh_gsdsimp-ud-test.conllu"


def read_conllu_words(path: Path) -> list[list[str]]:
    """The word forms (column 2) of each sentence of a CoNLL-U file.

    Multiword-token ranges (1-2) and empty nodes (1.1) are skipped: they are not
    words of the surface text.
    """
    sentences: list[list[str]] = []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(words)
                words = []
        elif not line.startswith("#"):
            columns = line.split("\t")
            if columns[0].isdigit():
                words.append(columns[1])
    if words:
        sentences.append(words)
    return sentences


def read_segmented(path: Path) -> list[list[str]]:
    """Sentences of a file with one sentence a line and words separated by spaces."""
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass(frozen=True)
class Scores:
    sentences: int
    gold_words: int
    predicted_words: int
    correct_words: int

    @property
    def precision(self) -> float:
        return self.correct_words / self.predicted_words if self.predicted_words else 0.0

    @property
    def recall(self) -> float:
        return self.correct_words / self.gold_words if self.gold_words else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _spans(words: Iterable[str]) -> set[tuple[int, int]]:
    spans, start = set(), 0
    for word in words:
        spans.add((start, start + len(word)))
        start += len(word)
    return spans


def score(cut: Callable[[str], list[str]], sentences: list[list[str]]) -> Scores:
    """Word-level precision/recall/F1 of `cut` on gold-segmented `sentences`.

    A predicted word is correct when its character span equals a gold word's.
    """
    gold_total = predicted_total = correct = 0
    for gold in sentences:
        text = "".join(gold)
        predicted = cut(text)
        if "".join(predicted) != text:
            raise SegmenterError(f"segmentation does not cover its input: {text!r} -> {predicted!r}")
        gold_spans, predicted_spans = _spans(gold), _spans(predicted)
        gold_total += len(gold_spans)
        predicted_total += len(predicted_spans)
        correct += len(gold_spans & predicted_spans)
    return Scores(len(sentences), gold_total, predicted_total, correct)
