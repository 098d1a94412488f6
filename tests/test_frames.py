"""The frame grammar (rules/frames/lexicon.yml): an unseen combination of known
words is read; a pair the table does not name, or a vetoed number, is not."""

from pathlib import Path

import pytest

from zxextract.errors import RuleError
from zxextract.clean import clean
from zxextract.extract.frames import frame_spans, kind_spans
from zxextract.extract.rules import extract_with_rules
from zxextract.pipeline import DEFAULT_RULES_DIR
from zxextract.rules import load_rules

from test_clean import raw


@pytest.fixture(scope="module")
def rules():
    return load_rules(DEFAULT_RULES_DIR)


def read(text, rules):
    """(metric, value) of what the whole rule layer reads in `text`."""
    return {(s.metric, s.value) for s in extract_with_rules(clean(raw(text)), rules)}


@pytest.mark.parametrize("text, expected", [
    pytest.param("本年度递交政协提案77件", ("proposals_received", 77), id="触发词+对象"),
    pytest.param("汇集民意信息56条", ("sqmy_collected", 56), id="采集类动词"),
    pytest.param("编印社情民意12期", ("sqmy_submitted", 12), id="期数"),
    pytest.param("刊用社情民意9篇", ("sqmy_adopted", 9), id="刊用"),
    pytest.param("组织开展11项专题视察", ("inspections", 11), id="数量在前"),
    pytest.param("建成14家委员联络站", ("platforms", 14), id="家"),
    pytest.param("围绕乡村振兴举办读书会6场", ("study_sessions", 6), id="学习"),
    pytest.param("共收到提案134件，经审查立案129件", ("proposals_accepted", 129), id="对象承前"),
    pytest.param("协调解决群众难事31个", ("problems_solved", 31), id="解决"),
    pytest.param("生态环境方面提案18件", ("proposals_by_kind", 18), id="按议题"),
    pytest.param("提案办理后，已经解决的有40件", ("proposals_by_kind", 40), id="按结果"),
    pytest.param("区政府各部门全年共办理提案88件", ("proposals_closed", 88), id="共办理"),
    pytest.param("帮助群众解决烦心事45件", ("problems_solved", 45), id="烦心事"),
    pytest.param("3件提案被列为重点提案", ("proposals_key", 3), id="被列为"),
    pytest.param("立案96件，其中10件列为县领导督办重点提案", ("proposals_key", 10), id="其中N件列为"),
    pytest.param("召开8次党组会", ("meetings", 8), id="党组会"),
])
def test_unseen_combination_is_read(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text", [
    pytest.param("提出解决群众急难问题的制度机制22项", id="的之后是另一个中心语"),
    pytest.param("召开十五届十四次常委会会议", id="序数"),
    pytest.param("委员人均提交提案5.9件", id="人均"),
    pytest.param("占地面积300平方米，投入资金20万元", id="不是履职"),
])
def test_no_record(text, rules):
    assert not read(text, rules)


