"""Attribution: which body and year each figure belongs to, whether it is a
result or a target, and the evidence a person reads to check it.

Articles are found from their subtitles (`——2022年重庆市梁平区政协履职工作综述`);
a document without one is a single article whose body and year are inferred
from its own text (`在中共北碚区委坚强领导下` -> 北碚区政协).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from datetime import date
from functools import lru_cache

import regex

from .boundaries import CLAUSE, CLAUSE_OR_ITEM, SENTENCE_END, clause_start, marks_before
from .entities import body_patterns
from .gazetteer import AUTONOMOUS_REGIONS, GENERIC_PLACE_NAMES, city_names, county_names, full_name, full_names, province_names
from .models import RATE_METRICS, Article, CleanDocument, MetricRecord, Source, Span

SUBTITLE = regex.compile(r"^——")
YEAR = regex.compile(r"(20\d{2})年")
# A year written without 年, as in a feature's title (聚焦2018义乌两会): read only when no
# year with 年 is written, never before a measure word (2018件) or ending a range (©2006-2019).
BARE_YEAR = regex.compile(r"(?<![\d.\-—~©])(20[0-3]\d)(?=\p{Han})(?![件条篇人名位个次项场万余多期份家元字])")
# 2023年工作回顾, 2024年社情民意信息工作总结: the year a review is of.
REVIEW_YEAR = regex.compile(
    r"(20\d{2})年(?:度)?\p{Han}{0,8}?(?:工作回顾|工作回眸|履职工作|工作报告|工作综述|亮点回眸|履职答卷|工作总结"
    r"|“?成绩单|年终盘点|履职盘点)")
# A report is delivered early in the year after the one it reviews:
# ——2025年1月7日在政协宜昌市第十五届委员会第四次会议上 reviews 2024.
DELIVERED = regex.compile(r"(20\d{2})年\d{1,2}月(?:\d{1,2}日)?在[^\n]{0,40}?会议上")
# The date figures are counted to: 截至2019年底, 截止到2019年2月20日.
CUTOFF = regex.compile(r"截[至止]到?(20\d{2})年(?:底|末|年底|(\d{1,2})月)")
LIST_INDEX = r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])?\s*"
# Plans for the coming year: a heading opens a plan section, or the paragraph says so.
PLAN_HEADING = regex.compile(
    rf"^{LIST_INDEX}(?:(20\d{{2}})年)?(?:提案)?(?:主要任务|重点任务|工作思路|工作安排|工作要点|工作计划"
    rf"|工作建议|工作打算|工作设想|工作部署|今后一个时期)")
# A news item's dateline: 发布时间：2025-06-20, 日期：2025年6月20日.
DATELINE_WORDS = "发布时间|发布日期|发表时间"
PUBLISHED = regex.compile(rf"(?:{DATELINE_WORDS}|日期|时间)[：:]\s*(?P<year>20\d{{2}})[-年./](?P<month>\d{{1,2}})")
# A session being held, whose own figures are of its year: 本次大会, 大会期间, 会议共收到提案
# (not 会议以来共收到, which looks back over the year), 提案审查情况 (the review of its proposals).
SESSION_NOW = regex.compile(r"本次(?:大会|会议|全会)|此次(?:大会|会议)|大会期间|会议(?:共|期间)?收到提案"
                            r"|提案审查情况")
# A page's date on a line of its own, as news sites print it: 2022-08-20 | 来源:…
PAGE_DATE = regex.compile(r"(?m)^[ \t|]*(?:date\s+)?(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}\b"
                          # after the outlet's name (海南日报· 2026-01-26 09:35), or with its time (2022年01月27日 20:06)
                          r"|^[^\n\d]{1,12}[·|]\s*(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}\b"
                          r"|^\s*(?P<year>20\d{2})年(?P<month>\d{1,2})月\d{1,2}日\s+\d{1,2}:\d{2}")
DATELINE = regex.compile(rf"(?:{DATELINE_WORDS})[：:]")
# A whole document that is a plan: 政协天水市委员会2025年工作要点.
PLAN_TITLE = regex.compile(r"(?m)^[^\n，。]{0,24}?(20\d{2})年(?:度)?(?:工作要点|工作计划|工作安排|协商计划)[^\n，。]{0,8}$")
# Inside a plan, a paragraph that looks back: 2024年，市政协…全年收到提案386件.
REVIEW_OPENING = regex.compile(r"(20\d{2})年[，,]|一年来|过去一年")
PLAN_SECTION_END = regex.compile(r"报告|回顾|回眸|工作情况")
PLAN_CUE = regex.compile(r"我们要|我们将|将继续|力争|争取|明年|下一步|届内办|"
                         r"要(?:建立|建成|新建|实现|打造|组织|开展|推动|完成)|计划(?:安排|新建|新增|开展|组织|完成|召开|举办)"
                         r"|将(?:确定|组织|开展|召开|举办|完成|新建)")
THIS_YEAR = regex.compile(r"年内|今年|本年度|年底前")
# A year written against the number itself dates that figure alone:
# 由2018年的781件增至863件 gives 781 for 2018 in a review of 2023.
MENTION_YEAR = regex.compile(r"(20\d{2})年(?:的|底|末)?$")
# A figure over more than one year (spec §4 rule 9): 五年来, 本届以来, 任期内, 2004年~2010年,
# 2018年以来, 第九届市政协共…; `一年来` and `X次会议以来` are one year.
MULTI_YEAR = regex.compile(
    r"(?:过去|近)[两二三四五六七八九十]年|(?:[两二三四五六七八九十]|(?<!\d)(?:[2-9]|\d{2}))年(?:来|以来|间|中|共|累计|内)|本届(?:以来|来|内)|届内|任期内|历届|换届以来"
    r"|(?<!新)[一二三四五六七八九十]+届\p{Han}{0,6}?政协(?:以来|期间|任期|委员)"
    r"|“?十[一二三四五六七八九]五”?(?:期间|以来|时期)"
    r"|(?:19|20)\d{2}年以来|(?:19|20)\d{2}年?\s*[~～—–－\-至到]\s*(?:19|20)\d{2}年"
    r"|第[一二三四五六七八九十]+届\p{Han}{0,6}?政协(?:共|累计|先后)")
# An earlier sentence of the line that opened with its year (2011年，提案共立案142件。…).
YEAR_OPENS_SENTENCE = regex.compile(r"(?:^|(?<=[。！？]))\s*(?:19|20)\d{2}年(?!以来|来|[~～—–－\-至到])", regex.M)
ASIDE = regex.compile(r"《[^》]*》|[(（][^)）]*[)）]")
BREAKDOWN_OPENING = regex.compile(r"\s*其中")
YEAR_RANGE = regex.compile(r"((?:19|20)\d{2})年?\s*[~～—–－\-至到]\s*((?:19|20)\d{2})年")
SINCE_YEAR = regex.compile(r"((?:19|20)\d{2})年以来")
HEADING_MAX_CHARS = 40
EVIDENCE_MAX_CHARS = 160


def body_name(place: str) -> str:
    """The canonical body of a place as written (spec §2): 延边州 -> 延边朝鲜族自治州政协."""
    return full_name(place) + "政协"


# Words a report puts before its own place: 人文松江, 平安肥城, 现代化新松江.
PLACE_SLOGAN_BEFORE = r"(?:人文|平安|美丽|幸福|法治|健康|文明|数字|智慧|生态|现代化新|建设新|打造新)"
OUTLET = r"(?:新闻网|新闻|日报|晚报|电视台|广播电视台|融媒体中心|网讯|讯)"
BARE_BODY = regex.compile(r"(自治区|[省市州区县])政协")


@lru_cache(maxsize=16)
def _places_of_level(level: str, text: str) -> frozenset[str]:
    """Places of one level the text names, fully or (市, 州, 省) by a short form:
    奉化区 in 为奉化区建设…; 宁波 in 中国宁波网讯."""
    if level == "自治区":
        return frozenset(region for region in AUTONOMOUS_REGIONS if region in text or any(
            short in text for short, full in full_names().items() if full == region))
    if level in "区县":
        names = [n for n in county_names() if n.endswith(level)]
    elif level == "市":
        names = [n for n in county_names() | city_names() if n.endswith("市")]
    elif level == "州":
        names = [n for n in city_names() if n.endswith("州")]
    else:
        names = list(province_names())
    found = {full_name(n) for n in names if n in text and n not in GENERIC_PLACE_NAMES}
    shorts = {short for short, full in full_names().items() if full.endswith(level) or level == "省"}
    found |= {full_name(short) for short in shorts if short in text and full_name(short).endswith(
        ("省", "自治区") if level == "省" else level)}
    if not found and level in "区县市":
        # A county-level unit by its stem in an outlet's name (宁海新闻网讯) or named as the
        # place a slogan is about (人文松江, 平安肥城建设).
        found = {n for n in names if len(n) >= 3 and n in county_names() and n not in GENERIC_PLACE_NAMES
                 and regex.search(rf"{regex.escape(n[:-1])}{OUTLET}|{PLACE_SLOGAN_BEFORE}{regex.escape(n[:-1])}"
                                  rf"(?!{OUTLET})", text)}
    # 宁波市 and 宁波 are one place; a place inside a longer one (宁波 in 宁波市) counts once.
    return frozenset(n for n in found if not any(n != m and n in m for m in found))


# 11个市政协, 各县政协, 全省市县政协: bodies below the one the page is about, not it.
SEVERAL_BODIES = regex.compile(r"(?:[\d一二三四五六七八九十百]+个|各|全省|全市|每个|所有|基层)$")


def _bare_body(text: str) -> str | None:
    """A body named only by its level (区政协, 市政协) is the one place of that level the
    document names (spec §4 rule 6); two candidates leave it open."""
    named = [m.span() for p in body_patterns() for m in p.finditer(text)]
    levels = {m.group(1) for m in BARE_BODY.finditer(text)
              if not any(a <= m.start() < b for a, b in named) and not SEVERAL_BODIES.search(text[:m.start()])}
    if len(levels) != 1:
        return None
    places = _places_of_level(levels.pop(), text)
    return next(iter(places)) + "政协" if len(places) == 1 else None


SHORT_NAMED_BODY = regex.compile(r"(?<![\p{Han}])(\p{Han}{2,3}?)政协")


def _short_named_body(title: str) -> str | None:
    """A masthead or site name that calls a county-level body by its stem (靖江政协 for
    靖江市政协): the one county-level place of that stem."""
    for m in SHORT_NAMED_BODY.finditer(title):
        places = {m.group(1) + suffix for suffix in "市县区旗"} & county_names()
        if len(places) == 1:
            return body_name(places.pop())
    return None


# 全国政协 is the body when the text is about its own sessions (全国政协十三届二次会议);
# named otherwise it is mostly a counter-party (被全国政协采用).
NATIONAL_SESSION = regex.compile(r"[一二三四五六七八九十]+届全国政协|全国政协(?:第?[一二三四五六七八九十]+届[一二三四五六七八九十]+次(?:会议|全体会议|常委会)"
                                 r"|[一二三四五六七八九十]+届全国委员会)|政协第?[一二三四五六七八九十]+届全国委员会")
# A county or district the gazetteer does not list, since renamed (达县政协), after a
# mark or a preposition: not 全县政协, 该县政协, 各区政协.
UNLISTED_COUNTY = regex.compile(r"(?:(?<![\p{Han}])|(?<=[在据由为和与及对]))"
                                r"((?![全该本各每市县区省两三我其等这那此原从届])\p{Han}{1,3}[县区旗])政协")


def _national_or_unlisted(text: str) -> str | None:
    if NATIONAL_SESSION.search(text):
        return "全国政协"
    # Named at least twice: one stray 从县政协 or 关闭区政协 is no place.
    votes = Counter(m.group(1) for m in UNLISTED_COUNTY.finditer(text)
                    if "届" not in m.group(1) and not m.group(1).endswith("自治区"))
    named = [place for place, _ in votes.most_common() if text.count(place) >= 2]
    return named[0] + "政协" if named else None


NATIONAL = regex.compile(r"(?<![被向与为和及])全国政协(?!委员)")


def _document_body(text: str) -> str | None:
    """The body of a text, by the strongest naming found: a named 政协, 全国政协 by its
    sessions, a county the gazetteer lacks, a bare 区政协 with its one district, and
    else 全国政协 when it is the only 政协 the text names, not as a counter-party."""
    body = _body_in(text) or _national_or_unlisted(text) or _bare_body(text)
    if body is None and not BARE_BODY.search(text) and NATIONAL.search(text):
        return "全国政协"
    return body


def _body_in(text: str) -> str | None:
    """The body a text names most often, by the strongest kind of naming found."""
    for pattern in body_patterns():
        votes = Counter(body_name(m.group(1)) for m in pattern.finditer(text))
        if votes:
            return votes.most_common(1)[0][0]
    return None


THAT_BODY = regex.compile(r"该[省市区县]政协")
NEIGHBOURING = regex.compile(r"(?:毗邻|邻近|相邻|周边|兄弟)的?")


def _named_bodies() -> tuple[regex.Pattern, regex.Pattern]:
    """The ways a sentence names a 政协 by its place: 潼南区政协, 广安市政协."""
    return body_patterns().county, body_patterns().city


@lru_cache(maxsize=1)
def _named_matches(text: str) -> dict[int, tuple[regex.Match | None, ...]]:
    """Start -> the match of each of `_named_bodies` there, filled as the figures of the
    text (the last one asked about) ask: the figures of one sentence try the same
    clause starts, and each try of a pattern of thousands of names costs."""
    return {}


def _named_at(text: str, start: int) -> tuple[regex.Match | None, ...]:
    found = _named_matches(text)
    if start not in found:
        found[start] = tuple(pattern.match(text, start) for pattern in _named_bodies())
    return found[start]


def _clause_body(text: str, number_start: int, article_body: str | None) -> str | None:
    """Another 政协 named as the subject of the figure's clause, or of an earlier
    clause of its sentence (…，潼南区政协提出的“共建琼江生态廊道”等5条建议, or
    该县政协已建成… after naming it): the figure is that body's.
    A body named after 与/向/被 (与…潼南区政协联合调研, 被全国政协采用) is a partner or
    counter-party, and the figure stays the article's."""
    clause = clause_start(text, number_start, CLAUSE)
    named = _named_bodies()
    if THAT_BODY.match(text, clause):
        # 该县政协 points back to the body last named in the paragraph.
        paragraph = text.rfind("\n", 0, clause) + 1
        earlier = [m for p in named for m in p.finditer(text, paragraph, clause)]
        body = body_name(max(earlier, key=lambda m: m.start()).group(1)) if earlier else None
        return body if body != article_body else None
    # The subject of an earlier clause of the sentence carries on (麻城市政协组织委员视察6次，
    # 报送社情民意信息48条): the nearest clause that opens with a body names it.
    sentence = clause_start(text, number_start, SENTENCE_END)
    for start in [clause] + marks_before(text, clause - 1, sentence, CLAUSE, 8) + [sentence]:
        neighbour = NEIGHBOURING.match(text, start)
        start = neighbour.end() if neighbour else start
        for m in _named_at(text, start):
            if m and m.end() <= number_start:
                body = body_name(m.group(1))
                return body if body != article_body else None
        bare = BARE_BODY.match(text, start)
        if bare and bare.end() <= number_start and not (article_body or "").endswith(bare.group(1) + "政协"):
            # 市政协… in a page about a district: the city's body, when its paragraph, or
            # else the page, names one city.
            paragraph = text[text.rfind("\n", 0, start) + 1:number_start]
            places = _places_of_level(bare.group(1), paragraph) or _places_of_level(bare.group(1), text)
            return body_name(next(iter(places))) if len(places) == 1 else None
    return None


