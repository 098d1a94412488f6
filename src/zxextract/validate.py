"""Validation beyond the record schema: plausible values and units, and checks
across records. Findings go to checks.parquet; no record is ever dropped."""

from __future__ import annotations

from collections import defaultdict

from .models import RATE_METRICS, CheckFinding, MetricRecord, Severity

# Units a metric is normally counted in; anything else is flagged, not dropped.
EXPECTED_UNITS: dict[str, set[str]] = {
    "proposals_received": {"件"}, "proposals_accepted": {"件"},
    "proposals_not_accepted": {"件"}, "proposals_merged": {"件"},
    "proposals_closed": {"件"}, "proposals_key": {"件"}, "proposals_by_kind": {"件"},
    "sqmy_collected": {"条", "篇", "件"}, "sqmy_submitted": {"条", "篇", "件", "期"},
    "sqmy_adopted": {"条", "篇", "件"},
    "participants": {"人次", "名", "人"}, "members": {"名", "位", "人"},
}
# (smaller, larger): the first cannot exceed the second for one body, year and status.
NOT_MORE_THAN = (
    ("proposals_accepted", "proposals_received"),
    ("proposals_key", "proposals_accepted"),
    ("sqmy_adopted", "sqmy_submitted"),
    ("sqmy_adopted", "sqmy_collected"),
)


def check_record(record: MetricRecord) -> list[CheckFinding]:
    findings = []

    def finding(check: str, message: str) -> None:
        findings.append(CheckFinding(doc_id=record.doc_id, check=check, severity=Severity.error,
                                     message=message, char_start=record.char_start,
                                     metric=record.metric))

    if record.metric in RATE_METRICS:
        if record.unit != "%":
            finding("rate_unit", f"{record.metric} is a rate but its unit is {record.unit!r}")
        if not 0 <= record.value <= 100:
            finding("rate_range", f"{record.metric} = {record.value} is outside 0–100")
    else:
        if record.value < 0:
            finding("negative_count", f"{record.metric} = {record.value} is negative")
        expected = EXPECTED_UNITS.get(record.metric)
        if record.unit == "%":
            finding("count_unit", f"{record.metric} is a count but its unit is %")
        elif expected and record.unit not in expected:
            finding("unit_mismatch",
                    f"{record.metric} counted in {record.unit!r}, expected one of {sorted(expected)}")
    return findings


def check_records(records: list[MetricRecord]) -> list[CheckFinding]:
    """Per-record checks plus cross-record ones (立案 ≤ 收到, adopted ≤ submitted)."""
    findings = [f for r in records for f in check_record(r)]
    # A scoped figure (adopted by 市政协) is a part: compare the unscoped total,
    # or the largest part when no total is stated.
    totals: dict[tuple, dict[str, MetricRecord]] = defaultdict(dict)
    for r in records:
        group = (r.doc_id, r.body, r.year, r.status)
        held = totals[group].get(r.metric)
        if held is None or (held.scope is not None and (r.scope is None or r.value > held.value)):
            totals[group][r.metric] = r
    for held in totals.values():
        for smaller, larger in NOT_MORE_THAN:
            if smaller in held and larger in held and held[smaller].value > held[larger].value:
                r = held[smaller]
                findings.append(CheckFinding(
                    doc_id=r.doc_id, check=f"{smaller}<={larger}", severity=Severity.warning,
                    message=f"{smaller} {r.value:g} exceeds {larger} {held[larger].value:g} "
                            f"for {r.body} {r.year}",
                    char_start=r.char_start, metric=smaller))
    return findings