def test_a_lexicon_that_names_an_unknown_family_stops_the_load(tmp_path):
    for path in Path(DEFAULT_RULES_DIR).glob("*.yml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "frames").mkdir()
    lexicon = (Path(DEFAULT_RULES_DIR) / "frames" / "lexicon.yml").read_text(encoding="utf-8")
    (tmp_path / "frames" / "lexicon.yml").write_text(
        lexicon.replace("objects: [proposal], triggers: [accept]", "objects: [proposl], triggers: [accept]"),
        encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(tmp_path)
    assert "frames/lexicon.yml: [metrics -> 1 -> objects -> 0] 'proposl' is not defined" in str(err.value)



@pytest.mark.parametrize("text, expected", [
    pytest.param("从570件立案提案中遴选出39件重点提案", ("proposals_key", 39), id="紧跟的对象优先"),
    pytest.param("共有332篇社情民意信息被全国政协采用", ("sqmy_adopted", 332), id="触发词在对象之后"),
    pytest.param("围绕提升群众生活品质，提出提案424件", ("proposals_by_kind", 424), id="围绕议题"),
    pytest.param("立案提案中，经济建设方面立案158件", ("proposals_by_kind", 158), id="方面立案"),
    pytest.param("提案者满意或基本满意率达99%", ("proposal_satisfaction_rate", 99), id="满意或基本满意率"),
    pytest.param("立案64件，占提案总数的54%", ("proposal_acceptance_rate", 54), id="立案占比即立案率"),
    pytest.param("委员表示满意的占96.8%", ("proposal_satisfaction_rate", 96.8), id="满意占比是满意率"),
])
def test_phrasings_of_real_pages(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text", [
    pytest.param("每位委员每年至少提交1件提案、反映2条社情民意信息", id="人均要求跨列举项"),
])
def test_no_record_on_real_page_phrasings(text, rules):
    assert not read(text, rules)


def test_a_listed_bulletin_shares_the_verb(rules):
    assert {("reports", 12), ("reports", 4)} <= read("全年编报《建言参考》12期、《委员专报》4期", rules)


@pytest.mark.parametrize("text", [
    pytest.param("完成协商计划50余项，视察考察40余次", id="标点后的对象不是紧跟"),
    pytest.param("组织基层协商议事活动150余次，编报《建言参考》26期", id="承前对象需要触发词"),
])
def test_a_number_is_not_given_the_wrong_object(text, rules):
    wrong = {("inspections", 50), ("consultations", 26)}
    assert not wrong & read(text, rules)


@pytest.mark.parametrize("text, expected", [
    pytest.param("办理工作满意率和办理结果满意率分别达到99.8%和98.5%",
                 {("proposal_satisfaction_rate", 99.8), ("proposal_satisfaction_rate", 98.5)}, id="分别"),
    pytest.param("见面率、办结率、满意和基本满意率均达100%",
                 {("other", 100), ("proposal_closure_rate", 100), ("proposal_satisfaction_rate", 100)}, id="均"),
])
def test_rates_named_together(text, expected, rules):
    from zxextract.extract.frames import rate_list_spans

    assert {(s.metric, s.value) for s in rate_list_spans(text, rules)} == expected


def test_a_list_whose_counts_disagree_gives_nothing(rules):
    from zxextract.extract.frames import rate_list_spans

    assert rate_list_spans("办结率、满意率和采用率分别达到99%和98%", rules) == []


@pytest.mark.parametrize("text, expected", [
    pytest.param("形成3份专题调研报告", ("reports", 3), id="中心语在后"),
    pytest.param("共收到提案120件，立案108件，不立案12件", ("proposals_not_accepted", 12), id="不立案"),
    pytest.param("提案118件，另有9件提案转为委员来信", ("proposals_not_accepted", 9), id="转为委员来信"),
    pytest.param("召开57次双周协商座谈会", ("consultations", 57), id="协商座谈会"),
    pytest.param("上半年委员提交社情民意信息达812件", ("sqmy_submitted", 812), id="提交社情民意"),
    pytest.param("召开常务委员会议4次", ("meetings", 4), id="常务委员会议"),
    pytest.param("开展研讨交流7次", ("study_sessions", 7), id="研讨交流"),
    pytest.param("邻里矛盾纠纷已化解31起", ("problems_solved", 31), id="化解矛盾按起"),
    pytest.param("编报呈阅件9份", ("reports", 9), id="呈阅件"),
    pytest.param("委员们献计3个方面58件“金点子”", ("suggestions", 58), id="引号里的金点子"),
    pytest.param("收到提案300件，其中涉及城市更新的提案共有12件", ("proposals_by_kind", 12), id="涉及某题的提案共有"),
    pytest.param("立案300件。其中，经济建设方面提案，共102件", ("proposals_by_kind", 102), id="方面提案逗号共"),
    pytest.param("立案300件。社会建设方面提案最多，共115件", ("proposals_by_kind", 115), id="方面提案最多"),
    pytest.param("立案300件，有关S20沿线发展的提案25件", ("proposals_by_kind", 25), id="字母数字的题目"),
    pytest.param("大会提案组共收到提案260件。其中，委员个人提出205件，县工商联提出19件",
                 ("proposals_by_kind", 19), id="其中之后的提出者"),
    pytest.param("全年立案提案300件，其中社会事务提案占比48.2%", ("proposals_by_kind", 48.2), id="不带件数的占比"),
    pytest.param("立案300件，经济建设类提案占比超过40%", ("proposals_by_kind", 40), id="占比超过"),
    pytest.param("会议期间，委员们提交大会发言材料18件", ("other", 18), id="大会发言材料"),
    pytest.param("收到提案200件，立案180件，作为意见建议20件", ("proposals_not_accepted", 20), id="作为意见建议"),
    pytest.param("开展视察9次，交办提案64件", ("proposals_accepted", 64), id="交办的是立案的"),
    pytest.param("经审查，立案120件，占88%；转为意见建议16件", ("proposals_not_accepted", 16), id="不立案无需对象"),
    pytest.param("2件提案获评优秀提案", ("proposals_by_kind", 2), id="获评优秀提案的部分"),
    pytest.param("立案提案中，有关乡村振兴的38件", ("proposals_by_kind", 38), id="有关某题的"),
    pytest.param("经审查，转为社情民意信息和意见建议21件", ("proposals_not_accepted", 21), id="转为社情民意信息和意见建议"),
    pytest.param("全年召开专题协商常委会议3次", ("consultations", 3), id="专题协商常委会议"),
    pytest.param("形成重点视察报告4个", ("reports", 4), id="报告按个"),
    pytest.param("全年报送调研成果16件", ("reports", 16), id="调研成果"),
    pytest.param("在各镇设立社情民意点41个", ("platforms", 41), id="社情民意点"),
    pytest.param("立案提案300件，280件提案得到有效处理", ("proposals_closed", 280), id="得到有效处理"),
    pytest.param("立案提案中，61.5%的提案建议得到采纳，3.5%的提案建议留作参考", ("proposals_by_kind", 3.5),
                 id="占比在前结果在后"),
])
def test_more_unseen_combinations(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text, expected", [
    pytest.param("共收到提案400件。其中，集体提案60件；委员个人提交提案280件；委员联名提交提案60件。",
                 {("proposals_received", 400), ("proposals_by_kind", 60), ("proposals_by_kind", 280)},
                 id="分号隔开的各项"),
    pytest.param("提案组共收到以提案形式提出的意见建议210件，其中党派团体提出的30件，委员个人提出的为180件。",
                 {("proposals_received", 210), ("proposals_by_kind", 30), ("proposals_by_kind", 180)},
                 id="以提案形式提出的意见建议"),
    pytest.param("五年来共收到提案2100件，其中2023年收到提案430件。",
                 {("proposals_received", 2100), ("proposals_received", 430)}, id="其中某年是年度数"),
])
def test_parts_after_an_opener_run_to_the_end_of_the_statement(text, expected, rules):
    assert read(text, rules) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("大会表彰了16个先进集体和40名先进个人。",
                 {("other", 16, "先进集体"), ("members", 40, "先进个人")}, id="先进集体和个人"),
    pytest.param("在评选中获评3篇优秀调研报告。", {("other", 3, "优秀调研报告")}, id="优秀调研报告"),
    pytest.param("评选出优秀提案21件。", {("proposals_by_kind", 21, "优秀提案")}, id="优秀提案是提案的一部分"),
])
def test_what_a_body_commends_is_counted(text, expected, rules):
    spans = extract_with_rules(clean(raw(text)), rules)
    assert {(s.metric, s.value, s.scope) for s in spans} == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("组建6个工作专班。", {("other", 6, "组建工作专班")}, id="动词数量词名词"),
    pytest.param("举办2期书画展。", {("other", 2, "书画展")}, id="举办的是什么"),
    pytest.param("开展了8个方面、20场次的专项通报。", set(), id="方面不是所计之物"),
])
def test_other_named_by_the_noun_after_its_measure_word(text, expected, rules):
    spans = extract_with_rules(clean(raw(text)), rules)
    assert {(s.metric, s.value, s.scope) for s in spans if s.metric == "other"} == expected


