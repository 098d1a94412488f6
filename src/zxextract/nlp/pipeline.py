"""The spaCy pipeline: `spacy.blank("zh")` with the project's pkuseg segmenter,
a sentence splitter for Chinese punctuation, a statistical `ner` that labels
number mentions with metric ids (trained here, scripts/train_ner.py), and a
rule-based entity tagger for ORG, GPE, DATE, QUANTITY and PERCENT.

The tokenizer wraps `Segmenter` rather than spaCy's built-in pkuseg hook: that
hook can only apply a user dictionary through pkuseg's own, which also loads
pkuseg's general dictionary and lowers accuracy (see segmenter.py).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..entities import find_entities
from ..errors import ModelError
from .segmenter import Segmenter, load_segmenter

NER_MODEL_DIR = Path(__file__).resolve().parent / "model" / "ner"
SENTENCE_PUNCT = ["。", "！", "？", "；", "!", "?", ";"]


class SegmenterTokenizer:
    """A spaCy tokenizer over the pkuseg segmenter; tokens join back to the text.
    A token that crosses an entity boundary (委坚 in 中共北碚区委坚强) is cut
    there, so that every entity and number mention is a whole run of tokens."""

    def __init__(self, vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        cuts = {b for e in find_entities(text) for b in (e.start, e.end)}
        words: list[str] = []
        pos = 0
        for token in self.segmenter.segment(text) if text else []:
            end = pos + len(token)
            inner = sorted(c for c in cuts if pos < c < end)
            for a, b in zip([pos] + inner, inner + [end]):
                words.append(text[a:b])
            pos = end
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@Language.factory("zx_entities")
def make_entity_tagger(nlp: Language, name: str) -> "EntityTagger":
    return EntityTagger()


class EntityTagger:
    """ORG/GPE/DATE from patterns and the gazetteer, QUANTITY/PERCENT from the
    number parser. Entities already set (by `ner`) win over these."""

    def __call__(self, doc: Doc) -> Doc:
        spans = [doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
                 for e in find_entities(doc.text)]
        spans = [s for s in spans if s is not None]
        existing = list(doc.ents)
        taken = {i for ent in existing for i in range(ent.start, ent.end)}
        free = [s for s in filter_spans(spans) if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(existing + free, key=lambda s: s.start)
        return doc


@lru_cache(maxsize=1)
def ner_model_version(ner_dir: Path = NER_MODEL_DIR) -> str:
    """A short hash of the shipped NER weights: part of the re-run cache key."""
    model = Path(ner_dir) / "model"
    if not model.exists():
        raise ModelError(f"NER model missing in {ner_dir}; rebuild it with `make ner-model`")
    return hashlib.sha256(model.read_bytes()).hexdigest()[:12]


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
