"""Attribution: articles, body, year, target status, repeats, evidence."""

import pytest

from zxextract.attribute import attribute, evidence_bounds, find_articles
from zxextract.clean import clean
from zxextract.extract.rules import extract_with_rules
from zxextract.pipeline import DEFAULT_RULES_DIR
from zxextract.rules import load_rules

from test_clean import raw

RULES = load_rules(DEFAULT_RULES_DIR)


def records_of(text: str):
    doc = clean(raw(text))
    articles = find_articles(doc)
    return doc, articles, attribute(doc, articles, extract_with_rules(doc, RULES))


TWO_ARTICLES = (
    "书写履职新答卷\n\n——2022年重庆市巴南区政协亮点回眸\n\n"
    "一年来，审查立案312件提案，答复满意率96%。\n\n"
    "奋楫扬帆新时代 同心奋进新征程\n\n——2023年重庆市梁平区政协履职工作综述\n\n"
    "全年共收到提案265件，立案235件。"
)


def test_two_articles_each_with_its_body_and_year():
    doc, articles, records = records_of(TWO_ARTICLES)
    assert [(a.title, a.body, a.year) for a in articles] == [
        ("书写履职新答卷", "巴南区政协", 2022), ("奋楫扬帆新时代 同心奋进新征程", "梁平区政协", 2023)]
    by_value = {r.value: (r.body, r.year) for r in records}
    assert by_value[312] == ("巴南区政协", 2022)
    assert by_value[265] == ("梁平区政协", 2023)


@pytest.mark.parametrize("text, body", [
    pytest.param("一年来，区政协在中共北碚区委坚强领导下，全年共征集提案313件。", "北碚区政协", id="党委"),
    pytest.param("中国人民政治协商会议 重庆市委员会常务委员会工作报告\n\n全年共收到提案1551件。",
                 "重庆市政协", id="全称"),
    pytest.param("沙坪坝区政协与四川省广安市政协开展联合调研。沙坪坝区政协全年共收到政协提案536件。",
                 "沙坪坝区政协", id="第三方不算"),
    pytest.param("区政协全年共收到提案100件。", None, id="未说明"),
])
def test_body_from_text(text, body):
    (article,) = find_articles(clean(raw(text)))
    assert article.body == body


def test_year_of_a_titled_review():
    text = "绵阳市政协2024年社情民意信息工作总结\n\n市政协办公室 2025年1月8日\n\n2025年，全年共收集社情民意信息1268条。"
    (article,) = find_articles(clean(raw(text)))
    assert article.year == 2024


def test_year_of_the_review_not_of_the_plan():
    text = ("2023年工作回顾\n\n一年来，全年共征集提案313件、立案280件。\n\n"
            "2024年主要任务\n\n坚持党的领导。\n\n区政协常委会关于提案工作情况的报告\n\n一年来，提出提案313件。")
    (article,) = find_articles(clean(raw(text)))
    assert article.year == 2023


def test_targets_and_their_year():
    text = ("——沙坪坝区政协2024年履职工作回眸\n\n全年共收到政协提案536件，满意率达98%。\n\n"
            "(四)统筹推进改革创新。我们要着力提升提案质量与办理质量，双向评价满意率达到92%以上。")
    _, _, records = records_of(text)
    statuses = {(r.value, r.status, r.year) for r in records}
    assert statuses == {(536, "actual", 2024), (98, "actual", 2024), (92, "target", 2025)}


def test_plan_heading_states_the_year():
    text = ("——北碚区政协2023年工作回顾\n\n全年共征集提案313件。\n\n2024年主要任务\n\n"
            "开展14项重点课题调研，组织23项重点协商活动。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {
        (313, "actual", 2023), (14, "target", 2024), (23, "target", 2024)}


def test_a_fact_told_twice_is_one_record():
    text = ("——重庆市涪陵区政协2023年工作回眸\n\n开展重点协商和小微协商91场次，编报社情民意信息430余篇。\n\n"
            "一年来，该区政协开展重点协商和小微协商91场次，参与政协委员和群众1432人次。")
    _, _, records = records_of(text)
    assert sorted((r.metric, r.value) for r in records) == [
        ("consultations", 91), ("participants", 1432), ("sqmy_submitted", 430)]


def test_same_value_different_scope_is_kept():
    text = "整理报送社情民意信息314条，被全国政协采用30条、市政协采用30条。"
    _, _, records = records_of(text)
    assert sorted(r.scope or "" for r in records if r.metric == "sqmy_adopted") == ["全国政协", "市政协"]


def test_evidence_is_the_text_at_the_offsets():
    doc, _, records = records_of(TWO_ARTICLES)
    for r in records:
        assert r.evidence in doc.text
        start = doc.text.index(r.evidence)
        assert start <= r.char_start < r.char_end <= start + len(r.evidence)


def test_long_sentences_give_short_evidence():
    text = "，".join(["围绕中心工作开展协商议政"] * 20) + "，全年共收到提案536件，" + "，".join(["持续推进"] * 20) + "。"
    start = text.index("536")
    left, right = evidence_bounds(text, start, start + 4)
    assert right - left < 60 and "收到提案536件" in text[left:right]


def test_another_body_as_subject_owns_its_figure():
    text = ("——蓬溪县政协2023年履职工作综述\n\n县政协与重庆市潼南区政协联合开展视察2次，"
            "潼南区政协提出的“共建琼江生态廊道”等5条建议被纳入两地合作协议。\n\n"
            "嘉善县政协在联动中介绍了经验，该县政协已建成委员会客厅32个。全年新建委员工作室9个。\n\n"
            "麻城市政协副主席介绍，今年以来，麻城市政协组织委员视察6次，报送社情民意信息48条。")
    _, _, records = records_of(text)
    assert {(r.value, r.body) for r in records} == {
        (2, "蓬溪县政协"), (5, "潼南区政协"), (32, "嘉善县政协"), (9, "蓬溪县政协"),
        (6, "麻城市政协"), (48, "麻城市政协")}