def test_a_total_broken_down_after_it_is_no_kind(rules):
    found = read("大会已收到委员提案180件，其中集体提案40件，个人提案140件。", rules)
    assert ("proposals_received", 180) in found and ("proposals_by_kind", 180) not in found


def test_a_denied_trigger_is_the_opposite_metric(rules):
    found = read("对未立案的9件提案转为意见建议", rules)
    assert ("proposals_not_accepted", 9) in found and ("proposals_accepted", 9) not in found


@pytest.mark.parametrize("text, expected", [
    pytest.param("其中，界别提案251件", ("proposals_by_kind", 251), id="界别提案"),
    pytest.param("其中涉及“三农”提案486件", ("proposals_by_kind", 486), id="涉及"),
    pytest.param("提案中，关于依法治国的有808件", ("proposals_by_kind", 808), id="关于的有"),
    pytest.param("提案办理中，已经解决或基本解决(A类)22件", ("proposals_by_kind", 22), id="分类"),
])
def test_kinds_of_proposals(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text", [
    pytest.param("评选优秀提案30件", id="评选"),
    pytest.param("县委书记领衔督办的重点提案有6件", id="督办"),
    pytest.param("全年共收到政协提案536件", id="总数不是类别"),
])
def test_not_a_kind(text, rules):
    assert ("proposals_by_kind",) not in {(s.metric,) for s in kind_spans(text, rules, [])}


@pytest.mark.parametrize("text, scope", [
    pytest.param("组织委员走访企业130余家", "走访企业", id="走访"),
    pytest.param("接待港澳来访团组66个", "接待港澳来访团组", id="接待"),
    pytest.param("组织委员走访了企业共130余家", "走访企业", id="去掉虚词"),
    pytest.param("组织委员走访企业130余家，随后接待", "走访企业", id="数字后的触发词不算"),
    pytest.param("走访甲乙丙丁戊己庚辛壬癸130家", "走访甲乙丙丁戊己庚辛壬癸", id="十个字"),
    pytest.param("推动出台惠企的政策措施37个", "推动政策措施", id="的后的中心词"),
])
def test_work_no_metric_names_is_other_with_its_words_as_scope(text, scope, rules):
    spans = frame_spans(text, rules, [])
    assert [(s.metric, s.scope) for s in spans] == [("other", scope)]


