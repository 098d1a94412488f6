"""Repairs applied to a decoded text before cleaning: what scraping leaves in
a page and what no report means. HTML or XML residue (tags, comments,
entities, `&nbsp;`), Windows and old Mac line endings, zero-width and other
invisible format characters, stray control characters, exotic spaces.

The result is the text that cleaning reads; each repair is counted in a note
so the log and documents.parquet say what was done to the document.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import regex

# Scripts and styles are code, not text: dropped with their content.
_CODE_BLOCK = regex.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", regex.IGNORECASE | regex.DOTALL)
_COMMENT = regex.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>", regex.DOTALL)
_BLOCK_TAGS = "|".join(sorted(
    "p div br li ul ol dl dt dd tr table tbody thead tfoot h1 h2 h3 h4 h5 h6 section article "
    "header footer blockquote pre hr title body html head nav aside figure figcaption".split(),
    key=len, reverse=True))
# A tag has an ASCII name (span, o:p, w:t) and attributes in HTML's syntax:
# "<2024>", "《…》" or "a<b 且 c>d" are not tags.
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][A-Za-z0-9_:.-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*\s*/?>"""
_INLINE_TAG = regex.compile(
    rf"</?(?!(?:{_BLOCK_TAGS})\b)[A-Za-z][A-Za-z0-9:._-]*{_ATTRIBUTES}", regex.IGNORECASE)
