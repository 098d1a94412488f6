"""facts.parquet: one row per figure over the whole output, with conflicts."""

import shutil

import pyarrow.parquet as pq
import pytest
from hypothesis import given, strategies as st

from zxextract.facts import FACTS_SCHEMA, FactsBuilder, Mention, documents_disagree
from zxextract.pipeline import Settings, run

from test_pipeline import RAW_DIR, RAW_FILES


def row(doc_id, value, body="沙坪坝区政协", year=2024, metric="proposals_received", unit="件", scope=None,
        qualifier="exact"):
    return dict(doc_id=doc_id, body=body, body_code="500106", level="county", province="重庆市", body_note=None,
                year=year, period_start=year, period_end=year, metric=metric, value=value, unit=unit,
                qualifier=qualifier, scope=scope, status="actual")


def facts_of(*rows):
    builder = FactsBuilder()
    builder.add(rows, first_row=0)
    return builder.table().to_pylist()


def test_a_figure_in_two_documents_is_one_fact():
    (fact,) = facts_of(row("a", 536), row("b", 536, qualifier="more_than"), row("c", 536))
    assert (fact["value"], fact["n_records"], fact["doc_ids"], fact["record_rows"]) == (536, 3, ["a", "b", "c"],
                                                                                        [0, 1, 2])
    assert fact["qualifier"] == "exact" and not fact["conflict"] and fact["values"] is None


def test_documents_that_disagree_are_a_conflict():
    (fact,) = facts_of(row("a", 536), row("b", 540), row("c", 536))
    assert fact["conflict"] and fact["value"] is None
    assert fact["values"] == [{"value": 536, "doc_ids": ["a", "c"], "record_rows": [0, 2]},
                              {"value": 540, "doc_ids": ["b"], "record_rows": [1]}]


@pytest.mark.parametrize("rows, conflict", [
    pytest.param([row("a", 71), row("a", 12)], False, id="one-document-several-values"),
    pytest.param([row("a", 71), row("a", 12), row("b", 71)], False, id="a-value-in-common"),
    pytest.param([row("a", 71), row("a", 12), row("b", 5)], True, id="nothing-in-common"),
])
def test_several_values_are_listed_and_a_conflict_only_across_documents(rows, conflict):
    (fact,) = facts_of(*rows)
    assert fact["value"] is None and len(fact["values"]) == len({r["value"] for r in rows})
    assert fact["conflict"] is conflict


@pytest.mark.parametrize("other", [
    pytest.param(row("b", 536, year=2023), id="year"),
    pytest.param(row("b", 536, scope="大会提案"), id="scope"),
    pytest.param(row("b", 536, body="梁平区政协"), id="body"),
    pytest.param(row("b", 536, unit="人次", metric="trainings") | {"metric": "proposals_received"}, id="unit"),
])
def test_another_key_is_another_fact(other):
    assert len(facts_of(row("a", 536), other)) == 2


@pytest.mark.parametrize("unplaced", [
    pytest.param(row("a", 536, body=None), id="no-body"),
    pytest.param(row("a", 536, year=None) | {"period_start": None, "period_end": None}, id="no-year"),
])
def test_a_figure_without_body_or_time_is_no_fact(unplaced):
    assert facts_of(unplaced, unplaced | {"doc_id": "b"}) == []


# Written for this test: a news item that repeats one figure of seed 000
# (沙坪坝区政协 received 536 proposals in 2024) and contradicts another (284 立案).
NEWS = "本报讯 2024年，沙坪坝区政协共收到提案536件，审查立案290件。\n"


@pytest.fixture(scope="module")
def seeds_and_news(tmp_path_factory):
    in_dir = tmp_path_factory.mktemp("in")
    for path in RAW_FILES:
        shutil.copy(path, in_dir / path.name)
    (in_dir / "news.txt").write_text(NEWS, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run(in_dir, out, Settings(jobs=1))
    return out


def the_fact(out, metric):
    facts = pq.read_table(out / "facts.parquet").to_pylist()
    (fact,) = [f for f in facts if (f["body"], f["year"], f["metric"], f["scope"], f["status"])
               == ("沙坪坝区政协", 2024, metric, None, "actual")]
    return fact


def test_on_the_seeds_a_figure_stated_twice_is_one_fact(seeds_and_news):
    fact = the_fact(seeds_and_news, "proposals_received")
    assert (fact["value"], fact["n_records"], fact["conflict"]) == (536, 2, False)
    assert sorted(fact["doc_ids"]) == ["000_859ac7c9a98c74ec", "news"]
    assert (fact["body_code"], fact["level"], fact["province"]) == ("500106", "county", "重庆市")
    metrics = pq.read_table(seeds_and_news / "metrics.parquet").to_pylist()
    assert [metrics[i]["doc_id"] for i in fact["record_rows"]] == fact["doc_ids"]
    assert all(metrics[i]["value"] == 536 for i in fact["record_rows"])


def test_on_the_seeds_a_planted_disagreement_is_a_conflict(seeds_and_news):
    fact = the_fact(seeds_and_news, "proposals_accepted")
    assert fact["conflict"] and fact["value"] is None
    assert {v["value"]: v["doc_ids"] for v in fact["values"]} == {284: ["000_859ac7c9a98c74ec"], 290: ["news"]}


def test_facts_cover_the_records_and_are_written_with_them(tmp_path):
    run(RAW_DIR, tmp_path, Settings(jobs=1))
    facts = pq.read_table(tmp_path / "facts.parquet")
    metrics = pq.read_table(tmp_path / "metrics.parquet").to_pylist()
    assert facts.schema.equals(FACTS_SCHEMA)
    rows = [i for fact in facts.to_pylist() for i in fact["record_rows"]]
    assert sorted(rows) == [i for i, m in enumerate(metrics) 
                            if m["body"] is not None and (m["year"] or m["period_start"]) is not None]
    assert facts.num_rows <= len(metrics)
    run(RAW_DIR, tmp_path, Settings(jobs=1))  # nothing changed: every part reused, the same facts
    assert pq.read_table(tmp_path / "facts.parquet").equals(facts)


@given(st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from([1.0, 2.0, 3.0])), min_size=1, max_size=10))
def test_documents_disagree_when_two_have_no_value_in_common(mentions):
    values_of = {}
    for doc_id, value in mentions:
        values_of.setdefault(doc_id, set()).add(value)
    sets = list(values_of.values())
    pairwise = any(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1:])
    assert documents_disagree([Mention(i, d, v, "exact") for i, (d, v) in enumerate(mentions)]) is pairwise
