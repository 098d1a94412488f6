"""Build OUT_DIR/review/ from a published dataset: index.html, one page per
document under doc/, charts.html and the assets. Plain files that open from
disk: no server, no network, no script from elsewhere.

The site is built beside the old one and swapped in at the end, so a failed
build leaves the last site as it was.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict

from ..errors import OutputError
from ..models import CORE_METRICS
from .charts import body_colours, line_chart
from .marks import Mark, marked_html
from .pages import DocumentEntry, charts_page, document_page, index_page, metric_colours

REVIEW_DIR = "review"
FILES = ("metrics", "documents", "checks", "facts")


class ReviewSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Path  # the index page
    documents: int
    pages: int
    marks: int  # records marked in the texts


def _read(out_dir: Path, name: str) -> pd.DataFrame:
    path = out_dir / f"{name}.parquet"
    if not path.exists():
        raise OutputError(f"{path}: missing; run `zxextract extract IN_DIR -o {out_dir}` first")
    frame = pd.read_parquet(path)
    return frame.astype(object).where(frame.notna(), None)


def _bodies(articles_json: str | None) -> str:
    articles = json.loads(articles_json) if articles_json else []
    names = dict.fromkeys(f"{a['body'] or '?'} {a['year'] or ''}".strip() for a in articles)
    return "、".join(names)


def _number(value: float) -> str:
    return f"{value:g}"


def _shown(record: dict, text: str) -> dict:
    """The fields of one record a reader checks it by."""
    period = (f"{record['period_start']}–{record['period_end']}"
              if record["period_start"] is not None and record["period_start"] != record["period_end"] else None)
    return {
        "number": text[record["char_start"]:record["char_end"]], "metric": record["metric"],
        "value": f"{_number(record['value'])} {record['unit']} ({record['qualifier']})", "body": record["body"],
        "body_code": record["body_code"], "level": record["level"], "year": record["year"], "period": period,
        "scope": record["scope"], "status": record["status"], "rule": record["extractor"],
        "offsets": f"{record['char_start']}–{record['char_end']}", "evidence": record["evidence"],
    }


def _title(shown: dict) -> str:
    when = shown["year"] or shown["period"] or "year unknown"
    scope = f" [{shown['scope']}]" if shown["scope"] else ""
    return f"{shown['metric']} {shown['value']}{scope} · {shown['body'] or 'body unknown'} {when} · {shown['status']}"


def _charts(facts: pd.DataFrame) -> tuple[list[tuple[str, str]], list[str]]:
    usable = facts[(facts.status == "actual") & facts.scope.isna() & facts.year.notna()
                   & facts.metric.isin(CORE_METRICS)]
    charts, notes = [], []
    colours = body_colours(list(usable.body.value_counts().index))
    for metric in CORE_METRICS:
        of_metric = usable[usable.metric == metric]
        series: dict[str, dict[int, float]] = defaultdict(dict)
        units = of_metric.unit.value_counts()
        for fact in of_metric.itertuples():
            if fact.value is None:
                notes.append(f"{metric}: {fact.body} {fact.year}: documents give "
                             + ", ".join(f"{v['value']:g} ({'、'.join(v['doc_ids'])})" for v in fact.values))
            elif fact.unit == units.index[0]:
                series[fact.body][int(fact.year)] = float(fact.value)
        if series:
            charts.append((metric, line_chart(metric, dict(series), units.index[0], colours)))
    return charts, notes


def build_review(out_dir: Path) -> ReviewSummary:
    """Write OUT_DIR/review/ from the dataset in OUT_DIR."""
    frames = {name: _read(out_dir, name) for name in FILES}
    metrics, documents, checks = frames["metrics"], frames["documents"], frames["checks"]
    target = out_dir / REVIEW_DIR
    building = out_dir / f".{REVIEW_DIR}-new"
    shutil.rmtree(building, ignore_errors=True)
    (building / "doc").mkdir(parents=True)
    assets = building / "assets"
    assets.mkdir()
    for name in ("review.css", "review.js"):
        (assets / name).write_bytes(resources.files(__package__).joinpath("assets", name).read_bytes())
    (assets / "metrics.css").write_text(metric_colours(), encoding="utf-8")

    records_of = {doc_id: group for doc_id, group in metrics.groupby("doc_id", sort=False)}
    checks_of = {doc_id: group for doc_id, group in checks.groupby("doc_id", sort=False)}
    entries, pages, marks = [], 0, 0
    for number, doc in enumerate(documents.to_dict("records")):
        doc_id = doc["doc_id"]
        clean = out_dir / "clean" / f"{doc_id}.txt"
        page = f"doc/{number:05d}.html" if doc["status"] == "ok" and clean.exists() else None
        doc_checks = checks_of.get(doc_id, checks.iloc[:0]).to_dict("records")
        entry = DocumentEntry(doc_id=doc_id, page=page, path=doc["path"], status=doc["status"],
                              encoding=doc["encoding"], error=doc["error"], bodies=_bodies(doc["articles"]),
                              n_records=doc["n_records"], n_checks=len(doc_checks), notes=doc["notes"])
        entries.append(entry)
        if page is None:
            continue
        # Bytes decoded as they are: a newline translation would move every offset.
        text = clean.read_bytes().decode("utf-8")
        rows = records_of.get(doc_id, metrics.iloc[:0])
        shown = {int(row): _shown(record, text) for row, record in zip(rows.index, rows.to_dict("records"))}
        row_at = {(r["char_start"], r["metric"]): row for row, r in zip(rows.index, rows.to_dict("records"))}
        flagged: dict[int, list[str]] = defaultdict(list)
        loose = []
        for finding in doc_checks:
            message = f"{finding['severity']}: {finding['message']}"
            row = row_at.get((finding["char_start"], finding["metric"]))
            if row is None:
                loose.append(message)
            else:
                flagged[int(row)].append(message)
        doc_marks = [Mark(row=row, start=int(r["char_start"]), end=int(r["char_end"]), metric=r["metric"],
                          title=_title(shown[row]), flagged=row in flagged)
                     for row, r in zip(shown, rows.to_dict("records"))]
        html = document_page(entry, marked_html(text, doc_marks), shown, dict(flagged), loose)
        (building / page).write_text(html, encoding="utf-8")
        pages += 1
        marks += len(doc_marks)
    (building / "index.html").write_text(index_page(entries, len(metrics), len(checks)), encoding="utf-8")
    (building / "charts.html").write_text(charts_page(*_charts(frames["facts"])), encoding="utf-8")

    old = out_dir / f".{REVIEW_DIR}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.replace(old)
    building.replace(target)
    shutil.rmtree(old, ignore_errors=True)
    return ReviewSummary(path=target / "index.html", documents=len(entries), pages=pages, marks=marks)
