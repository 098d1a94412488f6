"""The spaCy layer: tokenizer, sentences, pattern entities, the NER extractor,
the merge with the rules, and the NER's training data."""

from pathlib import Path

import pytest
import regex

from zxextract.clean import clean, normalise_chars
from zxextract.entities import body_patterns, find_entities
from zxextract.extract.merge import merge
from zxextract.extract.ner import extract_with_ner, number_sentences
from zxextract.extract.rules import extract_with_rules
from zxextract.models import Span
from zxextract.numbers import find_numbers
from zxextract.nlp.ner_training import gold_mentions, gold_sentences
from zxextract.nlp.pipeline import NER_MODEL_DIR, load_pipeline
from zxextract.pipeline import DEFAULT_RULES_DIR
from zxextract.rules import load_rules
from zxextract.evaluate import load_gold

from test_clean import raw

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules(DEFAULT_RULES_DIR)
TEXT = "在中共北碚区委坚强领导下，2023年7月2日，钦州市政协与重庆市沙坪坝区政协联合调研。全国政协采用30条；满意率98.16%。"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(NER_MODEL_DIR)


def test_tokens_join_back_to_the_text(nlp):
    doc = nlp(TEXT)
    assert "".join(t.text for t in doc) == TEXT


def test_sentences_split_on_chinese_punctuation(nlp):
    assert [s.text for s in nlp(TEXT).sents] == [
        "在中共北碚区委坚强领导下，2023年7月2日，钦州市政协与重庆市沙坪坝区政协联合调研。",
        "全国政协采用30条；", "满意率98.16%。"]


@pytest.mark.parametrize("text, label", [
    pytest.param("中共北碚区委", "ORG", id="党委"),
    pytest.param("沙坪坝区政协", "ORG", id="区政协"),
    pytest.param("钦州市政协", "ORG", id="外地政协"),
    pytest.param("全国政协", "ORG", id="全国政协"),
    pytest.param("重庆市", "GPE", id="直辖市"),
    pytest.param("2023年7月2日", "DATE", id="日期"),
    pytest.param("30条", "QUANTITY", id="数量"),
    pytest.param("98.16%", "PERCENT", id="百分比"),
])
def test_entities(text, label):
    assert (text, label) in [(e.text, e.label_) for e in load_pipeline(None)(TEXT).ents]


def test_ner_labels_win_over_pattern_labels(nlp):
    labels = {e.text: e.label_ for e in nlp(TEXT).ents}
    assert labels["30条"] == "sqmy_adopted"
    assert labels["全国政协"] == "ORG"


def test_pattern_entities_without_spacy():
    assert [(e.text, e.label) for e in find_entities("与四川省广安市政协联合调研")] == [
        ("四川省", "GPE"), ("广安市政协", "ORG")]


@pytest.mark.parametrize("text, org", [
    pytest.param("政协内蒙古自治区第十三届委员会常务委员会工作报告", "政协内蒙古自治区第十三届委员会", id="自治区全称"),
    pytest.param("中国人民政治协商会议重庆市委员会", "中国人民政治协商会议重庆市委员会", id="全称"),
    pytest.param("“今年我们开展专题调研6次。”上栗县政协主席介绍", "上栗县政协", id="县政协"),
])
def test_the_bodies_attribution_reads_are_org_entities(text, org):
    assert (org, "ORG") in [(e.text, e.label) for e in find_entities(text)]
    assert any(pattern.search(org) for pattern in body_patterns())


def test_only_sentences_with_numbers_go_to_spacy():
    text = "坚持党的领导。全年共收到提案265件，立案235件。凝聚共识。"
    assert [text[a:b] for a, b in number_sentences(text)] == ["全年共收到提案265件，立案235件。"]


