"""Numbers as the reports write them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zxextract.numbers import NumberParseError, find_numbers, parse_chinese_numeral


@pytest.mark.parametrize("text, value, unit, qualifier", [
    pytest.param("收到提案536件", 536, "件", "exact", id="阿拉伯数字"),
    pytest.param("满意率达98.16%", 98.16, "%", "exact", id="小数百分比"),
    pytest.param("走访群众1万余人次", 10000, "人次", "more_than", id="万余人次"),
    pytest.param("开展活动百余场", 100, "场", "more_than", id="百余场"),
    pytest.param("举办两期培训班", 2, "期", "exact", id="两"),
    pytest.param("编报信息430余篇", 430, "篇", "more_than", id="余"),
    pytest.param("满意率达到92%以上", 92, "%", "more_than", id="以上"),
    pytest.param("参与约300人次", 300, "人次", "about", id="约"),
    pytest.param("接待近千人", 1000, "人", "about", id="近千"),
    pytest.param("不少于20场", 20, "场", "at_least", id="不少于"),
    pytest.param("超过1,500条", 1500, "条", "more_than", id="千分位"),
    pytest.param("重点协商91场次", 91, "场次", "exact", id="场次优先于场"),
    pytest.param("学习三百二十五次", 325, "次", "exact", id="中文数字"),
    pytest.param("举办讲座逾30场次", 30, "场次", "more_than", id="逾"),
    pytest.param("开展视察四十多次", 40, "次", "more_than", id="四十多次"),
    pytest.param("联系群众200多人", 200, "人", "more_than", id="数字后多"),
    pytest.param("服务群众300人次多", 300, "人次", "more_than", id="单位后多"),
    pytest.param("走访企业30家以上", 30, "家", "more_than", id="单位后以上"),
    pytest.param("参加人数不低于50人", 50, "人", "at_least", id="不低于"),
    pytest.param("每季度至少1次", 1, "次", "at_least", id="至少"),
    pytest.param("覆盖率近乎100%", 100, "%", "about", id="近乎"),
    pytest.param("收集意见近200条", 200, "条", "about", id="近"),
    pytest.param("组织调研约15次", 15, "次", "about", id="约十五"),
    pytest.param("接待来访50人左右", 50, "人", "about", id="左右"),
    pytest.param("提交提案超过300件", 300, "件", "more_than", id="超过"),
    pytest.param("编印简报25期", 25, "期", "exact", id="无限定词"),
])
def test_mentions(text, value, unit, qualifier):
    (mention,) = find_numbers(text)
    assert (mention.value, mention.unit, mention.qualifier) == (value, unit, qualifier)
    assert text[mention.start:mention.end] == mention.text


# Spec §2: every word that sets `qualifier`, with the qualifier it sets.
SPEC_QUALIFIER_WORDS = {"余": "more_than", "多": "more_than", "以上": "more_than", "超过": "more_than",
                        "逾": "more_than", "约": "about", "近": "about", "左右": "about", "近乎": "about",
                        "不少于": "at_least", "至少": "at_least"}


@pytest.mark.parametrize("word, qualifier", SPEC_QUALIFIER_WORDS.items())
def test_every_qualifier_word_of_the_spec(word, qualifier):
    # Where the word stands: before the number, between number and unit, or after the unit.
    before, inner, after = f"开展{word}30次", f"开展30{word}次", f"开展30次{word}"
    read = {text: find_numbers(text) for text in (before, inner, after)}
    readings = [(m.value, m.qualifier, m.text) for text, found in read.items() for m in found
                if m.text.startswith(word) or word in m.text]
    assert readings, f"{word} is read nowhere"
    assert all(value == 30 and q == qualifier for value, q, _ in readings), readings


def test_about_after_unit():
    (mention,) = find_numbers("培训200人次左右")
    assert (mention.value, mention.qualifier, mention.text) == (200, "about", "200人次左右")


@pytest.mark.parametrize("text", ["二〇二四年", "一是加强", "2024年"])
def test_no_unit_no_mention(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text", ["", "三三十", "十二三"])
def test_bad_chinese_numerals(text):
    with pytest.raises(NumberParseError):
        parse_chinese_numeral(text)


DIGITS = "零一二三四五六七八九"


def write_chinese(n: int) -> str:
    """An independent writer of Chinese numerals: 10305 -> 一万零三百零五."""
    if n == 0:
        return "零"

    def below_10000(k: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // value % 10
            if d:
                out += ("零" if zero and out else "") + DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = []
    for value, unit in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        chunk = n // value % 10_000 if value < 100_000_000 else n // value
        if chunk:
            written = below_10000(chunk)
            if parts and chunk < 1000:
                written = "零" + written
            parts.append(written + unit)
    return "".join(parts)


@given(st.integers(min_value=1, max_value=10**9))
def test_chinese_round_trip(n):
    assert parse_chinese_numeral(write_chinese(n)) == n


@given(st.integers(min_value=10, max_value=19))
def test_leading_ten(n):
    # 十五 is written without 一.
    assert parse_chinese_numeral(write_chinese(n)[1:]) == n


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(["件", "条", "人次", "%"]))
def test_arabic_round_trip(n, unit):
    (mention,) = find_numbers(f"共{n}{unit}")
    assert mention.value == n and mention.unit == unit


@pytest.mark.parametrize("text, values", [
    pytest.param("收到提案三千○六件", [3006], id="白圈在数中"),
    pytest.param("○○区收到提案五件", [5], id="白圈占位不是数"),
])
def test_white_circle_is_zero_only_inside_a_numeral(text, values):
    assert [m.value for m in find_numbers(text)] == values


def test_restricted_unit_does_not_match_a_longer_one():
    import regex
    from zxextract.numbers import number_pattern
    assert regex.search(number_pattern(("件",)), "批示35件次") is None
    assert regex.search(number_pattern(("件", "件次")), "批示35件次").group("unit") == "件次"


@pytest.mark.parametrize("text, value", [
    pytest.param("一〇八", 108, id="逐位"),
    pytest.param("二〇二四", 2024, id="年份逐位"),
    pytest.param("九五", 95, id="两位逐位"),
    pytest.param("万", 10_000, id="单独的万"),
    pytest.param("亿", 100_000_000, id="单独的亿"),
    pytest.param("百万", 1_000_000, id="百万"),
    pytest.param("两万", 20_000, id="两万"),
    pytest.param("一百零一", 101, id="零占位"),
    pytest.param("二千○三十", 2030, id="白圈作零"),
])
def test_chinese_numerals(text, value):
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text, message", [
    pytest.param("", "not a Chinese numeral: ''", id="空"),
    pytest.param("三x", "not a Chinese numeral: '三x'", id="非数字"),
    pytest.param("三三十", "two digits in a row in '三三十'", id="两个数字相连"),
])
def test_bad_chinese_numerals_say_why(text, message):
    with pytest.raises(NumberParseError, match=message):
        parse_chinese_numeral(text)


def test_arabic_with_a_large_unit():
    assert [m.value for m in find_numbers("走访群众12万人次，覆盖3.5亿人，服务1万余人")] == [120_000, 350_000_000, 10_000]


def test_mentions_and_their_offsets():
    text = "收到提案536件，近200条，满意率92%以上"
    mentions = find_numbers(text)
    assert [(m.text, m.start, m.end) for m in mentions] == [
        ("536件", 4, 8), ("近200条", 9, 14), ("92%以上", 18, 23)]


def test_a_match_shifted_into_document_offsets():
    import regex
    from zxextract.numbers import NUMBER, mention_from_match
    mention = mention_from_match(regex.search(NUMBER, "立案284件"), offset=100)
    assert (mention.start, mention.end, mention.text) == (102, 106, "284件")


def test_an_unparsable_numeral_does_not_stop_the_rest():
    assert [m.value for m in find_numbers("三三十件，收到提案536件")] == [536]
