"""The NER extractor: the statistical `ner` of the spaCy pipeline labels number
mentions with metric ids. `(CleanDocument, Language) -> list[Span]`.

Only sentences that hold a number go through spaCy: segmentation is the slow
step (about 0.2 MB/s), and a sentence without a number holds no figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import METRICS, CleanDocument, Span
from ..numbers import find_numbers
from ..boundaries import SENTENCE_END

if TYPE_CHECKING:
    from spacy.language import Language

NER_EXTRACTOR = "ner"


def number_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence that holds a number with a unit."""
    bounds, start = [], 0
    for m in list(SENTENCE_END.finditer(text)) + [None]:
        end = m.end() if m else len(text)
        if end > start and find_numbers(text[start:end]):
            bounds.append((start, end))
        start = end
    return bounds


def extract_with_ner(doc: CleanDocument, nlp: Language) -> list[Span]:
    spans: list[Span] = []
    sentences = number_sentences(doc.text)
    for (start, end), sent in zip(sentences, nlp.pipe(doc.text[a:b] for a, b in sentences)):
        for ent in sent.ents:
            if ent.label_ not in METRICS:
                continue
            for mention in find_numbers(ent.text)[:1]:
                offset = start + ent.start_char
                spans.append(Span(start=offset + mention.start, end=offset + mention.end,
                                  text=mention.text, metric=ent.label_, value=mention.value,
                                  unit=mention.unit, qualifier=mention.qualifier,
                                  rule_id=NER_EXTRACTOR))
    return spans
