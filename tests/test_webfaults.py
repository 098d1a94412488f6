"""Faults of scraped web pages, repaired before cleaning, each with its note
(texts written for the test)."""

import pytest

from zxextract.sanitize import sanitize


@pytest.mark.parametrize("text, repaired, note", [
    pytest.param("政協(xié)委員開展視察(chá)32項", "政協委員開展視察32項", "pinyin", id="拼音插入"),
    pytest.param("政协（xié）委员", "政协委员", "pinyin", id="全角括号拼音"),
    pytest.param("满意率占98O/0，基本满意率2 O/O。", "满意率占98%，基本满意率2%。", "OCR", id="OCR百分号"),
    pytest.param("收到提案120件。\n分享到：微信 微博\n上一篇：另一条新闻\n立案110件。",
                 "收到提案120件。\n立案110件。", "chrome", id="页面导航"),
    pytest.param("全年收到提案120件。\n编辑：某某\n关键词：政协 提案\n\n另一地举办灯会\n2019年某展览开幕\n某某",
                 "全年收到提案120件。\n", "headlines", id="文末的其他文章标题"),
    pytest.param("已编发 《政协工作信息》 45 期", "已编发《政协工作信息》45期", "spaces", id="数字旁的空格"),
    pytest.param("其中，农业农村方\n            面 31 件，占 12.1%；预立\n            案提案 250 件。",
                 "其中，农业农村方面31件，占12.1%；预立案提案250件。", "wrapped", id="排版页的断行"),
    pytest.param("其中,,经济建设40件,,社会建设12件,。", "其中,经济建设40件,社会建设12件。", "stray commas",
                 id="重复的逗号"),
    pytest.param("社 会 法 制 方 面 26 件", "社会法制方面26件", "letter-spaced", id="逐字加空格的标题"),
])
def test_web_fault_is_repaired_and_noted(text, repaired, note):
    result = sanitize(text)
    assert result.text == repaired
    assert any(note in n for n in result.notes)


@pytest.mark.parametrize("text", [
    pytest.param("分组(A)提交提案(2024)件", id="括号里不是拼音"),
    pytest.param("编辑出版文史资料3部", id="行内的编辑不是页面"),
    pytest.param("立案率为100/0", id="不是OCR"),
    pytest.param("记者 刘 惠报道", id="汉字之间的空格"),
    pytest.param("| 收到提案 | 412件 |", id="表格竖线"),
    pytest.param("县政协 召开 常委会议", id="词与词之间的空格"),
    pytest.param("全年收到提案120件。\n            立案110件。", id="句末之后的缩进行"),
])
def test_text_that_only_looks_like_a_fault_stays(text):
    assert sanitize(text).text == text


def test_a_sentence_after_the_editor_line_keeps_what_follows():
    # A line that is a sentence is no headline: the article goes on after its credit.
    result = sanitize("收到提案120件。\n编辑：某某\n下半年，委员们开展视察12次。\n另一地举办灯会")
    assert result.text == "收到提案120件。\n下半年，委员们开展视察12次。\n另一地举办灯会"
