"""Years: the year a document reviews, the year or period each figure is of, and
whether it is a plan (spec §4 rules 9 and 10). Read from the cleaned text:
review headings, delivery lines, datelines, yearbook editions, plan sections, and
the cues of a figure's own sentence (2011年，…; 五年来; 截至…).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import regex

from .boundaries import SENTENCE_END, SITE_PATH, clause_start, is_heading
from .models import CleanDocument

# Years from 1950 on: chronicles and yearbooks tell of the 1980s and 1990s too.
YEAR_DIGITS = r"(?:19[5-9]\d|20\d{2})"
NAMED_YEAR = regex.compile(rf"({YEAR_DIGITS})年(?!以来|来)")
# A year written without 年, as in a feature's title (聚焦2018义乌两会): read only when no
# year with 年 is written, never before a measure word (2018件) or ending a range (©2006-2019).
BARE_YEAR = regex.compile(r"(?<![\d.\-—~©])(20[0-3]\d)(?=\p{Han})(?![件条篇人名位个次项场万余多期份家元字年])")
# 2023年工作回顾, 2024年社情民意信息工作总结: the year a review is of.
REVIEW_YEAR = regex.compile(
    rf"({YEAR_DIGITS})年(?:度)?\p{{Han}}{{0,8}}?(?:工作回顾|工作回眸|履职工作|工作报告|工作综述|亮点回眸|履职答卷|工作总结"
    r"|“?成绩单|年终盘点|履职盘点)"
    # 向大会作报告，回顾2023年工作
    rf"|回顾({YEAR_DIGITS})年(?:的)?工作")
# 报告指出，2022年来，市政协…, early in a page: the year past (2022年以来 is a start).
YEAR_PAST = regex.compile(rf"(?<=^|[，,。：:\s])({YEAR_DIGITS})年来[，,]")
YEAR_PAST_LEAD = 600  # characters from the start within which a page says so
# A report is delivered early in the year after the one it reviews:
# ——2025年1月7日在政协宜昌市第十五届委员会第四次会议上 reviews 2024.
DELIVERED = regex.compile(rf"(?P<year>{YEAR_DIGITS})年\d{{1,2}}月(?:\d{{1,2}}日)?在[^\n]{{0,40}}?会议上"
                          # or the date under the speaker's name: ——在…会议上 / 赖某某 / (2023年1月13日)
                          rf"|在[^\n]{{0,40}}?会议上\s*\n(?:[^\n]{{1,12}}\n)?\s*[(（](?P<year>{YEAR_DIGITS})年\d{{1,2}}月")
# The date figures are counted to: 截至2019年底, 截止到2019年2月20日.
CUTOFF = regex.compile(rf"截[至止]到?({YEAR_DIGITS})年(?:底|末|年底|(\d{{1,2}})月)")
LIST_INDEX = r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])?\s*"
# Plans for the coming year: a heading opens a plan section, or the paragraph says so.
PLAN_HEADING = regex.compile(
    rf"^{LIST_INDEX}(?:(20\d{{2}})年)?(?:提案)?(?:主要任务|重点任务|工作思路|工作安排|工作要点|工作计划"
    rf"|工作建议|工作打算|工作设想|工作部署|今后一个时期)")
# A news item's dateline: 发布时间：2025-06-20, 日期：2025年6月20日.
DATELINE_WORDS = "发布时间|发布日期|发表时间|发稿时间|发稿|发布"
PUBLISHED = regex.compile(rf"(?:{DATELINE_WORDS}|日期|时间)[：:]\s*(?P<year>20\d{{2}})[-年./](?P<month>\d{{1,2}})")
# A session being held, whose own figures are of its year: 本次大会, 大会期间, 会议共收到提案
# (not 会议以来共收到, which looks back over the year), 提案审查情况 (the review of its proposals).
THIS_SESSION = r"本次(?:政协)?(?:大会|会议|全会)|此次(?:政协)?(?:大会|会议)"
SESSION_NOW = regex.compile(rf"{THIS_SESSION}|(?:大会|会议)期间(?![，,]?(?:还)?将)|(?:会议|大会)(?:共|期间)?收到(?:委员)?提案"
                            r"|提案审查情况|大会提案组"
                            # proposals counted to the hour, as a session's are (截至1月15日10时)
                            r"|截[至止](?:20\d{2}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?\d{1,2}(?:时|:\d{2})")
# A page's date on a line of its own, as news sites print it: 2022-08-20 | 来源:… (or 2022/08/20, 2022.08.20)
PAGE_DATE = regex.compile(r"(?m)^[ \t|]*(?:date\s+)?(?P<year>20\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)\d{1,2}\b"
                          # after the outlet's name (海南日报· 2026-01-26 09:35), or with its time (2022年01月27日 20:06)
                          r"|^[^\n\d]{1,12}[·|]\s*(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}\b"
                          r"|^\s*(?P<year>20\d{2})年(?P<month>\d{1,2})月\d{1,2}日\s*\d{1,2}:\d{2}"
                          # after the source's name (来源：某某晨报 2021-01-20 09:40)
                          r"|^\s*来源[：:][^\n\d]{1,20}?\s+(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}\b"
                          # a newspaper's edition line: 《某某晚报》（2022年04月09日 第03版）
                          r"|^[^\n]{0,30}?[（(]\s*(?P<year>20\d{2})年(?P<month>\d{1,2})月\d{1,2}日\s*第\s*\d{1,3}\s*版\s*[)）]"
                          # a newspaper page's date, a line of its own (2024年02月03日 星期六)
                          r"|^\s*(?P<year>20\d{2})年(?P<month>\d{1,2})月\d{1,2}日\s*(?:星期[一二三四五六日天](?!\S)|$)"
                          # after the site's address (www.fjsen.com 2010-03-03 16:35)
                          r"|^(?:https?://)?[\w.]{1,30}\s+(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}\s+\d{1,2}:\d{2}"
                          # day first, as some mirror sites print it (05.02.2013  09:10)
                          r"|^\s*\d{1,2}\.(?P<month>\d{1,2})\.(?P<year>20\d{2})\s+\d{1,2}:\d{2}"
                          # a forum post's (发表于 2012-1-9 10:20:31)
                          r"|(?:发表于|发布于)\s*(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}")
DATELINE = regex.compile(rf"(?:{DATELINE_WORDS})[：:]")
# A yearbook's edition is the year after the one it records: 《XX年鉴》2015年卷 tells of 2014.
YEARBOOK_TITLE_CHARS = 300
YEARBOOK_EDITION = regex.compile(r"年鉴[》\s]*[(（]?(20\d{2})|(20\d{2})\s*年?\s*《?\p{Han}{0,8}年鉴")
# A session's news that says what the body will do in a year reviews the year before:
# 2013年县政协工作的指导思想是…, 会议指出，2023年区政协要….
PLAN_STATEMENT = regex.compile(rf"(?<![\d~～—–－\-至到])({YEAR_DIGITS})年(?:\p{{Han}}{{0,4}}政协)?(?:工作)?的?"
                               r"(?:要(?!求)|将|指导思想|总体要求|主要任务|工作任务|重点工作)")
# A review that ends on the year ahead (展望2019年, 在即将到来的2019年): it is of the year before.
PLAN_AHEAD = regex.compile(rf"(?:展望|即将到来的|迎接)({YEAR_DIGITS})年")
# Words of a review told at a plenary session, held from January to March.
SESSION_REVIEW = regex.compile(r"一年来|过去一年|过去的一年|会议以来|常委会工作报告|提案工作情况的报告|这一年|回顾\p{Han}{0,6}一年")
# A whole document that is a plan: 政协天水市委员会2025年工作要点.
PLAN_TITLE = regex.compile(rf"(?m)^[^\n，。]{{0,24}}?({YEAR_DIGITS})年(?:度)?(?:工作要点|工作计划|工作安排|协商计划)[^\n，。]{{0,8}}$")
# News that a plan was settled, a lead line of its own (经研究，确定2022年度区政协重点协商
# 工作计划。): the items told after it are the plan's. A review that says its plan was made
# (科学制定2018年度协商计划，…) goes on in the same paragraph.
PLAN_NEWS = regex.compile(rf"(?:确定|印发|出台|制定|审议通过|研究通过|发布)[^。\n]{{0,12}}?({YEAR_DIGITS})年(?:度)?"
                          r"[^。\n]{0,14}?(?:工作要点|工作计划|协商计划|工作安排|监督计划)》?[。！]?[ \t]*(?:\n|$)")
PLAN_NEWS_LEAD = 400  # characters from the start within which the news says so
# Inside a plan, a paragraph that looks back: 2024年，市政协…全年收到提案386件.
REVIEW_OPENING = regex.compile(rf"({YEAR_DIGITS})年[，,]|一年来|过去一年")
PLAN_SECTION_END = regex.compile(r"报告|回顾|回眸|工作情况|基本情况|主要做法|主要成效|工作成效")
# 争取 is a plan, but 帮助争取项目2393项 is help given.
PLAN_CUE = regex.compile(r"我们要|我们将|将继续|力争|(?<!帮助|协助|帮)争取(?!到|了|项目|资金)|明年|下一步|届内办|"
                         r"要(?:建立|建成|新建|实现|打造|组织|开展|推动|完成)|计划(?:安排|新建|新增|开展|组织|完成|召开|举办)"
                         r"|将(?:确定|组织|开展|召开|举办|完成|新建)|初步确定|拟(?:开展|安排|召开|组织|确定)"
                         # news of a plan being issued: 印发《2021年工作要点》，明确…
                         r"|(?:工作要点|工作计划|协商计划)》")
# A figure its own clause says is still to come: 3项重点视察将围绕…进行, 在10项协商中，县政协将重点围绕….
PLAN_CUE_AFTER = regex.compile(r"[^。；;\n]{0,16}?将(?:重点)?(?:围绕|聚焦|紧扣|紧盯|开展|组织|召开|举办|进行)")
# The year a plan cue names: 《2021年工作要点》, 2021年市政协将….
PLANNED_YEAR = regex.compile(rf"({YEAR_DIGITS})年(?:度)?(?:工作要点|工作计划|协商计划)》|{PLAN_STATEMENT.pattern}")
THIS_YEAR = regex.compile(r"年内|今年|本年度|年底前")
# A year written against the number itself dates that figure alone:
# 由2018年的781件增至863件 gives 781 for 2018 in a review of 2023.
MENTION_YEAR = regex.compile(rf"({YEAR_DIGITS})年(?:的|底|末)?$")
# A figure over more than one year (spec §4 rule 9): 五年来, 本届以来, 任期内, 2004年~2010年,
# 2018年以来, 第九届市政协共…; `一年来` and `X次会议以来` are one year.
MULTI_YEAR = regex.compile(
    r"(?:过去|近)(?:[两二三四五六七八九十]|(?<!\d)[2-9])年|(?:[两二三四五六七八九十]|(?<!\d)(?:[2-9]|\d{2}))年(?:来|以来|间|中|共|累计|内|里)|本届(?:以来|来|内)|届内|任期内|历届|换届以来"
    r"|(?<!新)[一二三四五六七八九十]+届\p{Han}{0,6}?政协(?:以来|期间|任期|委员)"
    r"|“?十[一二三四五六七八九]五”?(?:期间|以来|时期)"
    r"|(?:19|20)\d{2}年以来|(?:19|20)\d{2}年?(?:\d{1,2}月)?\s*[~～—–－\-至到]\s*(?:19|20)\d{2}年"
    r"|(?<![\d.])(?:[2-9]|\d{2})年多(?:来|以来|时间|的时间)"
    r"|第[一二三四五六七八九十]+届\p{Han}{0,6}?政协(?:共|累计|先后)")
# An earlier sentence of the line that opened with its year (2011年，提案共立案142件。…).
YEAR_OPENS_SENTENCE = regex.compile(r"(?:^|(?<=[。！？]))\s*(?:19|20)\d{2}年(?!以来|来|[~～—–－\-至到])", regex.M)
ASIDE = regex.compile(r"《[^》]*》|[(（][^)）]*[)）]")
OPEN_ASIDE = regex.compile(r"[(（][^()（）]*$")
# 其中，… and 立案的提案中，… open a breakdown of the total told before them.
BREAKDOWN_OPENING = regex.compile(r"\s*(?:其中|在?[\p{Han}\d]{0,10}?提案中)")
CUTOFF_OPENING = regex.compile(r"\s*截(?:至|止)到?")
YEAR_RANGE = regex.compile(r"((?:19|20)\d{2})年?(?:\d{1,2}月)?\s*[~～—–－\-至到]\s*((?:19|20)\d{2})年")
SINCE_YEAR = regex.compile(r"((?:19|20)\d{2})年以来")


def dateline(text: str):
    """The match of the date a news item gives itself (发布时间：…, a page's date line)."""
    return PUBLISHED.search(text) or PAGE_DATE.search(text)


# Where a dated page's text opens on a year (日期：2020-12-04 … 【某项工作】 2019年，…), as a
# yearbook's entries do, that year is the one told of, not the year it was put online.
LEAD_YEAR = regex.compile(rf"(?:\s*【[^】\n]{{1,20}}】)?\s*({YEAR_DIGITS})年[，,](?!\d)")
# A feature may open on a few summary paragraphs before the one that names its year
# (（2022年04月09日）一年里协商37次… ⏎ 2021年，某县政协…): their figures are that year's too.
LEAD_PARAGRAPHS = 4
LEAD_PARAGRAPHS_LOOKAHEAD = 1500
# With no date of its own, a news item is dated by the session it reports, held that day:
# 2019年1月24日，某市政协八届三次会议开幕.
SESSION_DATED = regex.compile(rf"({YEAR_DIGITS})年(\d{{1,2}})月\d{{1,2}}日[，,]?[^。！？\n]{{0,30}}?会议"
                              r"[^。！？\n]{0,6}?(?:开幕|召开|闭幕|举行)")
# or by its day alone (1月24日，政协某省第十二届委员会第四次会议开幕) with the year of the
# "two sessions" it opens (拉开2021年某省“两会”帷幕); a year named otherwise may be the review's.
SESSION_DAY = regex.compile(r"(?<![年\d])(\d{1,2})月\d{1,2}日[，,]?[^。！？\n]{0,40}?会议[^。！？\n]{0,10}?(?:开幕|召开|举行)")
# The year of the sessions a page is filed under (2025年全国两会, 2025年地方政协全会扫描).
TWO_SESSIONS_YEAR = regex.compile(r"(20\d{2})年?[\p{Han}]{0,8}?(?:[“\"]?两会|全会|全体会议)")
# A news agency's dateline gives the day alone (某网某地1月10日电).
NEWS_DAY = regex.compile(r"(?<![年\d])(\d{1,2})月\d{1,2}日电")


def _lead_year(text: str, dated_end: int, year: int) -> int | None:
    """The year one of the first paragraphs after the dateline opens on, if earlier than
    the dateline's."""
    after = _line_end_before_text(text, dated_end)
    for _ in range(LEAD_PARAGRAPHS):
        if after < 0 or after > dated_end + LEAD_PARAGRAPHS_LOOKAHEAD:
            return None
        lead = LEAD_YEAR.match(text, after + 1)
        if lead:
            return int(lead.group(1)) if int(lead.group(1)) < year else None
        after = _line_end_before_text(text, after + 1)
    return None


def _line_end_before_text(text: str, pos: int) -> int:
    """The last line break of the blank run after the line that holds `pos` (-1: none)."""
    after = text.find("\n", pos)
    while 0 <= after and after + 1 < len(text) and text[after + 1] in "\n \t":
        after += 1
    return after


def stated_year(text: str, published: date | None = None) -> int | None:
    """The year reviewed as the text states it: a review heading (2022年工作回顾),
    else the year before the report was delivered, or before the year a plan
    is for (2025年工作要点), else the year a news item was published: by its
    dateline, or the date its source gives (spec §6)."""
    # The edition of the yearbook a page is from outweighs the reviews its entries mention.
    yearbook = YEARBOOK_EDITION.search(text, 0, YEARBOOK_TITLE_CHARS)
    if yearbook:
        return int(yearbook.group(1) or yearbook.group(2)) - 1
    review = REVIEW_YEAR.search(text) or YEAR_PAST.search(text, 0, YEAR_PAST_LEAD)
    if review:
        return int(next(year for year in review.groups() if year))
    delivered = DELIVERED.search(text)
    if delivered:
        return int(delivered.group("year")) - 1
    cutoff = CUTOFF.search(text)
    if cutoff:
        # 截至2019年2月20日 early in a year closes the year before; 截至2019年底 that year.
        year, month = int(cutoff.group(1)), cutoff.group(2)
        return year - 1 if month and int(month) <= 3 and not SESSION_NOW.search(text) else year
    plan = PLAN_TITLE.search(text)
    if plan:
        return int(plan.group(1)) - 1
    reviews = SESSION_REVIEW.search(text)
    plan = (PLAN_STATEMENT.search(text) or PLAN_AHEAD.search(text)) if reviews else None
    if plan:
        return int(plan.group(1)) - 1
    dated = dateline(text)
    held = None if dated or published else SESSION_DATED.search(text)
    if dated:
        year, month = int(dated.group("year")), int(dated.group("month"))
        lead = _lead_year(text, dated.end(), year)
        if lead is not None:
            return lead
    elif published:
        year, month = published.year, published.month
    elif held:
        year, month = int(held.group(1)), int(held.group(2))
    elif (day := SESSION_DAY.search(text) or NEWS_DAY.search(text)) and (named := TWO_SESSIONS_YEAR.search(text)):
        year, month = int(named.group(1)), int(day.group(1))
    else:
        return None
    # A piece published in January or February looks back on the year before, and so
    # does a review told at a plenary session, held until March, unless it reports
    # the session being held (本次大会共收到提案338件).
    looks_back = month <= 2 or (month <= 3 and reviews)
    return year - 1 if looks_back and not SESSION_NOW.search(text) else year


def year_in(text: str, published: date | None = None) -> int | None:
    """The stated year, else the year the text names most often."""
    stated = stated_year(text, published)
    if stated is not None:
        return stated
    # A year a period began (2017年以来) dates no document.
    years = Counter(int(y) for y in NAMED_YEAR.findall(text)) or Counter(int(y) for y in BARE_YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


TOP_HEADING = regex.compile(r"^[一二三四五六七八九十]+、")
# A heading that reviews years (过去五年工作回顾, 五年来的主要工作).
MULTI_YEAR_REVIEW = regex.compile(r"\p{Han}{0,4}(?:过去|近|这)?[两二三四五]年(?:来)?(?:的)?(?:主要)?(?:工作)?(?:回顾|回眸|主要工作|工作)")
# A sentence that opens with its year (2020年，…; 2022年新建…) is of that year.
SENTENCE_YEAR = regex.compile(r"((?:19|20)\d{2})年(?!以来|来|[~～—–－\-至到])")
# A year a count is taken to (截至2011年10月) says nothing of the years it covers.
# One session (三届四次会议提交提案170件), not the years since one (一次会议以来), is one year.
ONE_SESSION = r"[一二三四五六七八九十]+届[一二三四五六七八九十]+次(?:会议|全会|全体会议)(?!以来)"
ONE_YEAR_OPENING = regex.compile(rf"(?<!截[至止]|截止到|截至到){SENTENCE_YEAR.pattern}|一年来|今年|{ONE_SESSION}")


# A title that tells of years (三届县政协五年提交提案900件): its page is a look back over them.
TITLE_YEARS = regex.compile(r"(?<![\d一二三四五六七八九十])(?:[两二三四五六七八九十]|[2-9])年(?![前后度级])")
TITLE_PARAGRAPHS = 3
# A report to the first session of a term (——在政协某州第十一届委员会第一次会议上) is the
# outgoing committee's look back over its term, and so is a news lead that opens on years
# (本报讯（通讯员 某某） 3年来，某县政协…).
TERM_REPORT = regex.compile(r"在[^\n]{0,24}?第[一二三四五六七八九十]+届委员会第一次会议上")
TERM_REPORT_CHARS = 400
LEAD_OVER_YEARS = regex.compile(rf"\s*[^\n，。]{{0,16}}?[讯电]\s*(?:[(（][^)）\n]{{0,20}}[)）])?\s*\p{{Han}}{{0,8}}?(?:{MULTI_YEAR.pattern})"
                             # or whose first sentence has a speaker open on them (…会上，某某介绍，“十四五”以来，)
                             rf"|\s*[^\n，。]{{0,24}}?[讯电][^。！？\n]{{0,90}}?(?:表示|介绍|指出)[，,：:]\s*(?:{MULTI_YEAR.pattern})")
# A page's place on its site (当前位置：首页 > 历届全会) is no title.
SITE_PATH_LINE = regex.compile(rf"{SITE_PATH}|\s>\s")


def multi_year_paragraphs(doc: CleanDocument) -> set[int]:
    """Starts of the paragraphs under a top heading that looks back over years
    (一、过去五年工作回顾), until the next top heading; every paragraph when the
    page's title does."""
    titles = [line for a, b in doc.paragraphs[:TITLE_PARAGRAPHS] for line in doc.text[a:b].split("\n")
              if not SITE_PATH_LINE.search(line)]
    if any(is_heading(t) and (MULTI_YEAR.search(t) or TITLE_YEARS.search(t)) for t in titles):
        return {a for a, _ in doc.paragraphs}
    if TERM_REPORT.search(doc.text, 0, TERM_REPORT_CHARS) or any(
            LEAD_OVER_YEARS.match(line) for a, b in doc.paragraphs[:TITLE_PARAGRAPHS + 1]
            for line in doc.text[a:b].split("\n")):
        return {a for a, _ in doc.paragraphs}
    inside, found = False, set()
    for a, b in doc.paragraphs:
        text = doc.text[a:b].strip()
        if TOP_HEADING.match(text) and is_heading(text):
            inside = bool(MULTI_YEAR.search(text))
            continue
        if is_heading(text) and MULTI_YEAR_REVIEW.fullmatch(text):
            inside = True  # 过去五年工作回顾 as a heading of its own, without an index
            continue
        if inside and is_heading(text) and PLAN_HEADING.match(text):
            inside = False
        if inside:
            found.add(a)
    return found


def plan_paragraphs(doc: CleanDocument) -> dict[int, int | None]:
    """Paragraph start -> year stated by its plan heading (None: not stated),
    for every paragraph that states a target or plan."""
    plans: dict[int, int | None] = {}
    in_plan, plan_year = False, None
    for a, b in doc.paragraphs:
        text = doc.text[a:b]
        title = PLAN_TITLE.match(text)
        if title:
            in_plan, plan_year = True, int(title.group(1))
            continue
        if a < PLAN_NEWS_LEAD and (news := PLAN_NEWS.search(text)):
            # The lead is a line of its own, but its paragraph may run on to the items.
            in_plan, plan_year = True, int(news.group(1))
        looks_back = REVIEW_OPENING.match(text)
        if in_plan and looks_back and (plan_year is None or looks_back.group(1) is None
                                       or int(looks_back.group(1)) < plan_year):
            continue
        heading = PLAN_HEADING.match(text)
        if heading and is_heading(text):
            in_plan, plan_year = True, int(heading.group(1)) if heading.group(1) else None
            continue
        if in_plan and is_heading(text) and PLAN_SECTION_END.search(text):
            in_plan = False
        if in_plan:
            plans[a] = plan_year
    return plans


# A sentence that opens by looking back (一年来，…) tells what was done, whatever its line said before.
LOOKS_BACK = regex.compile(r"\s*(?:一年来|过去一年|过去的一年|[\p{Han}\d]{0,16}?以来)")


def plan_cue_before(text: str, number_start: int) -> bool:
    """A plan said in the line before the figure (我们将…, 力争…, 2021年市政协将…): a page
    whose lines are not blank-separated is one paragraph, and a cue in another line is not
    this one's; nor is a cue before a sentence that opens by looking back."""
    line_start = text.rfind("\n", 0, number_start) + 1
    sentence_start = max(line_start, full_sentence_start(text, number_start))
    cue_from = sentence_start if LOOKS_BACK.match(text, sentence_start, number_start) else line_start
    return bool(PLAN_CUE.search(text, cue_from, number_start)
                or PLANNED_YEAR.search(text, line_start, number_start))


def plan_cue_after(text: str, number_end: int) -> bool:
    return bool(PLAN_CUE_AFTER.match(text, number_end))


def planned_year(text: str, since: int, number_start: int) -> int | None:
    """The year the last plan named before a target names (《2021年工作要点》, 2021年市政协将…),
    looking back to `since` (the article's start)."""
    named = list(PLANNED_YEAR.finditer(text, since, number_start))
    return int(named[-1].group(1) or named[-1].group(2)) if named else None


def this_year(text: str, number_start: int) -> bool:
    """A plan for the rest of this year (计划年内再建设委员工作室5个), not the next."""
    return bool(THIS_YEAR.search(text, clause_start(text, number_start, SENTENCE_END), number_start))


FULL_STOP = regex.compile(r"[。！？!?\n]")


def full_sentence_start(text: str, number_start: int) -> int:
    """Where the sentence ends by a full stop begins (a 。, not a ；)."""
    return clause_start(text, number_start, FULL_STOP, lookback=300)


# The full date of an event told in the sentence (于2022年9月27日揭牌成立，共有12名委员进驻).
EVENT_DATE = regex.compile(r"(?<!截[至止]|截止到|截至到|自|从)((?:19|20)\d{2})年\d{1,2}月\d{1,2}日(?!以来|起|至|到)")


# A clause of the sentence that opens with its year (郭卫民表示，2020年，全国政协举办…).
CLAUSE_YEAR = regex.compile(r"(?<=[，,：:])\s*((?:19|20)\d{2})年(?!以来|来|[~～—–－\-至到底末\d])")


def sentence_year(text: str, number_start: int) -> int | None:
    """The year a sentence opens with, or that a clause of it opens with before the
    figure, or the year of the one event date it tells."""
    start = full_sentence_start(text, number_start)
    opening = SENTENCE_YEAR.match(text, start, number_start)
    if opening:
        return int(opening.group(1))
    clause = list(CLAUSE_YEAR.finditer(text, start, number_start))
    if clause:
        return int(clause[-1].group(1))
    dates = {int(m.group(1)) for m in EVENT_DATE.finditer(text, start, number_start)}
    return dates.pop() if len(dates) == 1 else None


# A sentence that opens its paragraph on a year (据悉，2016年，…。全年共提交提案720件): the
# paragraph's later sentences tell of that year too, unless one names its own.
PARAGRAPH_YEAR = regex.compile(rf"\s*(?:据悉|据了解|据统计|据介绍|记者了解到|记者获悉)?[，,]?({YEAR_DIGITS})年[，,]")


SENTENCE_OPENING = regex.compile(r"(?<=[。！？!?])")
PARAGRAPH_LOOKBACK = 600


def paragraph_year(text: str, paragraph_start: int, number_start: int) -> int | None:
    """The year the last sentence of the paragraph before the figure's that opens on a year names."""
    floor = max(paragraph_start, number_start - PARAGRAPH_LOOKBACK)
    own = full_sentence_start(text, number_start)
    openings = [paragraph_start] if paragraph_start >= floor else []
    openings += [m.start() for m in SENTENCE_OPENING.finditer(text, floor, own)]
    for start in reversed(openings):
        opening = PARAGRAPH_YEAR.match(text, start, own)
        if opening:
            return int(opening.group(1))
    return None


# The date a session was held, told in the sentence before (…第一次会议于1999年元月8日召开。
# 本次会议共收到提案90件): the figures of 本次会议 are of that year.
SESSION_HELD = regex.compile(rf"会议[^。！？\n]{{0,20}}?(?:于|在)?({YEAR_DIGITS})年(?:元|\d{{1,2}})月[^。！？\n]{{0,20}}?(?:召开|开幕|闭幕|举行)")
SESSION_NOW_OPENS = regex.compile(rf"\s*(?:{THIS_SESSION})")
SESSION_LOOKBACK_CHARS = 200


def session_year(text: str, number_start: int) -> int | None:
    """The year of the session a sentence opening with 本次会议 speaks of, when the
    sentence before says when that session was held."""
    start = full_sentence_start(text, number_start)
    if not SESSION_NOW_OPENS.match(text, start):
        return None
    held = list(SESSION_HELD.finditer(text, max(0, start - SESSION_LOOKBACK_CHARS), start))
    return int(held[-1].group(1)) if held else None


LAST_YEAR_OPENS = regex.compile(r"\s*去年(?!以来|同期)")


def last_year(text: str, number_start: int) -> int | None:
    """A sentence of a dated news item that opens with 去年 is of the year before the
    item was published (spec §4 rule 9)."""
    if not LAST_YEAR_OPENS.match(text, full_sentence_start(text, number_start)):
        return None
    published = dateline(text)
    return int(published.group("year")) - 1 if published else None


# 今年, 去年 said before a figure: dated by the published date of the document's source.
RELATIVE_YEAR = regex.compile(r"今年|去年|前年|明年")
YEARS_FROM_PUBLISHED = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def relative_year(text: str, number_start: int, published: date | None) -> int | None:
    if published is None:
        return None
    said = list(RELATIVE_YEAR.finditer(text, clause_start(text, number_start, SENTENCE_END), number_start))
    return published.year + YEARS_FROM_PUBLISHED[said[-1].group()] if said else None


def mention_year(text: str, number_start: int) -> int | None:
    written = MENTION_YEAR.search(text, max(0, number_start - 8), number_start)
    return int(written.group(1)) if written else None


SAID_BY = regex.compile(r"\p{Han}{1,10}?(?:表示|介绍|指出|强调|说)[，,：:]\s*")


def multi_year_period(text: str, number_start: int, paragraph_start: int, article_year: int | None,
                in_multi_year_section: bool) -> tuple[int | None, int | None] | None:
    """(period_start, period_end) of a figure over more than one year, said in its
    sentence, at the opening of its paragraph or by its section's heading;
    (None, None) when the years are not stated; None for a one-year figure."""
    # The whole sentence to its full stop: a list after ；shares its opening (五年来，…；…).
    sentence = full_sentence_start(text, number_start)
    line_start = text.rfind("\n", 0, number_start) + 1
    if BREAKDOWN_OPENING.match(text, sentence):
        # 其中，委员提案25114件 belongs to the sentence whose total it breaks down.
        sentence = full_sentence_start(text, max(sentence - 1, 0))
    elif CUTOFF_OPENING.match(text, sentence) and sentence > line_start:
        # 十届政协期间…立案2890件。截至某年2月20日，已办复2858件: the date a count is
        # taken to goes on with the period of the sentence before.
        sentence = max(full_sentence_start(text, sentence - 1), line_start)
    aside = OPEN_ASIDE.search(text, sentence, number_start)
    if aside:
        # (省政协十二届五次会议以来收到提案980件…) inside a five-year sentence says its own period.
        cue = MULTI_YEAR.search(text, aside.start(), number_start)
        return _period_said(cue.group(), article_year) if cue else None
    opening_start = max(paragraph_start, line_start)
    if said := SAID_BY.match(text, opening_start, number_start):
        opening_start = said.end()  # 某某表示，五年来，… opens on its years after the speaker
    opening = text[opening_start:min(opening_start + 12, number_start)]
    # Years inside a title or brackets (《行动计划(2022-2025年)》) are not the figure's.
    before = ASIDE.sub(lambda m: "_" * len(m.group()), text[sentence:number_start])
    # A sentence that opens with its own year (2011年，…) is that year's, whatever its line opened with.
    one_year = (ONE_YEAR_OPENING.search(before)
                or SENTENCE_YEAR.match(text, full_sentence_start(text, number_start), number_start)
                or YEAR_OPENS_SENTENCE.search(text, line_start, number_start))
    cue = MULTI_YEAR.search(before) or (None if one_year else MULTI_YEAR.match(opening))
    if cue is None:
        return (None, None) if in_multi_year_section and not (one_year or ONE_YEAR_OPENING.match(opening)) else None
    return _period_said(cue.group(), article_year)


def _period_said(said: str, article_year: int | None) -> tuple[int | None, int | None] | None:
    """The period a multi-year cue states: (None, None) when it names no years."""
    years = YEAR_RANGE.search(said)
    if years:
        return int(years.group(1)), int(years.group(2))
    since = SINCE_YEAR.search(said)
    if since:
        # 2021年以来 in a review of 2021 is that one year.
        first = int(since.group(1))
        if article_year is None:
            return None, None  # to a year the document leaves open: over years, not stated both
        return (first, article_year) if first < article_year else None
    return None, None


COUNT = regex.compile(r"(\d+(?:\.\d+)?)\s*(件|篇|条)")


def period_of_total(text: str, number_start: int,
                     totals: dict[tuple[float, str | None], tuple[int | None, int | None]]
                     ) -> tuple[int | None, int | None] | None:
    """The period of a total over years that the figure's sentence (or the aside it
    stands in) names before it."""
    start = full_sentence_start(text, number_start)
    aside = OPEN_ASIDE.search(text, start, number_start)
    for count in COUNT.finditer(text, aside.start() if aside else start, number_start):
        period = totals.get((float(count.group(1)), count.group(2)))
        if period is not None:
            return period
    return None
