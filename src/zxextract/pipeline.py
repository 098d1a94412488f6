"""The only place that orders the stages:
read -> decode or extract the format's text -> sanitize -> clean -> extract -> attribute -> validate -> write.

`extract_document` is the order of the stages after reading, for one
document. `run` reads the input folder, skips what an earlier run already did
with the same bytes, rules and code, spreads the rest over processes (or a
Dask cluster), stores each result as it comes and publishes the dataset.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from .attribute import attribute, find_articles
from .clean import clean
from .errors import InputError
from .extract.merge import merge
from .extract.ner import extract_with_ner
from .extract.rules import extract_with_rules
from .formats import format_of, read_raw
from .formats.pages import sanitized_page_starts, with_pages
from .io import DEFAULT_MAX_BYTES, doc_id_of, doc_ids, read_input, sha256_of
from .manifest import disagreements, load_manifest, manifest_of, source_columns
from .models import DocumentReport, DocumentResult, RawDocument, Source
from .parallel import Task, run_local
from .rulecheck import check_patterns
from .rules import RuleSet, load_rules
from .sanitize import sanitize
from .script import restore_as_read, simplified_view
from .store import DocumentOutcome, PartStore
from .validate import check_records

if TYPE_CHECKING:  # spaCy is imported only when the NER is asked for
    from spacy.language import Language

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rules_dir: Path = DEFAULT_RULES_DIR
    jobs: int = Field(default_factory=available_cores, ge=1)
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None  # a Dask scheduler address; None: a LocalCluster
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1)
    force: bool = False  # redo every document, even those an earlier run did
    ner: bool = False  # run the statistical NER beside the rules (README: it costs precision)


@dataclass(frozen=True)
class Extractors:
    """What each worker extracts with: the rules, and the NER when asked for.
    The NER model is loaded once per worker process, on its first document."""

    rules: RuleSet
    ner: bool = False

    @property
    def version(self) -> str:
        """Changes when the rules or (with the NER) its model change."""
        if not self.ner:
            return self.rules.version
        from .nlp.pipeline import ner_model_version

        return f"{self.rules.version}+ner:{ner_model_version()}"

    def nlp(self) -> Language | None:
        if not self.ner:
            return None
        from .nlp.pipeline import load_pipeline

        return load_pipeline()


class RunSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    documents: int
    failed: int
    skipped: int  # unchanged since an earlier run: taken from its parts
    records: int
    checks: int
    rules_version: str
    seconds: float


class Processed(BaseModel):
    """One document's result and what was repaired on the way in."""

    model_config = ConfigDict(frozen=True)

    result: DocumentResult
    notes: tuple[str, ...] = ()
    cacheable: bool = True  # False: a later run should try again



def extract_document(raw: RawDocument, rules: RuleSet, nlp: Language | None = None) -> DocumentResult:
    """Run every stage after reading on one document; with `nlp`, the NER
    extractor runs beside the rules and the two are merged."""
    doc = clean(raw)
    articles = find_articles(doc, raw.source)
    spans = extract_with_rules(doc, rules)
    if nlp is not None:
        spans = merge(doc, spans, extract_with_ner(doc, nlp), rules)
    records = attribute(doc, articles, spans, raw.source.published if raw.source else None)
    if raw.page_starts:
        records = with_pages(records, doc, raw.page_starts)
    checks = check_records(records)
    stats = doc.stats
    report = DocumentReport(
        doc_id=raw.doc_id, path=raw.path, sha256=raw.sha256, encoding=raw.encoding, format=raw.format,
        **source_columns(raw.source),
        status="ok", chars_raw=stats.chars_raw, chars_clean=stats.chars_clean,
        paragraphs_duplicate=stats.paragraphs_duplicate, joins_repaired=stats.joins_repaired,
        doubled_chars_removed=stats.doubled_chars_removed,
        captions_removed=stats.captions_removed,
        page_markers_removed=stats.page_markers_removed, articles=articles,
        n_records=len(records),
    )
    return DocumentResult(report=report, clean_text=doc.text, records=tuple(records),
                          checks=tuple(checks))


def _failed(path: Path, reason: str, raw: RawDocument | None = None, data: bytes | None = None,
            doc_id: str | None = None, source: Source | None = None) -> DocumentResult:
    sha256 = raw.sha256 if raw else sha256_of(data) if data is not None else None
    return DocumentResult(report=DocumentReport(
        doc_id=doc_id or doc_id_of(path), path=str(path), sha256=sha256,
        encoding=raw.encoding if raw else None, format=raw.format if raw else format_of(path),
        **source_columns(raw.source if raw else source), status="failed", error=reason,
        chars_raw=len(raw.text) if raw else 0))


def _extract_prepared(raw: RawDocument, extractors: Extractors) -> tuple[DocumentResult, tuple[str, ...]]:
    """Sanitize, then extract from the simplified view; the clean text and
    evidence come back in the characters as read."""
    prepared = sanitize(raw.text)
    view = simplified_view(prepared.text)
    pages = sanitized_page_starts(raw.text, raw.page_starts) if raw.page_starts else ()
    result = extract_document(raw.model_copy(update={"text": view.text, "page_starts": pages}),
                              extractors.rules, extractors.nlp())
    notes = prepared.notes + disagreements(result.report.articles, raw.source)
    if view.converted:
        as_read = restore_as_read(result, clean(raw.model_copy(update={"text": view.text})),
                                  prepared.text, view.text)
        if as_read is None:
            notes += (f"{view.converted} traditional characters converted; clean text and evidence "
                      "left in simplified characters (they could not be mapped back)",)
        else:
            result = as_read
            notes += (f"{view.converted} traditional characters read as simplified for extraction",)
    # Characters before cleaning count the text as decoded, before the repairs.
    report = result.report.model_copy(update={"chars_raw": len(raw.text)})
    return result.model_copy(update={"report": report}), notes


