"""The rules' shared pre-filter: each rule runs only near the words it needs.

At load, every rule's pattern is read (reading.py) for what any match must hold:
clauses of literal strings, each a set of which a match contains at least one
(收到|征集…提案 needs one of 收到, 征集 … and 提案), and how wide a match can be
and how far right of its start the pattern looks (lookaheads included). Nothing
is listed by hand: a new rule, macro or lexicon word reaches the filter when
the rules are loaded.

For one text, one Aho-Corasick pass (pyahocorasick) finds every such string.
A rule whose clause has no hit cannot match and is skipped; otherwise it is
searched only from the places where a match holding its rarest clause's hit
could start, with the text cut where the pattern can no longer look. Within
those places the search finds what the scan of the whole stretch finds, match
for match (tests/test_prefilter.py compares the two on every labelled set and
on fuzzed text). A pattern the reading cannot bound (`+`, `*`, a backreference)
is searched everywhere, as before.

A rule's `context` is read the same way: a rule whose context's words are not in
the text gives nothing, and a rule whose pattern needs no word but never crosses
some marks (，。…) is searched only from the clause of a context word to the end
of that word's sentence or paragraph: the only matches whose context can hold.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from math import inf

import ahocorasick
import regex

from .reading import BREAKS, keywords, needs_of, read

# The standard `re`: for a class of a few characters it finds them twice as fast.
BREAK_PATTERNS = tuple(re.compile(f"[{re.escape(chars)}]") for chars in BREAKS)
# Windows of start positions closer than this are searched as one: a regex scans
# the gap faster than Python starts another search.
MERGE_GAP = 48


class Hits:
    """Where each keyword, and the characters of each set of BREAKS, occur in one text."""

    def __init__(self, automaton: ahocorasick.Automaton, n_keywords: int, text: str):
        self.text = text
        self.starts: list[list[int]] = [[] for _ in range(n_keywords)]
        if n_keywords:
            starts = self.starts  # a local name: this loop runs once per keyword found
            for end, (index, length) in automaton.iter(text):
                starts[index].append(end - length + 1)
        self.counts = [len(s) for s in self.starts]
        # One bit per keyword found: a rule is ruled out by a few integer ands.
        self.present = sum(1 << k for k, n in enumerate(self.counts) if n)
        self._marks: dict[tuple[int, ...], list[int]] = {}

    def marks(self, kinds: tuple[int, ...]) -> list[int]:
        """Offsets of the characters of these classes of BREAKS, in order."""
        found = self._marks.get(kinds)
        if found is None:
            if len(kinds) == 1:
                found = [m.start() for m in BREAK_PATTERNS[kinds[0]].finditer(self.text)]
            else:
                # Each class is scanned once, whatever sets of classes the rules ask
                # for; the classes share no character, so the merge is the scan of all.
                found = sorted(chain.from_iterable(self.marks((k,)) for k in kinds))
            self._marks[kinds] = found
        return found


@dataclass(frozen=True)
class _RuleNeeds:
    clauses: tuple[tuple[tuple[int, ...], float], ...]  # (keyword indexes, offset)
    reach: float
    # Classes of BREAKS and how many of their characters, together, the pattern may
    # look at: the fewest (no class whose count is unbounded), or ().
    breaks: tuple[int, ...]
    crossed: int


@dataclass(frozen=True)
class _ContextNeeds:
    """A rule's context, which must match in the rule's window before its number."""

    keywords: tuple[int, ...]  # a match of the context holds one of these
    # The classes of BREAKS the rule's pattern never looks at, and how far right of a
    # start it looks: a match lies within one clause they bound. (): it may cross all.
    marks: tuple[int, ...]
    reach: float


def _bounding_breaks(counts: tuple[float, ...]) -> tuple[tuple[int, ...], int]:
    """The classes of BREAKS that bound a pattern best: all it never looks at, else
    the one it looks at least (their characters are common, so they cut close)."""
    never = tuple(k for k, n in enumerate(counts) if n == 0)
    if never:
        return never, 0
    finite = [(n, k) for k, n in enumerate(counts) if n < inf]
    if not finite:
        return (), 0
    n, k = min(finite)
    return (k,), int(n)


@dataclass(frozen=True)
class Prefilter:
    """The keywords of every rule in one automaton, and each rule's needs as
    keyword indexes."""

    automaton: ahocorasick.Automaton
    n_keywords: int
    needs: tuple[_RuleNeeds | None, ...]  # per rule, in order
    contexts: tuple[_ContextNeeds | None, ...]  # per rule, in order: None without a context
    # Per rule, one mask of keyword bits for each clause of its pattern and for its context:
    # a match needs a keyword of every mask.
    required: tuple[tuple[int, ...], ...]

    def hits(self, text: str) -> Hits:
        return Hits(self.automaton, self.n_keywords, text)

    def windows(self, rule_order: int, hits: Hits) -> list[tuple[int, int, float]] | None:
        """(first, last, end): the start positions a match of the rule can have, merged
        and in order, each with where the text may be cut for them; [] when the rule
        cannot match; None when it must be searched everywhere."""
        entry = self.needs[rule_order]
        if entry is None:
            return None
        starts, counts = hits.starts, hits.counts
        # The clause with the fewest hits; one without any rules the rule out. Most rules
        # are ruled out in most texts, so this runs for every rule and every text.
        keywords, offset, fewest = None, 0.0, inf
        for clause, clause_offset in entry.clauses:
            n = sum([counts[k] for k in clause]) if len(clause) > 1 else counts[clause[0]]
            if not n:
                return []
            if n < fewest:
                keywords, offset, fewest = clause, clause_offset, n
        # One keyword's starts are in order already (the automaton reports by end).
        found = starts[keywords[0]] if len(keywords) == 1 else sorted(p for k in keywords for p in starts[k])
        marks = hits.marks(entry.breaks) if entry.breaks else []
        crossed = entry.crossed
        if offset < inf:
            back = int(offset)
            starts_at = [(max(0, p - back), p) for p in found]
        else:  # after the mark the pattern cannot look past, going back from p
            starts_at = []
            for p in found:
                i = bisect_left(marks, p) - crossed - 1
                starts_at.append((marks[i] + 1 if i >= 0 else 0, p))
        return _merged_and_cut(starts_at, marks, crossed, entry.reach)

    def where(self, rule_order: int, hits: Hits, window_starts: list[int]) -> list[tuple[int, int, float]] | None:
        """The windows a rule is searched in, as `windows` gives them, with the rule's
        context: [] when no word of its context is in the text, and for a rule whose
        pattern needs no word, the windows where the context can stand before a match.
        `window_starts` are where the rule's context windows begin, in order."""
        present = hits.present
        for mask in self.required[rule_order]:
            if not mask & present:
                return []
        context = self.contexts[rule_order]
        found = self.windows(rule_order, hits)
        if found is None and context is not None and context.marks:
            return _context_windows(context, hits, window_starts)
        return found


