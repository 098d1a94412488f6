"""Clean a raw newspaper text: drop page markers, captions and repeated
paragraphs, repair sentences cut across blank lines, normalise full-width
characters. Every clean character maps back to a raw offset.

Cleaning works on *pieces*, half-open ranges of the raw text. A paragraph is a
list of pieces, so deleting, joining and moving text never loses the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from .boundaries import SITE_PATH
from .models import CleanDocument, CleanStats, OffsetMap, RawDocument
from .numbers import NUMBER

# Full-width digits, Latin letters, %, parentheses, ideographic space -> ASCII.
# Chinese sentence punctuation (，。；：) stays: it is the text's own.
_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: ord("A") + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: ord("a") + i for i in range(26)})
_FULLWIDTH.update({ord("％"): ord("%"), ord("．"): ord("."), ord("（"): ord("("),
                   ord("）"): ord(")"), 0x3000: ord(" "), ord("＋"): ord("+")})
# Most paragraphs hold none of them, and translate looks every character up; the
# standard library's `re` finds one of a set of characters many times faster.
_HAS_FULLWIDTH = re.compile("[" + "".join(map(chr, _FULLWIDTH)) + "]")

PARAGRAPH_BREAK = regex.compile(r"[ \t\u3000]*\n(?:[ \t\u3000\r]*\n)+")
PAGE_MARKER = regex.compile(
    r"[(（]\s*(?:上|下)(?:接|转)(?:第)?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]")
# Characters that may end a paragraph without the sentence going on.
TERMINAL = set("。！？!?；;：:…”’」』)）】》*—-")
PROSE_PUNCT = set("，,。；;、：:！？!?")
# Whether a paragraph holds one, asked of every paragraph again at each join it
# might make: found by the standard `re`, not character by character in Python.
_HAS_PROSE_PUNCT = re.compile("[" + re.escape("".join(sorted(PROSE_PUNCT))) + "]")
SENTENCE_PUNCT = set("，,。；;！？!?")
# A paragraph ending in a digit or a function word is a cut sentence, never a heading.
DANGLING_END = set("0123456789和的与及、在对把将被向从为了")
# The 、 of a list index (四、2022年提案工作打算) does not make a heading prose.
LEADING_LIST_INDEX = regex.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")
ENDS_WITH_FIGURE = regex.compile(rf"(?:{NUMBER.pattern})$")
CLAUSE_GOES_ON = set("，,、；;：:")
# A page's dateline or credits end where they end: 发布时间：2025-04-09 来源：思明区政协 浏览次数：643.
METADATA_LINE = regex.compile(r"\s*(?:发布时间|发布日期|发表时间|来源|作者|责任编辑|编辑)[：:]")
# A page's chrome, which no sentence runs into or out of: where the page sits on its site
# (当前位置：首页 > 新闻), and the line that dates it (2021-01-12 09:30 | 网名, 时间：2021-08-09).
PAGE_CHROME_LINE = regex.compile(rf"\s*(?:[•·]\s*)?(?:{SITE_PATH})"
                                 r"|.{0,30}?(?<!\d)20\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"
                                 r"|.{0,30}?(?:发布时间|发布日期|发表时间|时间|日期)[：:]\s*20\d{2}[-年./]\d{1,2}")
CAPTION_MAX_CHARS = 80
INTERRUPTION_MAX_CHARS = 40
DUPLICATE_MIN_CHARS = 10


def normalise_chars(text: str) -> str:
    """One-to-one replacement of full-width forms; length is unchanged."""
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


@dataclass
class _Paragraph:
    pieces: list[tuple[int, int]]
    text: str
    newlines_before: int
    newlines_after: int
    notes: list[str] = field(default_factory=list)

    @property
    def is_prose(self) -> bool:
        index = LEADING_LIST_INDEX.match(self.text)  # anchored at the start: what sub would drop
        return _HAS_PROSE_PUNCT.search(self.text, index.end() if index else 0) is not None

    @property
    def is_unterminated(self) -> bool:
        return bool(self.text) and self.text[-1] not in TERMINAL


def _split_paragraphs(raw: str) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    pos = 0
    breaks = list(PARAGRAPH_BREAK.finditer(raw)) + [None]
    newlines_before = 0
    for brk in breaks:
        end = brk.start() if brk else len(raw)
        after = brk.group().count("\n") if brk else 0
        start, stop = pos, end
        while start < stop and raw[start].isspace():
            start += 1
        while stop > start and raw[stop - 1].isspace():
            stop -= 1
        if stop > start:
            paragraphs.append(_Paragraph([(start, stop)], normalise_chars(raw[start:stop]),
                                         newlines_before, after))
        newlines_before = after
        pos = brk.end() if brk else len(raw)
    return paragraphs


def _remove_page_markers(raw: str, para: _Paragraph) -> int:
    """Cut page markers such as (上接1版) out of the paragraph's pieces."""
    (start, stop), = para.pieces
    markers = list(PAGE_MARKER.finditer(raw, start, stop))
    if not markers:
        return 0
    pieces, cursor = [], start
    for m in markers:
        if m.start() > cursor:
            pieces.append((cursor, m.start()))
        cursor = m.end()
    if stop > cursor:
        pieces.append((cursor, stop))
    # Trim whitespace the cut leaves at either end.
    pieces = [(a, b) for a, b in pieces if raw[a:b].strip()]
    if pieces:
        a, b = pieces[0]
        pieces[0] = (a + len(raw[a:b]) - len(raw[a:b].lstrip()), b)
        a, b = pieces[-1]
        pieces[-1] = (a, b - (len(raw[a:b]) - len(raw[a:b].rstrip())))
    para.pieces = pieces
    para.text = "".join(normalise_chars(raw[a:b]) for a, b in pieces)
    return len(markers)


