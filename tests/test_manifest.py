"""Source metadata (spec §6): IN_DIR/manifest.csv or .jsonl round-trips into
documents.parquet; its title is read for attribution, its published date dates
今年 and 去年, its body and year fill what the text leaves open (the text wins,
with a note); a page's own metadata fills what no manifest row gives; a bad row
stops the run with an error naming its line."""

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import format_samples as make
from zxextract.errors import ManifestError
from zxextract.formats import read_raw
from zxextract.manifest import load_manifest
from zxextract.models import Source
from zxextract.pipeline import DEFAULT_RULES_DIR, Extractors, Settings, input_files, process_document, run
from zxextract.rules import load_rules

EXTRACTORS = Extractors(load_rules(DEFAULT_RULES_DIR))
# Written for these tests: a text that names neither its body nor its year.
OPEN_TEXT = "区政协全年共收到提案300件，经审查立案280件。\n"
RELATIVE_TEXT = "今年，区政协共收到提案300件。\n\n去年，区政协共收到提案280件。\n"
STATED_TEXT = "北碚区政协2024年工作回顾\n\n一年来，北碚区政协共收到提案300件，经审查立案280件。\n"


def records(text: str, source: Source | None):
    processed = process_document(Path("doc.txt"), text.encode(), EXTRACTORS, source=source)
    assert processed.result.report.status == "ok"
    return processed.result.records, processed.notes


def test_without_a_source_the_open_text_has_no_body_or_year():
    recs, _ = records(OPEN_TEXT, None)
    assert recs and {(r.body, r.year) for r in recs} == {(None, None)}


def test_the_title_is_read_for_attribution():
    recs, _ = records(OPEN_TEXT, Source(title="沙坪坝区政协2024年提案工作综述"))
    assert {(r.body, r.year) for r in recs} == {("沙坪坝区政协", 2024)}


@pytest.mark.parametrize("published, years", [
    pytest.param(date(2024, 6, 1), {300: 2024, 280: 2023}, id="年中发布"),
    pytest.param(None, {300: None, 280: None}, id="无日期"),
])
def test_the_published_date_dates_this_year_and_last(published, years):
    recs, _ = records(RELATIVE_TEXT, Source(published=published))
    assert {r.value: r.year for r in recs} == years


def test_a_given_body_and_year_fill_what_the_text_leaves_open():
    recs, notes = records(OPEN_TEXT, Source(body="沙坪坝区政协", year=2023))
    assert {(r.body, r.year) for r in recs} == {("沙坪坝区政协", 2023)}
    assert not any("manifest gives" in note for note in notes)


def test_the_body_and_year_the_text_states_win_with_a_note():
    recs, notes = records(STATED_TEXT, Source(body="沙坪坝区政协", year=2020))
    assert {(r.body, r.year) for r in recs} == {("北碚区政协", 2024)}
    assert any("manifest gives body 沙坪坝区政协, the text states 北碚区政协" in note for note in notes)
    assert any("manifest gives year 2020, the text states 2024" in note for note in notes)


def test_a_pages_metadata_fills_what_the_manifest_row_leaves_empty():
    page = make.web_page("区政协2024年工作综述\n" + OPEN_TEXT, published="2025-03-04")
    raw, _ = read_raw(Path("a.html"), page, source=Source(title="沙坪坝区政协2024年工作综述"))
    assert raw.source.title == "沙坪坝区政协2024年工作综述"  # the manifest's, not the page's
    assert raw.source.published == date(2025, 3, 4)  # the page's, where the manifest gives none
    assert raw.source.url == "https://example.org/news/1.html"


def write_folder(in_dir: Path, manifest_name: str, manifest: str) -> None:
    (in_dir / "2024").mkdir(parents=True)
    (in_dir / "a.txt").write_text(OPEN_TEXT, encoding="utf-8")
    (in_dir / "2024" / "b.txt").write_text(STATED_TEXT, encoding="utf-8")
    (in_dir / manifest_name).write_text(manifest, encoding="utf-8")


