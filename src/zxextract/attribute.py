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

from .boundaries import CLAUSE, CLAUSE_OR_ITEM, HEADING_MAX_CHARS, SENTENCE_END, clause_start, is_heading, marks_before
from .entities import body_patterns
from .gazetteer import AUTONOMOUS_REGIONS, GENERIC_PLACE_NAMES, city_names, county_names, full_name, full_names, province_names
from .models import RATE_METRICS, Article, CleanDocument, MetricRecord, Source, Span
from .years import (DATELINE, last_year, mention_year, multi_year_paragraphs, multi_year_period, paragraph_year,
                    period_of_total, plan_cue_after, plan_cue_before, plan_paragraphs, planned_year, relative_year,
                    sentence_year, session_year, stated_year, this_year, year_in)

SUBTITLE = regex.compile(r"^——")
LINE = regex.compile(r"[^\n]+")
TITLE_CHROME = regex.compile(r"https?://|www\.|(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2})")
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


# 11个市政协, 各县政协, 全省市县政协, 省市政协: bodies below the one the page is about, or
# several levels at once, not it.
# 及区县政协, 和市县政协: two levels joined are several bodies too.
SEVERAL_BODIES = regex.compile(r"(?:[\d一二三四五六七八九十百]+个|各|全省|全市|每个|所有|基层"
                               r"|(?:(?<!\p{Han})|(?<=[及和与、]))[省市区县])$")


# A body the page's own answers to (在省政协的指导下, 被省政协采用12篇, 向市政协报送): named by
# its level too, but not the one the page is about.
ABOVE_THE_PAGE = regex.compile(r"的?(?:指导|领导|精心指导|关心|支持|部署|要求|采用|采纳|表彰|批示)")
TAKEN_BY = regex.compile(r"(?:被|向|受|获)$")


# SEVERAL_BODIES looks this far back from a bare body, its lookbehind included.
SEVERAL_BODIES_CHARS = 8
# The longest place name that can stand before 区政协 or 市政协 (新疆维吾尔自治区 …).
PLACE_CHARS_MAX = 12


def _named_around(text: str, bare: regex.Match) -> bool:
    """Whether the 市政协 at `bare` ends a body named by its place (宜昌市政协): tried
    only at the few places such a name could open, not over the whole text."""
    return any(found.end() == bare.end()
               for start in range(max(0, bare.start() - PLACE_CHARS_MAX), bare.start())
               for pattern in _named_bodies() if (found := pattern.match(text, start)))


@lru_cache(maxsize=8)
def _namings(text: str) -> tuple[int, tuple[str, ...]]:
    """(how many 区政协 / 市政协 of the text end a body named by its place, the level of
    each the text names by its level alone: 区政协, 市政协, not inside a named one, 某省政协,
    nor as several, 各区政协). Asked for again by the steps that read one text's body."""
    named, bare = 0, []
    for m in BARE_BODY.finditer(text):
        if _named_around(text, m):
            named += 1
        elif not (SEVERAL_BODIES.search(text[max(0, m.start() - SEVERAL_BODIES_CHARS):m.start()])
                  or ABOVE_THE_PAGE.match(text, m.end()) or TAKEN_BY.search(text, max(0, m.start() - 2), m.start())):
            bare.append(m.group(1))
    return named, tuple(bare)


def _bare_levels(text: str) -> set[str]:
    return set(_namings(text)[1])


def _bare_body(text: str) -> str | None:
    """A body named only by its level (区政协, 市政协) is the one place of that level the
    document names (spec §4 rule 6); two candidates leave it open."""
    levels = _bare_levels(text)
    if len(levels) != 1:
        return None
    places = _places_of_level(levels.pop(), text)
    if len(places) > 1:
        places = _named_by_outlet(places, text) or _most_named(places, text)
    return next(iter(places)) + "政协" if len(places) == 1 else None


def _named_by_outlet(places: frozenset[str], text: str) -> frozenset[str] | None:
    """Of several places, the only one a news outlet of the page is named after (某某日报记者,
    某某新闻网讯): the page's own reporter writes of it, and another place is only mentioned
    (a related headline under the article)."""
    named = frozenset(place for place in places if regex.search(
        rf"{regex.escape(place[:-1] if len(place) >= 3 else place)}{OUTLET}", text))
    return named if len(named) == 1 else None


