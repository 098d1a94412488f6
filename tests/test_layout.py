"""Charts (数说, 一图读懂): the rules read labels before their figures, and every
figure found comes back at its place in the text."""

import pytest

from zxextract.extract.layout import chart_view
from zxextract.extract.rules import spans_in
from zxextract.pipeline import DEFAULT_RULES_DIR
from zxextract.rules import load_rules

RULES = load_rules(DEFAULT_RULES_DIR)

CHART = ("数说2024丨市政协这一年\n\n12次\n党组会议\n\n立案：368件\n\n立案率\n89.3%\n\n"
         "32场\n各类协商活动\n· 全会协商 1 场\n· 全年参与履职活动的委员\n5800余人次\n\n收到提案 412 件")


@pytest.mark.parametrize("text, view", [
    pytest.param("立案：368件", "立案368件 ", id="冒号"),
    pytest.param("12次\n党组会议", "党组会议12次 ", id="数字在上"),
    pytest.param("被全国政协采用\n15条", "被全国政协采用15条 ", id="数字在下"),
    pytest.param("32场\n各类协商活动\n· 全会协商 1 场", "各类协商活动32场 \n· 全会协商 1 场", id="先取下行"),
    pytest.param("| 1 | 收到提案 | 412件 | 388件 |", "收到提案412件" + " " * 18, id="表格行取本年列"),
    pytest.param("收集社情民意信息\t1026条", "收集社情民意信息1026条 ", id="制表符"),
    pytest.param("全年共收到提案265件。\n立案235件。", "全年共收到提案265件。\n立案235件。", id="正文不动"),
])
def test_labels_stand_before_their_figures(text, view):
    assert chart_view(text).text == view


def test_figures_come_back_at_their_place():
    spans = spans_in(CHART, RULES)
    assert {(s.metric, s.value) for s in spans} >= {
        ("meetings", 12), ("proposals_accepted", 368), ("proposal_acceptance_rate", 89.3),
        ("consultations", 32), ("participants", 5800), ("proposals_received", 412)}
    for s in spans:
        assert CHART[s.start:s.end] == s.text
