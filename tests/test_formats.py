"""Reading each format (formats/): a saved page gives its article and none of its
chrome, a PDF its text layer as paragraphs with each figure's page and without
running headers and page numbers, a Word file its paragraphs and tables; what
cannot be read fails with the reason. Every file is made here from a seed text
(format_samples.py), and each format must give at least 90 % of the (metric,
value) records its plain text gives."""

from pathlib import Path

import pandas as pd
import pytest

import format_samples as make
from zxextract.formats import read_raw
from zxextract.pipeline import DEFAULT_RULES_DIR, Extractors, Settings, process_document, run
from zxextract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))
EXTRACTORS = Extractors(load_rules(DEFAULT_RULES_DIR))
MIN_SHARE_OF_RECORDS = 0.9


def facts(path: Path, data: bytes) -> set[tuple[str, float]]:
    processed = process_document(path, data, EXTRACTORS)
    assert processed.result.report.status == "ok", processed.result.report.error
    return {(r.metric, r.value) for r in processed.result.records}


def as_format(fmt: str, text: str) -> bytes:
    return {"html": make.web_page, "html-tables": lambda t: make.web_page(t, table_layout=True),
            "docx": make.word_file, "pdf": lambda t: make.pdf_file(t).data}[fmt](text)


@pytest.fixture(scope="module")
def plain_facts() -> dict[str, set]:
    return {seed.stem: facts(seed, seed.read_bytes()) for seed in SEEDS}


