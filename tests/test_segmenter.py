"""The shipped segmenter: loads from package data, keeps domain words whole, loses no text.

These tests use the model committed under src/zxextract/nlp/model/ and need no
training corpora.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zxextract.errors import ZxError
from zxextract.nlp.segeval import read_segmented, score
from zxextract.nlp.segmenter import (
    DEFAULT_MODEL_DIR,
    DEFAULT_USER_DICT,
    Segmenter,
    SegmenterError,
    load_segmenter,
    read_user_dict,
    segment,
)

REPO = Path(__file__).resolve().parents[1]
DOMAIN_SAMPLE = REPO / "tests" / "data" / "domain_segmented.txt"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("2024年是沙坪坝区大事、喜事、要事叠加的一年。", "沙坪坝区"),
        ("重庆市沙坪坝区政协齐聚沙坪坝", "沙坪坝区"),
        ("编报社情民意信息430余篇", "社情民意信息"),
        ("《反映社情民意信息工作实施办法》", "社情民意信息"),
        ("习近平总书记在庆祝中国人民政治协商会议成立75周年大会上的重要讲话中指出", "习近平"),
        ("坚持以习近平新时代中国特色社会主义思想为指导", "习近平"),
        ("规范化推进“渝事好商量”协商平台发挥综合效应", "渝事好商量"),
        ("阳光驿站委员工作室成为首批市政协委员工作室。", "委员工作室"),
        ("依托有关街道、部门建立活动范围覆盖全区的7个委员联络站", "委员联络站"),
        ("全年共收到提案265件，立案235件，委员满意率和本级满意率均达100%。", "满意率"),
        ("主席会议专题协商镇街综合行政执法改革情况", "主席会议"),
        ("翻开重庆市涪陵区政协2023年履职日历", "涪陵区"),
        ("彼时新当选巴南区政协主席的何永革", "巴南区"),
        ("在梁平区推动高质量发展创造高品质生活中", "梁平区"),
        ("为北碚区经济社会高质量发展作出了积极贡献", "北碚区"),
    ],
)
def test_domain_words_come_out_whole(text, word):
    assert word in segment(text)


def test_longer_dictionary_word_does_not_leave_a_fragment():
    # pkuseg's own user-dictionary matcher returns 社情民意信 here.
    tokens = segment("反映社情民意信箱问题")
    assert "社情民意" in tokens
    assert "社情民意信" not in tokens


def test_ordinary_text_is_segmented_into_words():
    # Without a working model the whole run would come back as one token.
    tokens = segment("这种车辆如果归私人拥有，多半会设置昂贵的音频设备。")
    assert "，" in tokens and "。" in tokens
    assert "车辆" in tokens and "设备" in tokens


def test_domain_sample_is_mostly_segmented_as_by_hand():
    # Guards against a broken or swapped model: the shipped one scores about 88 F1
    # (the model alone about 77).
    assert score(segment, read_segmented(DOMAIN_SAMPLE)).f1 > 0.85


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "中国人民政治协商会议 重庆市委员会常务委员会工作报告",
        "聚焦“一区”融合发展，\n主席会听取国家城乡融合发展试验区建设情况。\n\n",
        "Hello world，AI预警处置系统 2024年\t满意率达98.16%。",
        "\u3000\u3000全年共征集提案313件、立案280件",
    ],
)
def test_segments_join_back_to_input(text):
    tokens = segment(text)
    assert "".join(tokens) == text
    assert all(tokens)


# Dictionary characters, ordinary ones, whitespace of several kinds, punctuation, Latin, digits.
ALPHABET = list("沙坪坝区政协社情民意信息习近平提案立案的了 \n\t\u3000，。“”ab1２%")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
def test_any_text_joins_back(text):
    assert "".join(segment(text)) == text


def test_load_segmenter_is_cached():
    assert load_segmenter() is load_segmenter()


def test_missing_model_gives_clear_error(tmp_path):
    with pytest.raises(SegmenterError, match=r"segmenter model missing in .*features\.msgpack, weights\.npz"):
        load_segmenter(tmp_path / "no-such-model")


def test_partly_missing_model_names_the_missing_file(tmp_path):
    (tmp_path / "features.msgpack").write_bytes((DEFAULT_MODEL_DIR / "features.msgpack").read_bytes())
    with pytest.raises(SegmenterError, match=r"weights\.npz not found"):
        Segmenter(tmp_path, DEFAULT_USER_DICT)


def test_segmenter_error_is_a_zx_error():
    assert issubclass(SegmenterError, ZxError)


def test_missing_dictionary_gives_clear_error(tmp_path):
    with pytest.raises(SegmenterError, match="cannot read segmenter dictionary"):
        Segmenter(DEFAULT_MODEL_DIR, tmp_path / "missing.txt")


def test_dictionary_file_skips_comments_and_blanks(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("# a comment\n\n政协\n  提案  \n", encoding="utf-8")
    assert read_user_dict(path) == {"政协", "提案"}


def test_shipped_dictionary_has_all_chongqing_districts_and_counties():
    words = read_user_dict(DEFAULT_USER_DICT)
    districts = {w for w in words if w.endswith("区") and len(w) >= 3}
    counties = {w for w in words if w.endswith("县")}
    assert len(districts) == 26
    assert len(counties) == 12
