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


def test_a_finding_names_the_record():
    (finding,) = check_records([record("proposal_satisfaction_rate", 101, "%", char_start=7, char_end=11)])
    assert (finding.doc_id, finding.metric, finding.char_start, finding.severity.value) == \
        ("d", "proposal_satisfaction_rate", 7, "error")
    assert finding.message == "proposal_satisfaction_rate = 101.0 is outside 0–100"


@pytest.mark.parametrize("metric, value, unit", [
    pytest.param("proposal_satisfaction_rate", 0, "%", id="比率为0"),
    pytest.param("proposal_satisfaction_rate", 100, "%", id="比率为100"),
    pytest.param("proposals_received", 0, "件", id="计数为0"),
    pytest.param("proposals_received", 0.5, "件", id="计数不足1"),
])
def test_values_at_the_bounds_pass(metric, value, unit):
    assert check_records([record(metric, value, unit)]) == []


def adopted(value, scope=None, at=0):
    return record("sqmy_adopted", value, "条", scope=scope, char_start=at, char_end=at + 2)


@pytest.mark.parametrize("records, flagged_at", [
    pytest.param([adopted(84, "市政协", 10), adopted(30, "全国政协", 20)], 10, id="最大的部分在前"),
    pytest.param([adopted(30, "全国政协", 20), adopted(84, "市政协", 10)], 10, id="最大的部分在后"),
    pytest.param([adopted(84, "全国政协", 10), adopted(84, "市政协", 20)], 10, id="相等的部分取前一个"),
    pytest.param([adopted(84, "市政协", 10), adopted(60, None, 20)], None, id="合计优先于部分"),
    pytest.param([adopted(60, None, 20), adopted(95, "单篇", 10)], None, id="合计之后的部分不替代合计"),
    pytest.param([adopted(70, None, 20)], None, id="相等不标记"),
])
def test_the_total_or_the_largest_part_is_compared(records, flagged_at):
    findings = check_records([record("sqmy_submitted", 70, "条", char_start=40, char_end=43), *records])
    assert [f.char_start for f in findings] == ([] if flagged_at is None else [flagged_at])
    for f in findings:
        assert (f.check, f.metric, f.severity.value) == ("sqmy_adopted<=sqmy_submitted", "sqmy_adopted", "warning")
        assert f.message == "sqmy_adopted 84 exceeds sqmy_submitted 70 for 沙坪坝区政协 2024"