ROWS = [{"path": "a.txt", "url": "https://example.org/a.html", "title": "沙坪坝区政协2024年工作综述",
         "published": "2025-01-20", "body": "", "year": ""},
        {"path": "2024/b.txt", "url": "https://example.org/b.html", "title": "北碚区政协工作回顾",
         "published": "2025-02-03", "body": "北碚区政协", "year": "2024"}]


@pytest.mark.parametrize("manifest_name, manifest", [
    pytest.param("manifest.csv", "path,url,title,published,body,year\n" + "".join(
        ",".join(row.values()) + "\n" for row in ROWS), id="csv"),
    pytest.param("manifest.jsonl", "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in ROWS), id="jsonl"),
])
def test_the_manifest_round_trips_into_documents_parquet(tmp_path, manifest_name, manifest):
    write_folder(tmp_path / "in", manifest_name, manifest)
    run(tmp_path / "in", tmp_path / "out", Settings(jobs=1))
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert sorted(documents.index) == ["2024/b", "a"]  # the manifest is no document
    for row, doc_id in zip(ROWS, ("a", "2024/b")):
        assert documents.loc[doc_id, ["url", "title", "published"]].tolist() == [
            row["url"], row["title"], row["published"]]
    metrics = pd.read_parquet(tmp_path / "out" / "metrics.parquet")
    assert set(metrics[metrics.doc_id == "a"].body) == {"沙坪坝区政协"}  # read from the manifest's title


BAD_MANIFESTS = [
    pytest.param("path,url,title,published\nmissing.txt,,,\n", "line 2 (path 'missing.txt'): no such file",
                 id="文件不存在"),
    pytest.param("path,url,title,published\na.txt,,,2025-13-01\n", "line 2 (path 'a.txt'): published '2025-13-01'",
                 id="日期不存在"),
    pytest.param("path,url,title,published\na.txt,,,去年\n", "line 2 (path 'a.txt'): published '去年' is not a date",
                 id="不是日期"),
    pytest.param("path,year\na.txt,二〇二四\n", "line 2 (path 'a.txt'): year '二〇二四' is not a year", id="年份"),
    pytest.param("path,year\na.txt,1900\n", "line 2 (path 'a.txt'): year", id="年份越界"),
    pytest.param("path,body\na.txt,沙坪坝区\n", "line 2 (path 'a.txt'): body '沙坪坝区'", id="机构名"),
    pytest.param("path,source\na.txt,x\n", "line 2 (path 'a.txt'): unknown column(s) source", id="未知列"),
    pytest.param("path,title\na.txt,x\na.txt,y\n", "line 3 (path 'a.txt'): the file is named on an earlier line",
                 id="重复"),
    pytest.param("file,title\na.txt,x\n", "line 1: the header has no `path` column", id="无path列"),
    pytest.param("path,title\n,x\n", "line 2: no path", id="空path"),
]


@pytest.mark.parametrize("manifest, said", BAD_MANIFESTS)
def test_a_bad_row_is_an_error_naming_its_line(tmp_path, manifest, said):
    write_folder(tmp_path, "manifest.csv", manifest)
    with pytest.raises(ManifestError, match="manifest.csv: " + said.replace("(", r"\(").replace(")", r"\)")):
        load_manifest(tmp_path, input_files(tmp_path))


def test_every_bad_row_is_listed_and_the_run_stops_before_reading(tmp_path):
    write_folder(tmp_path / "in", "manifest.jsonl", '{"path": "a.txt", "published": "soon"}\n\n'
                                                    '{"path": "nowhere.txt"}\n')
    with pytest.raises(ManifestError) as raised:
        run(tmp_path / "in", tmp_path / "out", Settings(jobs=1))
    assert [p.split(":")[1].strip() for p in raised.value.problems] == ["line 1 (path 'a.txt')", "line 3 (path 'nowhere.txt')"]
    assert not (tmp_path / "out" / "documents.parquet").exists()


def test_two_manifests_are_one_too_many(tmp_path):
    write_folder(tmp_path, "manifest.csv", "path\na.txt\n")
    (tmp_path / "manifest.jsonl").write_text('{"path": "a.txt"}\n', encoding="utf-8")
    with pytest.raises(ManifestError, match="both manifest.csv and manifest.jsonl"):
        load_manifest(tmp_path, input_files(tmp_path))
