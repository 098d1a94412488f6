"""Named entities by pattern: ORG (政协 bodies at every level, Party committees,
governments and their departments), GPE (administrative divisions from the
gazetteer), DATE, QUANTITY and PERCENT. Plain regex, no spaCy: the spaCy
pipeline wraps it as a component, and attribution reads bodies with the same
`body_patterns()` that make the 政协 ORG entities."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from .extract.prefiltered import Prefiltered
from .gazetteer import alternated_names, city_names, county_names, division_names, name_alternation, province_names
from .numbers import find_numbers


class Entity(NamedTuple):
    start: int
    end: int
    label: str
    text: str


class BodyPatterns(NamedTuple):
    """Ways a text names a 政协 body, strongest first; group 1 is its place."""

    full_name: regex.Pattern  # 政协广州市番禺区委员会, 中国人民政治协商会议重庆市委员会
    county: regex.Pattern  # 重庆市沙坪坝区政协 -> 沙坪坝区政协
    party: regex.Pattern  # 中共北碚区委: the committee the body works under
    city: regex.Pattern  # 宜昌市政协, 浙江省政协


@lru_cache(maxsize=1)
def body_patterns() -> BodyPatterns:
    counties = name_alternation(county_names())
    division_list = division_names() | province_names()
    # An autonomous region is its short name and people before 自治区: 广西壮族自治区.
    divisions = rf"(?:{name_alternation(division_list)})(?:\p{{Han}}{{0,3}}?自治区)?"
    # Thousands of names in one alternation are slow to try at every character:
    # each pattern is tried only near the words it needs (政协, 中共), and the last
    # three only where one of their names opens a match.
    return BodyPatterns(
        full_name=Prefiltered(regex.compile(rf"(?:中国人民政治协商会议|政协)\s*(?:第[一二三四五六七八九十\d]+届)?(?:{divisions})*?({divisions})"
                                            rf"(?:第[一二三四五六七八九十\d]+届)?委员会")),
        county=Prefiltered(regex.compile(rf"({counties})政协"), opens=alternated_names(county_names())),
        party=Prefiltered(regex.compile(rf"中共({counties})委"),
                          opens=["中共" + n for n in alternated_names(county_names())]),
        city=Prefiltered(regex.compile(rf"({divisions})政协"), opens=alternated_names(division_list)),
    )


@lru_cache(maxsize=1)
def entity_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    """(label, pattern) pairs, longest readings first within each label."""
    places = name_alternation(county_names() | city_names() | province_names())
    bodies = body_patterns()
    org_suffix = r"(?:政协|人民政府|政府|人大常委会|人大|党委|委)"
    department = r"(?:[\p{Han}]{1,8}?(?:委员会|局|厅|办公厅|办公室))"
    return (
        ("ORG", regex.compile(
            rf"全国政协|中国人民政治协商会议\s*全国委员会|{bodies.full_name.pattern}|{bodies.city.pattern}"
            rf"|中共(?:{places}|中央)(?:委员会|委)?|(?:{places}){org_suffix}"
            rf"|(?<![\p{{Han}}])[省市区县]政协|国务院|国家发展改革委|[\p{{Han}}]{{2,4}}部(?=[、，等和])"
            rf"|(?:{places}|(?<![\p{{Han}}])[省市区县])(?:{department})")),
        ("GPE", regex.compile(places)),
        ("DATE", regex.compile(
            r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?:去年|今年|同年)\d{1,2}月")),
    )


def find_entities(text: str) -> list[Entity]:
    """Entities in `text`, overlaps resolved longest first, left to right."""
    found = [Entity(m.start(), m.end(), label, m.group())
             for label, pattern in entity_patterns() for m in pattern.finditer(text)]
    found += [Entity(n.start, n.end, "PERCENT" if n.unit == "%" else "QUANTITY", n.text)
              for n in find_numbers(text)]
    kept: list[Entity] = []
    taken: set[int] = set()
    for ent in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        if not taken.intersection(range(ent.start, ent.end)):
            kept.append(ent)
            taken.update(range(ent.start, ent.end))
    return sorted(kept)
