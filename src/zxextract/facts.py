"""Facts: one row per (body, year, period, metric, scope, status, unit) over
the whole output, however many documents state it. The unit is part of the key
because it says what was counted (培训3期 and 培训350人次 are two facts).

metrics.parquet has one row per mention: the same figure again from the work
report, the proposal report and a news item. A fact gathers those mentions,
counts them (`n_records`), names their documents (`doc_ids`) and their rows in
metrics.parquet (`record_rows`). When the records give more than one value,
`value` is null (no document is taken over another) and `values` lists each
value with the documents that give it. That is a `conflict` when documents
disagree: two of them have no value in common. One document giving several
values (建议71条 from one inquiry, 12条 from another) is not a conflict.

Only a record that says whose figure it is and when (a body, and a year or a
period) is a fact: two documents' unattributed figures are not the same one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

import pyarrow as pa

from .bodies import BODY_FIELDS

FACT_KEY = ("body", "year", "period_start", "period_end", "metric", "scope", "status", "unit")
PLACE_FIELDS = tuple(name for name, _ in BODY_FIELDS)  # body_code, level, province, body_note

VALUE_SOURCES = pa.struct([("value", pa.float64()), ("doc_ids", pa.list_(pa.string())),
                           ("record_rows", pa.list_(pa.int64()))])
FACTS_SCHEMA = pa.schema([
    ("body", pa.string()), *BODY_FIELDS, ("year", pa.int16()),
    ("period_start", pa.int16()), ("period_end", pa.int16()), ("metric", pa.string()),
    ("scope", pa.string()), ("status", pa.string()), ("unit", pa.string()), ("value", pa.float64()),
    ("qualifier", pa.string()), ("n_records", pa.int32()), ("doc_ids", pa.list_(pa.string())),
    ("record_rows", pa.list_(pa.int64())), ("conflict", pa.bool_()), ("values", pa.list_(VALUE_SOURCES)),
])


def is_fact(row: dict) -> bool:
    return row["body"] is not None and (row["year"] is not None or row["period_start"] is not None)


class Mention(NamedTuple):
    """What a fact keeps of one record: the row in metrics.parquet and the few
    fields that can differ between its mentions (not the evidence), so memory
    stays small per record."""

    row: int
    doc_id: str
    value: float
    qualifier: str


class FactsBuilder:
    """Gathers metrics rows as they are published, in order."""

    def __init__(self) -> None:
        # fact key -> (the first record's body columns, its mentions)
        self._groups: dict[tuple, tuple[dict, list[Mention]]] = {}

    def add(self, rows: Iterable[dict], first_row: int) -> None:
        """`rows` are consecutive metrics.parquet rows, the first of them at `first_row`."""
        for number, row in enumerate(rows, start=first_row):
            if is_fact(row):
                key = tuple(row[k] for k in FACT_KEY)
                if key not in self._groups:
                    self._groups[key] = ({k: row[k] for k in PLACE_FIELDS}, [])
                self._groups[key][1].append(Mention(number, row["doc_id"], row["value"], row["qualifier"]))

    def table(self) -> pa.Table:
        return pa.Table.from_pylist([_fact(key, place, mentions) for key, (place, mentions) in self._groups.items()],
                                    schema=FACTS_SCHEMA)


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))


def _most_common(items: Iterable[str]) -> str:
    """The most frequent, the earliest of those tied."""
    return Counter(items).most_common(1)[0][0]


def documents_disagree(mentions: list[Mention]) -> bool:
    """Two documents of which neither gives a value the other gives. A document
    disagrees with another exactly when fewer than all documents share one of
    its values; that is counted per distinct set of values, never per pair."""
    values_of: dict[str, set[float]] = {}
    documents_with: dict[float, set[str]] = {}
    for mention in mentions:
        values_of.setdefault(mention.doc_id, set()).add(mention.value)
        documents_with.setdefault(mention.value, set()).add(mention.doc_id)
    everyone = len(values_of)
    for values in {frozenset(v) for v in values_of.values()}:
        if any(len(documents_with[v]) == everyone for v in values):
            continue
        if len(set().union(*(documents_with[v] for v in values))) < everyone:
            return True
    return False


def _fact(key: tuple, place: dict, mentions: list[Mention]) -> dict:
    by_value: dict[float, list[Mention]] = {}
    for mention in mentions:
        by_value.setdefault(mention.value, []).append(mention)
    several = len(by_value) > 1
    return dict(zip(FACT_KEY, key)) | place | {
        "value": None if several else mentions[0].value,
        "qualifier": _most_common(m.qualifier for m in mentions),
        "n_records": len(mentions),
        "doc_ids": _unique(m.doc_id for m in mentions),
        "record_rows": [m.row for m in mentions],
        "conflict": several and documents_disagree(mentions),
        "values": [{"value": value, "doc_ids": _unique(m.doc_id for m in group), "record_rows": [m.row for m in group]}
                   for value, group in by_value.items()] if several else None,
    }