def test_ner_reads_a_plain_report_sentence(nlp):
    doc = clean(raw("全年共收到提案265件，立案235件，督办重点提案10件。"))
    got = {(s.value, s.metric) for s in extract_with_ner(doc, nlp)}
    assert {(265, "proposals_received"), (235, "proposals_accepted")} <= got
    assert all(s.rule_id == "ner" for s in extract_with_ner(doc, nlp))


def _span(start, end, metric, rule_id, text="3项"):
    return Span(start=start, end=end, text=text, metric=metric, value=3, unit="项",
                qualifier="exact", rule_id=rule_id)


def test_merge_rules_win_and_agreement_is_recorded():
    doc = clean(raw("开展重点协商3项，开展调研3项。"))
    rules = [_span(6, 8, "consultations", "consultations.kind_num")]
    ner = [_span(6, 8, "consultations", "ner"), _span(13, 15, "surveys", "ner")]
    merged = merge(doc, rules, ner, RULES)
    assert [(s.start, s.metric, s.rule_id) for s in merged] == [
        (6, "consultations", "consultations.kind_num+ner"), (13, "surveys", "ner")]


def test_merge_keeps_the_rule_when_ner_disagrees():
    doc = clean(raw("开展重点协商3项。"))
    merged = merge(doc, [_span(6, 8, "consultations", "consultations.kind_num")],
                   [_span(6, 8, "surveys", "ner")], RULES)
    assert [(s.metric, s.rule_id) for s in merged] == [("consultations", "consultations.kind_num")]


def test_merge_vetoes_ner_only_norms():
    doc = clean(raw("主席会议成员每人每年牵头开展3项重点协商。"))
    start = doc.text.index("3项")
    assert merge(doc, [], [_span(start, start + 2, "consultations", "ner")], RULES) == []


def test_training_data_finds_the_gold_mentions():
    gold = load_gold(ROOT / "tests" / "gold")
    located = 0
    for doc_id in sorted({g["doc_id"] for g in gold}):
        doc = clean(raw((ROOT / "data" / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8"), doc_id))
        records = [g for g in gold if g["doc_id"] == doc_id]
        mentions = gold_mentions(doc, records)
        located += sum(_located(doc.text, r, mentions) for r in records)
    assert located / len(gold) >= 0.99  # one record of 150 is cut across a caption


def _located(text: str, record: dict, mentions) -> bool:
    """A record is found when a mention of its metric with its value stands inside its evidence."""
    evidence = normalise_chars(record["evidence"])
    places = [(m.start(), m.start() + len(evidence)) for m in regex.finditer(regex.escape(evidence), text)]
    return any(metric == record["metric"] and any(a <= start and end <= b for a, b in places)
               and [n.value for n in find_numbers(text[start:end])] == [float(record["value"])]
               for start, end, metric in mentions)


def test_training_sentences_hold_their_entities():
    sentences = gold_sentences(ROOT / "data" / "raw", ROOT / "tests" / "gold", ["000_859ac7c9a98c74ec"])
    labelled = [s for s in sentences if s.entities]
    assert labelled
    for sentence in labelled:
        for start, end, metric in sentence.entities:
            assert sentence.text[start:end][0].isdigit() or sentence.text[start:end][0] in "百十千万两一二三四五六七八九"


def test_run_with_ner_marks_its_records_and_its_cache(tmp_path):
    import pandas as pd
    from zxextract.pipeline import Settings, run

    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    (raw_dir / "d.txt").write_text("——沙坪坝区政协2024年履职工作回眸\n\n全年共收到政协提案536件，审查立案284件。",
                                   encoding="utf-8")
    with_ner = run(raw_dir, tmp_path / "out", Settings(jobs=1, ner=True))
    assert "+ner:" in with_ner.rules_version
    extractors = set(pd.read_parquet(tmp_path / "out" / "metrics.parquet").extractor)
    assert extractors == {"proposals_received.verb_noun_num+ner", "proposals_accepted.filed+ner"}
    without = run(raw_dir, tmp_path / "out", Settings(jobs=1))
    assert without.skipped == 0 and "+ner" not in without.rules_version