@pytest.mark.parametrize("text", [
    pytest.param("走访甲乙丙丁戊己庚辛壬癸子130家", id="十一个字"),
    pytest.param("走访第3批企业130家", id="中间有数字"),
])
def test_work_words_too_long_or_with_a_number_are_not_other(text, rules):
    assert [s for s in frame_spans(text, rules, []) if s.value == 130] == []


def test_work_words_that_hold_an_object_are_not_other(rules):
    assert all(s.metric != "other" for s in frame_spans("走访调研活动12次", rules, []))


def test_taken_by_a_newspaper_is_media_not_sqmy(rules):
    found = read("全市政协系统采写的新闻稿件，被人民政协报采用12篇", rules)
    assert ("media_reports", 12) in found and ("sqmy_adopted", 12) not in found


@pytest.mark.parametrize("text, expected, wrong", [
    pytest.param("全年共收集、报送社情民意信息17条", ("sqmy_submitted", 17), ("sqmy_collected", 17), id="后一个动词"),
    pytest.param("全年共收到委员报送的社情民意信息5863条", ("sqmy_collected", 5863), ("sqmy_submitted", 5863),
                 id="报送的是收到的"),
    pytest.param("五年来提案总数达781件", ("proposals_received", 781), ("proposals_by_kind", 781), id="提案总数"),
])
def test_what_a_count_is(text, expected, wrong, rules):
    found = read(text, rules)
    assert expected in found and wrong not in found


def test_what_objects_were_made_is_what_is_counted(rules):
    assert ("proposals_key", 79) in read("79件提案被确定为省领导牵头督办重点提案", rules)


@pytest.mark.parametrize("text, expected", [
    pytest.param("收到提案120件，有9件未予立案", ("proposals_not_accepted", 9), id="触发词在数字后"),
    pytest.param("提案办理中，其中落实的有190件", ("proposals_by_kind", 190), id="落实的有"),
])
def test_trigger_after_the_number_and_outcomes(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text, expected", [
    pytest.param("参与协商的群众1200余人次", ("participants", 1200), id="参与人次"),
    pytest.param("经审查，准予立案86件", ("proposals_accepted", 86), id="准予立案"),
    pytest.param("提案办理委员满意度达到98.5%", ("proposal_satisfaction_rate", 98.5), id="满意度"),
])
def test_further_phrasings(text, expected, rules):
    assert expected in read(text, rules)


def test_a_list_shares_its_verb(rules):
    found = read("全年报送调研报告275篇，提案1325件，社情民意信息1.48万余条", rules)
    assert {("proposals_received", 1325), ("sqmy_submitted", 14800)} <= found


@pytest.mark.parametrize("text, expected", [
    pytest.param("本届政协委员共305人", ("members", 305), id="委员在前"),
    pytest.param("今年聘任特邀信息员42名", ("members", 42), id="委员的一类"),
    pytest.param("邀请界别委员64人次参加协商", ("participants", 64), id="人次是参与"),
    pytest.param("组织37人次委员深入开展9次实地调研", ("surveys", 9), id="不合量词的对象不是所计之物"),
    pytest.param("举办3期委员履职培训班", ("trainings", 3), id="修饰语后的中心语"),
    pytest.param("集中培训委员260人次", ("trainings", 260), id="培训的人"),
    pytest.param("共提出提案120件，立案100件，转委员来信2件，不立案18件", ("proposals_not_accepted", 18),
                 id="触发词里的对象不算"),
])
def test_people_and_heads_of_noun_phrases(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text", [
    pytest.param("组织45名委员围绕营商环境开展专题视察", id="人数在前是参加者"),
    pytest.param("全年办理提案300余件 报送信息800余篇", id="空格分开的两项"),
])
def test_no_member_count_where_people_take_part(text, rules):
    found = read(text, rules)
    assert not [f for f in found if f[0] == "members"]
    assert ("sqmy_submitted", 300) not in found


def test_a_kind_of_members_is_the_scope(rules):
    from zxextract.extract.frames import frame_spans

    spans = frame_spans("至年底共有委员410名，其中常委58名", rules, [])
    assert {(s.value, s.scope) for s in spans if s.metric == "members"} >= {(58, "常委")}


