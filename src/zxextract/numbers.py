"""Numbers as Chinese reports write them: 536件, 1万余人次, 百余场, 两期, 98.16%,
达到92%以上, 近千人. Parsing gives the value as written and a qualifier."""

from __future__ import annotations

import regex

from .models import NumberMention, Qualifier

# ○ (a white circle) stands for 〇 in typed pages (一千○四十九), but never opens a numeral:
# alone it is a placeholder (○○区).
CHINESE_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

# Measure words, longest first so 场次 wins over 场.
UNITS = ("场次", "人次", "批次", "篇次", "件次", "个", "件", "条", "篇", "次", "场", "名",
         "项", "期", "家", "人", "处", "本", "批", "天", "位", "份", "部", "轮", "支", "户",
         "口", "所", "起", "%")
PREFIX_QUALIFIERS: dict[str, Qualifier] = {
    "不少于": "at_least", "不低于": "at_least", "至少": "at_least", "超过": "more_than", "逾": "more_than",
    "近乎": "about", "约": "about", "近": "about",
}
INNER_QUALIFIERS: dict[str, Qualifier] = {"余": "more_than", "多": "more_than"}
SUFFIX_QUALIFIERS: dict[str, Qualifier] = {"以上": "more_than", "左右": "about", "多": "more_than"}

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?(?:[万亿])?"
ARABIC = regex.compile(_ARABIC)  # compiled once: parse_value runs for every number read
_SPACE = r"[ \u3000]?"
CHINESE_NUMERAL = _CHINESE = r"[零〇一二两三四五六七八九十百千万亿][零〇○一二两三四五六七八九十百千万亿]*"


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def number_pattern(units: tuple[str, ...] = UNITS) -> str:
    """Regex source for one number mention, with named groups
    `nprefix`, `num`, `ninner`, `unit`, `nsuffix`. Used by the rules' {NUM}.
    A unit never matches the start of a longer one left out of `units`
    (件 in 35件次), so a rule restricted to 件 does not misread 件次."""
    longer = {u2[len(u):] for u in units for u2 in UNITS if u2 != u and u2.startswith(u) and u2 not in units}
    guard = f"(?!{_alternation(longer)})" if longer else ""
    # Bullet summaries set numbers off by spaces: 收到提案 412 件, 1100 余条.
    return (
        rf"{_SPACE}(?P<nprefix>{_alternation(PREFIX_QUALIFIERS)})?"
        rf"(?P<num>(?<![\d.]){_ARABIC}|{_CHINESE})"
        rf"{_SPACE}(?P<ninner>{_alternation(INNER_QUALIFIERS)})?{_SPACE}"
        rf"(?P<unit>{_alternation(units)}){guard}"
        rf"(?P<nsuffix>{_alternation(SUFFIX_QUALIFIERS)})?"
    )


NUMBER = regex.compile(number_pattern())


class NumberParseError(ValueError):
    pass


def parse_chinese_numeral(text: str) -> int:
    """`三百二十五` -> 325, `百` -> 100, `两万` -> 20000, `十五` -> 15, `一〇八` -> 108."""
    if not text or any(c not in CHINESE_DIGITS and c not in CHINESE_SMALL_UNITS
                       and c not in CHINESE_LARGE_UNITS for c in text):
        raise NumberParseError(f"not a Chinese numeral: {text!r}")
    if all(c in CHINESE_DIGITS for c in text) and len(text) > 1:
        # Digit by digit, as in years and codes: 一〇八 -> 108.
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in "零〇○":
            continue  # a placeholder between positions: 一百零一
        if c in CHINESE_DIGITS:
            if digit is not None:
                raise NumberParseError(f"two digits in a row in {text!r}")
            digit = CHINESE_DIGITS[c]
        elif c in CHINESE_SMALL_UNITS:
            section += (1 if digit is None else digit) * CHINESE_SMALL_UNITS[c]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                section = 1
            total += section * CHINESE_LARGE_UNITS[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_value(num: str) -> float:
    """The numeric value of the `num` group: Arabic (with 万/亿) or Chinese."""
    if ARABIC.fullmatch(num):
        multiplier = 1
        if num[-1] in CHINESE_LARGE_UNITS:
            multiplier = CHINESE_LARGE_UNITS[num[-1]]
            num = num[:-1]
        return float(num.replace(",", "")) * multiplier
    return float(parse_chinese_numeral(num))


def qualifier_of(prefix: str | None, inner: str | None, suffix: str | None) -> Qualifier:
    for word, table in ((prefix, PREFIX_QUALIFIERS), (inner, INNER_QUALIFIERS),
                        (suffix, SUFFIX_QUALIFIERS)):
        if word:
            return table[word]
    return "exact"


def mention_from_match(match: regex.Match, offset: int = 0) -> NumberMention:
    """Build a NumberMention from a match of `number_pattern()` (or a rule
    embedding it); `offset` shifts match positions into document offsets."""
    # The groups in one call: this runs for every number any rule or frame reads.
    prefix, num, inner, unit, suffix = match.group("nprefix", "num", "ninner", "unit", "nsuffix")
    start, end = mention_span(match)
    return NumberMention(start=start + offset, end=end + offset, text=match.string[start:end],
                         value=parse_value(num), unit=unit, qualifier=qualifier_of(prefix, inner, suffix))


def mention_span(match: regex.Match) -> tuple[int, int]:
    """(start, end) of the mention in a match of `number_pattern()`: its qualifiers included."""
    return (match.start("nprefix") if match.group("nprefix") else match.start("num"),
            match.end("nsuffix") if match.group("nsuffix") else match.end("unit"))


def find_numbers(text: str) -> list[NumberMention]:
    """Every number-with-unit mention in `text`, left to right."""
    return [mention for m in NUMBER.finditer(text) if (mention := parsed(m)) is not None]


def parsed(match: regex.Match) -> NumberMention | None:
    """The mention of a match of `number_pattern()`, or None when its number does not parse."""
    try:
        return mention_from_match(match)
    except NumberParseError:
        return None
