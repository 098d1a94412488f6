"""Frame schemas of the published Parquet files (pandera): each column's type,
whether it may be null, and the values or range it may take, so that neither
can drift unnoticed. The writer checks every batch before it is written; a
failure is a bug in zxextract, never a property of the input (a rate above 100
is a finding in checks.parquet, not a schema error).

Types are stated here on their own, not read from the Arrow schemas the writer
uses, so a change there that no one meant fails the tests.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pandera.pandas as pdr
from pandera.errors import SchemaErrors

from .bodies import LEVELS, province_of_code
from .errors import OutputError
from .facts import FACT_KEY
from .models import METRICS as METRIC_IDS, Qualifier, Status

QUALIFIERS = Qualifier.__args__
STATUSES = Status.__args__
SEVERITIES = ("warning", "error")


def _column(arrow_type: pa.DataType, *checks: pdr.Check, nullable: bool = False, unique: bool = False) -> pdr.Column:
    return pdr.Column(pd.ArrowDtype(arrow_type), list(checks), nullable=nullable, unique=unique)


def _text(*checks: pdr.Check, nullable: bool = False, unique: bool = False) -> pdr.Column:
    return _column(pa.string(), *checks, nullable=nullable, unique=unique)


def _one_of(values) -> pdr.Check:
    return pdr.Check.isin(list(values))


def _year(nullable: bool = True) -> pdr.Column:
    return _column(pa.int16(), pdr.Check.in_range(1949, 2100), nullable=nullable)


def _count(arrow_type: pa.DataType = pa.int32(), nullable: bool = False) -> pdr.Column:
    return _column(arrow_type, pdr.Check.ge(0), nullable=nullable)


def _body_columns() -> dict[str, pdr.Column]:
    return {
        "body_code": _text(pdr.Check.str_matches(r"^[1-9]\d{5}$"), nullable=True),
        "level": _text(_one_of(LEVELS), nullable=True),
        "province": _text(_one_of(province_of_code().values()), nullable=True),
    }


def _period_in_order(frame: pd.DataFrame) -> pd.Series:
    return frame.period_start.isna() | (frame.period_start <= frame.period_end)


def _periods_together(frame: pd.DataFrame) -> pd.Series:
    return frame.period_start.isna() == frame.period_end.isna()


def _schema(columns: dict[str, pdr.Column], checks: list[pdr.Check] = ()) -> pdr.DataFrameSchema:
    return pdr.DataFrameSchema(columns, checks=list(checks), strict=True, ordered=True)


METRICS_FRAME = _schema({
    "doc_id": _text(), "body": _text(nullable=True), "year": _year(),
    "period_start": _year(), "period_end": _year(), "metric": _text(_one_of(METRIC_IDS)),
    "value": _column(pa.float64()), "unit": _text(pdr.Check.str_length(min_value=1)),
    "qualifier": _text(_one_of(QUALIFIERS)), "scope": _text(nullable=True), "status": _text(_one_of(STATUSES)),
    "evidence": _text(pdr.Check.str_length(min_value=1)), "char_start": _count(),
    "char_end": _column(pa.int32(), pdr.Check.ge(1)), "extractor": _text(),
    "page": _column(pa.int32(), pdr.Check.ge(1), nullable=True),
    **_body_columns(), "body_note": _text(nullable=True),
}, [
    pdr.Check(lambda f: f.char_start < f.char_end, error="char_end must be after char_start"),
    pdr.Check(_periods_together, error="period_start and period_end are given together"),
    pdr.Check(_period_in_order, error="period_start must not be after period_end"),
    pdr.Check(lambda f: f.body_code.isna() | f.body.notna(), error="a body_code needs a body"),
])

DOCUMENTS_FRAME = _schema({
    "doc_id": _text(unique=True), "path": _text(), "sha256": _text(pdr.Check.str_matches(r"^[0-9a-f]{64}$"),
                                                                  nullable=True),
    "encoding": _text(nullable=True), "status": _text(_one_of(("ok", "failed"))), "error": _text(nullable=True),
    "chars_raw": _count(pa.int64()), "chars_clean": _count(pa.int64()),
    "paragraphs_duplicate": _count(), "joins_repaired": _count(), "doubled_chars_removed": _count(),
    "captions_removed": _count(), "page_markers_removed": _count(), "n_articles": _count(),
    "articles": _text(), "n_records": _count(), "notes": _text(nullable=True), "rules_version": _text(),
    "format": _text(pdr.Check.str_matches(r"^[a-z]+$")), "url": _text(nullable=True),
    "title": _text(nullable=True), "published": _text(pdr.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), nullable=True),
}, [
    pdr.Check(lambda f: (f.status == "failed") == f.error.notna(), error="a failed document, and only it, has an error"),
    pdr.Check(lambda f: (f.status == "ok") | (f.n_records == 0), error="a failed document has no records"),
])

CHECKS_FRAME = _schema({
    "doc_id": _text(), "check": _text(), "severity": _text(_one_of(SEVERITIES)), "message": _text(),
    "char_start": _count(nullable=True), "metric": _text(_one_of(METRIC_IDS), nullable=True),
})

_ROW_LIST = pa.list_(pa.int64())
FACTS_FRAME = _schema({
    "body": _text(), **_body_columns(), "body_note": _text(nullable=True), "year": _year(), "period_start": _year(), "period_end": _year(),
    "metric": _text(_one_of(METRIC_IDS)), "scope": _text(nullable=True), "status": _text(_one_of(STATUSES)),
    "unit": _text(), "value": _column(pa.float64(), nullable=True), "qualifier": _text(_one_of(QUALIFIERS)),
    "n_records": _column(pa.int32(), pdr.Check.ge(1)), "doc_ids": _column(pa.list_(pa.string())),
    "record_rows": _column(_ROW_LIST),
    "conflict": _column(pa.bool_()),
    "values": _column(pa.list_(pa.struct([("value", pa.float64()), ("doc_ids", pa.list_(pa.string())),
                                          ("record_rows", _ROW_LIST)])), nullable=True),
}, [
    pdr.Check(lambda f: f.year.notna() | f.period_start.notna(), error="a fact has a year or a period"),
    pdr.Check(_periods_together, error="period_start and period_end are given together"),
    pdr.Check(lambda f: f.value.isna() == f["values"].notna(), error="value, or the values that differ"),
    pdr.Check(lambda f: ~f.conflict | f["values"].notna(), error="a conflict lists its values"),
    pdr.Check(lambda f: f.record_rows.list.len() == f.n_records, error="n_records counts record_rows"),
    pdr.Check(lambda f: ~f.duplicated(list(FACT_KEY)), error="one row per fact"),
])

SCHEMAS: dict[str, pdr.DataFrameSchema] = {"metrics": METRICS_FRAME, "documents": DOCUMENTS_FRAME,
                                           "checks": CHECKS_FRAME, "facts": FACTS_FRAME}


def as_frame(table: pa.Table) -> pd.DataFrame:
    """The frame a schema is checked on: Arrow types kept as they are."""
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _findings(exc: SchemaErrors) -> str:
    """One line per broken check: its column (when it is a column's), how many
    rows break it, and the first of them."""
    lines = []
    for check, group in exc.failure_cases.groupby("check", sort=False):
        if (group.schema_context == "DataFrameSchema").all() and group["index"].notna().all():
            rows = sorted(set(group["index"]))
            lines.append(f"{check}: fails on {len(rows)} row(s) of the batch, e.g. row {rows[0]}")
        else:
            where = ", ".join(str(c) for c in dict.fromkeys(group.column.fillna(group.failure_case)))
            lines.append(f"column {where}: {check} fails on {len(group)} row(s), e.g. {group.failure_case.iloc[0]!r}")
    return "; ".join(lines)


def check_table(name: str, table: pa.Table) -> None:
    """Raise OutputError when `table`, a batch of `<name>.parquet`, breaks its schema."""
    try:
        SCHEMAS[name].validate(as_frame(table), lazy=True)
    except SchemaErrors as exc:
        raise OutputError(f"{name}.parquet: the rows break its schema (a bug in zxextract; please report it): "
                          f"{_findings(exc)}") from exc
