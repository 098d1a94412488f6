"""Random and mutated inputs through every stage after reading: no exception
escapes, no document fails on a bug, every record fits the
Parquet schema, its offsets hold the number it states, and its evidence is found
at its offsets in the clean text."""

from pathlib import Path

import opencc
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zxextract.io import DOCUMENTS_SCHEMA, METRICS_SCHEMA, record_row, report_row
from zxextract.numbers import find_numbers
from zxextract.pipeline import DEFAULT_RULES_DIR, Extractors, process_document
from zxextract.rules import load_rules
from zxextract.script import simplified_view

RULES = load_rules(DEFAULT_RULES_DIR)
SAMPLES = [p.read_text(encoding="utf-8") for p in
           sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"))]
S2T = opencc.OpenCC("s2t")

# Pieces of the documents' own vocabulary, so random text reaches the rules.
WORDS = ["政协", "区政协", "全国政协", "市政协", "提案", "收到", "立案", "办结", "满意率", "社情民意信息",
         "报送", "采用", "被", "共", "余", "多", "约", "近", "以上", "件", "条", "篇", "次", "场", "人次",
         "%", "％", "年", "2024年", "一", "二", "十", "百", "千", "万", "两", "0", "1", "5", "9", "12",
         "536", "98.16", "１２", "，", "。", "；", "、", "：", "\n", "\n\n", "\n\n\n\n", " ", "——",
         "（上接1版）", "我们将", "主要任务", "<p>", "</p>", "<br>", "&nbsp;", "&amp;", "\u200b", "\r\n",
         "\ufeff", "\x00", "\ufffd", "協", "議", "辦", "滿意", "採用", "餘"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "big5"]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


random_text = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=200).map("".join),
    st.text(max_size=300),
)


@st.composite
def mutated_sample(draw) -> str:
    sample = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, len(sample) - 1))
    text = sample[start:start + draw(st.integers(1, 3000))]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "traditional", "html"]))
        if action == "insert":
            text = text[:at] + draw(random_text) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 50)):]
        elif action == "duplicate":
            text = text[:at] + text[at:at + 400] + "\n\n" + text[at:]
        elif action == "traditional":
            text = S2T.convert(text)
        else:
            text = "<html><body><p>" + text.replace("\n\n", "</p>\n<p>") + "</p></body></html>"
    return text


def check(data: bytes) -> None:
    processed = process_document(Path("fuzz.txt"), data, Extractors(RULES))
    report = processed.result.report
    pa.Table.from_pylist([report_row(report, processed.notes, RULES.version)], schema=DOCUMENTS_SCHEMA)
    if report.status == "failed":
        assert not report.error.startswith("internal error"), report.error
        assert not processed.result.records
        return
    text = processed.result.clean_text
    rows = [record_row(r) for r in processed.result.records]
    pa.Table.from_pylist(rows, schema=METRICS_SCHEMA)
    simplified = simplified_view(text).text  # numbers are read in the simplified view (三萬 as 三万)
    for row in rows:
        # The offsets hold the number the record states.
        assert [(m.value, m.unit) for m in find_numbers(simplified[row["char_start"]:row["char_end"]])][:1] == \
            [(row["value"], row["unit"])], row
        evidence, start, end = row["evidence"], row["char_start"], row["char_end"]
        at = text.find(evidence, max(0, end - len(evidence)), start + len(evidence))
        assert 0 <= at <= start and end <= at + len(evidence), row


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_text, st.sampled_from(ENCODINGS))
def test_random_text(text, encoding):
    check(encode(text, encoding))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sample(), st.sampled_from(ENCODINGS))
def test_mutated_documents(text, encoding):
    check(encode(text, encoding))


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    check(data)