def _most_named(places: frozenset[str], text: str) -> frozenset[str]:
    """Of several places, the one the text names at least twice as often as any other
    (民盟绵阳市委会… throughout, 成都 once in a dateline): the page is about it."""
    # By its stem (中卫 for 中卫市), unless the stem is one character (沙市).
    counts = sorted(((text.count(place[:-1] if len(place) >= 3 else place), place) for place in places), reverse=True)
    (most, place), (second, _) = counts[0], counts[1]
    return frozenset({place}) if most >= 2 and most >= 2 * second else places


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


# A unit the gazetteer lacks (a city of the 兵团, one made since) by the body's full name:
# 政协某某市第二届委员会.
UNLISTED_FULL_NAME = regex.compile(r"政协((?![全该本各每])\p{Han}{2,6}?[市县区旗])第[一二三四五六七八九十]+届委员会")


def _national_or_unlisted(text: str) -> str | None:
    if NATIONAL_SESSION.search(text):
        return "全国政协"
    full = UNLISTED_FULL_NAME.search(text)
    if full:
        return body_name(full.group(1))
    # Named at least twice: one stray 从县政协 or 关闭区政协 is no place.
    votes = Counter(m.group(1) for m in UNLISTED_COUNTY.finditer(text)
                    if "届" not in m.group(1) and not m.group(1).endswith("自治区"))
    named = [place for place, _ in votes.most_common() if text.count(place) >= 2]
    return body_name(named[0]) if named else None  # 长阳县 -> 长阳土家族自治县政协


NATIONAL = regex.compile(r"(?<![被向与为和及])全国政协(?!委员)")


def _document_body(text: str) -> str | None:
    """The body of a text, by the strongest naming found: a named 政协, 全国政协 by its
    sessions, a county the gazetteer lacks, a bare 区政协 with its one district, and
    else 全国政协 when it is the only 政协 the text names, not as a counter-party."""
    body = _body_in(text) or _national_or_unlisted(text)
    if body is None or _mostly_bare(text):
        # 省政协… throughout and 某市政协 once, as a partner met: the bare one is the page's.
        body = _bare_body(text) or body
    if body is None and not BARE_BODY.search(text) and NATIONAL.search(text):
        return "全国政协"
    if body is None and not _bare_levels(text):
        return _place_about(text)
    return body


# A 政协 named as a partner (与某市、某省政协共同举办…) is not the one the text is about.
PARTNER_BEFORE = regex.compile(r"(?:^|[，。；！？\n])[^，。；！？\n]*?(?:与|同|会同|联合)[^，。；！？\n]{0,24}$")
PARTNER_AFTER = regex.compile(r"(?:共同|联合|一起|一道|携手|合作|联手)")


def _partner(text: str, m: regex.Match) -> bool:
    return bool(PARTNER_AFTER.match(text, m.end()) and PARTNER_BEFORE.search(text, max(0, m.start() - 40), m.start()))


# A page that names its body by level at least this many times as often as it names any 政协
# by place is about the bare one.
BARE_MAJORITY = 3


def _mostly_bare(text: str) -> bool:
    if text.count("政协") < BARE_MAJORITY:
        return False
    named, bare = _namings(text)
    return len(bare) >= BARE_MAJORITY * max(named, 1)


def _body_in(text: str) -> str | None:
    """The body a text names most often, by the strongest kind of naming found."""
    for pattern in body_patterns():
        votes = Counter(body_name(m.group(1)) for m in pattern.finditer(text) if not _partner(text, m))
        if votes:
            return votes.most_common(1)[0][0]
    return None


POLITICAL_CONSULTATION = regex.compile(r"政协")