@pytest.mark.parametrize("fmt", ["html", "html-tables", "pdf", "docx"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_each_format_gives_the_records_of_its_plain_text(plain_facts, fmt, seed):
    expected = plain_facts[seed.stem]
    got = facts(Path(f"{seed.stem}.{fmt.split('-')[0]}"), as_format(fmt, seed.read_text(encoding="utf-8")))
    assert len(got & expected) >= MIN_SHARE_OF_RECORDS * len(expected), sorted(expected - got)
    assert not got - expected  # nothing the text does not say: no chrome, no header, no joined-up figure


def test_page_chrome_gives_no_record_and_the_page_its_metadata():
    raw, notes = read_raw(Path("page.html"), make.web_page(SEEDS[0].read_text(encoding="utf-8"),
                                                            published="2024-12-30"))
    for chrome in ("首页", "热点新闻", "分享到", "上一篇", "备案号", "浏览次数", "var stats", "color"):
        assert chrome not in raw.text
    assert raw.source.title == make.paragraphs(SEEDS[0].read_text(encoding="utf-8"))[0]
    assert str(raw.source.published) == "2024-12-30"
    assert raw.source.url == "https://example.org/news/1.html"
    assert any("article text read" in note for note in notes)
    records = process_document(Path("page.html"), make.web_page(SEEDS[0].read_text(encoding="utf-8")),
                               EXTRACTORS).result.records
    assert not {r.value for r in records} & {*make.CHROME_FIGURES, 999}


def test_a_page_of_links_is_ok_with_no_records_and_says_why():
    processed = process_document(Path("list.html"), make.links_page(), EXTRACTORS)
    assert processed.result.report.status == "ok"
    assert processed.result.records == ()
    assert any("no article text" in note for note in processed.notes)


def test_a_dateline_dates_a_page_whose_markup_gives_no_date():
    page = make.web_page(SEEDS[0].read_text(encoding="utf-8")).decode()
    page = page.replace('<meta name="PubDate" content="2025-01-20 09:30">', "").replace(
        "发布时间：2025-01-20", "发布时间：2023年5月6日")
    raw, _ = read_raw(Path("page.html"), page.encode())
    assert str(raw.source.published) == "2023-05-06"


@pytest.fixture(scope="module")
def seed_pdf() -> tuple[make.MadePdf, object, tuple]:
    made = make.pdf_file(SEEDS[0].read_text(encoding="utf-8"))
    processed = process_document(Path("report.pdf"), made.data, EXTRACTORS)
    return made, processed.result, processed.notes


def test_pdf_lines_are_joined_into_the_paragraphs_of_the_text(seed_pdf):
    made, _, _ = seed_pdf
    assert len(made.pages) > 2
    paragraphs = read_raw(Path("report.pdf"), made.data)[0].text.split("\n\n")
    seed = make.paragraphs(SEEDS[0].read_text(encoding="utf-8"))
    whole = [p for p in seed if p in paragraphs]
    assert len(whole) >= MIN_SHARE_OF_RECORDS * len(seed), [p for p in seed if p not in paragraphs][:5]


def test_pdf_running_headers_and_page_numbers_are_dropped(seed_pdf):
    made, result, notes = seed_pdf
    assert make.HEADER not in result.clean_text
    assert not any(f"- {n} -" in result.clean_text for n in range(1, len(made.pages) + 1))
    assert any(f"{2 * len(made.pages)} running header" in note for note in notes)


def test_each_pdf_record_keeps_its_page(seed_pdf):
    made, result, _ = seed_pdf
    checked = 0
    for record in result.records:
        mention = result.clean_text[max(record.char_start - 6, 0):record.char_end]
        pages = [n for n, page in enumerate(made.pages, start=1) if mention in page]
        if len(pages) == 1:  # a mention broken across two pages or told twice is not checked
            assert record.page == pages[0], record
            checked += 1
    assert checked >= 0.8 * len(result.records) and len({r.page for r in result.records}) > 1


def test_other_formats_have_no_page():
    text = SEEDS[0].read_text(encoding="utf-8")
    for name, data in (("a.txt", text.encode()), ("a.html", make.web_page(text)), ("a.docx", make.word_file(text))):
        records = process_document(Path(name), data, EXTRACTORS).result.records
        assert records and all(r.page is None for r in records), name


def test_word_tables_read_as_rows_in_reading_order():
    data = make.word_file("区政协2024年提案工作\n提案工作情况如下。\n以上为全年数据。",
                          table=[["项目", "数量"], ["收到提案", "412件"], ["立案", "368件"]])
    raw, _ = read_raw(Path("t.docx"), data)
    assert raw.text.split("\n\n") == ["区政协2024年提案工作", "提案工作情况如下。", "以上为全年数据。",
                                      "| 项目 | 数量 |\n| 收到提案 | 412件 |\n| 立案 | 368件 |"]
    assert "政协工作报告汇编" not in raw.text  # the page header
    records = process_document(Path("t.docx"), data, EXTRACTORS).result.records
    assert {(r.metric, r.value) for r in records} >= {("proposals_received", 412), ("proposals_accepted", 368)}


FAILURES = [
    pytest.param("scan.pdf", make.scanned_pdf(), ("no text layer", "OCR"), id="扫描件"),
    pytest.param("locked.pdf", make.pdf_file("收到提案412件。", password="secret").data, ("encrypted", "password"),
                 id="加密PDF"),
    pytest.param("cut.pdf", make.pdf_file("收到提案412件。").data[:900], ("damaged",), id="损坏PDF"),
    pytest.param("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ("legacy", ".docx"), id="旧版doc"),
    pytest.param("renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ("not a .docx",), id="改名doc"),
    pytest.param("cut.docx", make.word_file("收到提案412件。")[:300], ("damaged",), id="损坏docx"),
    pytest.param("sheet.xlsx", b"PK\x03\x04" + bytes(64), ("spreadsheet",), id="表格"),
    pytest.param("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(64), ("image", "OCR"), id="图片"),
]


@pytest.mark.parametrize("name, data, said", FAILURES)
def test_what_cannot_be_read_fails_with_its_reason(name, data, said):
    report = process_document(Path(name), data, EXTRACTORS).result.report
    assert report.status == "failed"
    assert all(word in report.error for word in said), report.error
    assert report.format == Path(name).suffix[1:] and report.sha256


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> tuple[Path, Path]:
    """The done-when folder of issue 9: a seed as text, page, PDF and Word file, a scan,
    a legacy .doc, nested folders and a manifest."""
    in_dir = tmp_path_factory.mktemp("mixed") / "in"
    seed = SEEDS[1].read_text(encoding="utf-8")
    files = {"report.txt": seed.encode(), "report.pdf": make.pdf_file(seed).data, "report.docx": make.word_file(seed),
             "2024/web/page.html": make.web_page(seed), "2024/scans/scan.pdf": make.scanned_pdf(),
             "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)}
    for name, data in files.items():
        (in_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (in_dir / name).write_bytes(data)
    (in_dir / "manifest.csv").write_text(
        "path,url,title,published\n"
        "report.pdf,https://example.org/a.pdf,政协工作报告,2025-02-10\n"
        "2024/scans/scan.pdf,https://example.org/scan.pdf,扫描件,2025-03-01\n", encoding="utf-8")
    out = in_dir.parent / "out"
    run(in_dir, out, Settings(jobs=2))
    return in_dir, out


def test_the_mixed_folder_gives_one_row_per_file_each_with_its_doc_id(mixed_folder):
    _, out = mixed_folder
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert sorted(documents.index) == ["2024/scans/scan", "2024/web/page", "old", "report.docx", "report.pdf",
                                       "report.txt"]
    assert documents.loc["2024/scans/scan"].status == "failed" and "no text layer" in documents.loc[
        "2024/scans/scan"].error
    assert documents.loc["old"].status == "failed"
    assert documents.format.to_dict() == {"2024/scans/scan": "pdf", "2024/web/page": "html", "old": "doc",
                                          "report.docx": "docx", "report.pdf": "pdf", "report.txt": "text"}
    assert (out / "clean" / "2024" / "web" / "page.txt").exists()


def test_the_mixed_folder_gives_the_plain_texts_records_in_every_format(mixed_folder):
    _, out = mixed_folder
    metrics = pd.read_parquet(out / "metrics.parquet")
    by_doc = {doc: set(zip(group.metric, group.value)) for doc, group in metrics.groupby("doc_id")}
    plain = by_doc["report.txt"]
    for doc in ("report.pdf", "report.docx", "2024/web/page"):
        assert len(by_doc[doc] & plain) >= MIN_SHARE_OF_RECORDS * len(plain), doc
    assert metrics[metrics.doc_id == "report.pdf"].page.notna().all()
    assert metrics[metrics.doc_id != "report.pdf"].page.isna().all()


def test_every_offset_points_into_the_clean_text_of_its_format(mixed_folder):
    _, out = mixed_folder
    metrics = pd.read_parquet(out / "metrics.parquet")
    for record in metrics.itertuples():
        text = (out / "clean" / f"{record.doc_id}.txt").read_text(encoding="utf-8")
        mention = text[record.char_start:record.char_end]
        assert mention and mention in record.evidence and record.evidence in text, record


def test_the_manifest_and_the_page_fill_the_source_columns(mixed_folder):
    _, out = mixed_folder
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert documents.loc["report.pdf", ["url", "title", "published"]].tolist() == [
        "https://example.org/a.pdf", "政协工作报告", "2025-02-10"]
    assert documents.loc["2024/scans/scan", "url"] == "https://example.org/scan.pdf"  # a failed row keeps it
    assert documents.loc["2024/web/page", "published"] == "2025-01-20"  # from the page's own markup
    assert documents.loc["report.txt", ["url", "title", "published"]].isna().all()
    assert "manifest" not in " ".join(documents.path)
