"""Rules are data: rules/*.yml parsed into Pydantic models, patterns compiled at
load, and every problem reported as `rules/x.yml: [rules -> 3 -> pattern] …`.

A rule file holds `macros` (named regex fragments, shared by all files) and
`rules`. A rule's `pattern` is a regex with exactly one `{NUM}`, the number
mention; `{NAME}` inserts a macro. Optional named groups: `scope` (the scope as
written) and, with `split_scope`, one record per part of `scope` split on 和/、/及.
A `context` or `scope_context` with a `scope` group gives the scope when the
pattern names none (被采用177篇 after 向全国政协报送: adopted by 全国政协); a fixed
`scope` is the last resort.
"""

from __future__ import annotations

import gc
import hashlib
from string import Formatter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import regex
import yaml
from pydantic import Field, ValidationError

from .errors import RuleError
from .extract.prefilter import Prefilter, build_prefilter
from .frames import LEXICON_FILE, FrameGrammar, load_frames
from .schema import MetricId, Units
from .models import Frozen, Qualifier, Status
from .numbers import UNITS, number_pattern

MACRO_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# Rules run with a timeout so that one pathological pattern cannot hang a batch.
MATCH_TIMEOUT_SECONDS = 2.0


class ExpectedSpan(Frozen):
    value: float
    metric: str | None = None
    scope: str | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None


class Example(Frozen):
    text: str = Field(min_length=1)
    expect: list[ExpectedSpan] = Field(min_length=1)


class RuleSpec(Frozen):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    metric: MetricId
    pattern: str = Field(min_length=1)
    context: str | None = None  # must occur earlier in the context window
    not_context: str | None = None  # must not occur earlier in the context window
    # Where `context` is looked for before the number: its sentence, its paragraph
    # (blank-line separated), or the document so far (its title names the topic).
    context_window: Literal["sentence", "paragraph", "document"] = "sentence"
    # Searched in the context window; its nearest match's (?P<scope>…) gives the
    # scope when the pattern names none (立法协商，…提出建议232条). Never required.
    scope_context: str | None = None
    scope: str | None = None
    split_scope: bool = False
    bare_kinds: list[str] = Field(default_factory=list)  # scopes as written that name no sub-kind
    # Builds the scope from the pattern's named groups: "{scope}满意率", "{where}{scope}".
    scope_format: str | None = Field(default=None, pattern=r"\{scope\}")
    units: Units | None = None
    status: Status | None = None
    priority: int = 0
    examples: list[Example] = Field(min_length=1)


class VetoSpec(Frozen):
    """A number that is not an observation whatever rule matched it: a per-head
    norm (每人每年牵头开展3项), a relative change (增长12%), a slogan (一次宣讲)."""

    id: str = Field(pattern=r"^veto\.[a-z0-9_]+$")
    before: str | None = None  # searched in the clause before the number
    mention: str | None = None  # must match the whole number mention
    after: str | None = None  # matched right after the number, within its sentence
    examples: list[str] = Field(min_length=1)


