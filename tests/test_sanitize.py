"""Repairs before cleaning, and the simplified view of traditional text:
each fault written out in a short text, checked through cleaning."""

import hashlib

import opencc
import pytest

from zxextract.clean import clean
from zxextract.models import RawDocument
from zxextract.sanitize import sanitize
from zxextract.script import simplified_view

PLAIN = "全年收到提案265件，立案248件。\n\n报送社情民意信息314条，被采用84条。"


def paragraphs(text: str) -> list[str]:
    data = text.encode("utf-8")
    doc = clean(RawDocument(doc_id="t", path="t.txt", text=text, sha256=hashlib.sha256(data).hexdigest(),
                            encoding="utf-8", n_bytes=len(data)))
    return [doc.text[a:b] for a, b in doc.paragraphs]


@pytest.mark.parametrize("text, note", [
    pytest.param("<html><head><style>p {color: red}</style><script>var a = '<p>';</script></head>\n<body>"
                 "<p>全年收到提案<b>265</b>件，立案248件。</p>\n\n\n<p><span>报送社情民意信息314条，"
                 "被采用84条。</span></p><!-- footer --></body></html>", "HTML", id="html"),
    pytest.param("<?xml version=\"1.0\"?><doc><w:p><w:t>全年收到提案265件，立案248件。</w:t></w:p>"
                 "<p/>报送社情民意信息314条，被采用84条。</doc>", "HTML", id="xml"),
    pytest.param("<html><head><title>标题</title><style>p {color: red}</style></head>\n<body>"
                 "<p>全年收到提案<b>265</b>件，立案248件。</p>\n\n\n<p><span>报送社情民意信息314条，"
                 "被采用84条。</span></p><!-- footer --></body></html>", "HTML", id="html-title"),
    pytest.param("全年收到提案265件，立案248件。\n\n<div class=\"x\"></div><br/>\n<br>\n"
                 "报送社情民意信息314条，被采用84条。", "HTML", id="block-tag-run-is-one-break"),
    pytest.param("全年收到提案265件，立案248件。\r\n\r\n报送社情民意信息314条，被采用84条。", "line endings",
                 id="crlf"),
    pytest.param("全年收到提案265件，立案248件。\r\r报送社情民意信息314条，被采用84条。", "line endings",
                 id="old-mac"),
    pytest.param("全年收到\u200b提案265件，立案\u200d248件。\n\n\ufeff报送社情\u00ad民意信息314条，被采用84条。",
                 "zero-width", id="zero-width"),
    pytest.param("全年收到提案265件，立案248件。&nbsp;\n\n报送社情民意信息314条，被采用84条。", "entities",
                 id="nbsp"),
])
def test_repairs_give_the_plain_text(text, note):
    repaired = sanitize(text)
    title = ["标题"] if "<title>" in text else []  # a page's title is text: kept
    assert paragraphs(repaired.text) == title + paragraphs(PLAIN)
    assert any(note in n for n in repaired.notes)


def test_entities_are_decoded_and_unknown_ones_kept():
    assert sanitize("收到&#25552;案&lt;12&gt;件 &amp; &madeup; 政协&nbsp委员").text == "收到提案<12>件 & &madeup; 政协 委员"


def test_text_that_only_looks_like_markup_is_kept():
    text = "增长<5%>的目标，“<2024>”年度，a<b 且 c>d。"
    assert sanitize(text).text == text
    assert sanitize(text).notes == ()


def test_clean_text_needs_no_repair():
    assert sanitize(PLAIN).text == PLAIN
    assert sanitize(PLAIN).notes == ()


def test_long_lines_and_full_width_are_noted():
    notes = sanitize("收到提案２６５件。" * 2000).notes
    assert any("very long line (18000" in n for n in notes)
    assert any("6000 full-width" in n for n in notes)


def test_simplified_view_keeps_length_and_simplified_text():
    traditional = opencc.OpenCC("s2t").convert(PLAIN + "答复满意率达98%，社情民意信息被采用。")
    view = simplified_view(traditional)
    assert len(view.text) == len(traditional)
    assert view.text == PLAIN + "答复满意率达98%，社情民意信息被采用。"
    assert view.converted == sum(a != b for a, b in zip(traditional, view.text)) > 0
    assert simplified_view(PLAIN).text == PLAIN and simplified_view(PLAIN).converted == 0
