"""Rules are data: each shipped rule extracts its own example sentence, and
malformed rules fail at load with the file, the place and the reason."""

from pathlib import Path

import regex

import pytest

from zxextract.errors import RuleError
from zxextract.boundaries import clause_start
from zxextract.extract.rules import normalise_scope, spans_in
from zxextract.numbers import find_numbers
from zxextract.pipeline import DEFAULT_RULES_DIR
from zxextract.rules import load_rules

RULES = load_rules(DEFAULT_RULES_DIR)


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in RULES.rules])
def test_rule_extracts_its_examples(rule):
    for example in rule.spec.examples:
        spans = [s for s in spans_in(example.text, RULES) if s.rule_id == rule.id]
        for want in example.expect:
            fields = want.model_dump(exclude_unset=True)
            fields.setdefault("metric", rule.spec.metric)
            found = [s for s in spans if all(getattr(s, k) == v for k, v in fields.items())]
            assert found, f"{rule.id} should give {fields} in {example.text!r}, gave {spans}"


@pytest.mark.parametrize("veto", [pytest.param(v, id=v.id) for v in RULES.vetoes])
def test_veto_applies_to_its_examples(veto):
    for text in veto.spec.examples:
        assert any(veto.applies(text[clause_start(text, m.start):m.start], m.text, text[m.end:])
                   for m in find_numbers(text)), f"{veto.id} vetoes nothing in {text!r}"


def test_vetoed_numbers_give_no_record():
    text = "主席会议成员每人每年牵头开展3项重点协商，全年开展重点协商20次。"
    values = [s.value for s in spans_in(text, RULES)]
    assert values == [20]


def test_rules_version_follows_content(tmp_path):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    for path in DEFAULT_RULES_DIR.rglob("*.yml"):
        target = rules_dir / path.relative_to(DEFAULT_RULES_DIR)
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())
    assert load_rules(rules_dir).version == RULES.version
    with (rules_dir / "proposals.yml").open("a", encoding="utf-8") as f:
        f.write("\n# a comment changes the bytes\n")
    assert load_rules(rules_dir).version != RULES.version


def rule_yaml(**fields) -> str:
    """A one-rule file: a valid rule with `fields` changed (None removes a field)."""
    rule = {"id": "x.y", "metric": "other", "pattern": "'提案{NUM}'",
            "examples": "[{text: a, expect: [{value: 1}]}]"}
    rule.update(fields)
    lines = [f"    {k}: {v}" for k, v in rule.items() if v is not None]
    return "rules:\n  -" + "\n".join(lines)[3:] + "\n"


GOOD_RULE = rule_yaml(id="proposals_key.test", metric="proposals_key")


@pytest.mark.parametrize("content, error", [
    pytest.param(rule_yaml(metric="proposals_count"),
                 "rules/bad.yml: [rules -> 0 -> metric] Value error, unknown metric 'proposals_count'",
                 id="未知指标"),
    pytest.param(rule_yaml(pattern="'提案'"),
                 "rules/bad.yml: [rules -> 0 -> pattern] pattern must contain {NUM} exactly once", id="缺少NUM"),
    pytest.param(rule_yaml(pattern="'(提案{NUM}'"), "rules/bad.yml: [rules -> 0 -> pattern] missing )",
                 id="正则错误"),
    pytest.param(rule_yaml(pattern="'{FOO}{NUM}'"), "rules/bad.yml: [rules -> 0 -> pattern] unknown macro {FOO}",
                 id="未知宏"),
    pytest.param(rule_yaml(colour="red"),
                 "rules/bad.yml: [rules -> 0 -> colour] Extra inputs are not permitted", id="多余字段"),
    pytest.param(rule_yaml(examples="[]"),
                 "rules/bad.yml: [rules -> 0 -> examples] List should have at least 1 item", id="没有例句"),
    pytest.param(rule_yaml(units="[斤]"),
                 "rules/bad.yml: [rules -> 0 -> units] Value error, unknown unit(s) ['斤']", id="未知量词"),
    pytest.param(rule_yaml(split_scope="true"),
                 "rules/bad.yml: [rules -> 0 -> split_scope] needs a (?P<scope>…) group", id="拆分无scope"),
    pytest.param(rule_yaml(scope_format="'{where}{scope}'"),
                 "rules/bad.yml: [rules -> 0 -> scope_format] names no group of the pattern: where", id="格式未知组"),
    pytest.param(rule_yaml(context="'(社情'"), "rules/bad.yml: [rules -> 0 -> context] missing )",
                 id="上下文正则错误"),
    pytest.param(rule_yaml(id="NoDot"), "rules/bad.yml: [rules -> 0 -> id] String should match pattern",
                 id="id格式"),
    pytest.param(GOOD_RULE + GOOD_RULE[len("rules:\n"):],
                 "rules/bad.yml: [rules -> 1 -> id] duplicate id 'proposals_key.test'", id="重复id"),
    pytest.param("vetoes:\n  - id: veto.x\n    examples: [一次]\n",
                 "rules/bad.yml: [vetoes -> 0] needs `before`, `mention` or `after`", id="否决无条件"),
    pytest.param("rules: [unclosed\n", "rules/bad.yml: not valid YAML", id="YAML语法"),
    pytest.param("rules: 5\n", "rules/bad.yml: [rules] Input should be a valid list", id="类型错误"),
])
def test_bad_rules(tmp_path, content, error):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "bad.yml").write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_dir)
    assert any(p.startswith(error) for p in info.value.problems), info.value.problems


