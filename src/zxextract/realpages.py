"""Real pages as a development corpus (tests/real/README.md).

Pages from the web are third-party text: the corpus commits only where each
page is (`sources.jsonl`: url, query, rank, chars, sha256, part) and its gold
records with the evidence as offsets (`labels/<doc_id>.jsonl`). The texts live
in a folder outside git; `load_corpus` checks each against its sha256 and cuts
the evidence from it, giving ordinary gold records (spec §4).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from .errors import GoldError
from .evaluate import GOLD_KEYS, Score, score
from .models import CORE_METRICS, METRICS, Frozen, Qualifier, Status
from .pipeline import Extractors, process_document
from .schema import MetricId

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "real"
TEXTS_ENV = "ZX_REAL_TEXTS"
PARTS = ("shared", "dev", "heldout", "fresh")


class Source(Frozen):
    doc_id: str = Field(pattern=r"^[a-z]\d{2,3}$")
    url: str
    query: str
    rank: int = Field(ge=1)
    chars: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    part: str
    # What the page is, for reading the figures by kind (README table).
    genre: str | None = None
    level: str | None = None
    province: str | None = None
    script: str | None = None


class Label(Frozen):
    doc_id: str
    body: str | None
    year: int | None
    period_start: int | None
    period_end: int | None
    metric: MetricId
    value: float
    unit: str
    qualifier: Qualifier
    scope: str | None
    status: Status
    evidence_start: int = Field(ge=0)
    evidence_end: int


@dataclass(frozen=True)
class Page:
    source: Source
    text: str
    gold: tuple[dict, ...]


def default_texts_dir() -> Path:
    return Path(os.environ.get(TEXTS_ENV) or CORPUS_DIR / "texts")


def _rows(path: Path, model: type[BaseModel]) -> list[tuple[int, BaseModel]]:
    """(line number, record) for each non-blank line of a JSON-lines file."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((n, model.model_validate_json(line)))
        except ValidationError as exc:
            raise GoldError(f"{path}:{n}: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']}") from exc
    return rows


def load_sources(corpus: Path = CORPUS_DIR) -> list[Source]:
    path = corpus / "sources.jsonl"
    rows = _rows(path, Source)
    for n, source in rows:
        if source.part not in PARTS:
            raise GoldError(f"{path}:{n}: part {source.part!r} is none of {', '.join(PARTS)}")
    return [source for _, source in rows]


def load_labels(corpus: Path, source: Source) -> list[Label]:
    path = corpus / "labels" / f"{source.doc_id}.jsonl"
    if not path.exists():
        raise GoldError(f"{path}: no labels for {source.doc_id}")
    rows = _rows(path, Label)
    for n, label in rows:
        if not 0 <= label.evidence_start < label.evidence_end <= source.chars:
            raise GoldError(f"{path}:{n}: evidence {label.evidence_start}..{label.evidence_end} "
                            f"outside the page's {source.chars} characters")
    return [label for _, label in rows]


def text_problem(source: Source, texts: Path) -> str | None:
    """Why the text of a page cannot be used, or None when it matches its source."""
    path = texts / f"{source.doc_id}.txt"
    if not path.exists():
        return f"{path}: missing (search pages for {source.query!r}, rank {source.rank}, {source.url})"
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != source.sha256:
        return (f"{path}: {len(text)} characters, not the {source.chars} recorded; take the excerpt "
                "exactly as returned (real newlines, nothing added)")
    return None


def load_corpus(texts: Path, corpus: Path = CORPUS_DIR, parts: tuple[str, ...] = PARTS) -> tuple[list[Page], list[str]]:
    """The pages of `parts` whose texts match their sources, and a line for each that does not."""
    pages, problems = [], []
    for source in load_sources(corpus):
        if source.part not in parts:
            continue
        labels = load_labels(corpus, source)
        problem = text_problem(source, texts)
        if problem:
            problems.append(problem)
            continue
        text = (texts / f"{source.doc_id}.txt").read_text(encoding="utf-8")
        gold = []
        for label in labels:
            record = label.model_dump()
            record["evidence"] = text[record.pop("evidence_start"):record.pop("evidence_end")]
            gold.append({k: record[k] for k in GOLD_KEYS + ("period_start", "period_end")})
        pages.append(Page(source, text, tuple(gold)))
    return pages, problems


def predictions(pages: list[Page], extractors: Extractors) -> list[dict]:
    """Every page extracted in this process, as rows of metrics.parquet."""
    rows = []
    for page in pages:
        data = page.text.encode("utf-8")
        result = process_document(Path(f"{page.source.doc_id}.txt"), data, extractors).result
        rows.extend(r.model_dump() for r in result.records)
    return rows


@dataclass(frozen=True)
class PartScore:
    part: str
    pages: int
    strict: Score
    unattributed: Score


def score_parts(pages: list[Page], rows: list[dict]) -> list[PartScore]:
    """Spec §5 per part, strict and with body and year set aside."""
    scores = []
    for part in PARTS:
        chosen = [p for p in pages if p.source.part == part]
        if not chosen:
            continue
        gold = [g for p in chosen for g in p.gold]
        ids = {p.source.doc_id for p in chosen}
        mine = [r for r in rows if r["doc_id"] in ids]
        scores.append(PartScore(part, len(chosen), score(mine, gold), score(mine, gold, attribution=False)))
    return scores


def format_parts(scores: list[PartScore]) -> str:
    header = (f"{'part':10}{'pages':>6}{'gold':>6}{'core F1':>9}{'all F1':>8}{'core P/R':>12}{'all P/R':>12}"
              f"{'core*':>7}{'all*':>7}{'period':>8}")
    lines = [header]
    for s in scores:
        core, every = s.strict.total(CORE_METRICS), s.strict.total(METRICS)
        loose_core, loose_all = s.unattributed.total(CORE_METRICS), s.unattributed.total(METRICS)
        period = s.strict.attribute_accuracy("period_start") if s.strict.period_pairs else float("nan")
        gold = every.tp + every.fn
        lines.append(f"{s.part:10}{s.pages:6d}{gold:6d}{core.f1:9.3f}{every.f1:8.3f}"
                     f"{core.precision:6.2f}/{core.recall:.2f}{every.precision:6.2f}/{every.recall:.2f}"
                     f"{loose_core.f1:7.3f}{loose_all.f1:7.3f}{period:8.3f}")
    lines.append("strict spec §5; * = body and year not scored; period = period_start agreement over matched")
    return "\n".join(lines)
