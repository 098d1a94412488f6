"""The review site in a real browser: a click on a record shows that record,
and its highlighted text is that record's number. Opened from disk; any request
that is not a file of the site fails the test."""

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from zxextract.pipeline import Settings, run
from zxextract.review import build_review

from browser import chromium_page, in_ci, missing_reason
from test_pipeline import RAW_FILES

if missing_reason() and not in_ci():  # in CI a missing browser is a failure, not a skip
    pytest.skip(missing_reason(), allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    in_dir = tmp_path_factory.mktemp("in")
    for path in RAW_FILES:
        shutil.copy(path, in_dir / path.name)
    out = tmp_path_factory.mktemp("out")
    run(in_dir, out, Settings(jobs=1))
    build_review(out)
    return out


@pytest.fixture(scope="module")
def page(site):
    with chromium_page() as page:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        yield page
        review = (site / "review").as_uri()
        assert requests and all(url.startswith(review) for url in requests), requests


def records_of(site, doc_id):
    return [(row, r) for row, r in enumerate(pq.read_table(site / "metrics.parquet").to_pylist())
            if r["doc_id"] == doc_id]


def document_page(site, page, doc_id):
    documents = pq.read_table(site / "documents.parquet").column("doc_id").to_pylist()
    page.goto((site / "review" / "doc" / f"{documents.index(doc_id):05d}.html").as_uri())


def highlighted(page) -> tuple[str, set[str]]:
    """The text of the active marks, and the records they belong to."""
    marks = page.locator("mark.active")
    return "".join(marks.all_inner_texts()), {m.get_attribute("data-record") for m in marks.all()}


@pytest.mark.parametrize("doc", range(len(RAW_FILES)))
def test_a_click_on_a_record_highlights_its_number_and_shows_it(site, page, doc):
    doc_id = RAW_FILES[doc].stem
    text = (site / "clean" / f"{doc_id}.txt").read_text(encoding="utf-8")
    document_page(site, page, doc_id)
    records = records_of(site, doc_id)
    row, record = records[len(records) // 2]
    page.locator(f'mark[data-record="{row}"]').first.click()
    number = text[record["char_start"]:record["char_end"]]
    assert highlighted(page) == (number, {str(row)})
    details = page.locator("#details")
    assert details.is_visible() and details.get_attribute("data-record") == str(row)
    shown = details.inner_text()
    assert record["metric"] in shown and record["extractor"] in shown and f"{record['value']:g}" in shown


def test_the_side_list_jumps_to_each_record(site, page):
    doc_id = RAW_FILES[0].stem
    text = (site / "clean" / f"{doc_id}.txt").read_text(encoding="utf-8")
    document_page(site, page, doc_id)
    row, record = records_of(site, doc_id)[-1]
    page.locator(f'[data-record-link="{row}"]').click()
    assert highlighted(page) == (text[record["char_start"]:record["char_end"]], {str(row)})
    assert page.locator(f'mark[data-record="{row}"]').first.is_visible()
    assert page.url.endswith(f"#r{row}")


def test_two_records_of_one_number_are_reached_by_clicking_twice(site, page):
    """委员满意率和本级满意率均达100%: two records share the number."""
    doc_id = RAW_FILES[2].stem
    document_page(site, page, doc_id)
    by_offsets = {}
    for row, record in records_of(site, doc_id):
        by_offsets.setdefault((record["char_start"], record["char_end"]), []).append(row)
    rows = next(rows for rows in by_offsets.values() if len(rows) == 2)
    inner = page.locator(f'mark[data-record="{rows[1]}"]').first
    inner.click()
    first = page.locator("#details").get_attribute("data-record")
    inner.click()
    second = page.locator("#details").get_attribute("data-record")
    assert {first, second} == {str(r) for r in rows}


def test_the_charts_page_draws_the_facts(site, page):
    page.goto((site / "review" / "charts.html").as_uri())
    assert page.locator("svg.chart").count() >= 1
    assert page.locator("svg.chart circle").count() >= 5
