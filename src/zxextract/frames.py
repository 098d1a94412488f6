"""The frame grammar as data: lexicons of trigger verbs and counted objects, and the
table of (trigger role, object family) -> metric with its measure words
(rules/frames/lexicon.yml). Checked by a schema at load; every problem is
reported as `frames/lexicon.yml: [metrics -> 3 -> units] what is wrong`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex
import yaml
from pydantic import Field, ValidationError, model_validator

from .models import Frozen
from .numbers import CHINESE_NUMERAL
from .schema import MetricId, Units

LEXICON_FILE = Path("frames") / "lexicon.yml"


class MetricFrame(Frozen):
    metric: MetricId
    # Empty: the trigger alone is enough, and what follows it is the scope (for `other`).
    objects: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)  # empty: the object alone is enough
    units: Units = Field(min_length=1)
    # Only where the object comes before the number (委员共541人, 聘任信息员28名): with
    # the number first (组织28名委员开展视察) the people take part in something else.
    object_first: bool = False
    # The object read is the scope: a kind of members (常委67名, 聘任信息员28名).
    scoped: bool = False

    @model_validator(mode="after")
    def _object_or_trigger(self) -> "MetricFrame":
        if not self.objects and not self.triggers:
            raise ValueError("a frame needs objects, triggers or both")
        return self


class BreakdownSpec(Frozen):
    topic_markers: list[str] = Field(min_length=1)
    outcome_openers: list[str] = Field(min_length=1)
    # Words opening a topic (围绕…, 聚焦…): a count of proposals received in such a clause,
    # after a larger total, is the part of that total on the topic.
    topic_openers: list[str] = Field(default_factory=list)
    # Words that end a clause naming a total (收到的5641件提案中，…): the counts after them
    # in the sentence are its parts.
    part_markers: list[str] = Field(default_factory=list)
    # Words that open the parts of a total told before them in the sentence (收到提案260件。
    # 其中，委员个人提出205件…): a smaller count received after them is a part.
    part_openers: list[str] = Field(default_factory=list)
    # Organisations that put proposals through the body (民主党派, 工商联): a count received
    # or filed in a sentence whose only subject is one of them is that kind of proposals.
    proposers: list[str] = Field(default_factory=list)
    # How proposals are handled (主办10件, 6件为会办件) and who handles them (交由市政府
    #办理的801件, 政府系统办理的672件): each count is a kind of them.
    handling_modes: list[str] = Field(default_factory=list)
    handlers: list[str] = Field(default_factory=list)


class LexiconSpec(Frozen):
    triggers: dict[str, list[str]]
    objects: dict[str, list[str]]
    metrics: list[MetricFrame] = Field(min_length=1)
    # NUMBER OBJECT followed by one of these names a part that was honoured
    # (2件提案获评好提案), not what the trigger counts.
    honours: list[str] = Field(default_factory=list)
    breakdown: BreakdownSpec | None = None
    negations: list[str] = Field(default_factory=list)
    rates: dict[MetricId, list[str]] = Field(default_factory=dict)
    # Rates that are no observation (spec §4 rules 7 and 14): a change (增长率), a fact
    # about a meeting (出席率). Any other rate no ending of `rates` fits is `other`.
    uncounted_rates: list[str] = Field(default_factory=list)
    # Trigger roles read only before the number: after it they open a new predicate.
    roles_before_number: list[str] = Field(default_factory=list)
    # Trigger roles whose verb is no part of the scope of `other` (开展送法下乡活动).
    roles_out_of_scope: list[str] = Field(default_factory=list)
    # Trigger roles that are no verb (各参加单位): matched so that the verb in them is not.
    roles_not_verbs: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class FrameGrammar:
    """The lexicons compiled: one alternation per class, longest form first, and a
    form -> role/family lookup."""

    trigger_roles: dict[str, frozenset[str]]  # form -> roles
    object_family: dict[str, str]  # form -> family
    triggers: regex.Pattern
    objects: regex.Pattern
    metrics: tuple[MetricFrame, ...]
    honours: regex.Pattern
    breakdown: regex.Pattern | None  # (?P<scope>…) then the count or share
    kinds: regex.Pattern | None
    topic_opening: regex.Pattern | None  # (?P<scope>…) after a topic opener
    part_marker: regex.Pattern | None
    part_opener: regex.Pattern | None
    proposer: regex.Pattern | None  # (?P<scope>…) an organisation proposing through the body
    negations: tuple[str, ...]
    rate_endings: tuple[tuple[str, str], ...]  # (ending, metric), longest ending first
    uncounted_rates: tuple[str, ...]
    roles_before_number: frozenset[str]
    roles_out_of_scope: frozenset[str]
    roles_not_verbs: frozenset[str]


# A count of proposals, 余 or 多 before its measure word (60余件: more than 60), in
# Arabic or Chinese numerals (二百四十八件).
PIECES = rf"(?P<num>\d+|{CHINESE_NUMERAL})(?P<approx>余|多)?(?P<unit>件)"
PIECES_DECIMAL = r"(?P<num>\d+(?:\.\d+)?)(?P<approx>余|多)?(?P<unit>件)"


def _breakdown_patterns(spec: BreakdownSpec) -> tuple[regex.Pattern, regex.Pattern]:
    """Breakdowns marked as such (方面, 的有, A类), which win over a rule's reading, and
    kinds named before 提案, read only where no rule reads the number."""
    markers = "|".join(regex.escape(m) for m in spec.topic_markers)
    openers = "|".join(regex.escape(o) for o in sorted(spec.outcome_openers, key=len, reverse=True))
    # 经济建设方面提案63件, 经济建设方面的有63件, 经济建设方面，提出提案63件.
    # 经济建设方面提案，共102件; 社会建设方面提案最多，共115件.
    count = (r"(?:[，,](?=提出|提交))?(?:的)?(?:提案)?(?:最多|次之|较多)?(?:[，,](?=共))?(?:提出|收到|立案|提交)?(?:提案)?"
             rf"(?:共有|有|共|为)?{PIECES_DECIMAL}")
    share = r"(?:的)?(?:提案)?占(?:比)?(?:总数的)?(?:达到|达|为)?(?P<approx>超过)?(?P<num>\d+(?:\.\d+)?)(?P<unit>%)"
    # 收到各类提案347件 names no topic.
    topic = rf"(?P<scope>[\p{{Han}}、和及与]{{2,24}}?)(?<!各)(?:等)?(?:{markers})"
    outcome = rf"(?P<scope>(?:{openers})[\p{{Han}}、和或及()（）A-C]{{0,18}}?)的"
    # 围绕提升人民群众生活品质，提出提案424件: the topic in the clause before.
    topic_clause = rf"(?:围绕|聚焦|关于|就)(?P<scope>[\p{{Han}}、“”]{{2,24}})[，,](?:委员们?)?(?:提出|提交|收到)提案{PIECES}"
    # 界别提案251件, 涉及“三农”提案486件, 产业结构调整的提案296件: a kind or topic opening its
    # clause (a scope holding a trigger, 共收到提案, is read as the count it is).
    kind = (r"(?:(?<=^|[，,；;、。：:\n])(?:有关|关于|涉及)?|(?<=其中|涉及|关于))(?P<scope>[\p{Han}“”、A-Z][\p{Han}“”、A-Z\d]{1,19}?)(?:的)?提案"
            rf"(?:共有|有|共|为)?{PIECES}")
    # 关于依法治国的有808件; 有关政治建设的49件 opening its clause (not 有关部门的…).
    about = (rf"(?:关于(?P<scope>[\p{{Han}}“”、]{{2,24}}?)的(?:提案)?有"
             rf"|(?:(?<=^|[，,；;、。：:\n])|(?<=其中))(?:有关|关于)(?!部门|单位|方面)(?P<scope>[\p{{Han}}“”、]{{2,24}}?)的){PIECES}")
    # 社会事务提案占比48.2%: a kind's share told without its count (spec §4 rule 13).
    kind_share = (r"(?:(?<=^|[，,；;。：:\n])|(?<=其中[，,]?))(?P<scope>[\p{Han}“”、]{2,12}?)提案占比"
                  r"(?:达到|达|为)?(?P<approx>超过)?(?P<num>\d+(?:\.\d+)?)(?P<unit>%)")
    # The items of a breakdown that leave 提案 unsaid: after 其中 or an opening bracket
    # (其中会后17件; （满意144件、基本满意2件）), and each item after a count of one.
    item = (r"(?:(?<=其中[，,]?)|(?<=[(（])|(?<=件[、，,]))(?P<scope>(?!\p{Han}*提案)\p{Han}{2,10}?)(?<!有)(?:的)?(?:有|为|共)?"
            rf"{PIECES}")
    graded = rf"[(（](?P<scope>[A-C]类)[)）](?:的)?(?:提案)?(?:有)?{PIECES}"
    # 44.8%的提案建议得到采纳落实: the share told first, its outcome after (办理 in it is no verb).
    outcome_after = (r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?P<unit>%)的(?:提案建议|提案)"
                     rf"(?P<outcome_after>(?:{openers})\p{{Han}}{{0,10}})")
    handling = _handling(spec)
    return (regex.compile(rf"(?:{topic}|{outcome})(?:{count}|{share})|(?P<scope>[A-C]类)提案(?:有|共)?{PIECES}"
                          rf"|{topic_clause}|{graded}|{outcome_after}{handling}"),
            regex.compile(rf"{kind}|{about}|{item}|{kind_share}", regex.M))


CLAUSE_OPENING = r"(?:(?<=^|[，,；;、。：:\n(（])|(?<=其中[，,]?))"


def _handling(spec: BreakdownSpec) -> str:
    """Alternatives of the breakdown pattern for the counts by how and by whom proposals
    are handled; empty when the lexicon lists neither."""
    forms = ""
    if spec.handling_modes:
        modes = "|".join(regex.escape(m) for m in sorted(spec.handling_modes, key=len, reverse=True))
        forms += (rf"|{CLAUSE_OPENING}(?P<scope>{modes})(?:件|的)?(?:提案)?(?:有|为|共)?{PIECES}"
                  rf"|{PIECES}为(?P<scope>{modes})件")
    if spec.handlers:
        handlers = "|".join(regex.escape(h) for h in sorted(spec.handlers, key=len, reverse=True))
        # 立案交有关单位办理的2712件 is the count filed, handed over whole. The scope keeps the
        # verb (政府系统办理), as labellers write it; `handled` holds it apart from the roles check.
        forms += (rf"|(?:(?<!立案|立案并|立案后)(?:交由|交给|交|由)|{CLAUSE_OPENING})(?P<scope>[\p{{Han}}、]{{0,14}}?(?:{handlers}))"
                  rf"(?P<handled>办理)的(?:政协)?(?:提案)?(?:有|为|共)?{PIECES}")
    return forms


def _topic_opening(openers: list[str]) -> regex.Pattern | None:
    if not openers:
        return None
    words = "|".join(regex.escape(o) for o in sorted(openers, key=len, reverse=True))
    return regex.compile(rf"(?:{words})(?P<scope>[^，,。；;：:\n]{{2,24}})")


def _proposer(forms: list[str]) -> regex.Pattern | None:
    if not forms:
        return None
    words = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    # 民进某市委会, 各民主党派省委、省工商联: the organisation with its level, as written.
    return regex.compile(rf"(?P<scope>各?(?:{words})(?:[\p{{Han}}、]{{0,10}}?(?:委会|委员会|省委|市委|区委|县委|工商联))*)")


def _alternation(forms) -> regex.Pattern:
    return regex.compile("|".join(regex.escape(f) for f in sorted(set(forms), key=len, reverse=True)))


def load_frames(path: Path, name: str) -> tuple[FrameGrammar | None, list[str]]:
    """The grammar in `path` and the problems found; (None, []) when there is no file."""
    if not path.exists():
        return None, []
    try:
        spec = LexiconSpec.model_validate(yaml.safe_load(path.read_bytes()) or {})
    except yaml.YAMLError as exc:
        return None, [f"{name}: not valid YAML: {exc}".replace("\n", " ")]
    except ValidationError as exc:
        return None, [f"{name}: [{' -> '.join(map(str, e['loc']))}] {e['msg']}" for e in exc.errors()]
    problems = []
    families: dict[str, str] = {}
    for family, forms in spec.objects.items():
        for n, form in enumerate(forms):
            if form in families:
                problems.append(f"{name}: [objects -> {family} -> {n}] {form!r} is also in {families[form]}")
            families[form] = family
    roles: dict[str, set[str]] = {}
    for role, forms in spec.triggers.items():
        for form in forms:
            roles.setdefault(form, set()).add(role)
    for n, frame in enumerate(spec.metrics):
        for field, known in (("objects", spec.objects), ("triggers", spec.triggers)):
            for k, item in enumerate(getattr(frame, field)):
                if item not in known:
                    problems.append(f"{name}: [metrics -> {n} -> {field} -> {k}] {item!r} is not defined")
    for field in ("roles_before_number", "roles_out_of_scope", "roles_not_verbs"):
        for k, role in enumerate(getattr(spec, field)):
            if role not in spec.triggers:
                problems.append(f"{name}: [{field} -> {k}] {role!r} is not defined")
    if problems:
        return None, problems
    breakdowns = _breakdown_patterns(spec.breakdown) if spec.breakdown else None
    grammar = FrameGrammar(
        trigger_roles={form: frozenset(r) for form, r in roles.items()}, object_family=families,
        triggers=_alternation(roles), objects=_alternation(families), metrics=tuple(spec.metrics),
        honours=_alternation(spec.honours or ["\0"]),
        breakdown=breakdowns[0] if breakdowns else None, kinds=breakdowns[1] if breakdowns else None,
        topic_opening=_topic_opening(spec.breakdown.topic_openers) if spec.breakdown else None,
        part_marker=(_alternation(spec.breakdown.part_markers)
                     if spec.breakdown and spec.breakdown.part_markers else None),
        part_opener=(_alternation(spec.breakdown.part_openers)
                     if spec.breakdown and spec.breakdown.part_openers else None),
        proposer=_proposer(spec.breakdown.proposers) if spec.breakdown else None,
        negations=tuple(spec.negations),
        rate_endings=tuple(sorted(((e, m) for m, endings in spec.rates.items() for e in endings),
                                  key=lambda pair: -len(pair[0]))),
        uncounted_rates=tuple(spec.uncounted_rates), roles_before_number=frozenset(spec.roles_before_number),
        roles_out_of_scope=frozenset(spec.roles_out_of_scope), roles_not_verbs=frozenset(spec.roles_not_verbs))
    return grammar, []