def process_document(path: Path, data: bytes, extractors: Extractors, doc_id: str | None = None,
                     source: Source | None = None) -> Processed:
    """One input file's bytes, in its format, to its result (doc_id None: the file's name
    without its extension; source: its manifest row). A bad file gives a `failed` report
    with the reason; it never raises, so one file cannot stop a batch."""
    raw, notes = None, ()
    try:
        raw, notes = read_raw(path, data, doc_id, source)
        result, repairs = _extract_prepared(raw, extractors)
        return Processed(result=result, notes=notes + repairs)
    except InputError as exc:
        return Processed(result=_failed(path, exc.reason, raw, data, doc_id, source), notes=notes)
    except TimeoutError as exc:
        # The regex module's time limit on one stretch of text (RuleTimeout names
        # the rule). Time depends on the machine's load: a later run tries again.
        return Processed(result=_failed(path, str(exc), raw, data, doc_id, source), notes=notes,
                         cacheable=False)
    except Exception as exc:  # a bug on one document must not lose the others
        reason = f"internal error while extracting ({type(exc).__name__}: {exc})"
        return Processed(result=_failed(path, reason, raw, data, doc_id, source), notes=notes)


def process_task(task: Task, extractors: Extractors) -> Processed:
    """The unit of work sent to a worker process or a Dask worker."""
    return process_document(Path(task.path), task.data, extractors, task.doc_id, task.source)


def _lost(task: Task, reason: str) -> Processed:
    return Processed(result=_failed(Path(task.path), reason, data=task.data, doc_id=task.doc_id,
                                    source=task.source), cacheable=False)


def input_files(in_dir: Path, exclude: Path | None = None) -> list[Path]:
    """Every file under in_dir (hidden ones, and `exclude` when it lies inside,
    aside), in a stable order. Anything that is not a directory counts, so a
    broken link or a pipe gets its `failed` row rather than going missing."""
    if not in_dir.is_dir():
        raise InputError(str(in_dir), "is not a directory; give the folder that holds the documents")
    inside: tuple[str, ...] | None = None
    if exclude is not None:
        try:
            inside = exclude.resolve().relative_to(in_dir.resolve()).parts
        except ValueError:
            pass  # the output is not inside the input
        if inside == ():
            raise InputError(str(in_dir), "is also the output directory; write the output elsewhere")
    files = []
    for path in in_dir.rglob("*"):
        parts = path.relative_to(in_dir).parts
        if (any(part.startswith(".") for part in parts) or parts[:len(inside or ())] == inside
                or path.is_dir()):
            continue
        files.append(path)
    return sorted(files)


def _results(tasks: Iterator[Task], extractors: Extractors, settings: Settings) -> Iterator[tuple[Task, Processed]]:
    if settings.engine == "dask":
        from .dask_engine import run_dask  # dask is imported only when asked for

        return run_dask(process_task, tasks, extractors, settings.jobs, settings.scheduler, _lost)
    return run_local(process_task, tasks, extractors, settings.jobs, _lost)


def run(in_dir: Path, out_dir: Path, settings: Settings = Settings(),
        on_document: Callable[[DocumentOutcome], None] | None = None) -> RunSummary:
    """Extract every file of in_dir into the dataset in out_dir."""
    started = time.perf_counter()
    rules = load_rules(settings.rules_dir)
    check_patterns(rules)
    extractors = Extractors(rules, settings.ner)
    if settings.ner:
        extractors.nlp()  # a missing model stops the run here, not once per document
    manifest = manifest_of(in_dir)
    files = [path for path in input_files(in_dir, exclude=out_dir) if path != manifest]
    sources = load_manifest(in_dir, files)  # a bad row stops the run here, before any document
    ids = doc_ids(files, in_dir)
    report = on_document or (lambda outcome: None)
    entries: list[tuple[str, str]] = []  # (doc_id, part key), in input order
    skipped = 0

    with PartStore(out_dir, extractors.version) as store:
        def tasks() -> Iterator[Task]:
            # Runs in this process as the engine asks for work: unreadable and
            # unchanged documents are settled here and never sent.
            nonlocal skipped
            for path in files:
                source = sources.get(path)
                try:
                    data = read_input(path, settings.max_bytes)
                except InputError as exc:
                    key = store.key(ids[path], path, None, source=source)
                    entries.append((ids[path], key))
                    report(store.write(key, _failed(path, exc.reason, doc_id=ids[path], source=source), ()))
                    continue
                key = store.key(ids[path], path, data, source=source)
                entries.append((ids[path], key))
                if not settings.force and store.has(key):
                    skipped += 1
                    report(store.outcome(key))
                    continue
                yield Task(key=key, path=str(path), data=data, doc_id=ids[path], source=source)

        retries = {}
        for task, processed in _results(tasks(), extractors, settings):
            key = task.key
            if not processed.cacheable:
                key = retries[task.key] = store.key(task.doc_id, Path(task.path), task.data, cacheable=False,
                                                    source=task.source)
            report(store.write(key, processed.result, processed.notes))
        counts = store.publish((doc_id, retries.get(key, key)) for doc_id, key in entries)
    return RunSummary(documents=counts.documents, failed=counts.failed, skipped=skipped,
                      records=counts.records, checks=counts.checks, rules_version=extractors.version,
                      seconds=time.perf_counter() - started)
