"""Training data and training for the statistical NER.

Gold spans: each hand-labelled record is found in the cleaned text through its
evidence, and its number mention labelled with the metric id. Silver spans:
the gold sentences again with every number replaced by random digits, labelled
by the rule extractor, so that the model learns the wording, not the values.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex
import spacy
from spacy.training import Example
from spacy.util import minibatch

from ..clean import clean, normalise_chars
from ..evaluate import load_gold
from ..extract.ner import number_sentences
from ..extract.rules import extract_with_rules
from ..io import read_document
from ..models import CleanDocument
from ..numbers import find_numbers
from ..rules import RuleSet
from .pipeline import blank_pipeline

SEED = 20241121


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    text: str
    entities: tuple[tuple[int, int, str], ...]  # (start, end, metric) in `text`


def gold_mentions(doc: CleanDocument, gold: list[dict]) -> set[tuple[int, int, str]]:
    """(start, end, metric) in the clean text of every gold record, at every
    place its evidence stands (a repeated paragraph repeats the figure)."""
    found = set()
    for rec in gold:
        evidence = normalise_chars(rec["evidence"])
        for m in regex.finditer(regex.escape(evidence), doc.text):
            for mention in find_numbers(evidence):
                if abs(mention.value - float(rec["value"])) < 1e-6:
                    found.add((m.start() + mention.start, m.start() + mention.end, rec["metric"]))
                    break
    return found


def gold_sentences(raw_dir: Path, gold_dir: Path, doc_ids: Iterable[str] | None = None) -> list[Sentence]:
    """Every sentence with a number in the gold documents, its gold mentions labelled."""
    gold = load_gold(gold_dir)
    wanted = set(doc_ids) if doc_ids is not None else {g["doc_id"] for g in gold}
    sentences = []
    for doc_id in sorted(wanted):
        doc = clean(read_document(raw_dir / f"{doc_id}.txt"))
        mentions = gold_mentions(doc, [g for g in gold if g["doc_id"] == doc_id])
        for start, end in number_sentences(doc.text):
            ents = tuple(sorted((a - start, b - start, m) for a, b, m in mentions if start <= a and b <= end))
            sentences.append(Sentence(doc_id, doc.text[start:end], ents))
    return sentences


def silver_sentences(sentences: list[Sentence], rules: RuleSet, copies: int, rng: random.Random) -> list[Sentence]:
    """Copies of the sentences with the digits changed, labelled by the rules."""
    silver = []
    for sentence in sentences:
        for _ in range(copies):
            text = regex.sub(r"\d", lambda _: str(rng.randint(1, 9)), sentence.text)
            doc = CleanDocument(doc_id=sentence.doc_id, text=text, raw_text=text,
                                offsets={"clean_starts": (0,), "raw_starts": (0,), "clean_length": len(text)},
                                paragraphs=((0, len(text)),),
                                stats={"chars_raw": len(text), "chars_clean": len(text)})
            ents = {(s.start, s.end, s.metric) for s in extract_with_rules(doc, rules)}
            silver.append(Sentence(sentence.doc_id, text, tuple(sorted(ents))))
    return silver


def train(sentences: list[Sentence], out_dir: Path, epochs: int = 25, seed: int = SEED) -> dict:
    """Train the `ner` component on `sentences` and save it to out_dir."""
    spacy.util.fix_random_seed(seed)
    nlp = blank_pipeline()
    ner = nlp.add_pipe("ner")
    examples = []
    for sentence in sentences:
        doc = nlp.make_doc(sentence.text)
        spans = [doc.char_span(a, b, label=m, alignment_mode="expand") for a, b, m in sentence.entities]
        spans = spacy.util.filter_spans([s for s in spans if s is not None])
        examples.append(Example.from_dict(doc, {"entities": [(s.start_char, s.end_char, s.label_) for s in spans]}))
    for example in examples:
        for ent in example.reference.ents:
            ner.add_label(ent.label_)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    losses: dict = {}
    for _ in range(epochs):
        rng.shuffle(examples)
        losses = {}
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
    out_dir.mkdir(parents=True, exist_ok=True)
    ner.to_disk(out_dir)
    return {"examples": len(examples), "labels": len(ner.labels), "final_loss": losses.get("ner", 0.0)}