def _is_caption(para: _Paragraph) -> bool:
    """Photo captions stand alone after a wide gap (3+ newlines), without
    sentence punctuation: '沙坪坝区政协常委会视察三羊马环球汽车中心展厅'."""
    return (
        para.newlines_before >= 3
        and len(para.text) <= CAPTION_MAX_CHARS
        and not any(c in SENTENCE_PUNCT for c in para.text)
        # The line that dates a page is no caption, however it stands (时间:2021-08-09).
        and not PAGE_CHROME_LINE.match(para.text)
    )


def _is_subtitle(para: _Paragraph) -> bool:
    """An article's subtitle (——区政协2024年提案、社情民意工作回眸) ends where it ends,
    though a 、 makes it look like prose; a dash-led bullet with a comma goes on."""
    return para.text.startswith("——") and not any(c in SENTENCE_PUNCT for c in para.text)


def _continues(first: _Paragraph, second: _Paragraph) -> bool:
    """A prose paragraph cut mid-sentence goes on in the next prose paragraph
    ('召开十五届十四次常委会' + '会议，专题协商…'); headings have no prose punctuation,
    and a chart's line ends with its figure ('召开全体会议、常委会会议 7 次' + '专题协商会：4场')."""
    return (
        (first.is_prose or first.text[-1] in DANGLING_END)
        and first.is_unterminated
        and not _is_subtitle(first)
        and second.is_prose
        and not second.text.startswith(("——", "- ", "-"))
        and not (ENDS_WITH_FIGURE.search(first.text) and second.text[0] not in CLAUSE_GOES_ON)
        # Digits on both sides would run two numbers into one (浏览次数：1287 + 1月15日).
        and not (first.text[-1].isdigit() and second.text[0].isdigit())
        and not METADATA_LINE.match(first.text)
        and not PAGE_CHROME_LINE.match(first.text.rsplit("\n", 1)[-1]) and not PAGE_CHROME_LINE.match(second.text)
    )


