"""The rules' pre-filter (and the vetoes joined in one pattern) change nothing: with
them and without, in the same run, every labelled document gives the same result,
and every rule the same matches on fuzzed text; and it reads from a pattern what
any match must hold."""

from dataclasses import replace
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zxextract.entities import body_patterns
from zxextract.gazetteer import county_names, division_names, province_names
from zxextract.extract.reading import needs
from zxextract.extract.rules import _matches, match_rules, stretches
from zxextract.pipeline import DEFAULT_RULES_DIR, Extractors, process_document
from zxextract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules(DEFAULT_RULES_DIR)
# Without the filter, and with each veto tried on its own rather than all in one pattern.
UNFILTERED = replace(RULES, prefilter=None, joined_vetoes=None)
# Every labelled set: the seeds (tests/gold is labelled on data/raw), dev to dev6, heldout.
LABELLED_TEXTS = sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted(
    p for name in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "heldout")
    for p in (ROOT / "tests" / name / "raw").glob("*.txt"))


def test_every_labelled_set_is_found():
    sets = {p.parent.parent.name if p.parent.name == "raw" and p.parent.parent.name != "data" else "seeds"
            for p in LABELLED_TEXTS}
    assert sets == {"seeds", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "heldout"}


def test_the_filter_skips_rules():
    """Most rules are filtered, so the comparisons below test something."""
    filtered = [entry for entry in RULES.prefilter.needs if entry is not None]
    assert len(filtered) >= 0.9 * len(RULES.rules)


@pytest.mark.parametrize("path", [pytest.param(p, id=f"{p.parent.parent.name}/{p.stem}") for p in LABELLED_TEXTS])
def test_filtered_extraction_equals_unfiltered(path):
    data = path.read_bytes()
    filtered = process_document(path, data, Extractors(RULES))
    unfiltered = process_document(path, data, Extractors(UNFILTERED))
    assert filtered.result.records, "a labelled document gives records"
    assert filtered == unfiltered


def _all_matches(text: str, rules) -> list[list[tuple[int, int, str]]]:
    hits = rules.prefilter.hits(text) if rules.prefilter else None
    pieces = stretches(text)
    found = []
    for order, rule in enumerate(rules.rules):
        windows = rules.prefilter.windows(order, hits) if hits else None
        found.append([(m.start(), m.end(), m.group()) for m in _matches(rule, text, pieces, windows or None)]
                     if windows != [] else [])
    return found


# The rules' own keywords, numbers with measure words, punctuation and other text:
# random text that reaches the rules, and keywords cut by the characters a window
# is bounded by.
KEYWORDS = sorted(RULES.prefilter.automaton.keys())
NUMBERS = ["536件", "1,200余条", "98.16%", "两期", "12", "30余场", "二十", "百余", "2024年", "7个", "3次"]
OTHER = ["，", "。", "；", "、", "：", "\n", " ", "《", "》", "“", "”", "的", "共", "被", "其中", "政协",
         "全国政协", "区政协", "委员", "工作", "会议", "开展", "达", "为"]
fuzzed_text = st.lists(st.one_of(st.sampled_from(KEYWORDS), st.sampled_from(NUMBERS), st.sampled_from(OTHER)),
                       min_size=1, max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzed_text)
def test_filtered_matches_equal_unfiltered_on_fuzzed_text(text):
    assert _all_matches(text, RULES) == _all_matches(text, UNFILTERED)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzed_text)
def test_filtered_candidates_equal_unfiltered_on_fuzzed_text(text):
    assert match_rules(text, RULES) == match_rules(text, UNFILTERED)


# Rules whose pattern needs no word are searched from their context's words: text
# dense in those words, list items and numbers, on which they must find what the
# scan of the whole text finds.
CONTEXT_WINDOWED = [order for order, (entry, context) in enumerate(zip(RULES.prefilter.needs, RULES.prefilter.contexts))
                    if entry is None and context is not None and context.marks]
CONTEXT_WORDS = sorted({word for word, (k, _) in RULES.prefilter.automaton.items()
                        if any(k in RULES.prefilter.contexts[order].keywords for order in CONTEXT_WINDOWED)})
# An opening the context looks for, or one of its words, then list items: a mark,
# words and a number.
CONTEXT_OPENINGS = ["按类别分", "按内容划分", "按类型分", "按", "分", "其中", "。", "\n\n"]
list_item = st.tuples(st.sampled_from(["，", "、", "；", "：", "\n"]),
                      st.lists(st.sampled_from(["经济建设", "农业农村", "方面", "类", "的", "提案", "占"]), max_size=3).map("".join),
                      st.sampled_from(["60件", "11件", "两件", "3次", "占40%"])).map("".join)
