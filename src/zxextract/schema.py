"""Field types shared by the schemas of the data files (rules/*.yml, the frame
lexicon): a metric id of spec §3, measure words the number reader knows."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from .models import METRICS
from .numbers import UNITS


def _known_metric(metric: str) -> str:
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; known: {', '.join(METRICS)}")
    return metric


def _known_units(units: list[str]) -> list[str]:
    unknown = [u for u in units if u not in UNITS]
    if unknown:
        raise ValueError(f"unknown unit(s) {unknown}; known: {' '.join(UNITS)}")
    return units


MetricId = Annotated[str, AfterValidator(_known_metric)]
Units = Annotated[list[str], AfterValidator(_known_units)]