@pytest.mark.parametrize("text, expected", [
    pytest.param("全年提案面商率为96.5%", ("other", 96.5), id="无名之率"),
    pytest.param("走访率、办结率均达100%", ("other", 100), id="并列中的无名之率"),
    pytest.param("已经落实或基本落实(A类)的提案有45件", ("proposals_by_kind", 45), id="括号里的类别"),
])
def test_rates_no_metric_names_are_other(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text", [
    pytest.param("参与提案的委员共300人，参与率达70%", id="复述前面的计数"),
    pytest.param("全市生产总值增长率达8%", id="增长率"),
    pytest.param("大会应出席委员300人，出席率98%", id="会议本身"),
])
def test_rates_that_are_no_record(text, rules):
    assert not [f for f in read(text, rules) if f[0] == "other"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("共收到提案210件，其中闭会期间15件", ("proposals_by_kind", 15), id="其中之后不言提案"),
    pytest.param("委员对提案办理结果的评价（满意190件、基本满意12件）", ("proposals_by_kind", 12), id="括号里的列表"),
])
def test_items_of_a_breakdown_that_leave_proposals_unsaid(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text, wrong", [
    pytest.param("共收到提案210件，形成建议案4件、调研报告24件", ("proposals_by_kind", 24), id="中心语是别的对象"),
    pytest.param("共收到提案428件，比上年增加30件", ("proposals_by_kind", 30), id="相对变化"),
    pytest.param("共立案143件，有9件未予立案", ("proposals_by_kind", 9), id="有不是类别"),
    pytest.param("提案118件，另有9件提案转为委员来信", ("proposals_by_kind", 9), id="另有不是类别"),
])
def test_no_breakdown_item(text, wrong, rules):
    assert wrong not in read(text, rules)


@pytest.mark.parametrize("text, expected", [
    pytest.param("开展科技下乡宣传120余次", ("other", 120), id="开展某项工作"),
    pytest.param("动员群众返乡创业300余人", ("other", 300), id="人数"),
    pytest.param("已完成协商议题6个", ("consultations", 6), id="议题"),
    pytest.param("开展专题研究12项", ("surveys", 12), id="研究"),
])
def test_work_of_the_body(text, expected, rules):
    assert expected in read(text, rules)


def test_a_work_verb_after_the_number_opens_a_new_predicate(rules):
    found = read("组织40余人次委员深入开展8次实地调研", rules)
    assert ("participants", 40) in found and ("other", 40) not in found


def test_a_place_counted_before_an_activity_is_no_consultation(rules):
    assert ("consultations", 10) not in read("在全区10个街道开展议事活动18场", rules)


def test_a_kind_whose_head_is_a_key_proposal_is_a_key_proposal(rules):
    found = read("今年由财政部主办的重点提案有6件", rules)
    assert ("proposals_key", 6) in found and ("proposals_by_kind", 6) not in found


@pytest.mark.parametrize("text, expected", [
    pytest.param("相关部门办复委员提案406件", ("proposals_closed", 406), id="办复某类提案"),
    pytest.param("共收到提案560件，经审查，立案520件，转为意见和建议37件", ("proposals_not_accepted", 37), id="转为意见和建议"),
    pytest.param("共收到提案600件，其中建言乡村振兴的88件", ("proposals_by_kind", 88), id="建言某方面的"),
])
def test_more_proposal_phrasings(text, expected, rules):
    assert expected in read(text, rules)


@pytest.mark.parametrize("text, expected", [
    pytest.param("会议以来，共收提案198件，立案173件", ("proposals_received", 198), id="共收"),
    pytest.param("共收到来自政协委员、各参加单位的提案688件", ("proposals_received", 688), id="来自"),
    pytest.param("共收集社情民意信息稿件2万余篇", ("sqmy_collected", 20000), id="信息稿件"),
])
def test_totals_told_in_other_words(text, expected, rules):
    assert expected in read(text, rules)


def test_a_grammar_loaded_inside_a_test_passes_every_case_of_this_file():
    # The shared fixture loads the lexicon once, before the first test: a fault in
    # compiling it (load_frames, _breakdown_patterns) must fail here too, where the
    # load is part of the test itself.
    import inspect
    fresh = load_rules(DEFAULT_RULES_DIR)
    checked = 0
    for name, test in sorted(globals().items()):
        if not name.startswith("test_") or "rules" not in inspect.signature(test).parameters:
            continue
        marks = [m for m in getattr(test, "pytestmark", []) if m.name == "parametrize"]
        cases = [c.values if hasattr(c, "values") else (c,) for c in marks[0].args[1]] if marks else [()]
        for values in cases:
            test(*values, rules=fresh)
            checked += 1
    assert checked >= 50