def _join(raw: str, first: _Paragraph, second: _Paragraph) -> bool:
    """Append `second` to `first`. Returns True when a character doubled at the
    cut ('年度改革项目' + '目，交出…') was dropped."""
    doubled = (
        len(second.text) > 1
        and second.text[0] == first.text[-1]
        and (second.text[1] in PROSE_PUNCT or second.text[1].isspace())
    )
    pieces = list(second.pieces)
    text = second.text
    if doubled:
        a, b = pieces[0]
        pieces[0] = (a + 1, b)
        if pieces[0][0] >= pieces[0][1]:
            pieces.pop(0)
        text = text[1:]
    first.pieces.extend(pieces)
    first.text += text
    first.newlines_after = second.newlines_after
    return doubled


def clean(raw_doc: RawDocument) -> CleanDocument:
    raw = raw_doc.text
    stats = dict(paragraphs_duplicate=0, joins_repaired=0, doubled_chars_removed=0,
                 captions_removed=0, page_markers_removed=0)

    kept: list[_Paragraph] = []
    for para in _split_paragraphs(raw):
        stats["page_markers_removed"] += _remove_page_markers(raw, para)
        if not para.pieces:
            continue
        if _is_caption(para):
            stats["captions_removed"] += 1
            continue
        kept.append(para)

    # Repair cut sentences. A short non-prose paragraph (a running page header)
    # between the two halves is moved after the repaired paragraph, not lost.
    joined: list[_Paragraph] = []
    i = 0
    while i < len(kept):
        para = kept[i]
        j = i + 1
        while j < len(kept):
            nxt = kept[j]
            if _continues(para, nxt):
                stats["doubled_chars_removed"] += _join(raw, para, nxt)
                stats["joins_repaired"] += 1
                j += 1
                continue
            after = kept[j + 1] if j + 1 < len(kept) else None
            if (after is not None and para.is_prose and para.is_unterminated
                    and not nxt.is_prose and len(nxt.text) <= INTERRUPTION_MAX_CHARS
                    and _continues(para, after)):
                stats["doubled_chars_removed"] += _join(raw, para, after)
                stats["joins_repaired"] += 1
                kept[j + 1] = nxt  # the interruption now follows the repaired paragraph
                j += 1
                continue
            break
        joined.append(para)
        i = j

    seen: set[str] = set()
    final: list[_Paragraph] = []
    for para in joined:
        key = para.text.strip()
        if len(key) >= DUPLICATE_MIN_CHARS and key in seen:
            stats["paragraphs_duplicate"] += 1
            continue
        seen.add(key)
        final.append(para)

    return _assemble(raw_doc, final, CleanStats(chars_raw=len(raw), chars_clean=0, **stats))


def _assemble(raw_doc: RawDocument, paragraphs: list[_Paragraph], stats: CleanStats) -> CleanDocument:
    texts: list[str] = []
    clean_starts: list[int] = []
    raw_starts: list[int] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for n, para in enumerate(paragraphs):
        if n:
            # The separator has no raw text of its own: it maps to the raw
            # character just after the previous paragraph.
            sep_raw = paragraphs[n - 1].pieces[-1][1]
            for _ in range(2):
                clean_starts.append(pos)
                raw_starts.append(min(sep_raw, len(raw_doc.text) - 1))
                pos += 1
            texts.append("\n\n")
        start = pos
        for a, b in para.pieces:
            clean_starts.append(pos)
            raw_starts.append(a)
            pos += b - a
        texts.append(para.text)
        spans.append((start, pos))
    text = "".join(texts)
    assert len(text) == pos, "clean text and offset map disagree"
    return CleanDocument(
        doc_id=raw_doc.doc_id,
        text=text,
        raw_text=raw_doc.text,
        offsets=OffsetMap(clean_starts=tuple(clean_starts), raw_starts=tuple(raw_starts),
                          clean_length=len(text)),
        paragraphs=tuple(spans),
        stats=stats.model_copy(update={"chars_clean": len(text)}),
    )
