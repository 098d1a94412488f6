"""Gold records: well-formed, grounded in the text, and a floor on extraction
quality that fails as soon as extraction gets worse."""

import json
from pathlib import Path

import pytest

from zxextract.evaluate import GOLD_KEYS, load_gold, load_predictions, score
from zxextract.models import CORE_METRICS, METRICS
from zxextract.pipeline import Settings, run

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
RAW_DIR = ROOT / "data" / "raw"
GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))
# Every labelled set, with the raw texts its evidence must stand in.
INDEPENDENT = ("second_annotator", "third_annotator", "fourth_annotator")
LABELLED = [(RAW_DIR, p) for p in GOLD_FILES] + [
    (RAW_DIR, p) for name in INDEPENDENT for p in sorted((GOLD_DIR / name).glob("*.jsonl"))] + [
    (ROOT / "tests" / name / "raw", p) for name in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "heldout")
    for p in sorted((ROOT / "tests" / name / "gold").glob("*.jsonl"))]

# Floors at the level reached (spec §5 scoring); raise them as extraction improves.
FLOOR_ALL_BUT_OTHER = 0.99
FLOOR_CORE = 1.0
FLOOR_CORE_METRIC = {m: 1.0 for m in CORE_METRICS}
FLOOR_DOCUMENT = 0.96  # 001 loses one figure cut across a caption (tests/gold/README.md)
FLOOR_SCOPE = 0.94
# Issue 3's bar on the second annotator's independent labelling (tests/gold/README.md).
FLOOR_SECOND_ANNOTATOR = {"all_but_other": 0.97, "core": 0.97, "attributes": 0.90}
# The development sets (tests/dev to tests/dev6) and the held-out set (tests/heldout, never tuned on).
# Synthetic sets, written for testing. dev to dev6 were tuned on, and their floors
# say so. heldout was never tuned on. The frame grammar, tuned on real pages, cost a
# little on these sets; the floors sit just below the figures reached. On heldout, the
# parts of a total read in the third session raised F1 (0.930 -> 0.938 all but other)
# and matched records whose gold scope is worded otherwise (scope 0.744 -> 0.738).
F1_AND_SCOPE_FLOORS = {"dev": {"all_but_other": 0.97, "core": 0.96, "scope": 0.89},  # tuned on
                       "dev2": {"all_but_other": 0.97, "core": 0.97, "scope": 0.80},  # tuned on
                       "dev3": {"all_but_other": 0.98, "core": 0.98, "scope": 0.84},  # tuned on
                       "dev4": {"all_but_other": 0.96, "core": 0.94, "scope": 0.81},  # tuned on
                       "dev5": {"all_but_other": 0.97, "core": 0.99, "scope": 0.81},  # tuned on
                       # dev6 scope 0.811 -> 0.807: counts by handler (交由…办理的358件) now match, one
                       # with a gold scope worded otherwise than real labels write it (X系统办理).
                       "dev6": {"all_but_other": 0.87, "core": 0.92, "scope": 0.80},  # tuned on
                       "heldout": {"all_but_other": 0.93, "core": 0.95, "scope": 0.73}}
# Unit and qualifier are outside the match key: every matched pair agrees on them, on every set
# but one pair of dev6 (a table's 4 matched to the prose 4次 where the gold read 场次).
UNIT_QUALIFIER_FLOOR = {"unit": 1.0, "qualifier": 1.0}
SET_FLOORS = {name: {**floors, **UNIT_QUALIFIER_FLOOR, **({"unit": 0.99} if name == "dev6" else {})}
              for name, floors in F1_AND_SCOPE_FLOORS.items()}


@pytest.mark.parametrize("raw_dir, path", [pytest.param(r, p, id=f"{p.parent.name}/{p.stem}") for r, p in LABELLED])
def test_gold_file_is_grounded(raw_dir, path):
    raw = (raw_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines, "empty gold file"
    for rec in lines:
        assert set(rec) == set(GOLD_KEYS)
        assert rec["doc_id"] == path.stem
        assert rec["metric"] in METRICS
        assert rec["status"] in ("actual", "target")
        assert rec["qualifier"] in ("exact", "more_than", "about", "at_least")
        assert rec["evidence"] in raw, f"evidence not in the text: {rec['evidence']}"


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run(RAW_DIR, out, Settings())
    return load_predictions(out)


@pytest.fixture(scope="module")
def scored(predictions):
    return score(predictions, load_gold(GOLD_DIR))


def test_overall_floor(scored):
    assert scored.total([m for m in METRICS if m != "other"]).f1 >= FLOOR_ALL_BUT_OTHER
    assert scored.total(CORE_METRICS).f1 >= FLOOR_CORE


GOLD_CORE_METRICS = sorted({g["metric"] for g in load_gold(GOLD_DIR)} & set(CORE_METRICS))


@pytest.mark.parametrize("metric", GOLD_CORE_METRICS)
def test_core_metric_floor(scored, metric):
    assert scored.per_metric[metric].f1 >= FLOOR_CORE_METRIC[metric]


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in GOLD_FILES])
def test_document_floor(tmp_path, path):
    out = tmp_path / "out"
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    (raw_dir / f"{path.stem}.txt").write_bytes((RAW_DIR / f"{path.stem}.txt").read_bytes())
    run(raw_dir, out, Settings())
    result = score(load_predictions(out), [g for g in load_gold(GOLD_DIR) if g["doc_id"] == path.stem])
    assert result.total([m for m in METRICS if m != "other"]).f1 >= FLOOR_DOCUMENT


def test_attributes_agree_on_matches(scored):
    assert scored.attribute_accuracy("unit") >= UNIT_QUALIFIER_FLOOR["unit"]
    assert scored.attribute_accuracy("qualifier") >= UNIT_QUALIFIER_FLOOR["qualifier"]
    assert scored.attribute_accuracy("scope") >= FLOOR_SCOPE


@pytest.mark.parametrize("name", INDEPENDENT)
def test_unit_and_qualifier_agree_with_every_annotator(predictions, name):
    result = score(predictions, load_gold(GOLD_DIR / name))
    assert len(result.matched) >= 50
    for attribute, floor in UNIT_QUALIFIER_FLOOR.items():
        assert result.attribute_accuracy(attribute) >= floor, attribute


def test_second_annotator_floor(predictions):
    result = score(predictions, load_gold(GOLD_DIR / "second_annotator"))
    assert result.total([m for m in METRICS if m != "other"]).f1 >= FLOOR_SECOND_ANNOTATOR["all_but_other"]
    assert result.total(CORE_METRICS).f1 >= FLOOR_SECOND_ANNOTATOR["core"]
    for name in ("unit", "qualifier", "scope"):
        assert result.attribute_accuracy(name) >= FLOOR_SECOND_ANNOTATOR["attributes"], name


@pytest.mark.parametrize("name", SET_FLOORS)
def test_labelled_set_floor(tmp_path, name):
    root = ROOT / "tests" / name
    run(root / "raw", tmp_path / "out", Settings())
    result = score(load_predictions(tmp_path / "out"), load_gold(root / "gold"))
    # Figures only: a failure must not print the held-out set's records.
    reached = {"all_but_other": result.total([m for m in METRICS if m != "other"]).f1,
               "core": result.total(CORE_METRICS).f1,
               **{a: result.attribute_accuracy(a) for a in ("scope", "unit", "qualifier")}}
    below = {k: round(v, 3) for k, v in reached.items() if v < SET_FLOORS[name][k]}
    assert not below, f"{name} is below its floors {SET_FLOORS[name]}: {below}"