def _rules_with_lexicon(tmp_path, lexicon: str) -> Path:
    for path in Path(DEFAULT_RULES_DIR).glob("*.yml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "frames").mkdir()
    (tmp_path / "frames" / "lexicon.yml").write_text(lexicon, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("lexicon, message", [
    # The parser's message, place included, stays on the problem's one line.
    pytest.param("triggers: [\n  - a\n", "frames/lexicon.yml: not valid YAML: while parsing", id="YAML"),
    pytest.param("triggers: {}\nobjects: {}\nmetrics:\n  - metric: proposals_received\n    triggers: [x]\n    units: []\n",
                 "frames/lexicon.yml: [metrics -> 0 -> units] List should have at least 1 item", id="模式"),
    pytest.param("triggers: {take: [收到]}\nobjects: {a: [提案], b: [提案]}\nmetrics:\n"
                 "  - metric: proposals_received\n    triggers: [take]\n    units: [件]\n",
                 "frames/lexicon.yml: [objects -> b -> 0] '提案' is also in a", id="对象重复"),
])
def test_a_malformed_lexicon_names_the_place_and_the_reason(tmp_path, lexicon, message):
    with pytest.raises(RuleError) as err:
        load_rules(_rules_with_lexicon(tmp_path, lexicon))
    (line,) = [line for line in str(err.value).splitlines() if message in line]
    assert "YAML" not in message or ' line 2, column 3: ' in line


@pytest.mark.parametrize("text, spans", [
    pytest.param("其中，界别提案251件", [(251, "件", "界别", "frame.proposals_by_kind")], id="界别提案"),
    pytest.param("其中涉及“三农”提案486件", [(486, "件", "三农", "frame.proposals_by_kind")],
                 id="去掉引号且一个数字一条"),
    pytest.param("提案中，关于依法治国的有808件", [(808, "件", "依法治国", "frame.proposals_by_kind")], id="关于的有"),
])
def test_kinds_of_proposals_with_their_scope(text, spans, rules):
    found = kind_spans(text, rules, [])
    assert [(s.value, s.unit, s.scope, s.rule_id) for s in found] == spans
    assert all(s.metric == "proposals_by_kind" and s.qualifier == "exact" and text[s.start:s.end] == s.text
               for s in found)


@pytest.mark.parametrize("text, spans", [
    pytest.param("办理工作满意率和办理结果满意率分别达到99.8%和98.5%",
                 [("proposal_satisfaction_rate", 99.8, "办理工作满意率"), ("proposal_satisfaction_rate", 98.5, "办理结果满意率")],
                 id="分别"),
    pytest.param("立案率、办结率均达100%",
                 [("proposal_acceptance_rate", 100, None), ("proposal_closure_rate", 100, "办结率")], id="均"),
])
def test_rates_named_together_with_their_scope(text, spans, rules):
    from zxextract.extract.frames import rate_list_spans

    found = rate_list_spans(text, rules)
    assert sorted((s.metric, s.value, s.scope) for s in found) == sorted(spans, key=str)
    assert all(s.unit == "%" and s.qualifier == "exact" and text[s.start:s.end] == s.text for s in found)


def test_frames_alone_read_an_object_after_the_measure_word(rules):
    assert [(s.metric, s.value, s.unit) for s in frame_spans("形成3份专题调研报告", rules, [])] == [("reports", 3, "份")]


def test_an_object_is_inherited_within_its_sentence_only(rules):
    assert {(s.metric, s.value) for s in frame_spans("收到提案120件，立案108件", rules, [])} == \
        {("proposals_received", 120), ("proposals_accepted", 108)}
    assert [(s.metric, s.value) for s in frame_spans("收到提案120件。立案108件", rules, [])] == \
        [("proposals_received", 120)]


def test_an_inherited_object_the_trigger_does_not_pair_with_gives_nothing(rules):
    spans = frame_spans("开展协商议事活动12场，编报《参政议政》26期", rules, [])
    assert ("consultations", 26) not in {(s.metric, s.value) for s in spans}


def test_numbers_a_rule_read_are_left_to_it(rules):
    text = "收到提案120件，立案108件"
    first, second = sorted(frame_spans(text, rules, []), key=lambda s: s.start)
    assert frame_spans(text, rules, [first]) == [second]
    assert frame_spans(text, rules, [second]) == [first]
    # A span that ends where a number starts does not cover it.
    before = first.model_copy(update={"start": 0, "end": second.start})
    assert second in frame_spans(text, rules, [before])


@pytest.mark.parametrize("text, expected", [
    pytest.param("79件提案被确定为省领导督办重点提案", [("proposals_key", 79)], id="被确定为"),
    pytest.param("332篇社情民意信息被全国政协采用", [("sqmy_adopted", 332)], id="对象在数字后动词在后"),
    pytest.param("其中39件重点提案已办结", [("proposals_key", 39)], id="紧跟的对象"),
])
def test_frames_alone_read_what_follows_the_number(text, expected, rules):
    assert [(s.metric, s.value) for s in frame_spans(text, rules, [])] == expected


@pytest.mark.parametrize("text, spans", [
    pytest.param("其中，经济建设方面提案占总数的35%", [(35, "%", "经济建设")], id="占比"),
    pytest.param("其中，经济建设方面的提案有63件", [(63, "件", "经济建设")], id="件数"),
    pytest.param("大会的提案中，社会建设方面，提出提案74件", [(74, "件", "社会建设")], id="方面之后的逗号"),
])
def test_breakdowns_by_topic(text, spans, rules):
    from zxextract.extract.frames import breakdown_spans

    found = breakdown_spans(text, rules)
    assert [(s.value, s.unit, s.scope) for s in found] == spans
    assert all(s.metric == "proposals_by_kind" for s in found)


def test_a_rate_name_is_read_by_its_longest_ending(rules):
    from zxextract.extract.frames import rate_list_spans

    found = rate_list_spans("办结率、基本满意率均达100%", rules)
    assert sorted((s.metric, s.scope) for s in found) == [
        ("proposal_basic_satisfaction_rate", None), ("proposal_closure_rate", "办结率")]


def test_a_lexicon_without_breakdowns_or_honours_loads(tmp_path):
    lexicon = ("triggers: {take: [收到]}\nobjects: {proposal: [提案]}\nmetrics:\n"
               "  - metric: proposals_received\n    objects: [proposal]\n    triggers: [take]\n    units: [件]\n")
    loaded = load_rules(_rules_with_lexicon(tmp_path, lexicon))
    grammar = loaded.frames
    assert (grammar.breakdown, grammar.kinds, grammar.rate_endings) == (None, None, ())
    assert grammar.honours.search("收到提案5件，获评优秀提案") is None
    from zxextract.extract.frames import breakdown_spans, rate_list_spans
    text = "其中，经济建设方面提案63件，界别提案251件，办结率、满意率均达100%"
    assert breakdown_spans(text, loaded) == kind_spans(text, loaded, []) == rate_list_spans(text, loaded) == []


def test_rules_without_a_lexicon_have_no_frames(tmp_path):
    from zxextract.extract.frames import breakdown_spans, rate_list_spans
    for path in Path(DEFAULT_RULES_DIR).glob("*.yml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    loaded = load_rules(tmp_path)
    text = "其中，经济建设方面提案63件，界别提案251件，办结率、满意率均达100%"
    assert loaded.frames is None
    assert breakdown_spans(text, loaded) == kind_spans(text, loaded, []) == rate_list_spans(text, loaded) == []
    assert frame_spans(text, loaded, []) == []


@pytest.mark.parametrize("text, expected", [
    pytest.param("满意率为98%，面商率为96.5%", [(96.5, "面商率")], id="已知之率后的无名之率"),
    pytest.param("共收到提案300件。面商率为96.5%", [(96.5, "面商率")], id="前一句的计数不算复述"),
    pytest.param("参与提案的委员共300人，参与率达70%。面商率为96.5%", [(96.5, "面商率")], id="复述之后的无名之率"),
])
def test_other_rates_and_their_names(text, expected, rules):
    from zxextract.extract.frames import other_rate_spans

    spans = other_rate_spans(text, rules, [])
    assert [(s.value, s.scope) for s in spans] == expected
    assert {(s.metric, s.unit, s.rule_id) for s in spans} == {("other", "%", "frame.rate.other")}


def test_a_work_verb_after_people_in_person_times_keeps_them_participants(rules):
    found = read("组织40余人次委员走访困难群众", rules)
    assert ("participants", 40) in found and ("other", 40) not in found


def test_other_takes_the_words_its_verb_governs_as_scope(rules):
    from zxextract.extract.frames import frame_spans

    spans = frame_spans("委员走访联系群众2300余人次", rules, [])
    assert [(s.metric, s.scope) for s in spans] == [("other", "走访联系群众")]


def test_a_kind_of_member_is_read_before_its_number_not_after(rules):
    from zxextract.extract.frames import frame_spans

    spans = frame_spans("其中常委58名，另有委员300名参加", rules, [])
    assert ("常委" in {s.scope for s in spans if s.value == 58})


@pytest.mark.parametrize("text, expected", [
    pytest.param("共收到提案120件，转为社情民意5件", ("proposals_not_accepted", 5), id="触发词末尾的对象"),
    pytest.param("在新闻网站用稿111件", ("media_reports", 111), id="与触发词同形的对象"),
])
def test_objects_and_triggers_that_share_words(text, expected, rules):
    assert expected in read(text, rules)


def test_a_role_property_that_names_an_unknown_role_stops_the_load(tmp_path):
    for path in Path(DEFAULT_RULES_DIR).glob("*.yml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "frames").mkdir()
    lexicon = (Path(DEFAULT_RULES_DIR) / "frames" / "lexicon.yml").read_text(encoding="utf-8")
    (tmp_path / "frames" / "lexicon.yml").write_text(
        lexicon.replace("roles_out_of_scope: [hold]", "roles_out_of_scope: [hld]"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(tmp_path)
    assert "frames/lexicon.yml: [roles_out_of_scope -> 0] 'hld' is not defined" in str(err.value)


@pytest.mark.parametrize("text, expected", [
    pytest.param("一年来共收到提案600件。其中，围绕乡村振兴，委员和各参加单位提出提案210件。",
                 {("proposals_received", 600), ("proposals_by_kind", 210)}, id="总数后的专题"),
    pytest.param("委员们聚焦城市更新等问题提出提案300件，立案280件。",
                 {("proposals_received", 300), ("proposals_accepted", 280)}, id="没有总数在前"),
    pytest.param("大会收到的800件提案中，通过网络平台提交提案300件。",
                 {("proposals_received", 800), ("proposals_by_kind", 300)}, id="总数之中的部分"),
    pytest.param("全年收到提案100件。委员们围绕生态保护提出提案150件。",
                 {("proposals_received", 100), ("proposals_received", 150)}, id="比前面的总数大"),
])
def test_a_count_on_a_topic_after_its_total_is_a_part(text, expected, rules):
    assert read(text, rules) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("一年来，民盟某市委会共承担调研课题3项，提交提案26件，立案19件。",
                 {("proposals_by_kind", 26), ("proposals_by_kind", 19), ("surveys", 3)}, id="党派提交的提案"),
    pytest.param("全年，政协委员、各民主党派和工商联共提交提案410件。",
                 {("proposals_received", 410)}, id="委员与党派合计"),
    pytest.param("全年，各民主党派、工商联和政协各专门委员会提交提案52件。",
                 {("proposals_by_kind", 52)}, id="党派与专委会"),
])
def test_a_count_an_organisation_proposing_through_the_body_filed_is_a_kind(text, expected, rules):
    assert read(text, rules) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("截至目前，已征集到委员提案120余件。", {("proposals_received", 120)}, id="征集到委员提案是总数"),
    pytest.param("过去一年，共收到各类提案214件。", {("proposals_received", 214)}, id="各类提案是总数"),
])
def test_what_the_total_is_called_does_not_make_it_a_kind(text, expected, rules):
    assert read(text, rules) == expected


def test_a_breakdown_with_more_than_before_its_measure_word(rules):
    spans = extract_with_rules(clean(raw("全年收到提案300件，其中经济建设方面提案60余件。")), rules)
    assert [(s.metric, s.value, s.qualifier) for s in spans if s.value == 60] == [
        ("proposals_by_kind", 60, "more_than")]


@pytest.mark.parametrize("text, expected", [
    pytest.param("立案提案200件，其中主办30件、会办12件。",
                 {("proposals_accepted", 200), ("proposals_by_kind", 30), ("proposals_by_kind", 12)}, id="主办会办"),
    pytest.param("立案提案50件，其中8件为单办件。", {("proposals_accepted", 50), ("proposals_by_kind", 8)},
                 id="件数在前的办理方式"),
    pytest.param("立案提案300件，交由区政府及有关部门办理的260件。",
                 {("proposals_accepted", 300), ("proposals_by_kind", 260)}, id="交由某方办理的"),
    pytest.param("立案提案300件，其中政府系统办理的提案211件。",
                 {("proposals_accepted", 300), ("proposals_by_kind", 211)}, id="系统办理的"),
    pytest.param("立案提案300件，其中城乡建设方面提案二十六件。",
                 {("proposals_accepted", 300), ("proposals_by_kind", 26)}, id="汉字数字的分项"),
])
def test_counts_by_how_and_by_whom_proposals_are_handled_are_kinds(text, expected, rules):
    assert read(text, rules) == expected


@pytest.mark.parametrize("text, scope", [
    pytest.param("立案提案300件，交由区政府及有关部门办理的260件。", "区政府及有关部门办理", id="交由某方办理的"),
    pytest.param("立案提案300件，其中政府系统办理的提案211件。", "政府系统办理", id="系统办理的"),
    pytest.param("立案提案200件，其中主办30件。", "主办", id="办理方式"),
])
def test_a_handled_kind_is_named_with_its_verb(text, scope, rules):
    spans = extract_with_rules(clean(raw(text)), rules)
    assert [s.scope for s in spans if s.metric == "proposals_by_kind"] == [scope]


@pytest.mark.parametrize("text, expected", [
    pytest.param("立案提案300件，交给36家承办单位办理。", {("proposals_accepted", 300)}, id="承办单位的家数"),
    pytest.param("收到提案900件，经审查立案交有关部门办理的860件。",
                 {("proposals_received", 900), ("proposals_accepted", 860)}, id="立案交办的是立案数"),
])
def test_what_is_handed_over_whole_is_no_kind(text, expected, rules):
    assert read(text, rules) == expected
