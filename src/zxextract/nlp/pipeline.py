"""The spaCy pipeline: `spacy.blank("zh")` with the project's pkuseg segmenter,
a sentence splitter for Chinese punctuation, a statistical `ner` that labels
number mentions with metric ids (trained here, scripts/train_ner.py), and a
rule-based entity tagger for ORG, GPE, DATE, QUANTITY and PERCENT.

The tokenizer wraps `Segmenter` rather than spaCy's built-in pkuseg hook: that
hook can only apply a user dictionary through pkuseg's own, which also loads
pkuseg's general dictionary and lowers accuracy (see segmenter.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..gazetteer import city_names, county_names, province_names
from ..numbers import find_numbers
from ..errors import ModelError
from .segmenter import Segmenter, load_segmenter

NER_MODEL_DIR = Path(__file__).resolve().parent / "model" / "ner"
SENTENCE_PUNCT = ["。", "！", "？", "；", "!", "?", ";"]
ENTITY_LABELS = ("ORG", "GPE", "DATE", "QUANTITY", "PERCENT")


class SegmenterTokenizer:
    """A spaCy tokenizer over the pkuseg segmenter; tokens join back to the text."""

    def __init__(self, vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.segment(text) if text else []
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


def _alternation(names) -> str:
    return "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 1)


@lru_cache(maxsize=1)
def entity_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    """(label, pattern) pairs, the place names taken from the gazetteer."""
    places = _alternation(county_names() | city_names() | province_names())
    org_suffix = r"(?:政协|人民政府|政府|人大常委会|人大|委员会|党委|党组|委)"
    department = r"(?:[\p{Han}]{1,8}?(?:委员会|局|厅|办公厅|办公室))"
    return (
        ("ORG", regex.compile(
            rf"全国政协|中国人民政治协商会议\s*(?:{places})?(?:全国)?委员会"
            rf"|中共(?:{places}|中央)(?:委员会|委)?|(?:{places}){org_suffix}"
            rf"|(?<![\p{{Han}}])[省市区县]政协|(?:国务院|国家发展改革委|[\p{{Han}}]{{2,4}}部(?=[、，等和]))"
            rf"|(?:{places}|[省市区县])(?:{department})")),
        ("GPE", regex.compile(places)),
        ("DATE", regex.compile(
            r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?:去年|今年|同年)\d{1,2}月")),
    )


@Language.factory("zx_entities")
def make_entity_tagger(nlp: Language, name: str) -> "EntityTagger":
    return EntityTagger()


class EntityTagger:
    """ORG/GPE/DATE from patterns and the gazetteer, QUANTITY/PERCENT from the
    number parser. Entities already set (by `ner`) win over these."""

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for label, pattern in entity_patterns():
            for m in pattern.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        for mention in find_numbers(doc.text):
            label = "PERCENT" if mention.unit == "%" else "QUANTITY"
            span = doc.char_span(mention.start, mention.end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        existing = list(doc.ents)
        taken = {i for ent in existing for i in range(ent.start, ent.end)}
        free = [s for s in filter_spans(spans) if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(existing + free, key=lambda s: s.start)
        return doc


def blank_pipeline(segmenter: Segmenter | None = None) -> Language:
    """Tokenizer and sentence splitter only: what training starts from."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = SegmenterTokenizer(nlp.vocab, segmenter or load_segmenter())
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(ner_dir: Path | None = NER_MODEL_DIR) -> Language:
    """The full pipeline; with `ner_dir`, the statistical NER trained here."""
    nlp = blank_pipeline()
    if ner_dir is not None:
        if not (Path(ner_dir) / "cfg").exists():
            raise ModelError(f"NER model missing in {ner_dir}; rebuild it with `make ner-model`")
        nlp.add_pipe("ner").from_disk(ner_dir)
    nlp.add_pipe("zx_entities")
    return nlp