def _speaker_body(text: str, number_start: int) -> str | None:
    """A figure quoted from someone (“今年我们…开展专题调研6次。”上栗县政协主席张卫东介绍)
    is the figure of the body the speaker is named with after the quotation."""
    paragraph_start = text.rfind("\n", 0, number_start) + 1
    paragraph_end = text.find("\n", number_start)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    opening = text.rfind("“", paragraph_start, number_start)
    if opening < 0 or text.rfind("”", opening, number_start) >= 0:
        return None
    closing = text.find("”", number_start, paragraph_end)
    if closing < 0:
        return None
    for pattern in _named_bodies():
        speaker = pattern.match(text, closing + 1)
        if speaker:
            return body_name(speaker.group(1))
    return None


def _dateline(text: str):
    """The match of the date a news item gives itself (发布时间：…, a page's date line)."""
    return PUBLISHED.search(text) or PAGE_DATE.search(text)


def _stated_year(text: str, published: date | None = None) -> int | None:
    """The year reviewed as the text states it: a review heading (2022年工作回顾),
    else the year before the report was delivered, or before the year a plan
    is for (2025年工作要点), else the year a news item was published: by its
    dateline, or the date its source gives (spec §6)."""
    review = REVIEW_YEAR.search(text)
    if review:
        return int(review.group(1))
    delivered = DELIVERED.search(text)
    if delivered:
        return int(delivered.group(1)) - 1
    cutoff = CUTOFF.search(text)
    if cutoff:
        # 截至2019年2月20日 early in a year closes the year before; 截至2019年底 that year.
        year, month = int(cutoff.group(1)), cutoff.group(2)
        return year - 1 if month and int(month) <= 3 and not SESSION_NOW.search(text) else year
    plan = PLAN_TITLE.search(text)
    if plan:
        return int(plan.group(1)) - 1
    dateline = _dateline(text)
    if dateline:
        year, month = int(dateline.group("year")), int(dateline.group("month"))
    elif published:
        year, month = published.year, published.month
    else:
        return None
    # A piece published in January or February looks back on the year before,
    # unless it reports the session being held (本次大会共收到提案338件).
    return year - 1 if month <= 2 and not SESSION_NOW.search(text) else year