def _place_about(text: str) -> str | None:
    """With no body of its own named, the body of the place a text about a 政协's work
    names most (《某市总体规划》, 某市… with a 政协 of a region joined by name): spec §4 rule 6, the place
    the text is about."""
    if not POLITICAL_CONSULTATION.search(text):
        return None
    places = frozenset().union(*(_places_of_level(level, text) for level in ("省", "自治区", "市", "州", "区", "县")))
    places = frozenset(p for p in places if not any(p != q and p in q for q in places))
    if len(places) > 1:
        places = _most_named(places, text)
    if len(places) != 1:
        return None
    place = next(iter(places))
    # Named once, a place is a passing mention (or a spam link a page carries), not the subject.
    return body_name(place) if text.count(place[:-1] if len(place) >= 3 else place) >= 2 else None


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
            if n and is_heading(paras[n - 1][2]):
                title, start = paras[n - 1][2], paras[n - 1][0]
            starts.append((start, title, text))
    if not starts:
        # The title names the body first (西宁市政协提案委员会…工作总结), whatever the text mentions most.
        title = paras[0][2] if paras else None
        return (Article(start=0, end=len(doc.text), title=title,
                        body=(_body_in(title_line) or (title and (_body_in(title) or _short_named_body(title)))
                              or _document_body(title_line + doc.text) or source.body),
                        year=year_in(title_line + doc.text, source.published) or source.year),)
    starts[0] = (0, starts[0][1], starts[0][2])
    articles = []
    for k, (start, title, subtitle) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(doc.text)
        text = doc.text[start:end]
        articles.append(Article(start=start, end=end, title=title,
                                body=(_body_in(subtitle) or _body_in(text) or _body_in(paras[0][2])
                                      or _short_named_body(paras[0][2]) or _body_in(title_line)
                                      or _document_body(text) or source.body),
                                year=(stated_year(subtitle) or year_in(text, source.published)
                                      or source.year)))
    return tuple(articles)



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
    plans = plan_paragraphs(doc)
    multi_year = multi_year_paragraphs(doc)
    records: list[MetricRecord] = []
    multi_year_totals: dict[tuple[float, str | None], tuple[int | None, int | None]] = {}
    seen: set[tuple] = set()
    rate_mentions: dict[tuple, int] = {}  # rate fact without scope -> the mention that stated it
    headings = _heading_lines(doc)
    # A headline's figures come last, so that a fact told in both keeps the text's mention.
    for span in sorted(spans, key=lambda s: (_in(headings, s.start), s.start, s.scope or "")):
        article = articles[max(bisect_right(article_starts, span.start) - 1, 0)]
        para = para_starts[max(bisect_right(para_starts, span.start) - 1, 0)] if para_starts else 0
        status = span.status or ("target" if para in plans or plan_cue_before(doc.text, span.start)
                                 or plan_cue_after(doc.text, span.end) else "actual")
        year = article.year
        if status == "target":
            stated = plans.get(para) or planned_year(doc.text, article.start, span.start)
            if stated is not None:
                year = stated
            elif year is not None and not this_year(doc.text, span.start):
                year += 1
        relative = relative_year(doc.text, span.start, published)
        if status == "actual":
            year = (sentence_year(doc.text, span.start) or session_year(doc.text, span.start) or relative
                    or last_year(doc.text, span.start) or paragraph_year(doc.text, para, span.start) or year)
        elif relative is not None:
            year = relative
        year = mention_year(doc.text, span.start) or year
        period = multi_year_period(doc.text, span.start, para, article.year, para in multi_year) if status == "actual" else None
        if period is None and status == "actual":
            # 在全部2045件提案中，委员提案1513件: a breakdown of a total over years is over them too.
            period = period_of_total(doc.text, span.start, multi_year_totals)
        if period is not None:
            year = None
            multi_year_totals.setdefault((span.value, span.unit), period)
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
    told_in_text = {(r.body, r.metric, r.value, r.status) for r in records if not _in(headings, r.char_start)}
    # A headline's figure told again in the text (某省十届政协立案3000件提案 over
    # 五年来…经审查立案3000件) is one fact (spec §4 rule 2), whatever year each was given:
    # the text's mention, which its sentence dates, is kept.
    kept = [r for r in records
            if not (_in(headings, r.char_start) and (r.body, r.metric, r.value, r.status) in told_in_text)]
    return sorted(kept, key=lambda r: r.char_start)


def _heading_lines(doc: CleanDocument) -> list[tuple[int, int]]:
    """The lines of the text that are headings or titles, each up to the page address
    or date a site runs on after its title (…提交提案60件http://www.… 2012年6月3日)."""
    spans = []
    for m in LINE.finditer(doc.text):
        chrome = TITLE_CHROME.search(m.group())
        title = m.group()[:chrome.start()] if chrome else m.group()
        if title.strip() and is_heading(title):
            spans.append((m.start(), m.start() + len(title)))
    return spans


def _in(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of `spans` (in order, not overlapping)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and offset < spans[i][1]
