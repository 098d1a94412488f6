"""Validation flags implausible records and keeps them."""

import pytest
from pydantic import ValidationError

from zxextract.models import MetricRecord, Span
from zxextract.validate import check_records


def record(metric: str, value: float, unit: str = "件", scope=None, **kw) -> MetricRecord:
    fields = dict(doc_id="d", body="沙坪坝区政协", year=2024, metric=metric, value=value, unit=unit,
                  qualifier="exact", scope=scope, status="actual", evidence="…", char_start=0,
                  char_end=3, extractor="test")
    fields.update(kw)
    return MetricRecord(**fields)


@pytest.mark.parametrize("rec, check", [
    pytest.param(record("proposal_satisfaction_rate", 101, "%"), "rate_range", id="比率超过100"),
    pytest.param(record("proposal_satisfaction_rate", 98, "件"), "rate_unit", id="比率单位"),
    pytest.param(record("proposals_received", -1), "negative_count", id="负数"),
    pytest.param(record("proposals_received", 5, "%"), "count_unit", id="计数用百分比"),
    pytest.param(record("participants", 5, "件"), "unit_mismatch", id="单位不符"),
])
def test_record_checks(rec, check):
    assert [f.check for f in check_records([rec])] == [check]


def test_plausible_records_pass():
    assert check_records([record("proposals_received", 536), record("proposals_accepted", 284),
                          record("proposal_satisfaction_rate", 98.16, "%")]) == []


def test_accepted_more_than_received_is_flagged():
    findings = check_records([record("proposals_received", 200), record("proposals_accepted", 284)])
    assert [f.check for f in findings] == ["proposals_accepted<=proposals_received"]


def test_adopted_parts_compared_with_submitted():
    ok = [record("sqmy_submitted", 314, "条"), record("sqmy_adopted", 30, "条", scope="全国政协"),
          record("sqmy_adopted", 84, "条", scope="市政协")]
    assert check_records(ok) == []
    bad = ok[:1] + [record("sqmy_adopted", 400, "条", scope="市政协")]
    assert [f.check for f in check_records(bad)] == ["sqmy_adopted<=sqmy_submitted"]


def test_different_years_are_not_compared():
    assert check_records([record("proposals_received", 200, year=2023),
                          record("proposals_accepted", 284, year=2024)]) == []


@pytest.mark.parametrize("fields", [
    pytest.param({"metric": "proposal_count"}, id="未知指标"),
    pytest.param({"qualifier": "roughly"}, id="未知限定"),
    pytest.param({"status": "planned"}, id="未知状态"),
    pytest.param({"char_start": 5, "char_end": 5}, id="空偏移"),
    pytest.param({"year": 1800}, id="年份"),
])
def test_schema_rejects(fields):
    with pytest.raises(ValidationError):
        MetricRecord(**{**record("proposals_received", 1).model_dump(), **fields})


def test_span_rejects_unknown_metric():
    with pytest.raises(ValidationError):
        Span(start=0, end=1, text="1件", metric="nope", value=1, unit="件", qualifier="exact", rule_id="x")
