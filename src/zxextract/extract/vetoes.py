"""Vetoes (rules/vetoes.yml) applied to a number whichever layer read it."""

from __future__ import annotations

import regex

from ..boundaries import CLAUSE_OR_ITEM, clause_start
from ..rules import RuleSet


SENTENCE_AFTER = regex.compile(r"[^。；;！？!?\n]{0,60}")


def vetoed(text: str, start: int, mention_text: str, rules: RuleSet,
           marks: regex.Pattern = CLAUSE_OR_ITEM) -> bool:
    """A veto applies in the stretch before the number back to the last of `marks`,
    to the mention itself, or to what follows it in its sentence."""
    before = text[clause_start(text, start, marks):start]
    after = SENTENCE_AFTER.match(text, start + len(mention_text)).group()
    if rules.joined_vetoes is not None:
        return rules.joined_vetoes.applies(before, mention_text, after)
    return any(v.applies(before, mention_text, after) for v in rules.vetoes)
