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

import pyarrow as pa

from .bodies import BODY_FIELDS

FACT_KEY = ("body", "year", "period_start", "period_end", "metric", "scope", "status", "unit")

VALUE_SOURCES = pa.struct([("value", pa.float64()), ("doc_ids", pa.list_(pa.string())),
                           ("record_rows", pa.list_(pa.int64()))])
FACTS_SCHEMA = pa.schema([
    ("body", pa.string()), *BODY_FIELDS[:3], ("year", pa.int16()),
    ("period_start", pa.int16()), ("period_end", pa.int16()), ("metric", pa.string()),
    ("scope", pa.string()), ("status", pa.string()), ("unit", pa.string()), ("value", pa.float64()),
    ("qualifier", pa.string()), ("n_records", pa.int32()), ("doc_ids", pa.list_(pa.string())),
    ("record_rows", pa.list_(pa.int64())), ("conflict", pa.bool_()), ("values", pa.list_(VALUE_SOURCES)),
])


def is_fact(row: dict) -> bool:
    return row["body"] is not None and (row["year"] is not None or row["period_start"] is not None)


class FactsBuilder:
    """Gathers metrics rows as they are published, in order; memory grows with
    the number of facts, not of documents."""

    def __init__(self) -> None:
        self._groups: dict[tuple, list[tuple[int, dict]]] = {}

    def add(self, rows: Iterable[dict], first_row: int) -> None:
        """`rows` are consecutive metrics.parquet rows, the first of them at `first_row`."""
        for number, row in enumerate(rows, start=first_row):
            if is_fact(row):
                self._groups.setdefault(tuple(row[k] for k in FACT_KEY), []).append((number, row))

    def table(self) -> pa.Table:
        return pa.Table.from_pylist([_fact(rows) for rows in self._groups.values()], schema=FACTS_SCHEMA)


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))


def _most_common(items: Iterable[str]) -> str:
    """The most frequent, the earliest of those tied."""
    return Counter(items).most_common(1)[0][0]


def documents_disagree(rows: list[dict]) -> bool:
    """Two documents of which neither gives a value the other gives."""
    values_of: dict[str, set[float]] = {}
    for row in rows:
        values_of.setdefault(row["doc_id"], set()).add(row["value"])
    sets = list(values_of.values())
    return any(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1:])


def _fact(rows: list[tuple[int, dict]]) -> dict:
    first = rows[0][1]
    by_value: dict[float, list[tuple[int, dict]]] = {}
    for number, row in rows:
        by_value.setdefault(row["value"], []).append((number, row))
    several = len(by_value) > 1
    fact = {k: first[k] for k in FACT_KEY} | {k: first[k] for k, _ in BODY_FIELDS[:3]}
    return fact | {
        "value": None if several else first["value"],
        "qualifier": _most_common(row["qualifier"] for _, row in rows),
        "n_records": len(rows),
        "doc_ids": _unique(row["doc_id"] for _, row in rows),
        "record_rows": [number for number, _ in rows],
        "conflict": several and documents_disagree([row for _, row in rows]),
        "values": [{"value": value, "doc_ids": _unique(row["doc_id"] for _, row in group),
                    "record_rows": [number for number, _ in group]}
                   for value, group in by_value.items()] if several else None,
    }
