"""Scoring (spec §5): one-to-one matches on doc, body, year, metric, value and
status; unit, qualifier, scope and period as accuracy over matched pairs."""

import json

import pandas as pd
import pytest

from zxextract.errors import GoldError
from zxextract.evaluate import Counts, format_report, load_gold, load_predictions, score


def rec(value, metric="proposals_received", doc_id="d", body="某区政协", year=2024, status="actual",
        unit="件", qualifier="exact", scope=None, **extra):
    return dict(doc_id=doc_id, body=body, year=year, metric=metric, value=value, unit=unit,
                qualifier=qualifier, scope=scope, status=status, evidence=f"收到提案{value}件", **extra)


def test_counts():
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)
    assert Counts(fp=2).f1 == 0.0


@pytest.mark.parametrize("changed", [
    pytest.param(dict(doc_id="e"), id="文档"), pytest.param(dict(body="另一区政协"), id="主体"),
    pytest.param(dict(year=2023), id="年份"), pytest.param(dict(metric="proposals_accepted"), id="指标"),
    pytest.param(dict(value=537), id="数值"), pytest.param(dict(status="target"), id="状态"),
])
def test_every_key_field_decides_a_match(changed):
    gold = [rec(536), rec(1, doc_id="e")]
    result = score([rec(536) | changed], gold)
    assert len(result.matched) == (0 if changed else 1)
    total = result.total(["proposals_received", "proposals_accepted"])
    assert (total.tp, total.fp, total.fn) == (0, 1, 2)


def test_matching_is_one_to_one_and_ignores_documents_without_gold():
    gold = [rec(536), rec(536)]
    preds = [rec(536), rec(536), rec(536), rec(99, doc_id="no-gold")]
    result = score(preds, gold)
    counts = result.per_metric["proposals_received"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 0)
    assert [p["doc_id"] for p in result.unmatched_pred] == ["d"]
    assert result.unmatched_gold == []
    assert result.matched == [(preds[0], gold[0]), (preds[1], gold[1])]


def test_unmatched_records_are_kept_for_the_error_list():
    gold = [rec(1), rec(2)]
    preds = [rec(1), rec(3), rec(4)]
    result = score(preds, gold)
    assert result.unmatched_gold == [gold[1]]
    assert result.unmatched_pred == [preds[1], preds[2]]
    assert result.per_metric["proposals_received"].fp == 2


def test_values_match_to_four_decimals_and_years_as_numbers():
    result = score([rec(98.16004, year=2024.0)], [rec(98.16)])
    assert len(result.matched) == 1
    assert score([rec(98.1601)], [rec(98.16)]).matched == []


def test_without_attribution_body_and_year_are_set_aside():
    gold = [rec(536)]
    pred = [rec(536, body=None, year=2023)]
    assert score(pred, gold).matched == []
    assert len(score(pred, gold, attribution=False).matched) == 1


def test_status_defaults_to_actual():
    pred = rec(536)
    del pred["status"]
    assert len(score([pred], [rec(536)]).matched) == 1


def test_attributes_are_scored_over_matched_pairs():
    gold = [rec(1), rec(2, scope="全国政协"), rec(3, qualifier="more_than"), rec(4)]
    preds = [rec(1, unit="条"), rec(2, scope="市政协"), rec(3), rec(99)]
    result = score(preds, gold)
    assert len(result.matched) == 3
    assert result.attribute_accuracy("unit") == pytest.approx(2 / 3)
    assert result.attribute_accuracy("scope") == pytest.approx(2 / 3)
    assert result.attribute_accuracy("qualifier") == pytest.approx(2 / 3)
    assert score([], gold).attribute_accuracy("unit") == 0.0


def test_the_candidate_that_agrees_on_scope_is_preferred():
    gold = [rec(30, metric="sqmy_adopted", scope="市政协")]
    preds = [rec(30, metric="sqmy_adopted", scope="全国政协"), rec(30, metric="sqmy_adopted", scope="市政协")]
    result = score(preds, gold)
    assert result.attribute_accuracy("scope") == 1.0
    assert [p["scope"] for p in result.unmatched_pred] == ["全国政协"]


