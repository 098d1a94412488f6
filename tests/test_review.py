"""The review site, read as files: marks, escaping, links, charts (the browser
test is test_review_browser.py)."""

import re
import shutil
from html import unescape
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from zxextract.cli import main
from zxextract.errors import OutputError
from zxextract.pipeline import Settings, run
from zxextract.review import build_review
from zxextract.review.marks import Mark, marked_html

from test_pipeline import RAW_FILES

TAG = re.compile(r"</?mark[^>]*>")


def mark(row, start, end):
    return Mark(row=row, start=start, end=end, metric="proposals_received", title=f"t{row}")


def marked_text(html: str, row: int) -> str:
    """The text inside every mark of `row`, in order (marks of a row never nest)."""
    pieces = re.findall(rf'<mark [^>]*data-record="{row}"[^>]*>((?:(?!</mark>).)*)', html)
    return "".join(unescape(TAG.sub("", piece)) for piece in pieces)


@pytest.mark.parametrize("text, marks", [
    pytest.param("收到提案536件，立案284件", [mark(0, 4, 8), mark(1, 11, 15)], id="两个"),
    pytest.param("委员满意率和本级满意率均达100%。", [mark(0, 13, 17), mark(1, 13, 17)], id="共用一个数"),
    pytest.param("甲乙丙丁戊己", [mark(0, 1, 4), mark(1, 2, 5)], id="交叉"),
    pytest.param("甲乙丙丁戊己", [mark(0, 1, 5), mark(1, 2, 3)], id="嵌套"),
    pytest.param("<script>alert(1)</script>共12件 & “A<B”", [mark(0, 26, 29)], id="标记与实体"),
])
def test_marks_hold_each_records_number_and_the_text_is_unchanged(text, marks):
    html = marked_html(text, marks)
    assert unescape(TAG.sub("", html)) == text
    assert "<script" not in html
    for m in marks:
        assert marked_text(html, m.row) == text[m.start:m.end]
        assert html.count(f'id="r{m.row}"') == 1


HOSTILE_NAME = "a<b>&c"  # a file name is input too
HOSTILE = "沙坪坝区政协2024年共收到提案536件，“A<B & C>D”，审查立案290件。\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    in_dir = tmp_path_factory.mktemp("in")
    for path in RAW_FILES:
        shutil.copy(path, in_dir / path.name)
    (in_dir / f"{HOSTILE_NAME}.txt").write_text(HOSTILE, encoding="utf-8")
    (in_dir / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("out")
    run(in_dir, out, Settings(jobs=1))
    assert main(["review", str(out)]) == 0
    return out


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site / "review").as_posix(): p.read_text(encoding="utf-8")
            for p in (site / "review").rglob("*.html")}


def test_every_record_is_marked_with_its_number(site):
    metrics = pq.read_table(site / "metrics.parquet").to_pylist()
    html = "".join(text for name, text in pages(site).items() if name.startswith("doc/"))
    for row, record in enumerate(metrics):
        clean = (site / "clean" / f"{record['doc_id']}.txt").read_text(encoding="utf-8")
        assert marked_text(html, row) == clean[record["char_start"]:record["char_end"]], row


def test_scraped_text_and_names_are_escaped(site):
    html = "".join(pages(site).values())
    assert "A&lt;B &amp; C&gt;D" in html and "A<B" not in html
    assert "a&lt;b&gt;&amp;c" in html and "a<b>" not in html


def test_the_site_refers_to_nothing_outside_itself(site):
    review = site / "review"
    for name, html in pages(site).items():
        for link in re.findall(r'(?:href|src)="([^"#]+)', html):
            assert "//" not in link, (name, link)
            assert (review / name).parent.joinpath(link).resolve().exists(), (name, link)


def test_the_index_lists_every_document_with_failures_and_their_reason(site):
    index = pages(site)["index.html"]
    documents = pq.read_table(site / "documents.parquet").to_pylist()
    assert index.count("<tr class=") == len(documents)
    failed = next(d for d in documents if d["status"] == "failed")
    assert f'<span class="error">{failed["error"]}</span>' in index


def test_a_check_is_shown_beside_its_figure(site):
    (finding,) = pq.read_table(site / "checks.parquet").to_pylist()
    page = next(text for text in pages(site).values() if finding["message"] in text and "data-record-item" in text)
    item = re.search(r'<li data-record-item="(\d+)">((?:(?!</li>).)*⚠(?:(?!</li>).)*)</li>', page)
    row = int(item.group(1))
    metrics = pq.read_table(site / "metrics.parquet").to_pylist()
    assert (metrics[row]["char_start"], metrics[row]["metric"]) == (finding["char_start"], finding["metric"])
    assert re.search(rf'<mark class="[^"]*flagged[^"]*" data-record="{row}"', page)


def test_the_charts_come_from_the_facts(site):
    charts = pages(site)["charts.html"]
    facts = pq.read_table(site / "facts.parquet").to_pylist()
    drawn = [f for f in facts if f["metric"] == "proposals_received" and f["scope"] is None
             and f["status"] == "actual" and f["value"] is not None]
    assert drawn and charts.count("<svg") >= 1
    for fact in drawn:
        assert f"<title>{fact['body']} {fact['year']}: {fact['value']:g} {fact['unit']}</title>" in charts
    conflict = next(f for f in facts if f["conflict"] and f["metric"] == "proposals_accepted")
    assert f"{conflict['body']} {conflict['year']}: documents give" in charts


def test_review_of_a_folder_without_a_dataset_says_what_to_do(tmp_path):
    with pytest.raises(OutputError, match="metrics.parquet: missing; run `zxextract extract"):
        build_review(tmp_path)