context_text = st.lists(st.one_of(st.sampled_from(CONTEXT_OPENINGS + CONTEXT_WORDS), st.lists(list_item, max_size=8)
                                  .map("".join)), min_size=1, max_size=12).map("".join)


def test_some_rules_are_searched_from_their_context():
    assert CONTEXT_WINDOWED and CONTEXT_WORDS


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(context_text)
def test_rules_searched_from_their_context_find_the_same_candidates(text):
    assert match_rules(text, RULES) == match_rules(text, UNFILTERED)


@pytest.mark.parametrize("pattern, keywords", [
    pytest.param(r"(?:收到|征集)[\p{Han}、]{0,12}?提案\d+件", [{"收到", "征集"}, {"提案"}], id="动词…提案"),
    pytest.param(r"(?:的)?提案(?:共)?\d+件", [{"提案"}], id="可选的字"),
    pytest.param(r"[A-C]类提案\d+件", [{"A类提案", "B类提案", "C类提案"}], id="字符类"),
    pytest.param(r"\d+件(?:重点提案|督办提案)", [{"重点提案", "督办提案"}], id="数字在前"),
    pytest.param(r"\p{Han}{2,8}?(?:方面|领域|类)\d+件", [{"方面", "领域", "类"}], id="一字的词在词间"),
])
def test_needs_reads_the_keywords_of_a_pattern(pattern, keywords):
    found = needs(regex.compile(pattern))
    assert found is not None
    assert all(any(strings == expected for strings, _ in found.clauses) for expected in keywords)


@pytest.mark.parametrize("pattern", [
    pytest.param(r"(\p{Han}{2})\1提案\d+件", id="反向引用"),
    pytest.param(r"(?s).*提案\d+件", id="无界的前缀"),
    pytest.param(r"\d+件", id="无关键词"),
])
def test_needs_gives_up_where_nothing_bounds_a_match(pattern):
    assert needs(regex.compile(pattern)) is None


def test_a_lookahead_widens_where_the_text_may_be_cut():
    plain, ahead = needs(regex.compile(r"提案\d{1,3}件")), needs(regex.compile(r"提案\d{1,3}件(?![^，]{0,20}增长)"))
    assert ahead.reach == plain.reach + 20 + 2


@pytest.mark.parametrize("path", [pytest.param(p, id=f"{p.parent.parent.name}/{p.stem}") for p in LABELLED_TEXTS])
def test_prefiltered_body_patterns_match_as_the_patterns_do(path):
    text = path.read_text(encoding="utf-8")
    starts = sorted({0, *(m.end() for m in regex.finditer(r"[，。；、：\n]", text))})
    for wrapped in body_patterns():
        plain = wrapped.compiled
        assert [m.span() for m in wrapped.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for start in starts:
            assert _span(wrapped.match(text, start)) == _span(plain.match(text, start))
            assert _span(wrapped.search(text, start, start + 200)) == _span(plain.search(text, start, start + 200))


def _span(match):
    return match.span() if match else None


# Place names (prefixes of one another among them), the words around a body's name,
# and punctuation: text on which the body patterns, tried only where a name opens
# a match and near 政协 or 中共, must still match as the plain patterns do.
PLACES = sorted(county_names() | division_names() | province_names())
BODY_WORDS = ["政协", "委员会", "中共", "委", "自治区", "壮族", "第十届", "中国人民政治协商会议", "市", "区", "县",
              "，", "。", "\n", " "]
_place = st.sampled_from(PLACES)
body_text = st.lists(st.one_of(
    _place, st.sampled_from(BODY_WORDS),
    st.tuples(_place, st.sampled_from(["政协", "市政协", "自治区政协", "委"])).map("".join),
    st.tuples(st.sampled_from(["中共", "政协", "中国人民政治协商会议"]), _place,
              st.sampled_from(["委", "委员会", "第十届委员会", "政协"])).map("".join),
), min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_text, st.integers(0, 300), st.integers(0, 300))
def test_prefiltered_body_patterns_match_as_the_patterns_do_on_fuzzed_text(text, a, b):
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    for wrapped in body_patterns():
        plain = wrapped.compiled
        assert [(m.span(), m.groups()) for m in wrapped.finditer(text, pos, end)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text, pos, end)]
        for start in range(len(text)):
            assert _span(wrapped.match(text, start)) == _span(plain.match(text, start))
            assert _span(wrapped.match(text, start, end)) == _span(plain.match(text, start, end))