def test_period_is_scored_where_the_gold_gives_it():
    gold = [rec(1, period_start=2019, period_end=2023), rec(2, period_start=None, period_end=None), rec(3)]
    preds = [rec(1, period_start=2019.0, period_end=2022), rec(2, period_start=2024, period_end=2024), rec(3)]
    result = score(preds, gold)
    assert result.period_pairs == 2
    assert result.attribute_accuracy("period_start") == 0.5
    assert result.attribute_accuracy("period_end") == 0.0
    assert score(preds, [rec(3)]).attribute_accuracy("period_start") == 0.0


def test_load_gold_reads_every_file_and_skips_blank_lines(tmp_path):
    lines = [json.dumps(rec(n), ensure_ascii=False) for n in (1, 3)]
    (tmp_path / "a.jsonl").write_text(lines[0] + "\n\n" + lines[1] + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(rec(2, doc_id="b"), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    assert [g["value"] for g in load_gold(tmp_path)] == [1, 3, 2]


@pytest.mark.parametrize("content, message", [
    pytest.param("{not json", r"g\.jsonl:2: not JSON", id="不是JSON"),
    pytest.param(json.dumps({k: v for k, v in rec(1).items() if k not in ("unit", "scope")}),
                 r"g\.jsonl:2: missing unit, scope", id="缺字段"),
    pytest.param(json.dumps(rec(1, metric="nonsense")), r"g\.jsonl:2: unknown metric 'nonsense'", id="未知指标"),
])
def test_bad_gold_names_the_file_and_line(tmp_path, content, message):
    (tmp_path / "g.jsonl").write_text(json.dumps(rec(1)) + "\n" + content + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(tmp_path)


def test_no_gold_files_is_an_error(tmp_path):
    with pytest.raises(GoldError, match="no \\*.jsonl gold files"):
        load_gold(tmp_path)


def test_load_predictions_from_a_directory_or_a_file(tmp_path):
    frame = pd.DataFrame([rec(536), rec(1, body=None, year=None)])
    frame.to_parquet(tmp_path / "metrics.parquet")
    pd.DataFrame([{"doc_id": "d", "status": "ok"}]).to_parquet(tmp_path / "documents.parquet")
    rows = load_predictions(tmp_path)
    assert rows == load_predictions(tmp_path / "metrics.parquet")
    assert rows[0]["value"] == 536 and rows[1]["body"] is None and rows[1]["year"] is None
    with pytest.raises(GoldError, match="no predictions"):
        load_predictions(tmp_path / "missing")


def test_report_lists_totals_metrics_and_attributes():
    gold = [rec(1), rec(2, metric="other"), rec(3, period_start=2024, period_end=2024)]
    preds = [rec(1), rec(3, period_start=2024, period_end=2024), rec(9)]
    lines = format_report(score(preds, gold)).splitlines()
    assert lines[0].split() == ["P", "R", "F1", "TP", "FP", "FN"]
    assert lines[1].split() == ["ALL", "0.667", "0.667", "0.667", "2", "1", "1"]
    assert lines[2].split() == ["ALL", "except", "other", "0.667", "1.000", "0.800", "2", "1", "0"]
    assert lines[3].split()[0] == "CORE"
    assert lines[4] == "" and lines[-3] == ""
    assert "* proposals_received" in format_report(score(preds, gold))
    assert any(line.startswith("  other ") for line in lines)
    assert "attribute accuracy over 2 matched: unit 1.000, qualifier 1.000, scope 1.000" in lines
    assert "period over 1 matched with a gold period: period_start 1.000, period_end 1.000" in lines
    assert not any(line.startswith("period") for line in format_report(score([rec(1)], [rec(1)])).splitlines())