def _context_windows(context: _ContextNeeds, hits: Hits, window_starts: list[int]) -> list[tuple[int, int, float]]:
    """Where a match whose context holds a word found at p can start: the context is
    searched from the start of the match's window to its number, so p lies in that
    window, which the match starts in; and the match holds its number after p, within
    one clause, so it starts after the last mark before p.

    These windows leave out matches that cannot pass, and a search from them finds
    what the scan of the whole stretch finds: each starts just after a mark no match
    holds, where the scan too starts afresh."""
    found = sorted(p for k in context.keywords for p in hits.starts[k])
    marks = hits.marks(context.marks)
    last = len(hits.text) - 1
    starts_at = []
    for p in found:
        i, j = bisect_left(marks, p) - 1, bisect_right(window_starts, p)
        starts_at.append((marks[i] + 1 if i >= 0 else 0, window_starts[j] - 1 if j < len(window_starts) else last))
    return _merged_and_cut(starts_at, marks, 0, context.reach)


def _merged_and_cut(starts_at: list[tuple[int, int]], marks: list[int], crossed: int,
                    reach: float) -> list[tuple[int, int, float]]:
    """(first, last, end) windows from (earliest start, keyword position) pairs in keyword
    order: pairs that overlap or nearly touch are merged, and each window is cut at the
    first mark past `crossed` that a match cannot cross, or `reach` after its last start."""
    windows: list[tuple[int, int, float]] = []
    if not starts_at:
        return windows
    n_marks = len(marks)
    # One pass, the open window in local names: this runs for every rule a text may match.
    first, last = starts_at[0]
    for lo, p in chain(starts_at[1:], ((inf, inf),)):
        if lo <= last + MERGE_GAP:
            last = p
            continue
        end = last + reach
        if n_marks:
            i = bisect_left(marks, last) + crossed
            if i < n_marks and marks[i] + 1 < end:
                end = marks[i] + 1
        windows.append((first, last, end))
        first, last = lo, p
    return windows