class RuleFileSpec(Frozen):
    macros: dict[str, str] = Field(default_factory=dict)
    rules: list[RuleSpec] = Field(default_factory=list)
    vetoes: list[VetoSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: the spec plus its compiled regexes."""

    spec: RuleSpec
    source: str
    regex: regex.Pattern
    context: regex.Pattern | None
    not_context: regex.Pattern | None
    scope_context: regex.Pattern | None

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Veto:
    spec: VetoSpec
    source: str
    before: regex.Pattern | None
    mention: regex.Pattern | None
    after: regex.Pattern | None

    @property
    def id(self) -> str:
        return self.spec.id

    def applies(self, clause_before: str, mention_text: str, sentence_after: str = "") -> bool:
        return bool((self.before and self.before.search(clause_before))
                    or (self.mention and self.mention.fullmatch(mention_text))
                    or (self.after and self.after.match(sentence_after)))


@dataclass(frozen=True)
class JoinedVetoes:
    """Each field's patterns of every veto in one alternation: a number is vetoed when
    any veto applies, and one search of the alternation tells, where one per veto took
    twice as long."""

    before: regex.Pattern | None
    mention: regex.Pattern | None
    after: regex.Pattern | None

    applies = Veto.applies


def _joined(vetoes: list[Veto]) -> JoinedVetoes | None:
    """The vetoes joined; None when a pattern sets a flag, which would reach the others."""
    default = regex.compile("").flags
    fields = []
    for field in ("before", "mention", "after"):
        patterns = [p for v in vetoes if (p := getattr(v, field)) is not None]
        if any(p.flags != default for p in patterns):
            return None
        fields.append(regex.compile("|".join(f"(?:{p.pattern})" for p in patterns)) if patterns else None)
    return JoinedVetoes(*fields)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    vetoes: tuple[Veto, ...]
    version: str  # hash of the rule files' bytes: changes when any rule changes
    frames: FrameGrammar | None = None  # rules/frames/lexicon.yml, read where no rule reads a number
    # Where each rule can match, from its pattern (extract/prefilter.py); None: everywhere.
    prefilter: Prefilter | None = None
    joined_vetoes: JoinedVetoes | None = None  # the vetoes in one; None: each on its own


def _loc(loc: tuple) -> str:
    return " -> ".join(str(part) for part in loc)


def _expand(pattern: str, macros: dict[str, str], number: str | None, depth: int = 0) -> str:
    """Replace {NAME} by its macro (macros may use macros) and {NUM} by `number`."""
    if depth > 5:
        raise ValueError("macros nest too deep (a macro that uses itself?)")

    def substitute(m: regex.Match) -> str:
        name = m.group(1)
        if name == "NUM":
            if number is None:
                raise ValueError("{NUM} is only allowed in a pattern")
            return number
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}}")
        return f"(?:{_expand(macros[name], macros, None, depth + 1)})"

    return MACRO_REF.sub(substitute, pattern)


def _load_yaml(data: bytes):
    """The YAML's data, read by libyaml when PyYAML has it (ten times faster than the
    pure loader, and the same data); a file it rejects is read again by the pure
    loader, whose error messages the problems quote."""
    try:
        return yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml.safe_load(data)


def load_rules(rules_dir: Path) -> RuleSet:
    """Load and compile every rules/*.yml. Raises RuleError listing all problems."""
    files = sorted(Path(rules_dir).glob("*.yml"))
    if not files:
        raise RuleError([f"{rules_dir}: no *.yml rule files found"])
    problems: list[str] = []
    specs: list[tuple[str, int, RuleSpec]] = []
    vetoes: list[Veto] = []
    macros: dict[str, str] = {}
    digest = hashlib.sha256()
    for path in files:
        name = f"{path.parent.name}/{path.name}"
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        try:
            raw = _load_yaml(data) or {}
        except yaml.YAMLError as exc:
            problems.append(f"{name}: not valid YAML: {exc}".replace("\n", " "))
            continue
        try:
            spec = RuleFileSpec.model_validate(raw)
        except ValidationError as exc:
            problems.extend(f"{name}: [{_loc(e['loc'])}] {e['msg']}" for e in exc.errors())
            continue
        for macro, body in spec.macros.items():
            if macro in macros:
                problems.append(f"{name}: [macros -> {macro}] defined twice")
            macros[macro] = body
        specs.extend((name, n, rule) for n, rule in enumerate(spec.rules))
        for n, veto in enumerate(spec.vetoes):
            if veto.before is None and veto.mention is None and veto.after is None:
                problems.append(f"{name}: [vetoes -> {n}] needs `before`, `mention` or `after`")
                continue
            try:
                vetoes.append(Veto(veto, name, *(regex.compile(getattr(veto, f)) if getattr(veto, f) else None
                                                 for f in ("before", "mention", "after"))))
            except regex.error as exc:
                problems.append(f"{name}: [vetoes -> {n}] {exc}")

    lexicon = Path(rules_dir) / LEXICON_FILE
    if lexicon.exists():
        digest.update(str(LEXICON_FILE).encode() + b"\0" + lexicon.read_bytes())
    frames, frame_problems = load_frames(lexicon, f"{Path(rules_dir).name}/{LEXICON_FILE}")
    problems.extend(frame_problems)

    compiled: list[Rule] = []
    seen_ids: dict[str, str] = {}
    for name, n, spec in specs:
        where = f"{name}: [rules -> {n}"
        if spec.id in seen_ids:
            problems.append(f"{where} -> id] duplicate id {spec.id!r} (also in {seen_ids[spec.id]})")
        seen_ids[spec.id] = name
        try:
            if len(regex.findall(r"\{NUM\}", spec.pattern)) != 1:
                raise ValueError("pattern must contain {NUM} exactly once")
            number = number_pattern(tuple(spec.units) if spec.units else UNITS)
            pattern = regex.compile(_expand(spec.pattern, macros, number))
        except (ValueError, regex.error) as exc:
            problems.append(f"{where} -> pattern] {exc}")
            continue
        if spec.split_scope and "scope" not in pattern.groupindex:
            problems.append(f"{where} -> split_scope] needs a (?P<scope>…) group in the pattern")
        unknown_groups = [f for _, f, _, _ in Formatter().parse(spec.scope_format or "")
                          if f and f not in pattern.groupindex]
        if unknown_groups:
            problems.append(f"{where} -> scope_format] names no group of the pattern: {', '.join(unknown_groups)}")
        if spec.scope_context and "(?P<scope>" not in spec.scope_context:
            problems.append(f"{where} -> scope_context] needs a (?P<scope>…) group")
        contexts = []
        for field in ("context", "not_context", "scope_context"):
            value = getattr(spec, field)
            try:
                contexts.append(regex.compile(_expand(value, macros, None)) if value else None)
            except (ValueError, regex.error) as exc:
                problems.append(f"{where} -> {field}] {exc}")
                contexts.append(None)
        compiled.append(Rule(spec, name, pattern, *contexts))
    if problems:
        raise RuleError(problems)
    ruleset = RuleSet(rules=tuple(compiled), vetoes=tuple(vetoes), version=digest.hexdigest()[:16],
                      frames=frames, prefilter=build_prefilter([(rule.regex, rule.context) for rule in compiled]),
                      joined_vetoes=_joined(vetoes))
    # The rules live as long as the process (and its forked workers): out of the
    # collector's generations, they are not traversed again by every full collection
    # of the documents' objects, which cost a tenth of the rules' time.
    gc.freeze()
    return ruleset

