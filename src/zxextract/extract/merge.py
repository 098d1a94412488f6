"""Merging the rule and NER extractors: one span per number mention, and the
`extractor` says which produced it (`<rule id>`, `ner`, or `<rule id>+ner`
when both agree on the metric)."""

from __future__ import annotations

from ..models import CleanDocument, Span
from ..rules import RuleSet
from .vetoes import vetoed


def merge(doc: CleanDocument, rule_spans: list[Span], ner_spans: list[Span], rules: RuleSet) -> list[Span]:
    """Rules win where both read a mention; NER adds mentions no rule read,
    unless a veto (per-head norm, relative change…) says it is no observation."""
    ner_by_mention = {(s.start, s.end): s for s in ner_spans}
    merged = []
    for span in rule_spans:
        agreeing = ner_by_mention.get((span.start, span.end))
        if agreeing is not None and agreeing.metric == span.metric:
            span = span.model_copy(update={"rule_id": f"{span.rule_id}+{agreeing.rule_id}"})
        merged.append(span)
    read = {(s.start, s.end) for s in rule_spans}
    merged.extend(s for s in ner_spans
                  if (s.start, s.end) not in read and not vetoed(doc.text, s.start, s.text, rules))
    return sorted(merged, key=lambda s: (s.start, s.scope or ""))