def test_every_problem_is_reported(tmp_path):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "a.yml").write_text(rule_yaml(metric="nope", pattern=None), encoding="utf-8")
    (rules_dir / "b.yml").write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_dir)
    problems = info.value.problems
    assert any(p.startswith("rules/a.yml: [rules -> 0 -> metric]") for p in problems)
    assert any(p.startswith("rules/a.yml: [rules -> 0 -> pattern] Field required") for p in problems)
    assert any(p.startswith("rules/b.yml: not valid YAML") for p in problems)


def test_empty_rules_dir(tmp_path):
    with pytest.raises(RuleError, match="no \\*.yml rule files"):
        load_rules(tmp_path)


def test_shipped_rules_cover_every_metric_of_the_spec():
    from zxextract.models import METRICS
    assert set(METRICS) == {r.spec.metric for r in RULES.rules}


def test_rules_dir_is_in_the_repository():
    assert Path(DEFAULT_RULES_DIR, "proposals.yml").exists()


def test_long_text_runs_in_stretches_cut_at_line_breaks():
    from zxextract.extract.rules import STRETCH_CHARS, stretches
    text = ("全年共收到提案265件。\n" * (STRETCH_CHARS // 6))
    pieces = stretches(text)
    assert len(pieces) > 1 and pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(text[end - 1] == "\n" for _, end in pieces[:-1])
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    values = [s.value for s in spans_in(text, RULES)]
    assert values == [265] * text.count("265")


@pytest.mark.parametrize("written, short", [
    pytest.param("株洲市政协", "市政协", id="市政协"),
    pytest.param("江苏省政协和全国政协", "省政协、全国政协", id="联合"),
    pytest.param("广西壮族自治区政协", "自治区政协", id="自治区"),
    pytest.param("自治区政协", "自治区政协", id="自治区短称"),
    pytest.param("“有事好商量”议事室", "有事好商量议事室", id="引号"),
    pytest.param("学习交流交流活动", "学习交流活动", id="重复词"),
    pytest.param("", None, id="空"),
])
def test_scope_is_normalised_to_a_short_form(written, short):
    assert normalise_scope(written) == short


@pytest.mark.parametrize("text, values", [
    pytest.param("全年组织专题调研十一次。", [11], id="十一次不是一次"),
    pytest.param("全年开展视察二十一场。", [21], id="二十一场不是一场"),
    pytest.param("全年召开主席会议十一次，召开常委会会议一次。", [11], id="一次才是一次"),
])
def test_a_mention_veto_applies_to_the_whole_mention(text, values):
    assert [s.value for s in spans_in(text, RULES)] == values


def test_a_veto_looks_back_to_the_start_of_its_clause_only():
    from zxextract.extract.vetoes import vetoed
    text = "主席会议成员每人每年牵头开展3项重点协商，全年开展重点协商20次。"
    assert vetoed(text, text.index("3项"), "3项", RULES)
    assert not vetoed(text, text.index("20次"), "20次", RULES)
    assert vetoed(text, text.index("20次"), "20次", RULES, marks=regex.compile("$^"))