def build_prefilter(rules: list[tuple[regex.Pattern, regex.Pattern | None]]) -> Prefilter:
    """The pre-filter for rules of these (pattern, context) pairs, in order."""
    index: dict[str, int] = {}
    entries, contexts = [], []
    for pattern, context in rules:
        reading = read(pattern)
        contexts.append(_context_needs(reading, context, index))
        found = needs_of(reading) if reading is not None else None
        if found is None:
            entries.append(None)
            continue
        breaks, crossed = _bounding_breaks(found.breaks)
        clauses = tuple((tuple(index.setdefault(s, len(index)) for s in sorted(strings)), offset)
                        for strings, offset in found.clauses if offset < inf or breaks)
        if not clauses or (found.reach == inf and not breaks):
            entries.append(None)
            continue
        entries.append(_RuleNeeds(clauses, found.reach, breaks, crossed))
    required = tuple(
        tuple(sum(1 << k for k in clause) for clause, _ in (entry.clauses if entry else ()))
        + ((sum(1 << k for k in context.keywords),) if context else ())
        for entry, context in zip(entries, contexts))
    automaton = ahocorasick.Automaton()
    for keyword, k in index.items():
        automaton.add_word(keyword, (k, len(keyword)))
    if index:
        automaton.make_automaton()
    return Prefilter(automaton, len(index), tuple(entries), tuple(contexts), required)


def _context_needs(reading, context: regex.Pattern | None, index: dict[str, int]) -> _ContextNeeds | None:
    strings = keywords(context) if context is not None else None
    if strings is None:
        return None
    marks, crossed = _bounding_breaks(reading.breaks) if reading is not None else ((), 0)
    # A window from a context word must start where the whole-stretch scan starts afresh:
    # just after a mark no match can hold (a rule's match holds its number, so it is
    # never empty).
    usable = marks if crossed == 0 else ()
    return _ContextNeeds(tuple(index.setdefault(s, len(index)) for s in sorted(strings)), usable,
                         reading.reach if reading is not None else inf)


def search_within(pattern: regex.Pattern, text: str, start: int, end: int,
                  windows: list[tuple[int, int, float]], timeout: float) -> Iterator[regex.Match]:
    """The matches `pattern.finditer(text, start, end)` gives, searched only from the
    start positions in `windows`, each with the text cut where its matches stop looking."""
    pos = start
    for lo, hi, stop in windows[max(0, bisect_left(windows, (start, -1, 0)) - 1):]:
        if lo >= end:
            break
        if hi < start:
            continue
        pos = max(pos, lo)
        hi = min(hi, end - 1)
        if pos > hi:
            continue
        for match in pattern.finditer(text, pos, int(min(end, stop)), timeout=timeout):
            if match.start() > hi:
                break
            yield match
            pos = match.end()