# A run of block tags is one paragraph break. The match starts at a tag, so
# scanning stays linear however much white space surrounds it.
_BLOCK_TAG = rf"</?(?:{_BLOCK_TAGS})\b{_ATTRIBUTES}"
_BLOCK_RUN = regex.compile(rf"{_BLOCK_TAG}(?:\s*{_BLOCK_TAG})*", regex.IGNORECASE)
_ENTITY = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});|&nbsp(?![A-Za-z0-9;])")
_LINE_BREAKS = regex.compile(r"\r\n?|[\x85\u2028\u2029\x0b\x0c]")
# Invisible format characters (zero-width space and joiners, byte-order marks
# inside the text, soft hyphens, direction marks) and control characters other
# than tab and newline.
_INVISIBLE = regex.compile(r"[\p{Cf}\x00-\x08\x0e-\x1f\x7f]")
_ODD_SPACES = regex.compile(r"[\xa0\u2000-\u200a\u202f\u205f]")
_FULL_WIDTH = regex.compile(r"[０-９Ａ-Ｚａ-ｚ]")
# Mirror sites print a character's pinyin after it: 政協(xié), 視察(chá)32項.
# A reading always carries a tone mark, so (A), (2024) and (一) stay.
_PINYIN = regex.compile(r"(?<=\p{Han})[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# OCR reads a per-cent sign as O/0 or O/O: 占98O/0 (a digit before O/ would be 100/0, a fraction).
_OCR_PERCENT = regex.compile(r"(?<=\d)\s?[Oo]/[Oo0](?!\d)")
# A line that is page chrome, not text: share buttons, print and close links,
# font-size switches, previous / next links, QR prompts, editor credits.
_CHROME_LINE = regex.compile(
    r"(?m)^[ \t|]*(?![^\n]{0,40}?(?:发布日期|发布时间|日期|时间)[：:])(?:分享到|分享：|打印本页|【?打印】?|关闭窗口|【?关闭】?|字号[：:]?\s*[【\[]?大|【字体|上一篇|下一篇"
    r"|返回顶部|扫一扫|责任编辑|编辑[：:]|相关文章|相关新闻|相关阅读|相關文章|相關新聞|分享到：)[^\n]{0,40}\n?")
# After the article's last line (编辑：…, 责任编辑：…, 关键词：…) a page lists other articles'
# headlines to its end: short lines with no sentence in them, which are not the article's.
_RELATED_TAIL = regex.compile(
    r"(?m)^[ \t]*(?:责任编辑|编辑|责编|关键词|关键字)[：:][^\n]*\n(?:[ \t]*[^\n。！？；;]{0,40}\n)*"
    r"[ \t]*[^\n。！？；;]{0,40}\Z")
# Spaces a converted page leaves around numbers and titles (已编发 《政协工作信息》 45 期):
# Chinese puts none there. Spaces between two Chinese words, around ASCII words and
# table bars stay.
_CJK_SPACES = regex.compile(r"(?<=\p{Han})[ \u3000]+(?=[\d《「“（])|(?<=[》」”）])[ \u3000]+(?=[\p{Han}\d])"
                            r"|(?<=\d)[ \u3000]+(?=\p{Han})")
# A page converted from a laid-out book (a yearbook's flip pages) wraps its column's
# lines in mid-word, each continuation indented: 经济建设方⏎          面72件.
_WRAPPED_LINE = regex.compile(r"(?<=[\p{Han}\d，,、(（])\n[ \t\u3000]{8,}(?=[\p{Han}\d(（，,、。；;%])")
# and spaces its headings letter by letter: 政 法 统 战 方 面. Only a run of single
# characters is joined; a space between two words (市政协 召开) stays.
_LETTER_SPACED = regex.compile(r"(?<!\p{Han})\p{Han}(?:[ \u3000]\p{Han}(?!\p{Han})){2,}")
# A converted page doubles its commas or puts one before another mark (其中,,经济建设90件,
# 委员,、各参加单位): the comma is debris, the mark after it the text's own.
_STRAY_COMMA = regex.compile(r"[,，](?=[,，、。；;！？])")
LONG_LINE_CHARS = 10_000
# Repairs that replace a pattern, in order, each with the note it leaves.
_SUBSTITUTIONS = (
    (_INVISIBLE, "", "zero-width or control characters removed"),
    (_PINYIN, "", "pinyin readings after characters removed (a mirror site's insertions)"),
    (_OCR_PERCENT, "%", "per-cent signs read by OCR as O/0 repaired"),
    (_RELATED_TAIL, "", "other articles' headlines after the article's end removed"),
    (_CHROME_LINE, "", "lines of page chrome removed (share, print, previous/next links)"),
    (_ODD_SPACES, " ", "non-breaking or other special spaces made plain"),
    (_STRAY_COMMA, "", "stray commas before another punctuation mark removed"),
    (_WRAPPED_LINE, "", "lines wrapped in mid-word by a laid-out page rejoined"),
    (_LETTER_SPACED, lambda m: regex.sub(r"[ \u3000]", "", m.group()), "letter-spaced words closed up"),
    (_CJK_SPACES, "", "spaces between Chinese words and numbers removed"),
)


@dataclass(frozen=True)
class Sanitized:
    text: str
    notes: tuple[str, ...]


def _strip_markup(text: str, notes: list[str]) -> str:
    if "<" not in text:
        return text
    text, code = _CODE_BLOCK.subn("", text)
    text, comments = _COMMENT.subn("", text)
    text, inline = _INLINE_TAG.subn("", text)
    pieces, pos, blocks = [], 0, 0
    for m in _BLOCK_RUN.finditer(text):
        # Exactly one blank line, with the white space around the tags dropped:
        # cleaning reads a wider gap as the mark of a photo caption.
        pieces += [text[pos:m.start()].rstrip(), "\n\n"]
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
        blocks += 1
    text = "".join(pieces) + text[pos:]
    if code or comments or blocks or inline:
        notes.append(f"HTML/XML residue removed ({blocks} block tag runs, {inline} other tags, "
                     f"{comments} comments, {code} script/style blocks)")
    return text


def _decode_entities(text: str, notes: list[str]) -> str:
    if "&" not in text:
        return text
    count = 0

    def unescape(m: regex.Match) -> str:
        nonlocal count
        entity = m.group()
        plain = html.unescape(entity if entity.endswith(";") else entity + ";")
        if plain == entity:
            return entity  # not an entity HTML knows: leave the text as written
        count += 1
        return plain

    text = _ENTITY.sub(unescape, text)
    if count:
        notes.append(f"{count} HTML entities decoded")
    return text


def sanitize(text: str) -> Sanitized:
    """Apply every repair; the notes say which were needed."""
    notes: list[str] = []
    text, breaks = _LINE_BREAKS.subn("\n", text)
    if breaks:
        notes.append(f"{breaks} Windows/Mac line endings converted")
    text = _strip_markup(text, notes)
    text = _decode_entities(text, notes)
    for pattern, replacement, note in _SUBSTITUTIONS:
        text, count = pattern.subn(replacement, text)
        if count:
            notes.append(f"{count} {note}")
    full_width = len(_FULL_WIDTH.findall(text))
    if full_width:  # cleaning reads them as ASCII; said here so the log shows it
        notes.append(f"{full_width} full-width digits or letters")
    longest = max(map(len, text.split("\n")))
    if longest > LONG_LINE_CHARS:
        notes.append(f"very long line ({longest} characters)")
    return Sanitized(text, tuple(notes))
