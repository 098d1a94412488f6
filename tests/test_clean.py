"""Cleaning: each newspaper fault, written out in a short text, and an offset
oracle that plants figures in generated text and finds them through the map."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zxextract.clean import clean, normalise_chars
from zxextract.models import RawDocument


def raw(text: str, doc_id: str = "t") -> RawDocument:
    data = text.encode("utf-8")
    return RawDocument(doc_id=doc_id, path=f"{doc_id}.txt", text=text,
                       sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8", n_bytes=len(data))


def paragraphs(doc) -> list[str]:
    return [doc.text[a:b] for a, b in doc.paragraphs]


@pytest.mark.parametrize("text, expected", [
    pytest.param("7月2日，区政协召开十五届十四次常委会\n\n会议，专题协商物流园区建设。",
                 ["7月2日，区政协召开十五届十四次常委会会议，专题协商物流园区建设。"], id="断句"),
    pytest.param("组织开展专题视察13次、参\n\n与委员130余人次，推动工作。",
                 ["组织开展专题视察13次、参与委员130余人次，推动工作。"], id="断词"),
    pytest.param("这一年，高质量完成年度改革项目\n\n目，交出亮眼“成绩单”。",
                 ["这一年，高质量完成年度改革项目，交出亮眼“成绩单”。"], id="断处重字"),
    pytest.param("依托街道建立7个委员联络站和5\n\n\n\n涪陵区政协组织开展专题协商会议\n\n个服务队，开展活动。",
                 ["依托街道建立7个委员联络站和5个服务队，开展活动。"], id="句中图片说明"),
    pytest.param("依托街道建立7个委员联络站和5\n\n\n委员联络站揭牌仪式现场\n\n个服务队，开展活动。",
                 ["依托街道建立7个委员联络站和5个服务队，开展活动。"], id="两个空行后的图片说明"),
    pytest.param("凝心聚力、担当作为\n\n——沙坪坝区政协2024年提案、社情民意工作回眸\n\n一年来，区政协收到提案536件。",
                 ["凝心聚力、担当作为", "——沙坪坝区政协2024年提案、社情民意工作回眸",
                  "一年来，区政协收到提案536件。"], id="副标题不并入"),
    pytest.param("——聚焦中心大局，组织开展专题视察13次、参\n\n与委员130余人次。",
                 ["——聚焦中心大局，组织开展专题视察13次、参与委员130余人次。"], id="破折号条目断句"),
    pytest.param("学思践悟铸魂 驱动内陆开放“新引擎”\n\n去年4月，总书记在重庆考察。",
                 ["学思践悟铸魂 驱动内陆开放“新引擎”", "去年4月，总书记在重庆考察。"], id="标题不并入"),
    pytest.param("召开全体会议、常委会会议 7 次\n\n专题协商会：4场\n\n形成调研报告：32篇\n\n完善委员履职服务管理机制，推动委员争当表率。",
                 ["召开全体会议、常委会会议 7 次", "专题协商会：4场", "形成调研报告：32篇",
                  "完善委员履职服务管理机制，推动委员争当表率。"], id="图表行不并入"),
    pytest.param("发布时间：2025-01-16 来源：市政协 浏览次数：1287\n\n1月15日下午，市政协召开总结会。",
                 ["发布时间：2025-01-16 来源：市政协 浏览次数：1287", "1月15日下午，市政协召开总结会。"],
                 id="数字不相连"),
    pytest.param("发布时间：2025-04-09 来源：思明区政协 浏览次数：643\n\n今年以来，思明区政协开展议事活动18场。",
                 ["发布时间：2025-04-09 来源：思明区政协 浏览次数：643", "今年以来，思明区政协开展议事活动18场。"],
                 id="发布信息行"),
    pytest.param("四、2022年提案工作打算\n\n2022年，市政协将以提高提案质量为重点。",
                 ["四、2022年提案工作打算", "2022年，市政协将以提高提案质量为重点。"], id="编号标题不并入"),
    pytest.param("(上接1版)\n\n我们扎实做好管根本的工作。", ["我们扎实做好管根本的工作。"], id="转版标记"),
    pytest.param("全年收到提案２６５件，满意率９８．１６％。", ["全年收到提案265件，满意率98.16%。"], id="全角数字"),
    pytest.param("先后围绕理论与实践、新时期政协工作高质量发\n\n中国人民政治协商会议 重庆市委员会常务委员会工作报告\n\n展等组织3次研讨，推动理论研讨。",
                 ["先后围绕理论与实践、新时期政协工作高质量发展等组织3次研讨，推动理论研讨。",
                  "中国人民政治协商会议 重庆市委员会常务委员会工作报告"], id="报头夹在句中"),
])
def test_cleaning_faults(text, expected):
    doc = clean(raw(text))
    assert paragraphs(doc) == expected
    assert_maps_back(text, doc)


def assert_maps_back(text: str, doc) -> None:
    """Every clean character comes from the raw character the map names; the blank line
    between two paragraphs maps to the raw character just after the first."""
    for i, ch in enumerate(doc.text):
        if ch != "\n":
            assert normalise_chars(text[doc.offsets.to_raw(i)]) == ch, (i, ch)
    for (_, end), (start, _) in zip(doc.paragraphs, doc.paragraphs[1:]):
        after = min(doc.offsets.to_raw(end - 1) + 1, len(text) - 1)
        assert [doc.offsets.to_raw(i) for i in range(end, start)] == [after, after]
    assert doc.stats.chars_clean == len(doc.text) and doc.stats.chars_raw == len(text)


@pytest.mark.parametrize("text, expected", [
    pytest.param("我们扎实做好(上接1版)管根本的工作。", ["我们扎实做好管根本的工作。"], id="段中转版标记"),
    pytest.param("(上接1版)  我们扎实做好工作。 (下转2版)", ["我们扎实做好工作。"], id="段首段尾转版标记"),
    pytest.param("一年来，(下转第2版) 共收到提案 (上接第1版)536件。", ["一年来， 共收到提案 536件。"], id="两个转版标记"),
    pytest.param("第一段，说明情况。\n\n(上接1版)第二段，继续说明。", ["第一段，说明情况。", "第二段，继续说明。"],
                 id="标记只在本段里找"),
    pytest.param("\n\n  第一段，说明情况。 \n\n\u3000\u3000第二段，继续说明。\t\n\n\n", ["第一段，说明情况。", "第二段，继续说明。"],
                 id="段首段尾空白"),
    pytest.param(" 第一段，说明情况。", ["第一段，说明情况。"], id="一个空格"),
    pytest.param("第一段，说明情况。 \t", ["第一段，说明情况。"], id="文末空白"),
    pytest.param("第一段，说明情况。\r\n\r\n第二段，继续说明。", ["第一段，说明情况。", "第二段，继续说明。"], id="回车换行"),
    pytest.param("区政协组织委员开展视察和\n\n调研，形成报告。", ["区政协组织委员开展视察和调研，形成报告。"], id="功能词结尾"),
    pytest.param("组织委员开展活动，包括\n\n-读书活动，共3场。", ["组织委员开展活动，包括", "-读书活动，共3场。"], id="短横条目"),
    pytest.param("一年来，组织开展专题视察13次\n\n、情况通报15次，推动工作。", ["一年来，组织开展专题视察13次、情况通报15次，推动工作。"],
                 id="数字后顿号续句"),
    pytest.param("一年来，委员共提交提案，截至10月底为5\n\n1件已办结，推动工作。",
                 ["一年来，委员共提交提案，截至10月底为5", "1件已办结，推动工作。"], id="数字不相连2"),
    pytest.param("一年来，区政协，\n\n，", ["一年来，区政协，，"], id="一个字的段"),
    pytest.param("这一年，完成年度改革项目\n\n目，", ["这一年，完成年度改革项目，"], id="两个字的重字段"),
    pytest.param("这一年，完成年度改革项目\n\n目 交出答卷，成绩亮眼。", ["这一年，完成年度改革项目 交出答卷，成绩亮眼。"],
                 id="重字后空格"),
    pytest.param("这一年，完成年度改革项目\n\n目(上接1版)，交出答卷。", ["这一年，完成年度改革项目，交出答卷。"], id="重字后转版标记"),
    pytest.param("一年来，区政协召开\n\n常委会会议，协商\n\n工作，推动发展。", ["一年来，区政协召开常委会会议，协商工作，推动发展。"],
                 id="两处断句"),
    pytest.param("一年来，区政协召开常委会\n\n第3版 要闻\n\n会议，协商\n\n工作，推动发展。",
                 ["一年来，区政协召开常委会会议，协商工作，推动发展。", "第3版 要闻"], id="报头后两处断句"),
    pytest.param("一年来，区政协召开常委会\n\n" + "报" * 40 + "\n\n会议，协商工作。",
                 ["一年来，区政协召开常委会会议，协商工作。", "报" * 40], id="四十字报头"),
    pytest.param("一年来，区政协召开常委会\n\n" + "报" * 41 + "\n\n会议，协商工作。",
                 ["一年来，区政协召开常委会", "报" * 41, "会议，协商工作。"], id="四十一字不是报头"),
    pytest.param("前文，说明。\n\n\n\n" + "图" * 80 + "\n\n后文，说明。", ["前文，说明。", "后文，说明。"], id="八十字图片说明"),
    pytest.param("前文，说明。\n\n\n\n" + "图" * 81 + "\n\n后文，说明。", ["前文，说明。", "图" * 81, "后文，说明。"],
                 id="八十一字不是图片说明"),
    pytest.param("重复十个字的一段话。\n\n重复十个字的一段话。\n\n九个字的一段话。\n\n九个字的一段话。",
                 ["重复十个字的一段话。", "九个字的一段话。", "九个字的一段话。"], id="十字以上才算重复"),
    pytest.param("当前位置:首页 > 新闻 > 正文\n\n某县两会收到提案88件\n\n2020-01-10 09:30:00 某某网\n\n某某网讯,县政协会议开幕。",
                 ["当前位置:首页 > 新闻 > 正文", "某县两会收到提案88件", "2020-01-10 09:30:00 某某网", "某某网讯,县政协会议开幕。"],
                 id="页面位置与日期行不续句"),
    pytest.param("标题一行\n\n\n\n某某信息网   时间:2021-08-09\n\n\n\n正文,说明。",
                 ["标题一行", "某某信息网   时间:2021-08-09", "正文,说明。"], id="日期行不是图片说明"),
])
def test_more_cleaning_faults(text, expected):
    doc = clean(raw(text))
    assert paragraphs(doc) == expected
    assert_maps_back(text, doc)


def test_repeated_block_counts_once():
    block = "做好引导预期、提振信心的工作。\n\n组织开展专题视察13次、情况通报15次，推动工作。\n\n"
    doc = clean(raw("开头一段，说明情况。\n\n" + block * 3 + "结尾一段，展望未来。"))
    assert paragraphs(doc) == ["开头一段，说明情况。", "做好引导预期、提振信心的工作。",
                               "组织开展专题视察13次、情况通报15次，推动工作。", "结尾一段，展望未来。"]
    assert doc.stats.paragraphs_duplicate == 4


def test_stats_count_what_was_done():
    text = ("(上接1版)\n\n一年来，区政协召开常委会\n\n会议，协商工作。\n\n\n\n区政协视察现场\n\n"
            "这一年，完成年度改革项目\n\n目，交出答卷。\n\n重复的一段话，说明情况。\n\n重复的一段话，说明情况。"
            "\n\n\n\n委员视察现场\n\n这一年，完成两个项目\n\n目，交出答卷。")
    stats = clean(raw(text)).stats
    assert (stats.page_markers_removed, stats.captions_removed, stats.joins_repaired,
            stats.doubled_chars_removed, stats.paragraphs_duplicate) == (1, 2, 3, 2, 1)
    assert stats.chars_raw == len(text)


def test_stats_count_joins_across_an_interruption():
    text = ("一年来，区政协召开常委会\n\n第3版 要闻\n\n会议，协商\n\n工作，推动发展。\n\n"
            "这一年，完成年度改革项目\n\n第4版 要闻\n\n目，交出答卷。\n\n这一年，完成两个项目\n\n第5版\n\n目，交出答卷。")
    doc = clean(raw(text))
    assert (doc.stats.joins_repaired, doc.stats.doubled_chars_removed) == (4, 2)
    assert_maps_back(text, doc)


# --- the offset oracle -------------------------------------------------------

FIGURES = ["收到提案536件", "审查立案284件", "满意率98.16%", "采用30条", "协商活动百余场", "培训３期"]
FILLER = st.text(alphabet="政协委员会开展工作推进建设围绕中心大局", min_size=1, max_size=30)
FAULT = st.sampled_from(["\n\n", "\n\n\n\n区政协视察现场\n\n", "\n\n(上接2版)\n\n", "，", "。"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(FILLER, st.sampled_from(FIGURES), FAULT), min_size=1, max_size=8))
def test_offset_oracle(parts):
    text = "".join(f"{filler}，{figure}{fault}" for filler, figure, fault in parts)
    doc = clean(raw(text))
    # Every clean character comes from the raw character the map names.
    for i, ch in enumerate(doc.text):
        if ch != "\n":
            assert normalise_chars(text[doc.offsets.to_raw(i)]) == ch
    # Every planted figure is found whole in the clean text and maps back to itself.
    for figure in {f for _, f, _ in parts}:
        wanted = normalise_chars(figure)
        start = doc.text.find(wanted)
        assert start >= 0, f"{figure} lost in cleaning"
        end = start + len(wanted)
        raw_start, raw_end = doc.offsets.span_to_raw(start, end)
        assert normalise_chars(text[raw_start:raw_end]) == wanted
