"""The rule extractor: every rule of the RuleSet matched over the clean text,
then one winner per number mention. `(CleanDocument, RuleSet) -> list[Span]`."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from ..boundaries import sentence_starts
from ..errors import RuleTimeout
from ..models import RATE_METRICS, CleanDocument, Span
from ..numbers import NumberParseError, mention_from_match
from .frames import (breakdown_spans, frame_spans, kind_spans, other_rate_spans, proposer_parts, rate_list_spans,
                     topic_parts)
from .layout import ChartView, chart_view
from .prefilter import search_within
from .vetoes import vetoed
from ..rules import MATCH_TIMEOUT_SECONDS, Rule, RuleSet

SCOPE_SEPARATORS = regex.compile(r"[和、及与]")


@dataclass(frozen=True)
class _Candidate:
    rule_order: int
    match_length: int
    spans: tuple[Span, ...]


# Scopes in short form (spec §2): 株洲市政协 -> 市政协, 江苏省政协和全国政协 -> 省政协、全国政协,
# “有事好商量”议事室 -> 有事好商量议事室, 广西壮族自治区政协 -> 自治区政协.
# 自治区政协 is the short form of a region's body, not 自治 before 区政协.
PLACED_BODY = regex.compile(r"\p{Han}{2,8}?(?=自治区政协)|\p{Han}{2,5}?(?=[省市州区县]政协)(?<!自治)")
JOINT_SEPARATOR = regex.compile(r"(?<=政协)[和及与]")


PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n")
# A word typed twice (学习交流交流活动) is one word in the short form.
DOUBLED_WORD = regex.compile(r"(\p{Han}{2})\1")
QUOTES = str.maketrans("", "", "“”‘’\"《》")


# The same few scopes are written again and again, in every report.
@lru_cache(maxsize=4096)
def normalise_scope(scope: str | None) -> str | None:
    if not scope:
        return None
    scope = scope.translate(QUOTES)
    if scope.endswith("政协"):
        scope = JOINT_SEPARATOR.sub("、", PLACED_BODY.sub("", scope))
    scope = DOUBLED_WORD.sub(r"\1", scope)
    return scope.strip() or None


def _spans_from_match(rule: Rule, match: regex.Match, context_scope: str | None) -> tuple[Span, ...]:
    mention = mention_from_match(match)
    written = match.groupdict().get("scope")
    if written in rule.spec.bare_kinds:
        written = None
    if written and rule.spec.scope_format:
        groups = {name: text or "" for name, text in match.groupdict().items()}
        written = rule.spec.scope_format.format_map(groups | {"scope": written})
    scope = normalise_scope(written) or normalise_scope(context_scope) or rule.spec.scope
    scopes = [scope]
    if rule.spec.split_scope and written:
        scopes = [part for part in SCOPE_SEPARATORS.split(written) if part] or [scope]
    return tuple(
        Span(start=mention.start, end=mention.end, text=mention.text,
             metric=rule.spec.metric, value=mention.value, unit=mention.unit,
             qualifier=mention.qualifier, scope=part, status=rule.spec.status,
             rule_id=rule.id)
        for part in scopes
    )


# Rules run over stretches of text cut at line breaks (no rule crosses one), so
# that the regex time limit bounds one stretch, however long the document.
STRETCH_CHARS = 20_000


def stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) pieces of at most about STRETCH_CHARS, ending at line breaks."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + STRETCH_CHARS)
        if end < len(text):
            newline = text.find("\n", end)
            end = len(text) if newline < 0 else newline + 1
        pieces.append((start, end))
        start = end
    return pieces


def _matches(rule: Rule, text: str, pieces: list[tuple[int, int]], windows=None):
    """The rule's matches in each stretch; with `windows` (the pre-filter's), searched
    only where they can start."""
    for start, end in pieces:
        try:
            if windows is None:
                yield from rule.regex.finditer(text, start, end, timeout=MATCH_TIMEOUT_SECONDS)
            else:
                yield from search_within(rule.regex, text, start, end, windows, MATCH_TIMEOUT_SECONDS)
        except TimeoutError:
            raise RuleTimeout(rule.id, rule.source, MATCH_TIMEOUT_SECONDS) from None


def match_rules(text: str, rules: RuleSet) -> list[_Candidate]:
    """All candidates of all rules, before overlaps are resolved."""
    starts = {"sentence": sentence_starts(text),
              "paragraph": [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)],
              "document": [0]}
    pieces = stretches(text)
    hits = rules.prefilter.hits(text) if rules.prefilter else None
    candidates = []
    vetoes: dict[tuple[int, str], bool] = {}
    for order, rule in enumerate(rules.rules):
        window = starts[rule.spec.context_window]
        windows = rules.prefilter.where(order, hits, window) if hits else None
        if windows == []:
            continue  # none of the words it needs is in the text
        first_in_document = _FirstMatch(rule.context, text) if rule.spec.context_window == "document" else None
        for match in _matches(rule, text, pieces, windows):
            if first_in_document:
                # The document so far is long: its first context match decides, found once per rule.
                context = first_in_document.before(match.start("num"))
                before = "" if rule.not_context is None and rule.scope_context is None else text[:match.start("num")]
            else:
                before = text[window[bisect_right(window, match.start()) - 1]:match.start("num")]
                context = rule.context.search(before) if rule.context else None
            if rule.context and not context:
                continue
            if rule.not_context and rule.not_context.search(before):
                continue
            context_scope = context.groupdict().get("scope") if context else None
            if not context_scope and rule.scope_context:
                found = list(rule.scope_context.finditer(before))
                context_scope = found[-1].group("scope") if found else None
            try:
                spans = _spans_from_match(rule, match, context_scope)
            except NumberParseError:
                continue
            veto = (spans[0].start, spans[0].text)
            if veto not in vetoes:  # the rules that read one number ask alike
                vetoes[veto] = vetoed(text, spans[0].start, spans[0].text, rules)
            if vetoes[veto]:
                continue
            candidates.append(_Candidate(order, match.end() - match.start(), spans))
    return candidates


class _FirstMatch:
    """The first match of a pattern in a text, searched for once."""

    def __init__(self, pattern: regex.Pattern | None, text: str):
        self.pattern, self.text = pattern, text
        self.first = pattern.search(text) if pattern else None

    def before(self, end: int) -> regex.Match | None:
        """The first match that ends by `end`, as searching text[:end] would give."""
        if self.first is None or self.first.start() >= end:
            return None
        if self.first.end() <= end:
            return self.first
        return self.pattern.search(self.text, 0, end)


def resolve(candidates: list[_Candidate], rules: RuleSet) -> list[Span]:
    """One winner per number mention: highest priority, then the longest match,
    then the rule listed first."""
    def rank(c: _Candidate):
        return (-rules.rules[c.rule_order].spec.priority, -c.match_length, c.rule_order)

    best: dict[tuple[int, int], _Candidate] = {}
    for cand in candidates:
        key = (cand.spans[0].start, cand.spans[0].end)
        if key not in best or rank(cand) < rank(best[key]):
            best[key] = cand
    spans = [s for cand in best.values() for s in cand.spans]
    return sorted(spans, key=lambda s: (s.start, s.scope or ""))


def _over(winners: list[Span], others: list[Span]) -> list[Span]:
    """`winners`, and the spans of `others` on numbers no winner read."""
    taken = {s.start for s in winners}
    return winners + [s for s in others if s.start not in taken]


def extract_with_rules(doc: CleanDocument, rules: RuleSet) -> list[Span]:
    """The rule layer: the specific rules and the frame grammar, in one order of
    precedence, each number read by the first layer that reads it:
    1. rates named together (分别, 均), over a rule that read one of them alone;
    2. a breakdown of proposals (spec §4 rule 12), over a rule's count of the same
       number, but not over a rate (rule 13: 满意的占96.8% stays a rate);
    3. the specific rules (rules/*.yml);
    4. kinds named before 提案, then the frames, then rates no metric names, on the
       numbers left;
    5. then a count received on a topic, after a larger total, becomes its part, and a
       count an organisation proposing through the body received or filed, its kind."""
    ruled = _over(rate_list_spans(doc.text, rules), spans_in(doc.text, rules))
    rates = {s.start for s in ruled if s.metric in RATE_METRICS}
    spans = _over([b for b in breakdown_spans(doc.text, rules) if b.start not in rates], ruled)
    spans += kind_spans(doc.text, rules, spans)
    spans += frame_spans(doc.text, rules, spans)
    spans += other_rate_spans(doc.text, rules, spans)
    spans = topic_parts(doc.text, rules, sorted(spans, key=lambda s: (s.start, s.scope or "")))
    return proposer_parts(doc.text, rules, spans)


def spans_in(text: str, rules: RuleSet) -> list[Span]:
    """Rules read the chart view of the text (labels before their figures);
    every span is placed back where its figure stands in the text."""
    view = chart_view(text)
    candidates = match_rules(view.text, rules)
    if view.moves:
        candidates = [replace(c, spans=tuple(_placed(s, view) for s in c.spans)) for c in candidates]
    return resolve(candidates, rules)


def _placed(span: Span, view: ChartView) -> Span:
    start = view.to_text(span.start)
    return span.model_copy(update={"start": start, "end": start + span.end - span.start})
