"""A load-time check that no rule pattern backtracks catastrophically.

Patterns run with the regex module's timeout (extract/rules.py), which fails
the one document that trips it. This check finds such a pattern before any
document is read: every pattern of every rule and veto runs over short probes
(long runs of each character the pattern names, its own examples repeated).
A sound pattern answers in microseconds; one whose repeated parts can match
the same text in many ways (`(?:提|提提)+`, `(\\d+)+x`) does not answer at all.
"""

from __future__ import annotations

import regex

from .errors import RuleError
from .rules import RuleSet

PROBE_LENGTH = 64
PROBE_TIMEOUT_SECONDS = 0.5
_PROBE_CHARS = regex.compile(r"[\p{Han}\p{N}A-Za-z%，、。]")
_GENERIC = "a1一，。 \n"


def _probes(pattern: regex.Pattern, examples: list[str]) -> list[str]:
    alphabet = "".join(sorted(set(_PROBE_CHARS.findall(pattern.pattern)) | set(_GENERIC)))
    # A run of one character, then (so that the engine's check for the literal
    # characters a match needs passes) all the characters the pattern names,
    # then one it never takes: the match fails after the run, and every way
    # of matching the run gets tried.
    runs = [c * PROBE_LENGTH + tail for c in alphabet for tail in ("\x00", alphabet + "\x00")]
    return runs + [alphabet * 3 + "\x00", "".join(examples) * 3 + "\x00"]


def _hangs(pattern: regex.Pattern, probes: list[str]) -> str | None:
    """The first probe the pattern cannot finish within the time limit."""
    for probe in probes:
        try:
            for _ in pattern.finditer(probe, timeout=PROBE_TIMEOUT_SECONDS):
                pass
        except TimeoutError:
            return probe
    return None


def _problem(where: str, field: str, probe: str) -> str:
    shown = probe[:12] + ("…" if len(probe) > 12 else "")
    return (f"{where} -> {field}] backtracks catastrophically: no answer within "
            f"{PROBE_TIMEOUT_SECONDS:g} s on {shown!r} ({len(probe)} characters); rewrite it so that "
            "a repeated part cannot match the same text in more than one way")


def check_patterns(rules: RuleSet) -> None:
    """Raise RuleError naming the file and rule of every pattern that hangs."""
    problems: list[str] = []
    index: dict[str, int] = {}
    for rule in rules.rules:
        n = index[rule.source] = index.get(rule.source, -1) + 1
        examples = [e.text for e in rule.spec.examples]
        for field, pattern in (("pattern", rule.regex), ("context", rule.context),
                               ("not_context", rule.not_context)):
            probe = pattern and _hangs(pattern, _probes(pattern, examples))
            if probe:
                problems.append(_problem(f"{rule.source}: [rules -> {n} ({rule.id})", field, probe))
    vetoes: dict[str, int] = {}
    for veto in rules.vetoes:
        n = vetoes[veto.source] = vetoes.get(veto.source, -1) + 1
        for field, pattern in (("before", veto.before), ("mention", veto.mention)):
            probe = pattern and _hangs(pattern, _probes(pattern, veto.spec.examples))
            if probe:
                problems.append(_problem(f"{veto.source}: [vetoes -> {n} ({veto.id})", field, probe))
    if problems:
        raise RuleError(problems)