@pytest.mark.parametrize("subtitle, body, year", [
    pytest.param("政协广州市番禺区委员会常务委员会工作报告\n\n——2023年1月9日在政协广州市番禺区第十五届委员会第二次会议上",
                 "番禺区政协", 2022, id="会议报告"),
    pytest.param("政协浙江省委员会常务委员会工作报告（摘登）\n\n——2022年1月17日在政协浙江省第十二届委员会第五次会议上",
                 "浙江省政协", 2021, id="省级"),
    pytest.param("政协内蒙古自治区第十三届委员会常务委员会工作报告（摘要）\n\n——2024年1月23日在政协内蒙古自治区第十三届委员会第二次会议上",
                 "内蒙古自治区政协", 2023, id="自治区"),
    pytest.param("政协昆明市五华区委员会常务委员会工作报告（摘要）\n\n——2024年1月在政协昆明市五华区第十届委员会第三次会议上",
                 "五华区政协", 2023, id="日期无日"),
])
def test_delivered_report_reviews_the_year_before(subtitle, body, year):
    (article,) = find_articles(clean(raw(subtitle + "\n\n一年来，共收到提案300件。")))
    assert (article.body, article.year) == (body, year)


def test_plan_section_headed_with_a_list_index():
    text = ("——2023年1月10日在政协寿光市第十一届委员会第二次会议上\n\n一、2022年工作回顾\n\n全年共收到提案392件。\n\n"
            "二、2023年工作建议\n\n力争提案办理满意率达到95%以上。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {(392, "actual", 2022), (95, "target", 2023)}


def test_a_year_written_against_the_number_dates_that_figure():
    text = ("——2023年重庆市北碚区政协履职工作综述\n\n"
            "全年共收到提案313件，收到提案数由2018年的265件增至313件。")
    _, _, records = records_of(text)
    assert {(r.value, r.year) for r in records if r.metric == "proposals_received"} == {(313, 2023), (265, 2018)}


def test_a_quoted_figure_is_the_speakers_body():
    text = ("——2024年浏阳市政协履职工作综述\n\n浏阳市政协全年开展专题调研12次。"
            "“今年我们开展专题调研6次。”上栗县政协主席张卫东介绍，这些成果将与浏阳方面共享。")
    _, _, records = records_of(text)
    assert {(r.value, r.body) for r in records if r.metric == "surveys"} == {(12, "浏阳市政协"), (6, "上栗县政协")}


def test_an_autonomous_prefecture_keeps_its_full_name():
    text = ("政协延边朝鲜族自治州第十五届委员会常务委员会工作报告\n\n"
            "——2025年1月8日在政协延边朝鲜族自治州第十五届委员会第四次会议上\n\n"
            "一年来，在中共延边州委坚强领导下，共收到提案300件。")
    (article,) = find_articles(clean(raw(text)))
    assert (article.body, article.year) == ("延边朝鲜族自治州政协", 2024)


def test_a_plan_document_with_a_look_back():
    text = ("政协天水市委员会2025年工作要点\n\n"
            "2024年，市政协全年收到提案386件，立案341件。\n\n"
            "一、提高提案质量\n\n1．力争立案率达到90%以上，全年召开党组会议不少于12次。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {
        (386, "actual", 2024), (341, "actual", 2024), (90, "target", 2025), (12, "target", 2025)}


def test_news_that_a_plan_was_settled_makes_its_items_targets():
    text = ("本报讯 3月2日，经县委研究同意，确定2023年度县政协协商工作计划。\n\n"
            "召开2场专题协商会。围绕乡村振兴开展协商。\n\n组织4次重点视察。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {(2, "target", 2023), (4, "target", 2023)}


def test_a_news_item_is_dated_by_its_dateline():
    text = ("委员工作室里“议”出民生新变化\n\n——桦南县政协推进委员工作室建设见闻\n\n"
            "发布时间：2025-06-20　来源：佳木斯日报\n\n"
            "今年以来，县政协已建成委员工作室12个。记者了解到，毗邻的桦川县政协今年已建成委员工作室8个。")
    _, _, records = records_of(text)
    assert {(r.value, r.body, r.year) for r in records} == {(12, "桦南县政协", 2025), (8, "桦川县政协", 2025)}


def test_a_plan_for_the_rest_of_this_year():
    text = ("——2025年桦南县政协履职综述\n\n今年以来，县政协已建成委员工作室12个。"
            "\n\n下一步，县政协计划年内再建设委员工作室5个。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {(12, "actual", 2025), (5, "target", 2025)}


def test_each_item_of_a_news_list_is_an_article():
    text = ("政协厦门市委员会 首页 > 新闻中心\n\n市政协召开2024年度提案工作总结会\n\n"
            "发布时间：2025-01-16 来源：市政协提案委员会\n\n会议通报，全年共收到提案612件。\n\n"
            "思明区政协议事活动一季度开展18场\n\n发布时间：2025-04-09 来源：思明区政协\n\n"
            "今年以来，区政协已建成委员工作室9个。")
    _, _, records = records_of(text)
    # The second headline states a figure of its own (18场), dated by that item's dateline.
    assert {(r.value, r.body, r.year) for r in records} == {(612, "厦门市政协", 2024), (18, "思明区政协", 2025),
                                                            (9, "思明区政协", 2025)}


@pytest.mark.parametrize("text, body", [
    pytest.param("本报讯 区政协全年开展协商20次，为奉化区建设贡献力量。", "奉化区政协", id="区政协与其区"),
    pytest.param("中国宁波网讯 市政协召开常委会议，全年收到提案591件。", "宁波市政协", id="网讯中的市"),
    pytest.param("自治区政协全年收到提案800件，广西各界委员积极建言。", "广西壮族自治区政协", id="自治区"),
    pytest.param("海北州政协全年收到提案120件。", "海北藏族自治州政协", id="自治州全称"),
    pytest.param("全国政协十四届二次会议以来，委员提交提案5000余件。", "全国政协", id="全国政协届次"),
    pytest.param("据了解，达县政协收到提案165条，达县各界参与。", "达县政协", id="更名前的县"),
    pytest.param("峨边县政协全年收到提案60件，峨边县各界参与。", "峨边彝族自治县政协", id="自治县的简称"),
    pytest.param("区政协全年开展协商20次，为奉化区、鄞州区建设贡献力量。", None, id="两个候选"),
    pytest.param("区政协全年开展协商20次，建设健康美丽新城区。", None, id="普通词不是地名"),
    pytest.param("围绕成都城市规划召开座谈会12次。与重庆市、贵州省政协共同建立协作机制。成都各界参与。",
                 "成都市政协", id="合作方不算而文中的地方算"),
    pytest.param("围绕城市规划召开座谈会12次。与重庆市政协共同建立协作机制。", None, id="只有合作方"),
    pytest.param("3月9日，政协某某湖市第三届委员会第二次会议举行提案审查。会上通报，收到提案64件。",
                 "某某湖市政协", id="地名表以外的市的全称"),
    pytest.param("上半年，市政协和区县政协收到提案300件。《中共大连市委关于加强政协工作的意见》。",
                 "大连市政协", id="区县政协是多个政协"),
    pytest.param("市委、澳门某娱乐场链接。市政协全年收到提案300件。", None, id="提到一次的地名"),
    pytest.param("年度回眸\n\n省政协文史委开展调研8次。省政协农业委报送信息27篇。省政协与宝鸡市政协交流研讨。"
                 "为谱写陕西新篇章贡献力量。", "陕西省政协", id="通篇省政协而市政协只是交流对象"),
])
def test_body_read_from_the_whole_document(text, body):
    (article,) = find_articles(clean(raw(text)))
    assert article.body == body


@pytest.mark.parametrize("text, year, period", [
    pytest.param("——2023年1月13日在政协某省第十三届委员会第一次会议上\n\n五年来，共收到提案4386件。",
                 None, (None, None), id="五年来"),
    pytest.param("——2023年1月13日在会议上\n\n2018年~2022年，共收到提案4386件。", None, (2018, 2022), id="年份区间"),
    pytest.param("——2023年1月13日在会议上\n\n一年来，共收到提案438件。", 2022, (2022, 2022), id="一年来"),
    pytest.param("——2023年1月13日在会议上\n\n一、过去五年工作回顾\n\n共收到提案4386件。\n\n2020年，收到提案878件。",
                 None, (None, None), id="回顾五年的一节"),
    pytest.param("截至2019年2月20日，十三届一次会议以来共收到提案536件。", 2018, (2018, 2018), id="截至次年初"),
    pytest.param("十届政协期间，委员提出提案2890件。截至2013年2月20日，提案已办复2858件。", None, (None, None),
                 id="截至某日延续上一句的届期"),
    pytest.param("某村自2017年以来，协助县政协收集提案线索，委员提出提案45件。", None, (None, None),
                 id="某年以来而文中无日期"),
    pytest.param("本届自1983年5月到1988年3月，共召开常委会议21次。", None, (1983, 1988),
                 id="年月到年月的届期"),
    pytest.param("发布时间:2017-01-05\n——在政协某县第九届委员会第一次会议上\n\n各位委员：\n\n县政协共收到提案640件。",
                 None, (None, None), id="换届大会上的报告回顾整届"),
    pytest.param("本报讯（通讯员 某某） 3年来，某县政协扎实履职。\n\n共收到提案410件，经审查立案388件。", None, (None, None),
                 id="导语以几年来开篇"),
    pytest.param("某社某地2月3日电(记者 某某)某市委员们这五年来都提了啥？\n\n教育方面的提案412件。", None, (None, None),
                 id="电头导语里的五年来"),
    pytest.param("发布时间：2026-01-20\n\n某州政协副主席某某表示，五年来，州政协坚持履职尽责。共组织视察21次。", None,
                 (None, None), id="某某表示之后的五年来"),
    pytest.param("某网某市1月5日电 某市政协十届二次会议开幕。\n报告指出，2024年来，市政协扎实履职。共收到提案380件。",
                 2024, (2024, 2024), id="某年来是那一年"),
    pytest.param("某区政协网\n发布:2019-03-08 来源:\n区政协今年收到大会提案230件。", 2019, (2019, 2019),
                 id="发布冒号后的日期"),
    pytest.param("某某网讯(记者 某某)1月20日，在某省政协发布会上，某市政协副主席某某介绍，“十四五”以来，市政协扎实履职。"
                 "\n\n围绕产业发展开展调研120次。", None, (None, None), id="导语里发言人说十四五以来"),
])
def test_year_and_period(text, year, period):
    _, _, records = records_of(text)
    first = min(records, key=lambda r: r.char_start)
    assert (first.year, (first.period_start, first.period_end)) == (year, period)


def test_a_sentence_that_opens_with_its_year_dates_its_figure_in_a_five_year_section():
    text = "——2023年1月13日在会议上\n\n一、过去五年工作回顾\n\n共收到提案4386件。2020年，收到提案878件。"
    _, _, records = records_of(text)
    assert {(r.value, r.year) for r in records} == {(4386, None), (878, 2020)}


def test_a_plan_cue_in_another_line_of_a_page_does_not_make_a_target():
    text = "发布时间：2020-06-09\n全年共收到社情民意信息2502篇。\n相关新闻：某地力争建成百个站点"
    _, _, records = records_of(text)
    assert [(r.value, r.status) for r in records if r.metric == "sqmy_collected"] == [(2502, "actual")]


def test_a_bare_city_body_as_a_clause_subject_in_a_district_page():
    text = ("中原区政协召开全会，区政协全年开展协商20次。据悉，市政协十三届二次会议共收到提案951件，"
            "郑州各界委员积极参与。")
    _, _, records = records_of(text)
    assert {(r.value, r.body) for r in records if r.metric == "proposals_received"} == {(951, "郑州市政协")}


def test_a_heading_of_its_own_that_reviews_years_makes_its_section_multi_year():
    text = ("某县政协常务委员会工作报告（摘要）\n\n2024年01月10日\n\n过去五年工作回顾\n\n"
            "五年来，共收到提案1200件，组织视察56次。")
    _, _, records = records_of(text)
    assert {(r.value, r.year) for r in records} == {(1200, None), (56, None)}


def test_a_term_named_by_its_number_is_multi_year():
    text = "十三届全国政协以来，共收到提案2.9万余件，立案约2.4万件。"
    _, _, records = records_of(text)
    assert {(r.body, r.year) for r in records} == {("全国政协", None)}


@pytest.mark.parametrize("text, body", [
    pytest.param("宁海新闻网讯 县政协全年收到提案120件。", "宁海县政协", id="报道机构里的县名"),
    pytest.param("全国政协深入协商，开展视察调研活动413次。", "全国政协", id="只提到全国政协"),
    pytest.param("区政协全年报送社情民意信息30条，被全国政协采用2条。", None, id="全国政协作为采用方"),
    pytest.param("在省政协的指导下，市政协围绕泸州发展履职，全年收到提案300件。", "泸州市政协",
                 id="指导它的上级政协不是本页的"),
    pytest.param("区政协报送信息80条，向市政协报送30条。为江宁区发展建言。", "江宁区政协", id="向上级报送"),
    pytest.param("市政协全年收到提案300件。（绵阳日报记者 某某）\n\n相关新闻：苏州举办灯会",
                 "绵阳市政协", id="记者署名的城市胜过页尾别的城市"),
])
def test_body_from_outlet_or_the_only_body(text, body):
    (article,) = find_articles(clean(raw(text)))
    assert article.body == body


@pytest.mark.parametrize("text, years", [
    pytest.param("——2012年1月5日在会议上\n\n过去五年，共收到提案781件。2011年，提案共立案142件。提案人表示满意的124件。",
                 {781: None, 142: 2011, 124: 2011}, id="句首年份管到行内其后"),
    pytest.param("发布时间：2023-03-01\n2022年，市政协落实《行动计划(2022-2025年)》，提出建议39条。", {39: 2022},
                 id="书名里的年份区间"),
    pytest.param("——2023年1月13日在会议上\n\n五年共收到提案4348件。", {4348: None}, id="五年共"),
    pytest.param("返回首页\n2026年01月22日 星期四  热线:12345\n过去一年，省政协共收到提案612件。", {612: 2025},
                 id="报纸日期行后接热线"),
    pytest.param("1月20日，政协某省第九届委员会第三次会议开幕，拉开2021年某省“两会”帷幕。过去一年，共收到提案520件。",
                 {520: 2020}, id="只有日子的大会开幕与两会年份"),
    pytest.param("昨天(1月9日)上午，某区政协第五届委员会第二次会议开幕。过去一年，区政协立案提案233件。"
                 "\n2023年，区政协开展视察12次。", {233: 2023, 12: 2023}, id="只有日子的大会开幕不借回顾年份"),
    pytest.param("发布时间：2016-01-20\n据悉，本次政协会议共收到各类提案420份。", {420: 2016}, id="本次政协会议按份"),
    pytest.param("某某晚报 （2022年04月09日 第03版）\n\n一年里召开协商活动37次，办成一些实事。\n\n"
                 "委员们踊跃参与，口碑不错。\n\n2021年，县政协围绕中心工作，收到提案213件。",
                 {37: 2021, 213: 2021}, id="导语之后的段首年份"),
    pytest.param("来源：某某晨报 2021-01-20 09:40\n记者19日从某市政协第九届三次会议获悉，会议期间，共收到提案228件。",
                 {228: 2021}, id="一月的大会期间收到的提案"),
    pytest.param("发稿:2019-02-26 来源:某某报\n政协某县第八届委员会第三次会议闭幕。会议期间，共收到提案137件。",
                 {137: 2019}, id="发稿日期"),
    pytest.param("http://www.example.com.cn 2017-02-14 10:15 某某网\n截至2月13日17时，大会提案组共收到提案97件。",
                 {97: 2017}, id="网址后的日期"),
    pytest.param("时间:2018-01-04\n政协某县九届二次会议将于1月8日开幕。会议期间将审议常委会工作报告。"
                 "一年来，全年共收到社情民意信息318篇。", {318: 2017}, id="会议期间将是预告"),
    pytest.param("首页>专题>2019某县两会\n某网某地1月10日电 记者从9日召开的某县政协九届三次会议上了解到，"
                 "一年来，委员共提交提案142件。", {142: 2018}, id="通讯社电头的日子与两会年份"),
    pytest.param("首页>专题>2023年地方政协全会扫描\n某网某地1月9日电 某区政协第五届委员会第二次会议今日开幕。"
                 "过去一年，共收到提案210件。", {210: 2022}, id="全会专题的年份"),
    pytest.param("编辑:办公室    发布日期:2020-03-02\n\n县政协十届三次会议期间收到的75件提案。", {75: 2020},
                 id="编辑行里的发布日期"),
])
def test_years_on_real_page_shapes(text, years):
    _, _, records = records_of(text)
    assert {r.value: r.year for r in records} == years


def test_a_session_report_in_february_is_of_that_year():
    text = "发布时间:2018-02-09\n据了解，本次大会提案组共收到提案338件。"
    _, _, records = records_of(text)
    assert [(r.value, r.year) for r in records] == [(338, 2018)]


@pytest.mark.parametrize("text, status", [
    pytest.param("2021年，全县各级政协组织帮助争取项目35项，培训委员120人次。", "actual", id="帮助争取是做了的事"),
    pytest.param("明年，县政协争取培训委员120人次。", "target", id="争取是计划"),
])
def test_help_in_getting_is_no_plan(text, status):
    _, _, records = records_of(text)
    assert [(r.value, r.status) for r in records if r.metric == "trainings"] == [(120, status)]


@pytest.mark.parametrize("text, body", [
    pytest.param("区政协全年收到提案203件，助力人文松江建设。", "松江区政协", id="人文某地"),
    pytest.param("区政协全年收到提案209件，助力大运河文化带建设。", None, id="大运河不是运河区"),
])
def test_a_county_named_by_its_stem_in_a_slogan(text, body):
    (article,) = find_articles(clean(raw(text)))
    assert article.body == body


def test_an_intention_is_a_target():
    text = "今年，市政协要建立100个委员工作站，组织委员下沉履职。"
    _, _, records = records_of(text)
    assert [(r.value, r.status) for r in records if r.metric == "platforms"] == [(100, "target")]


@pytest.mark.parametrize("text, body", [
    pytest.param("您现在的位置: 丹阳政协->工作动态\n市政协召开信息工作会议\n时间:2015/7/8\n\n"
                 "4月28日，市政协召开会议。\n\n上海市政协委员应邀作辅导。全年收到提案220件。", "丹阳市政协",
                 id="站名里的县级市简称"),
    pytest.param("您现在的位置: 朝阳政协->工作动态\n区政协召开信息工作会议\n时间:2015/7/8\n\n"
                 "全年收到提案220件。", None, id="简称有两个候选"),
])
def test_a_site_name_that_shortens_the_body(text, body):
    (article,) = find_articles(clean(raw(text)))
    assert article.body == body


def test_a_sentence_that_opens_with_last_year_is_of_the_year_before_the_dateline():
    _, _, records = records_of("时间:2016/5/9\n\n市政协召开信息工作会议。去年，市政协有12篇社情民意信息被省政协采用。今年收到提案150件。")
    assert {(r.value, r.year) for r in records} == {(12, 2015), (150, 2016)}


def test_a_bare_city_body_is_the_city_its_paragraph_names():
    text = ("3月5日，开封市政协召开提案交办会。据悉，市政协十届三次会议共收到提案640件。\n\n"
            "4月9日，开封市禹王台区政协召开协商座谈会，区政协委员赴洛阳市考察。区政协全年开展协商12次。")
    _, _, records = records_of(text)
    assert {(r.value, r.body) for r in records if r.metric == "proposals_received"} == {(640, "开封市政协")}


@pytest.mark.parametrize("text, year", [
    pytest.param("区政协加强提案工作\n2010-01-13 08:56:25\n\n截至1月7日，区政协七届四次会议共收到提案105件。",
                 2010, id="会议共收到提案"),
    pytest.param("关于政协十四届四次会议提案审查情况的报告\n\n截至2026年3月5日，共收到提案5865件。", 2026, id="提案审查情况"),
    pytest.param("关于政协工作的报告\n\n截至2026年3月5日，一年来共收到提案5865件。", 2025, id="年初截至仍是上一年"),
    pytest.param("2月5日讯 会议共收到提案365件。\n\n【专题】聚焦2018某市两会", 2018, id="不带年字的年份"),
    pytest.param("全年收到提案300件。\n\nCopyright©2006-2019 某某网", None, id="版权年份不算"),
    pytest.param("发布时间：2020-01-17\n\n截至1月15日10时，共收到提案600件。", 2020, id="截至钟点"),
    pytest.param("发布时间：2020-01-17\n\n截至1月15日下午4时，共收到提案600件。", 2020, id="截至下午钟点"),
    pytest.param("发布时间：2020-01-17\n\n大会提案组共收到提案600件。", 2020, id="大会提案组"),
])
def test_a_session_being_held_is_of_its_own_year(text, year):
    _, _, records = records_of(text)
    assert {r.year for r in records if r.metric == "proposals_received"} == {year}


@pytest.mark.parametrize("text, year", [
    pytest.param("某某日报· 2026-01-26 09:35\n\n省政协八届三次会议以来，审查立案提案678件。", 2025, id="报名后的日期"),
    pytest.param("2022年01月27日 20:06 来源：某某网\n\n1月27日，市政协召开会议。一年来，审查立案提案678件。", 2021,
                 id="带时刻的日期行"),
    pytest.param("3月3日讯 发言人表示，2020年，全国政协立案提案5000余件。", 2020, id="分句开头的年份"),
    pytest.param("找回密码\n\n发表于 2012-1-9 10:20:31\n\n本次会议期间，共收到提案140件。", 2012, id="论坛帖子"),
    pytest.param("当前位置:首页 > 新闻 > 正文\n\n某县两会收到提案88件\n\n2021-01-12 09:30:00 某网\n\n"
                 "某网讯，会议共收到提案88件。", 2021, id="页面位置后的日期行"),
    pytest.param("标题\n\n\n\n某信息网   时间:2021-08-09\n\n\n\n截至目前，省政协立案510件。", 2021, id="孤立的日期行"),
    pytest.param("某市去年共立案300件提案\n\n05.02.2013  09:10\n\n昨日，市政协会议开幕。全年共立案提案300件。", 2012,
                 id="日在月前的日期行"),
    pytest.param("某市政协会议综述\n\n2019/12/30 16:16\n\n全年共立案提案300件。", 2019, id="斜线日期行"),
])
def test_more_ways_a_page_states_its_year(text, year):
    _, _, records = records_of(text)
    assert {r.year for r in records} == {year}


def test_bodies_below_the_page_are_not_its_body():
    text = ("省政协全年举办重要协商活动23场次，指导11个市政协完成平台建设，各县政协开通账号。"
            "为山西高质量发展贡献力量。")
    (article,) = find_articles(clean(raw(text)))
    assert article.body == "山西省政协"


def test_a_scorecard_heading_states_the_year_reviewed():
    _, _, records = records_of("2024年1月23日 召开\n\n2023年省政协的“成绩单”，亮点纷呈。\n\n全年举办重要协商活动23场次。")
    assert {r.year for r in records} == {2023}


@pytest.mark.parametrize("dateline, year", [
    pytest.param("发布时间：2025-01-16", 2024, id="一月"),
    pytest.param("发布时间：2025-02-14", 2024, id="二月"),
    pytest.param("发布时间：2025-03-02", 2025, id="三月"),
    pytest.param("发布日期：2025年2月8日", 2024, id="二月的中文日期"),
    pytest.param("2025-02-21", 2024, id="页面日期二月"),
    pytest.param("2025-09-21", 2025, id="页面日期九月"),
    pytest.param("截至2025年3月底，", 2024, id="截至三月"),
    pytest.param("截至2025年4月，", 2025, id="截至四月"),
    pytest.param("截至2025年底，", 2025, id="截至年底"),
])
def test_a_date_early_in_a_year_looks_back_on_the_year_before(dateline, year):
    text = f"{dateline}\n全年共收到提案612件，审查立案580件。"
    _, _, records = records_of(text)
    assert {(r.value, r.year) for r in records} == {(612, year), (580, year)}


# --- whose figure a quotation gives ---------------------------------------------------------------

HEAD = "——2024年浏阳市政协履职工作综述\n\n浏阳市政协全年开展专题调研12次。\n\n"


@pytest.mark.parametrize("text, body", [
    pytest.param("“今年我们开展专题调研6次。”上栗县政协主席介绍。", "上栗县政协", id="段首引号"),
    pytest.param("“口号一”深入人心。“今年我们开展专题调研6次。”上栗县政协主席介绍。", "上栗县政协", id="前面已有一对引号"),
    pytest.param("“今年我们开展专题调研6次。”上栗县政协主席介绍，“成果将共享”。", "上栗县政协", id="后面还有引号"),
    pytest.param("口号是“协商于民”，今年开展专题调研6次。”上栗县政协主席介绍。", "浏阳市政协", id="引号在数字前已闭合"),
    pytest.param("这一年的口号是“协商于民\n\n今年开展专题调研6次。”上栗县政协主席介绍。", "浏阳市政协", id="引号在上一段"),
    pytest.param("“今年我们开展专题调研6次。\n\n”上栗县政协主席介绍。\n\n会后，与会人员参观了展览。", "浏阳市政协",
                 id="引号在下一段闭合"),
    pytest.param("“今年我们开展专题调研6次。”上栗县政协主席介绍。\n\n会后，与会人员参观了展览。", "上栗县政协", id="后面还有一段"),
])
def test_a_quotation_is_the_speakers_figure_only_inside_its_paragraph(text, body):
    _, _, records = records_of(HEAD + text)
    assert {(r.value, r.body) for r in records if r.metric == "surveys"} == {(12, "浏阳市政协"), (6, body)}


def test_a_quotation_at_the_start_of_the_text():
    # The subtitle further down names the body of the whole page.
    _, _, records = records_of("“今年我们开展专题调研6次。”上栗县政协主席张卫东介绍。\n\n——2024年浏阳市政协履职工作综述")
    assert [(r.value, r.body) for r in records] == [(6, "上栗县政协")]


# --- evidence ---------------------------------------------------------------------------------------

def test_evidence_is_the_sentence_without_the_white_space_around_it():
    text = "第一句，说明情况。  区政协收到提案536件，立案284件  \n下一行"
    start = text.index("284件")
    left, right = evidence_bounds(text, start, start + 4)
    assert text[left:right] == "区政协收到提案536件，立案284件"
    start = text.index("536件")
    assert text[slice(*evidence_bounds(text, start, start + 4))] == "区政协收到提案536件，立案284件"


def test_evidence_skips_one_space_too():
    text = "第一句，说明情况。 区政协收到提案536件，立案284件 \n下一行"
    start = text.index("284件")
    assert text[slice(*evidence_bounds(text, start, start + 4))] == "区政协收到提案536件，立案284件"


def test_a_long_sentence_cut_at_its_first_or_last_clause():
    long = "收到提案536件，" + "区政协围绕中心工作开展专题调研，" * 10 + "立案284件"
    text = "第一句，说明。" + long
    start = text.index("536件")
    assert text[slice(*evidence_bounds(text, start, start + 4))] == "收到提案536件，"
    start = text.index("284件")
    assert text[slice(*evidence_bounds(text, start, start + 4))] == "区政协围绕中心工作开展专题调研，立案284件"


def test_evidence_of_the_last_sentence_runs_to_the_end():
    text = "区政协收到提案536件，立案284件"
    assert evidence_bounds(text, text.index("536"), text.index("536") + 4) == (0, len(text))


def test_a_short_sentence_late_in_a_long_text_is_whole():
    text = "前文说明情况。" * 30 + "一年来，区政协收到提案536件，立案284件。"
    start = text.index("284件")
    assert text[slice(*evidence_bounds(text, start, start + 4))] == "一年来，区政协收到提案536件，立案284件。"


LONG_SENTENCE = "一年来，" + "区政协围绕中心工作开展专题调研，" * 10 + "形成调研报告32篇，收到提案536件，立案284件，其余在办。"


def test_a_long_sentence_gives_the_clause_of_the_number_and_the_one_before():
    start = LONG_SENTENCE.index("536件")
    assert LONG_SENTENCE[slice(*evidence_bounds(LONG_SENTENCE, start, start + 4))] == "形成调研报告32篇，收到提案536件，"


def test_a_sentence_of_the_longest_evidence_is_whole():
    from zxextract.attribute import EVIDENCE_MAX_CHARS
    tail = "收到提案536件，立案284件。"
    text = "一年来，" + "调" * (EVIDENCE_MAX_CHARS - len(tail) - 4) + "，" + tail
    text = text[:EVIDENCE_MAX_CHARS - len(tail)] + tail
    assert len(text) == EVIDENCE_MAX_CHARS
    start = text.index("536件")
    assert evidence_bounds(text, start, start + 4) == (0, EVIDENCE_MAX_CHARS)
    longer = "长" + text
    start = longer.index("536件")
    assert longer[slice(*evidence_bounds(longer, start, start + 4))] != longer


# --- a breakdown shares its total's years -----------------------------------------------------------

def test_a_breakdown_sentence_shares_the_years_of_its_total():
    text = "——2022年某县政协工作报告\n\n2022年，开展视察8次。五年来，共收到提案1200件。其中，委员提案1100件。2022年，立案280件。"
    _, _, records = records_of(text)
    assert {(r.value, r.year) for r in records if r.metric in ("proposals_received", "proposals_by_kind",
                                                                "proposals_accepted")} == \
        {(1200, None), (1100, None), (280, 2022)}


# --- plans ------------------------------------------------------------------------------------------

def test_a_plan_document_and_its_look_backs():
    text = ("某县政协2025年工作要点\n\n组织委员开展视察10次。\n\n2024年，区政协开展视察8次。\n\n"
            "一年来，区政协开展调研7次。\n\n2025年，组织委员开展调研12次，形成调研报告5篇。\n\n组织委员开展视察9次。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {
        (10, "target", 2025), (8, "actual", 2024), (7, "actual", 2024), (12, "target", 2025), (5, "target", 2025),
        (9, "target", 2025)}


def test_a_plan_heading_with_its_year_and_the_section_after_it():
    text = ("一、2023年工作回顾\n\n2023年，区政协开展视察8次。\n\n二、2025年工作安排\n\n组织委员开展视察10次，"
            "形成调研报告5篇。\n\n三、2024年提案工作情况\n\n区政协开展调研7次。")
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {
        (8, "actual", 2023), (10, "target", 2025), (5, "target", 2025), (7, "actual", 2023)}


def test_a_plan_heading_without_a_year_is_of_the_year_after():
    text = "——2024年某县政协工作报告\n\n一年来，区政协开展视察8次。\n\n二、工作打算\n\n组织委员开展视察10次。"
    _, _, records = records_of(text)
    assert {(r.value, r.status, r.year) for r in records} == {(8, "actual", 2024), (10, "target", 2025)}


# --- plans said in the line or the sentence ------------------------------------------------------

def test_a_sentence_that_looks_back_is_no_plan_whatever_its_line_said_before():
    text = "——2024年某县政协工作报告\n\n区政协将开展主题教育与履职相融合。一年来，区政协开展集中学习12次。"
    _, _, records = records_of(text)
    assert [(r.value, r.status, r.year) for r in records] == [(12, "actual", 2024)]


def test_a_plan_cue_in_an_earlier_line_does_not_make_a_target():
    text = "发布时间：2020-06-09\n相关新闻：某地力争建成百个站点\n全年共收到社情民意信息2502篇。"
    _, _, records = records_of(text)
    assert [(r.value, r.status) for r in records] == [(2502, "actual")]


@pytest.mark.parametrize("text, year", [
    pytest.param("今年，区政协开展视察8次。下一步，区政协将组织视察5次。今年的工作已经完成。", 2025, id="今年在别的句子"),
    pytest.param("一年来，区政协开展视察8次。年内，区政协将组织视察5次。", 2024, id="年内在同一句"),
])
def test_a_plan_is_for_this_year_only_when_its_sentence_says_so(text, year):
    _, _, records = records_of("——2024年某县政协工作报告\n\n" + text)
    assert [(r.value, r.year) for r in records if r.status == "target"] == [(5, year)]


@pytest.mark.parametrize("text, targets", [
    pytest.param("发布时间：2021-02-03\n近日，某县政协印发《2021年工作要点》，全年开展重点协商6项。",
                 {(6, 2021)}, id="印发工作要点"),
    pytest.param("——2020年某县政协工作报告\n\n一年来，区政协开展视察8次。\n2021年区政协将紧扣中心工作，召开4场专题协商。",
                 {(4, 2021)}, id="某年政协将"),
    pytest.param("——2020年某县政协工作报告\n\n一年来，区政协开展视察8次。\n5项重点调研将围绕乡村振兴进行。",
                 {(5, 2021)}, id="数字之后的将"),
])
def test_a_plan_said_around_the_figure_and_the_year_it_names(text, targets):
    _, _, records = records_of(text)
    assert {(r.value, r.year) for r in records if r.status == "target"} == targets
    assert all(r.status == "actual" for r in records if r.value == 8)


@pytest.mark.parametrize("text, year", [
    pytest.param("2021-01-20\n本报讯 1月18日，市政协八届五次会议闭幕。据悉，2020年，市政协履职有力。全年共收到提案300件。",
                 2020, id="段中以年份开头的句子"),
    pytest.param("2021年01月20日09:30:12 来源：某某网\n市政协八届五次会议开幕。一年来，市政协共收到提案300件。",
                 2020, id="日期与时间相连"),
    pytest.param("主要工作\n日期：2021-11-30 10:12\n\n【提案工作】 2020年，市政协共收到提案300件。",
                 2020, id="上网日期之后的年份"),
    pytest.param("2021年1月18日，某市政协八届五次会议开幕。\n一年来，委员共提交提案300件。",
                 2020, id="没有日期行时以开幕日为准"),
])
def test_the_year_a_paragraph_or_its_page_date_gives(text, year):
    _, _, records = records_of(text)
    assert [(r.value, r.year) for r in records] == [(300, year)]


def test_proposals_counted_to_the_hour_on_a_dated_day_are_the_sessions():
    text = "——2026年某县政协工作报告\n\n截至2026年1月12日下午16时，大会共收到委员提案90件，立案80件。"
    _, _, records = records_of(text)
    assert {(r.metric, r.value, r.year) for r in records} == {
        ("proposals_received", 90, 2026), ("proposals_accepted", 80, 2026)}


# --- figures over more than one year --------------------------------------------------------------

@pytest.mark.parametrize("text, years", [
    pytest.param("2021年以来，共收到提案1200件。", {1200: (None, 2021, 2023)}, id="某年以来"),
    pytest.param("2023年以来，共收到提案1200件。", {1200: (2023, 2023, 2023)}, id="本年以来是一年"),
    pytest.param("五年来，共收到提案1200件。\n立案280件。", {1200: (None, None, None), 280: (2023, 2023, 2023)},
                 id="另一行的开头"),
    pytest.param("五年来，区政协砥砺前行。共收到提案1200件。", {1200: (None, None, None)}, id="段首的五年来"),
])
def test_years_a_figure_covers(text, years):
    _, _, records = records_of("——2023年某县政协工作报告\n\n" + text)
    assert {r.value: (r.year, r.period_start, r.period_end) for r in records} == years


# --- articles: where each begins and ends, and its title ---------------------------------------------

def test_articles_their_ranges_and_titles():
    text = TWO_ARTICLES + "\n\n——2024年重庆市江北区政协工作回眸\n\n全年共收到提案300件。"
    doc = clean(raw(text))
    second = doc.text.index("奋楫扬帆新时代")
    third = doc.text.index("——2024年重庆市江北区政协")
    assert [(a.start, a.end, a.title, a.body, a.year) for a in find_articles(doc)] == [
        (0, second, "书写履职新答卷", "巴南区政协", 2022),
        (second, third, "奋楫扬帆新时代 同心奋进新征程", "梁平区政协", 2023),
        (third, len(doc.text), None, "江北区政协", 2024)]


@pytest.mark.parametrize("text, title", [
    pytest.param("西宁市政协提案委员会2024年工作总结\n\n全年收到提案200件。", "西宁市政协提案委员会2024年工作总结", id="标题"),
    pytest.param("发布时间：2025-06-20 来源：某报\n\n西宁市政协全年收到提案200件。", "发布时间：2025-06-20 来源：某报", id="一条发布信息不是列表"),
])
def test_a_document_without_subtitles_is_one_article_titled_by_its_first_paragraph(text, title):
    doc = clean(raw(text))
    (article,) = find_articles(doc)
    assert (article.start, article.end, article.title, article.body) == (0, len(doc.text), title, "西宁市政协")


def test_a_subtitle_at_the_start_has_no_title():
    doc = clean(raw("——2024年西宁市政协工作回眸\n\n全年收到提案200件。\n\n结束语"))
    (article,) = find_articles(doc)
    assert (article.start, article.title, article.body, article.year) == (0, None, "西宁市政协", 2024)


@pytest.mark.parametrize("text, body", [
    pytest.param("记者走访了上栗县政协和芦溪县政协，该县政协已建成委员工作室6个。", "芦溪县政协", id="该县政协指最近的一个"),
    pytest.param("记者走访了上栗县政协。\n\n随后，该县政协已建成委员工作室6个。", "浏阳市政协", id="该县政协不跨段"),
    pytest.param("记者走访了浏阳市政协，该市政协已建成委员工作室6个。", "浏阳市政协", id="该市政协就是本文的"),
    pytest.param("上栗县政协组织委员视察，共建成委员工作室6个。", "上栗县政协", id="前一分句的主语"),
    pytest.param("上栗县政协6个委员工作室已建成。", "上栗县政协", id="主语紧挨数字"),
])
def test_the_body_a_clause_names(text, body):
    _, _, records = records_of("——2024年浏阳市政协履职工作综述\n\n浏阳市政协全年开展专题调研12次。\n\n" + text)
    assert [r.body for r in records if r.value == 6] == [body]


@pytest.mark.parametrize("text, years", [
    pytest.param("某省年鉴 2019年卷\n\n【概况】 全年共收到提案500件，立案450件。", {500: 2018, 450: 2018},
                 id="年鉴版次记前一年"),
    pytest.param("2月3日，县政协八届二次会议开幕。过去一年，共收到提案120件。2021年县政协工作的总体要求是团结奋进。",
                 {120: 2020}, id="会上说新一年的要求"),
    pytest.param("news.example.cn 2016-03-04 10:20 来源：新华网\n会议听取提案工作情况的报告。一年来，共提交提案4000件。",
                 {4000: 2015}, id="三月大会的一年来"),
    pytest.param("news.example.cn 2016-03-04 10:20 来源：新华网\n市政协开展调研，形成报告12篇。",
                 {12: 2016}, id="三月的一般新闻"),
    pytest.param("区政协2019年度信息工作总结\n发布时间：2020-01-03\n\n2020年工作计划\n\n一、信息工作基本情况\n\n"
                 "今年以来，区政协共收到社情民意信息300篇。", {300: 2019}, id="总结后附计划标题"),
])
def test_the_year_a_page_reviews(text, years):
    _, _, records = records_of(text)
    assert {r.value: r.year for r in records} == years
    assert all(r.status == "actual" for r in records)


@pytest.mark.parametrize("text, years", [
    pytest.param("某市年鉴2020\n\n市政协召开2018年度履职工作总结会。全年共收到提案300件。", {300: 2019},
                 id="年鉴版次胜过文中的年度总结"),
    pytest.param("2022年01月27日 20:06 来源：某网\n\n1月27日，市政协换届大会召开。过去五年，市政协共立案提案2000件。"
                 "\n\n据了解，在全部2000件提案中，委员提案1500件，委员满意率99%。", {2000: None, 1500: None, 99: None},
                 id="多年总数的分项"),
    pytest.param("关于五年来提案工作情况的报告\n——在政协某省第十三届委员会第一次会议上\n张某\n（2023年1月13日）\n\n"
                 "五年来，共收到提案5000件（十二届五次会议以来收到提案900件）。", {5000: None, 900: 2022},
                 id="括号里的一年"),
])
def test_periods_said_around_a_figure(text, years):
    _, _, records = records_of(text)
    assert {r.value: r.year for r in records} == years


@pytest.mark.parametrize("text, years", [
    pytest.param("【县政协二届三次会议】1986年3月召开。会议收到提案120件，立案98件。", {120: 1986, 98: 1986},
                 id="八十年代的大事记"),
    pytest.param("1991年工作报告\n\n一年来，县政协共收到提案80件。", {80: 1991}, id="九十年代的工作报告"),
])
def test_years_before_2000(text, years):
    _, _, records = records_of(text)
    assert {r.value: r.year for r in records} == years


@pytest.mark.parametrize("text, years", [
    pytest.param("某省十届政协立案3000件提案\n\n五年来，省十届政协共收到提案3400件，经审查立案3000件。"
                 "立案的提案中，委员提案2600件、党派提案400件。",
                 {3400: None, 3000: None, 2600: None, 400: None}, id="标题重复正文的多年总数"),
    pytest.param("三届县政协五年提交提案900件\n\n时间：2016-01-20 来源：某网\n\n报告称，共提交提案900件。\n\n"
                 "经审查，立案850件。三届四次会议提交提案170件。", {900: None, 850: None, 170: 2015},
                 id="标题说多年而一次会议是一年"),
    pytest.param("市政协界别委员4年提交提案60件\n\n某报讯 2012年6月3日，市政协召开座谈会。4年来共提交提案60件。",
                 {60: None}, id="标题里的阿拉伯数字年数"),
    pytest.param("某县政协大事记\n\n县政协第五届第一次会议于1999年元月8日上午召开。本次会议共收到提案90件，立案85件。"
                 "\n\n在过去的五年里，共收到提案460件。", {90: 1999, 85: 1999, 460: None}, id="本次会议之年与五年里"),
    pytest.param("发布时间：2020-01-17\n\n会议共收到委员提案600件。", {600: 2020}, id="会议收到委员提案"),
])
def test_years_read_from_titles_sessions_and_breakdowns(text, years):
    _, _, records = records_of(text)
    assert {r.value: r.year for r in records} == years


def test_a_headline_figure_told_again_in_the_text_is_one_record():
    _, _, records = records_of("某市政协立案300件提案\n\n五年来，市政协共收到提案350件，经审查立案300件。")
    assert sorted((r.metric, r.value, r.year) for r in records) == [
        ("proposals_accepted", 300, None), ("proposals_received", 350, None)]
    assert all("五年来" in r.evidence for r in records)


@pytest.mark.parametrize("text, body", [
    pytest.param("中国人民政治协商会议第十二届甘肃省委员会常务委员会工作报告\n\n一年来，获得领导批示15件次。",
                 "甘肃省政协", id="届次在省名前"),
    pytest.param("一年来，省政协报送信息，收到全国政协、省市政协来函9件，获领导批示20件次，服务甘肃发展。",
                 "甘肃省政协", id="省市政协是几级政协"),
    pytest.param("民盟绵阳市委会参加市政协会议。民盟绵阳市委会征集提案40件，提交市政协提案31件。"
                 "民盟绵阳市委会委员积极发言。记者 成都市报道", "绵阳市政协", id="多次提到的城市"),
])
def test_body_read_by_more_ways(text, body):
    (article,) = find_articles(clean(raw(text)))
    assert article.body == body
