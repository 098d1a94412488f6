"""The only place that orders the stages:
read -> clean -> extract -> attribute -> validate -> write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from spacy.language import Language

from .attribute import attribute, find_articles
from .clean import clean
from .errors import InputError
from .extract.merge import merge
from .extract.ner import extract_with_ner
from .extract.rules import extract_with_rules
from .io import doc_id_of, read_document, write_dataset, write_text
from .models import DocumentReport, DocumentResult, RawDocument
from .rules import RuleSet, load_rules
from .validate import check_records

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rules_dir: Path = DEFAULT_RULES_DIR


class RunSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    documents: int
    failed: int
    records: int
    checks: int
    rules_version: str


def extract_document(raw: RawDocument, rules: RuleSet, nlp: Language | None = None) -> DocumentResult:
    """Run every stage after reading on one document; with `nlp`, the NER
    extractor runs beside the rules and the two are merged."""
    doc = clean(raw)
    articles = find_articles(doc)
    spans = extract_with_rules(doc, rules)
    if nlp is not None:
        spans = merge(doc, spans, extract_with_ner(doc, nlp), rules)
    records = attribute(doc, articles, spans)
    checks = check_records(records)
    stats = doc.stats
    report = DocumentReport(
        doc_id=raw.doc_id, path=raw.path, sha256=raw.sha256, encoding=raw.encoding,
        status="ok", chars_raw=stats.chars_raw, chars_clean=stats.chars_clean,
        paragraphs_duplicate=stats.paragraphs_duplicate, joins_repaired=stats.joins_repaired,
        doubled_chars_removed=stats.doubled_chars_removed,
        captions_removed=stats.captions_removed,
        page_markers_removed=stats.page_markers_removed, articles=articles,
        n_records=len(records),
    )
    return DocumentResult(report=report, clean_text=doc.text, records=tuple(records),
                          checks=tuple(checks))


def process_path(path: Path, rules: RuleSet) -> DocumentResult:
    """One input file to its result. A bad file gives a `failed` report with the
    reason; it never raises, so one file cannot stop a batch."""
    raw = None
    try:
        raw = read_document(path)
        return extract_document(raw, rules)
    except InputError as exc:
        reason = exc.reason
    except Exception as exc:  # a bug on one document must not lose the others
        reason = f"internal error while extracting ({type(exc).__name__}: {exc})"
    return DocumentResult(report=DocumentReport(
        doc_id=doc_id_of(path), path=str(path), sha256=raw.sha256 if raw else None,
        encoding=raw.encoding if raw else None, status="failed", error=reason,
        chars_raw=len(raw.text) if raw else 0))


def input_files(in_dir: Path) -> list[Path]:
    """Every regular file under in_dir (hidden ones aside), in a stable order."""
    if not in_dir.is_dir():
        raise InputError(str(in_dir), "is not a directory")
    return sorted(p for p in in_dir.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(in_dir).parts))


def run(in_dir: Path, out_dir: Path, settings: Settings = Settings(),
        on_document: Callable[[DocumentResult], None] | None = None) -> RunSummary:
    """Extract every file of in_dir into the dataset in out_dir."""
    rules = load_rules(settings.rules_dir)
    files = input_files(in_dir)
    duplicates = _duplicate_ids(files)
    if duplicates:
        raise InputError(str(in_dir), f"two files share the doc_id(s) {', '.join(duplicates)}; rename one")
    results = []
    for path in files:
        result = process_path(path, rules)
        if result.clean_text is not None:
            write_text(out_dir / "clean" / f"{result.report.doc_id}.txt", result.clean_text)
        results.append(result)
        if on_document:
            on_document(result)
    records = [r for res in results for r in res.records]
    checks = [c for res in results for c in res.checks]
    reports = [res.report for res in results]
    write_dataset(out_dir, records, reports, checks)
    return RunSummary(documents=len(reports), failed=sum(r.status == "failed" for r in reports),
                      records=len(records), checks=len(checks), rules_version=rules.version)


def _duplicate_ids(files: Iterable[Path]) -> list[str]:
    seen, dup = set(), set()
    for p in files:
        (dup if doc_id_of(p) in seen else seen).add(doc_id_of(p))
    return sorted(dup)
