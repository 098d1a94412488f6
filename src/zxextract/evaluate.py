"""Scoring against hand-labelled gold records (spec §5).

A prediction matches a gold record when doc_id, body, year, metric, value and
status are equal; matching is one-to-one. Unit, qualifier and scope are scored
as attribute accuracy over the matched pairs, and so are period_start and
period_end over the pairs whose gold gives them. With body and year set aside
(`attribution=False`) the same table tells reading a figure from attributing it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import GoldError
from .models import CORE_METRICS, METRICS

GOLD_KEYS = ("doc_id", "body", "year", "metric", "value", "unit", "qualifier", "scope",
             "status", "evidence")
ATTRIBUTES = ("unit", "qualifier", "scope")
PERIOD = ("period_start", "period_end")


def load_gold(gold_dir: Path) -> list[dict]:
    files = sorted(Path(gold_dir).glob("*.jsonl"))
    if not files:
        raise GoldError(f"{gold_dir}: no *.jsonl gold files")
    records = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{n}: not JSON: {exc}") from exc
            missing = [k for k in GOLD_KEYS if k not in rec]
            if missing:
                raise GoldError(f"{path}:{n}: missing {', '.join(missing)}")
            if rec["metric"] not in METRICS:
                raise GoldError(f"{path}:{n}: unknown metric {rec['metric']!r}")
            records.append(rec)
    return records


def load_predictions(pred: Path) -> list[dict]:
    """metrics.parquet, or a directory holding it."""
    path = pred / "metrics.parquet" if pred.is_dir() else pred
    if not path.exists():
        raise GoldError(f"{path}: no predictions (run `zxextract extract` first)")
    frame = pd.read_parquet(path)
    return [
        {k: (None if pd.isna(v) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _year(value) -> int | None:
    return None if value is None else int(value)


def _key(rec: dict, attribution: bool = True) -> tuple:
    attributed = (rec.get("body"), _year(rec.get("year"))) if attribution else ()
    return (rec["doc_id"], *attributed, rec["metric"], round(float(rec["value"]), 4),
            rec.get("status", "actual"))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    per_metric: dict[str, Counts] = field(default_factory=dict)
    attribute_hits: dict[str, int] = field(default_factory=dict)
    period_pairs: int = 0  # matched pairs whose gold states period_start/period_end
    matched: list[tuple[dict, dict]] = field(default_factory=list)
    unmatched_pred: list[dict] = field(default_factory=list)
    unmatched_gold: list[dict] = field(default_factory=list)

    def total(self, metrics) -> Counts:
        c = Counts()
        for m in metrics:
            got = self.per_metric.get(m, Counts())
            c.tp, c.fp, c.fn = c.tp + got.tp, c.fp + got.fp, c.fn + got.fn
        return c

    def attribute_accuracy(self, name: str) -> float:
        pairs = self.period_pairs if name in PERIOD else len(self.matched)
        return self.attribute_hits.get(name, 0) / pairs if pairs else 0.0


def score(predictions: list[dict], gold: list[dict], attribution: bool = True) -> Score:
    """Score predictions of the documents that have gold; others are ignored.
    Without `attribution`, body and year are not part of a match."""
    gold_docs = {g["doc_id"] for g in gold}
    predictions = [p for p in predictions if p["doc_id"] in gold_docs]
    pool: dict[tuple, list[dict]] = defaultdict(list)
    for p in predictions:
        pool[_key(p, attribution)].append(p)
    result = Score()
    for g in gold:
        candidates = pool.get(_key(g, attribution), [])
        counts = result.per_metric.setdefault(g["metric"], Counts())
        if not candidates:
            counts.fn += 1
            result.unmatched_gold.append(g)
            continue
        # Prefer the candidate that agrees on scope, so attributes are scored fairly.
        best = next((c for c in candidates if c.get("scope") == g.get("scope")), candidates[0])
        candidates.remove(best)
        counts.tp += 1
        result.matched.append((best, g))
        for name in ATTRIBUTES:
            result.attribute_hits[name] = result.attribute_hits.get(name, 0) + (best.get(name) == g.get(name))
        if "period_start" in g:
            result.period_pairs += 1
            for name in PERIOD:
                hit = _year(best.get(name)) == _year(g.get(name))
                result.attribute_hits[name] = result.attribute_hits.get(name, 0) + hit
    for leftovers in pool.values():
        for p in leftovers:
            result.per_metric.setdefault(p["metric"], Counts()).fp += 1
            result.unmatched_pred.append(p)
    return result


def format_report(result: Score) -> str:
    lines = [f"{'':34}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]

    def row(name: str, c: Counts) -> str:
        return f"{name:34}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:5d}{c.fp:5d}{c.fn:5d}"

    lines.append(row("ALL", result.total(METRICS)))
    lines.append(row("ALL except other", result.total([m for m in METRICS if m != "other"])))
    lines.append(row("CORE", result.total(CORE_METRICS)))
    lines.append("")
    for m in METRICS:
        if m in result.per_metric:
            lines.append(row(("* " if m in CORE_METRICS else "  ") + m, result.per_metric[m]))
    lines.append("")
    lines.append("attribute accuracy over %d matched: " % len(result.matched) + ", ".join(
        f"{name} {result.attribute_accuracy(name):.3f}" for name in ATTRIBUTES))
    if result.period_pairs:
        lines.append(f"period over {result.period_pairs} matched with a gold period: " + ", ".join(
            f"{name} {result.attribute_accuracy(name):.3f}" for name in PERIOD))
    return "\n".join(lines)
