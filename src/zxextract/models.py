"""Typed records passed between the stages. Imports no stage.

Offsets are character offsets, start inclusive and end exclusive. Offsets in a
`Span` or `MetricRecord` point into `CleanDocument.text`; `OffsetMap` maps them
back into the raw text as read.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CORE_METRICS: tuple[str, ...] = (
    "proposals_received",
    "proposals_accepted",
    "proposal_acceptance_rate",
    "proposal_satisfaction_rate",
    "proposal_basic_satisfaction_rate",
    "sqmy_collected",
    "sqmy_submitted",
    "sqmy_adopted",
)

METRICS: tuple[str, ...] = CORE_METRICS + (
    "proposals_not_accepted",
    "proposals_merged",
    "proposals_closed",
    "proposals_key",
    "proposals_by_kind",
    "proposal_closure_rate",
    "sqmy_adoption_rate",
    "leader_instructions",
    "consultations",
    "participants",
    "problems_solved",
    "suggestions",
    "inspections",
    "surveys",
    "reports",
    "duty_activities",
    "study_sessions",
    "trainings",
    "meetings",
    "reports_to_party",
    "members",
    "platforms",
    "media_reports",
    "other",
)

RATE_METRICS: frozenset[str] = frozenset(
    m for m in METRICS if m.endswith("_rate")
)

Qualifier = Literal["exact", "more_than", "about", "at_least"]
Status = Literal["actual", "target"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    """What is known of a document besides its text (spec §6): a manifest row, or
    what a saved page's markup says of itself."""

    url: str | None = None
    title: str | None = None
    published: date | None = None
    body: str | None = None  # applies where the text names no body
    year: int | None = Field(default=None, ge=1949, le=2100)  # applies where the text states no year


class RawDocument(Frozen):
    """A file as read: its text (decoded, or extracted from a page, PDF or Word
    file) plus what is needed to identify the bytes."""

    doc_id: str
    path: str
    text: str
    sha256: str
    encoding: str | None  # None: not a text file (PDF, Word)
    n_bytes: int
    format: str = "text"
    # Offsets in `text` where each page of a PDF begins (the first is 0); empty: not paged.
    page_starts: tuple[int, ...] = ()
    source: Source | None = None


class OffsetMap(Frozen):
    """Piecewise map from clean offsets to raw offsets.

    Cleaning only deletes characters or replaces one character by one, so the
    map is a list of runs: clean offsets `clean_starts[k]` onwards come from raw
    offsets `raw_starts[k]` onwards, one to one, until the next run.
    """

    clean_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    clean_length: int

    @model_validator(mode="after")
    def _runs_align(self) -> "OffsetMap":
        if len(self.clean_starts) != len(self.raw_starts):
            raise ValueError("clean_starts and raw_starts differ in length")
        return self

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of the character at `clean_offset` (0 <= offset < len)."""
        if not 0 <= clean_offset < self.clean_length:
            raise IndexError(f"clean offset {clean_offset} outside 0..{self.clean_length}")
        run = bisect_right(self.clean_starts, clean_offset) - 1
        return self.raw_starts[run] + clean_offset - self.clean_starts[run]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) covering clean [start, end); end exclusive."""
        if end <= start:
            raise ValueError(f"empty span {start}..{end}")
        return self.to_raw(start), self.to_raw(end - 1) + 1


class Article(Frozen):
    """One article of a document: a clean-text range with its own body and year."""

    start: int
    end: int
    title: str | None = None
    body: str | None = None
    year: int | None = None


class CleanStats(Frozen):
    chars_raw: int
    chars_clean: int
    paragraphs_duplicate: int = 0
    joins_repaired: int = 0
    doubled_chars_removed: int = 0
    captions_removed: int = 0
    page_markers_removed: int = 0


class CleanDocument(Frozen):
    doc_id: str
    text: str
    raw_text: str
    offsets: OffsetMap
    paragraphs: tuple[tuple[int, int], ...]
    stats: CleanStats


class NumberMention(Frozen):
    """A number as written, parsed: `百余场` -> 100, unit 场, more_than."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: Qualifier


class Span(Frozen):
    """A candidate metric observation made by one extractor rule or model."""

    start: int  # the number mention's offsets in the clean text
    end: int
    text: str
    metric: str
    value: float
    unit: str
    qualifier: Qualifier
    scope: str | None = None
    status: Status | None = None  # None: the attribution stage decides
    rule_id: str

    @model_validator(mode="after")
    def _known_metric(self) -> "Span":
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}")
        return self


class MetricRecord(Frozen):
    """One row of metrics.parquet (spec §2)."""

    doc_id: str
    body: str | None
    year: int | None = Field(default=None, ge=1949, le=2100)
    # The first and last year the figure covers (spec §2): both `year` for a
    # one-year figure; a multi-year total has `year` None and the stated range.
    period_start: int | None = Field(default=None, ge=1949, le=2100)
    period_end: int | None = Field(default=None, ge=1949, le=2100)
    metric: str
    value: float
    unit: str
    qualifier: Qualifier
    scope: str | None
    status: Status
    evidence: str
    char_start: int = Field(ge=0)
    char_end: int
    extractor: str
    page: int | None = Field(default=None, ge=1)  # the PDF page the number is on; None: not paged

    @model_validator(mode="after")
    def _consistent(self) -> "MetricRecord":
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}")
        if self.char_end <= self.char_start:
            raise ValueError("char_end must be after char_start")
        if (self.period_start is None) != (self.period_end is None):
            raise ValueError("period_start and period_end are given together or not at all")
        if self.period_start is not None and self.period_start > self.period_end:
            raise ValueError("period_start must not be after period_end")
        return self


class Severity(str, Enum):
    warning = "warning"
    error = "error"


class CheckFinding(Frozen):
    """A validation finding; the record it concerns is kept, never dropped."""

    doc_id: str
    check: str
    severity: Severity
    message: str
    char_start: int | None = None
    metric: str | None = None


class DocumentReport(Frozen):
    """One row of documents.parquet: what happened to one input file."""

    doc_id: str
    path: str
    sha256: str | None
    encoding: str | None
    format: str = "text"
    status: Literal["ok", "failed"]
    error: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    chars_raw: int = 0
    chars_clean: int = 0
    paragraphs_duplicate: int = 0
    joins_repaired: int = 0
    doubled_chars_removed: int = 0
    captions_removed: int = 0
    page_markers_removed: int = 0
    articles: tuple[Article, ...] = ()
    n_records: int = 0


class DocumentResult(Frozen):
    """Everything the pipeline produced for one document."""

    report: DocumentReport
    clean_text: str | None = None
    records: tuple[MetricRecord, ...] = ()
    checks: tuple[CheckFinding, ...] = ()
