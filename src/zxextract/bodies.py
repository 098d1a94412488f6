"""Bodies as data: a body's name (沙坪坝区政协) placed in the administrative
divisions the gazetteer ships, as the code analysts join on (500106), its level
(county) and its province (重庆市).

A body is placed by its name alone, never by guessing from the rest of a
document: a name the gazetteer does not hold (a unit since renamed, 达县) or
holds more than once (江北区 is in 重庆市 and in 宁波市) keeps null codes and a
note saying why.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Literal

import pyarrow as pa

from .gazetteer import AUTONOMOUS_REGIONS, MUNICIPALITIES, NOT_CITY_SUFFIXES, _data_dir
from .models import Frozen

Level = Literal["national", "provincial", "prefecture", "county"]
LEVELS: tuple[str, ...] = ("national", "provincial", "prefecture", "county")
NATIONAL_BODY = "全国政协"
BODY_SUFFIX = "政协"
SPECIAL_REGIONS = {"香港": "香港特别行政区", "澳门": "澳门特别行政区"}

# The columns a body adds to metrics.parquet and facts.parquet.
BODY_FIELDS = [("body_code", pa.string()), ("level", pa.string()), ("province", pa.string()),
               ("body_note", pa.string())]


class BodyPlace(Frozen):
    """Where a body sits. `body_code` is the division's six-digit code (None for
    全国政协, which no division code names, and for a body not placed);
    `body_note` says why a named body could not be placed."""

    body_code: str | None = None
    level: Level | None = None
    province: str | None = None
    body_note: str | None = None


class _Division(Frozen):
    code: str
    level: Level


def _entries(path, key: str) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))[key]


def _province_full_name(short: str) -> str:
    if short in MUNICIPALITIES:
        return short + "市"
    if short in SPECIAL_REGIONS:
        return SPECIAL_REGIONS[short]
    region = next((r for r in AUTONOMOUS_REGIONS if r.startswith(short)), None)
    return region or short + "省"


@lru_cache(maxsize=1)
def province_of_code() -> dict[str, str]:
    """Two-digit prefix of a division code -> the province's full name (50 -> 重庆市)."""
    return {entry["id"][:2]: _province_full_name(entry["zh"])
            for entry in _entries(_data_dir() / "province.json", "province")}


@lru_cache(maxsize=1)
def divisions() -> dict[str, tuple[_Division, ...]]:
    """Full name of a division (as a body is named after it) -> every division of
    that name, at any level."""
    data = _data_dir()
    found: dict[str, list[_Division]] = {}

    def add(name: str, code: str, level: Level) -> None:
        found.setdefault(name, []).append(_Division(code=code, level=level))

    for entry in _entries(data / "province.json", "province"):
        add(_province_full_name(entry["zh"]), entry["id"], "provincial")
    for path in sorted(data.glob("cities/*.json")):
        for entry in _entries(path, "cities"):
            name = entry["zh"]
            add(name if name.endswith(NOT_CITY_SUFFIXES) else name + "市", entry["id"], "prefecture")
    for path in sorted(data.glob("counties/*/counties.json")):
        for entry in _entries(path, "counties"):
            add(entry["zh"], entry["id"], "county")
    return {name: tuple(found_here) for name, found_here in found.items()}


@lru_cache(maxsize=4096)
def place_body(body: str | None) -> BodyPlace:
    """The division a canonical body name (spec §2: full name + 政协) stands for."""
    if body is None:
        return BodyPlace()
    if body == NATIONAL_BODY:
        return BodyPlace(level="national")
    if not body.endswith(BODY_SUFFIX):
        return BodyPlace(body_note=f"{body}: not a body name of the form <place>政协")
    place = body[:-len(BODY_SUFFIX)]
    matches = divisions().get(place, ())
    if not matches:
        return BodyPlace(body_note=f"{body}: {place} is not in the gazetteer (a unit since renamed or merged?)")
    if len(matches) > 1:
        codes = ", ".join(f"{m.code} in {province_of_code().get(m.code[:2], '?')}" for m in matches)
        return BodyPlace(body_note=f"{body}: {place} names {len(matches)} divisions ({codes}); "
                                   "the name alone does not say which")
    division = matches[0]
    return BodyPlace(body_code=division.code, level=division.level,
                     province=province_of_code().get(division.code[:2]))


def body_columns(body: str | None) -> dict:
    """The BODY_FIELDS of one row."""
    return place_body(body).model_dump()
