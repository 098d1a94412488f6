"""The HTML of the review site's pages. Every string from the data (texts,
names, messages, paths) goes through `escape`; records reach the page's script
as JSON that the script only ever puts in as text."""

from __future__ import annotations

import json
from html import escape

from pydantic import BaseModel, ConfigDict

from ..models import CORE_METRICS, METRICS


class DocumentEntry(BaseModel):
    """One row of the index."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    page: str | None  # its page under review/, None for a document without a clean text
    path: str
    status: str
    encoding: str | None
    error: str | None
    bodies: str
    n_records: int
    n_checks: int
    notes: str | None


def _page(title: str, body: str, root: str = "", script: bool = False) -> str:
    scripts = f'<script src="{root}assets/review.js"></script>' if script else ""
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{root}assets/review.css">'
            f'<link rel="stylesheet" href="{root}assets/metrics.css"></head>'
            f'<body><nav><a href="{root}index.html">Documents</a> <a href="{root}charts.html">Charts</a></nav>'
            f"{body}{scripts}</body></html>\n")


def _text(value) -> str:
    return "" if value is None else escape(str(value))


def index_page(entries: list[DocumentEntry], n_records: int, n_checks: int) -> str:
    rows = []
    for e in entries:
        name = (f'<a href="{escape(e.page, quote=True)}">{escape(e.doc_id)}</a>' if e.page
                else escape(e.doc_id))
        reason = f'<span class="error">{_text(e.error)}</span>' if e.error else ""
        rows.append(f'<tr class="{escape(e.status)}"><td>{name}</td><td>{escape(e.status)}</td>'
                    f"<td>{_text(e.encoding)}</td><td>{escape(e.bodies)}</td><td class=num>{e.n_records}</td>"
                    f"<td class=num>{e.n_checks}</td><td>{reason}{_text(e.notes)}</td>"
                    f'<td class="path">{escape(e.path)}</td></tr>')
    failed = sum(e.status == "failed" for e in entries)
    body = (f"<h1>Documents</h1><p>{len(entries)} documents ({failed} failed), {n_records} records, "
            f"{n_checks} check findings.</p>"
            "<table class=index><thead><tr><th>document</th><th>status</th><th>encoding</th><th>bodies</th>"
            "<th>records</th><th>checks</th><th>failure or notes</th><th>path</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
    return _page("zxextract review: documents", body)


def _record_item(row: int, record: dict, checks: list[str]) -> str:
    scope = f" · {escape(record['scope'])}" if record["scope"] else ""
    when = record["year"] if record["year"] is not None else record["period"] or "year unknown"
    flags = "".join(f'<div class="check">⚠ {escape(message)}</div>' for message in checks)
    return (f'<li data-record-item="{row}"><a href="#r{row}" data-record-link="{row}">'
            f'<span class="row">#{row}</span><span class="swatch m-{record["metric"]}"></span>{escape(record["metric"])} '
            f'<b>{escape(record["number"])}</b></a>'
            f'<small>{_text(record["body"])} {escape(str(when))}{scope} · {escape(record["status"])}</small>'
            f"{flags}</li>")


def document_page(entry: DocumentEntry, text_html: str, records: dict[int, dict],
                  checks_of: dict[int, list[str]], loose_checks: list[str]) -> str:
    """`records`: row -> the fields shown; `checks_of`: row -> messages of the
    checks about it; `loose_checks`: findings that name no record."""
    items = "".join(_record_item(row, record, checks_of.get(row, [])) for row, record in records.items())
    loose = "".join(f"<li>{escape(message)}</li>" for message in loose_checks)
    data = json.dumps({str(row): record | {"checks": checks_of.get(row, [])} for row, record in records.items()},
                      ensure_ascii=False).replace("<", "\\u003c")
    body = (f"<header><h1>{escape(entry.doc_id)}</h1><p>{escape(entry.path)} · {escape(entry.status)} · "
            f"{_text(entry.encoding)} · {escape(entry.bodies)} · {entry.n_records} records · "
            f"{entry.n_checks} checks</p>{f'<p>{_text(entry.notes)}</p>' if entry.notes else ''}</header>"
            f'<div class="layout"><main class="text" id="text">{text_html}</main>'
            f'<aside class="side"><section id="details" class="details" hidden aria-live="polite">'
            f'<h2>Record <span id="details-row"></span></h2><dl id="details-fields"></dl></section>'
            + (f'<h2>Checks</h2><ul class="loose">{loose}</ul>' if loose else "")
            + f'<h2>Records ({len(records)})</h2><ul class="records">{items}</ul></aside></div>'
            f'<script type="application/json" id="records">{data}</script>')
    return _page(f"zxextract review: {entry.doc_id}", body, root="../", script=True)


def charts_page(charts: list[tuple[str, str]], notes: list[str]) -> str:
    """`charts`: (heading, SVG) pairs."""
    sections = "".join(f"<section><h2>{escape(heading)}</h2>{svg}</section>" for heading, svg in charts)
    listed = "".join(f"<li>{escape(note)}</li>" for note in notes)
    body = (f"<h1>Core metrics by body over the years</h1>"
            "<p>From facts.parquet: actual figures with no scope, one point per body and year. A fact "
            "whose documents disagree has no single value and is listed below instead.</p>"
            f"{sections or '<p>No core metric has a fact with a body and a year.</p>'}"
            + (f"<h2>Not drawn</h2><ul>{listed}</ul>" if listed else ""))
    return _page("zxextract review: charts", body)


def metric_colours() -> str:
    """One background per metric, hues spread by the golden angle; core metrics stronger."""
    rules = []
    for index, metric in enumerate(METRICS):
        hue = (index * 137.508) % 360
        light = 78 if metric in CORE_METRICS else 88
        rules.append(f".m-{metric}{{background:hsl({hue:.0f},85%,{light}%)}}")
    return "\n".join(rules) + "\n"