def _year_in(text: str, published: date | None = None) -> int | None:
    """The stated year, else the year the text names most often."""
    stated = _stated_year(text, published)
    if stated is not None:
        return stated
    years = Counter(int(y) for y in YEAR.findall(text)) or Counter(int(y) for y in BARE_YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def _is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and not any(c in text for c in "，。；")


def find_articles(doc: CleanDocument, source: Source | None = None) -> tuple[Article, ...]:
    """Split a document at article subtitles; infer each article's body and year.
    With a source (spec §6), its title is read as the document's first line, its
    published date dates the text, and its body and year fill what the text leaves open."""
    source = source or Source()
    title_line = f"{source.title}\n" if source.title else ""
    paras = [(a, b, doc.text[a:b]) for a, b in doc.paragraphs]
    # A page that lists news items: each item's dateline opens an article, as a subtitle does.
    list_page = sum(1 for _, _, text in paras if DATELINE.match(text)) >= 2
    starts: list[tuple[int, str | None, str]] = []  # (start, title, subtitle)
    for n, (a, _, text) in enumerate(paras):
        opens = SUBTITLE.match(text) or (list_page and DATELINE.match(text))
        if opens and len(text) <= HEADING_MAX_CHARS * 2:
            title = None
            start = a
            if n and _is_heading(paras[n - 1][2]):
                title, start = paras[n - 1][2], paras[n - 1][0]
            starts.append((start, title, text))
    if not starts:
        # The title names the body first (西宁市政协提案委员会…工作总结), whatever the text mentions most.
        title = paras[0][2] if paras else None
        return (Article(start=0, end=len(doc.text), title=title,
                        body=(_body_in(title_line) or (title and (_body_in(title) or _short_named_body(title)))
                              or _document_body(title_line + doc.text) or source.body),
                        year=_year_in(title_line + doc.text, source.published) or source.year),)
    starts[0] = (0, starts[0][1], starts[0][2])
    articles = []
    for k, (start, title, subtitle) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(doc.text)
        text = doc.text[start:end]
        articles.append(Article(start=start, end=end, title=title,
                                body=(_body_in(subtitle) or _body_in(text) or _body_in(paras[0][2])
                                      or _short_named_body(paras[0][2]) or _body_in(title_line)
                                      or _document_body(text) or source.body),
                                year=(_stated_year(subtitle) or _year_in(text, source.published)
                                      or source.year)))
    return tuple(articles)


TOP_HEADING = regex.compile(r"^[一二三四五六七八九十]+、")
# A sentence that opens with its year (2020年，…; 2022年新建…) is of that year.
SENTENCE_YEAR = regex.compile(r"((?:19|20)\d{2})年(?!以来|来|[~～—–－\-至到])")
# A year a count is taken to (截至2011年10月) says nothing of the years it covers.
ONE_YEAR_OPENING = regex.compile(rf"(?<!截[至止]|截止到|截至到){SENTENCE_YEAR.pattern}|一年来|今年")


def _multi_year_paragraphs(doc: CleanDocument) -> set[int]:
    """Starts of the paragraphs under a top heading that looks back over years
    (一、过去五年工作回顾), until the next top heading."""
    inside, found = False, set()
    for a, b in doc.paragraphs:
        text = doc.text[a:b]
        if TOP_HEADING.match(text) and _is_heading(text):
            inside = bool(MULTI_YEAR.search(text))
            continue
        if inside:
            found.add(a)
    return found


def _plan_paragraphs(doc: CleanDocument) -> dict[int, int | None]:
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
        looks_back = REVIEW_OPENING.match(text)
        if in_plan and looks_back and (plan_year is None or looks_back.group(1) is None
                                       or int(looks_back.group(1)) < plan_year):
            continue
        heading = PLAN_HEADING.match(text)
        if heading and _is_heading(text):
            in_plan, plan_year = True, int(heading.group(1)) if heading.group(1) else None
            continue
        if in_plan and _is_heading(text) and PLAN_SECTION_END.search(text):
            in_plan = False
        if in_plan:
            plans[a] = plan_year
    return plans


def _plan_cue_before(text: str, number_start: int) -> bool:
    """A plan said in the line before the figure (我们将…, 力争…): a page whose lines
    are not blank-separated is one paragraph, and a cue in another line is not this one's."""
    return bool(PLAN_CUE.search(text, text.rfind("\n", 0, number_start) + 1, number_start))


def _this_year(text: str, number_start: int) -> bool:
    """A plan for the rest of this year (计划年内再建设委员工作室5个), not the next."""
    return bool(THIS_YEAR.search(text, clause_start(text, number_start, SENTENCE_END), number_start))


FULL_STOP = regex.compile(r"[。！？!?\n]")


def _full_sentence_start(text: str, number_start: int) -> int:
    """Where the sentence ends by a full stop begins (a 。, not a ；)."""
    return clause_start(text, number_start, FULL_STOP, lookback=300)


# The full date of an event told in the sentence (于2022年9月27日揭牌成立，共有12名委员进驻).
EVENT_DATE = regex.compile(r"(?<!截[至止]|截止到|截至到|自|从)((?:19|20)\d{2})年\d{1,2}月\d{1,2}日(?!以来|起|至|到)")


# A clause of the sentence that opens with its year (郭卫民表示，2020年，全国政协举办…).
CLAUSE_YEAR = regex.compile(r"(?<=[，,：:])\s*((?:19|20)\d{2})年(?!以来|来|[~～—–－\-至到底末\d])")


def _sentence_year(text: str, number_start: int) -> int | None:
    """The year a sentence opens with, or that a clause of it opens with before the
    figure, or the year of the one event date it tells."""
    start = _full_sentence_start(text, number_start)
    opening = SENTENCE_YEAR.match(text, start, number_start)
    if opening:
        return int(opening.group(1))
    clause = list(CLAUSE_YEAR.finditer(text, start, number_start))
    if clause:
        return int(clause[-1].group(1))
    dates = {int(m.group(1)) for m in EVENT_DATE.finditer(text, start, number_start)}
    return dates.pop() if len(dates) == 1 else None


LAST_YEAR_OPENS = regex.compile(r"\s*去年(?!以来|同期)")


def _last_year(text: str, number_start: int) -> int | None:
    """A sentence of a dated news item that opens with 去年 is of the year before the
    item was published (spec §4 rule 9)."""
    if not LAST_YEAR_OPENS.match(text, _full_sentence_start(text, number_start)):
        return None
    published = _dateline(text)
    return int(published.group("year")) - 1 if published else None


# 今年, 去年 said before a figure: dated by the published date of the document's source.
RELATIVE_YEAR = regex.compile(r"今年|去年|前年|明年")
YEARS_FROM_PUBLISHED = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def _relative_year(text: str, number_start: int, published: date | None) -> int | None:
    if published is None:
        return None
    said = list(RELATIVE_YEAR.finditer(text, clause_start(text, number_start, SENTENCE_END), number_start))
    return published.year + YEARS_FROM_PUBLISHED[said[-1].group()] if said else None


def _mention_year(text: str, number_start: int) -> int | None:
    written = MENTION_YEAR.search(text, max(0, number_start - 8), number_start)
    return int(written.group(1)) if written else None


def _multi_year(text: str, number_start: int, paragraph_start: int, article_year: int | None,
                in_multi_year_section: bool) -> tuple[int | None, int | None] | None:
    """(period_start, period_end) of a figure over more than one year, said in its
    sentence, at the opening of its paragraph or by its section's heading;
    (None, None) when the years are not stated; None for a one-year figure."""
    # The whole sentence to its full stop: a list after ；shares its opening (五年来，…；…).
    sentence = _full_sentence_start(text, number_start)
    if BREAKDOWN_OPENING.match(text, sentence):
        # 其中，委员提案25114件 belongs to the sentence whose total it breaks down.
        sentence = _full_sentence_start(text, max(sentence - 1, 0))
    line_start = text.rfind("\n", 0, number_start) + 1
    opening = text[max(paragraph_start, line_start):min(max(paragraph_start, line_start) + 12, number_start)]
    # Years inside a title or brackets (《行动计划(2022-2025年)》) are not the figure's.
    before = ASIDE.sub(lambda m: "_" * len(m.group()), text[sentence:number_start])
    # A sentence that opens with its own year (2011年，…) is that year's, whatever its line opened with.
    one_year = (ONE_YEAR_OPENING.search(before)
                or SENTENCE_YEAR.match(text, _full_sentence_start(text, number_start), number_start)
                or YEAR_OPENS_SENTENCE.search(text, line_start, number_start))
    cue = MULTI_YEAR.search(before) or (None if one_year else MULTI_YEAR.match(opening))
    if cue is None:
        return (None, None) if in_multi_year_section and not (one_year or ONE_YEAR_OPENING.match(opening)) else None
    said = cue.group()
    years = YEAR_RANGE.search(said)
    if years:
        return int(years.group(1)), int(years.group(2))
    since = SINCE_YEAR.search(said)
    if since:
        # 2021年以来 in a review of 2021 is that one year.
        first = int(since.group(1))
        return (first, article_year) if article_year is not None and first < article_year else None
    return None, None


def evidence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end); a long sentence is cut to the clauses
    around the number."""
    left = clause_start(text, start, SENTENCE_END, lookback=None)
    stop = SENTENCE_END.search(text, end)
    right = stop.end() if stop else len(text)
    if right - left > EVIDENCE_MAX_CHARS:
        # The clause holding the number and the one before it.
        clause_starts = marks_before(text, start, left, CLAUSE_OR_ITEM, 2)
        left = clause_starts[-1] if clause_starts else left
        stop = CLAUSE_OR_ITEM.search(text, end, right)
        right = stop.end() if stop else right
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def attribute(doc: CleanDocument, articles: tuple[Article, ...], spans: list[Span],
              published: date | None = None) -> list[MetricRecord]:
    """Turn spans into records with body, year, status and evidence (`published`:
    the date the document's source gives, which dates 今年 and 去年); a fact told
    twice in one document (same body, year, metric, value, scope, status) is kept
    once. A rate told again under another name (办结满意率达100% in the summary,
    办理满意率达100% in the report) is the same fact too; two rates read from one
    mention (委员满意率和本级满意率均达100%) are not."""
    article_starts = [a.start for a in articles]
    para_starts = [a for a, _ in doc.paragraphs]
    plans = _plan_paragraphs(doc)
    multi_year = _multi_year_paragraphs(doc)
    records: list[MetricRecord] = []
    seen: set[tuple] = set()
    rate_mentions: dict[tuple, int] = {}  # rate fact without scope -> the mention that stated it
    for span in sorted(spans, key=lambda s: (s.start, s.scope or "")):
        article = articles[max(bisect_right(article_starts, span.start) - 1, 0)]
        para = para_starts[max(bisect_right(para_starts, span.start) - 1, 0)] if para_starts else 0
        status = span.status or ("target" if para in plans or _plan_cue_before(doc.text, span.start) else "actual")
        year = article.year
        if status == "target":
            stated = plans.get(para)
            if stated is not None:
                year = stated
            elif year is not None and not _this_year(doc.text, span.start):
                year += 1
        relative = _relative_year(doc.text, span.start, published)
        if status == "actual":
            year = _sentence_year(doc.text, span.start) or relative or _last_year(doc.text, span.start) or year
        elif relative is not None:
            year = relative
        year = _mention_year(doc.text, span.start) or year
        period = _multi_year(doc.text, span.start, para, article.year, para in multi_year) if status == "actual" else None
        if period is not None:
            year = None
        period_start, period_end = period if period is not None else (year, year)
        body = (_speaker_body(doc.text, span.start) or _clause_body(doc.text, span.start, article.body)
                or article.body)
        key = (body, year, span.metric, span.value, span.scope, status)
        if key in seen:
            continue
        if span.metric in RATE_METRICS:
            first_mention = rate_mentions.setdefault(key[:4] + key[5:], span.start)
            if first_mention != span.start:
                continue
        seen.add(key)
        left, right = evidence_bounds(doc.text, span.start, span.end)
        records.append(MetricRecord(
            doc_id=doc.doc_id, body=body, year=year, period_start=period_start,
            period_end=period_end, metric=span.metric,
            value=span.value, unit=span.unit, qualifier=span.qualifier, scope=span.scope,
            status=status, evidence=doc.text[left:right], char_start=span.start,
            char_end=span.end, extractor=span.rule_id,
        ))
    return records
