"""What every match of a pattern must hold, read from the pattern itself.

A compiled pattern is parsed again by the `regex` module's own parser, so the
reading is the one the matcher uses, into: clauses of literal strings, each a
set of which a match contains at least one (收到|征集…提案 needs one of 收到,
征集 … and 提案), how wide a match can be, how far right of its start the
pattern looks (lookaheads included), and how many characters of each class of
BREAKS (，。；：\n …) it may look at. The rules' pre-filter (prefilter.py) and
the big place-name patterns (prefiltered.py) are built on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from math import inf

import regex
from regex import _regex, _regex_core as core

# Strings of one character (件, 次) are everywhere: a clause needs longer ones.
MIN_KEYWORD_CHARS = 2
# A small character class ([省市区]) or a short alternation is read as its strings;
# past this many, as "something".
MAX_EXACT_STRINGS = 64
LOOKS_AT_NEXT_CHAR = (core.Boundary, core.DefaultBoundary, core.EndOfLine, core.EndOfString,
                      core.EndOfStringLine, core.EndOfWord, core.DefaultEndOfWord, core.StartOfWord,
                      core.DefaultStartOfWord, core.GraphemeBoundary)
LOOKS_BEHIND_ONLY = (core.StartOfLine, core.StartOfString)
# A plain int: `&` with the RegexFlag enum costs a Python call, millions of them
# when a pattern holds thousands of names.
IGNORECASE = int(core.IGNORECASE)


# Characters a pattern can cross only a bounded number of times: a match, and
# anything the pattern looks at, stays within so many of them around a keyword.
BREAKS = ("\n", "。！？!?", "；;", "，", "、", "：:")


@dataclass(frozen=True)
class Reading:
    """What a piece of pattern needs: `exact`, every string it can match (None: too
    many or unknown); `clauses`, (strings, offset): a match holds one of the strings,
    starting at most `offset` after the match's start; `width`, its longest match;
    `reach`, how far right of its start it looks; `breaks`, how many characters of
    each class of BREAKS it may look at."""

    exact: frozenset[str] | None
    clauses: tuple[tuple[frozenset[str], float], ...]
    width: float
    reach: float
    breaks: tuple[float, ...]


NO_BREAKS = (0,) * len(BREAKS)
ALL_BREAKS = (1,) * len(BREAKS)
UNBOUNDED = Reading(None, (), inf, inf, (inf,) * len(BREAKS))
EMPTY = Reading(frozenset({""}), (), 0, 0, NO_BREAKS)


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """The strings no shorter one of the set lies inside: a text holding a longer
    one holds the shorter."""
    kept: set[str] = set()
    lengths: set[int] = set()
    # Each string's pieces of the lengths kept so far, looked up: thousands of
    # names, each tried against every kept one, took seconds.
    for s in sorted(strings, key=len):
        if not any(s[i:i + n] in kept for n in lengths for i in range(len(s) - n + 1)):
            kept.add(s)
            lengths.add(len(s))
    return frozenset(kept)


def _as_clause(strings: frozenset[str] | None, offset: float) -> tuple[frozenset[str], float] | None:
    """A clause of these strings; a shorter string kept for a longer one may start
    later, by at most the difference of their lengths."""
    if not strings or "" in strings:
        return None
    kept = _minimal(strings)
    return kept, offset + max(map(len, strings)) - min(map(len, kept))


def _best(reading: Reading) -> tuple[frozenset[str], float] | None:
    """The clause of a reading with a bounded offset, the longest shortest string,
    then the fewest strings."""
    options = [c for c in (_as_clause(reading.exact, 0), *reading.clauses) if c]
    if not options:
        return None
    return max(options, key=lambda c: (c[1] < inf, min(map(len, c[0])), -len(c[0])))


def _member(node, char: str) -> bool:
    """Whether a one-character node can match `char` (True when unsure)."""
    if getattr(node, "case_flags", 0) & IGNORECASE:
        return True
    kind, code = type(node), ord(char)
    if kind is core.Character:
        return (node.value == code) == node.positive
    if kind is core.Range:
        return (node.lower <= code <= node.upper) == node.positive
    if kind is core.Property:
        return bool(_regex.has_property_value(node.value, code)) == node.positive
    if kind is core.SetUnion:
        return any(_member(i, char) for i in node.items) == node.positive
    if kind is core.SetInter:
        return all(_member(i, char) for i in node.items) == node.positive
    if kind is core.SetDiff:
        first, *rest = node.items
        return (_member(first, char) and not any(_member(i, char) for i in rest)) == node.positive
    if kind is core.Any:
        return char != "\n"
    return True


def _breaks_of(node) -> tuple[int, ...]:
    return tuple(1 if any(_member(node, c) for c in chars) else 0 for chars in BREAKS)


# Characters are equal by value and flags, and a pattern of thousands of names
# holds the same few thousand characters many times over.
_character_breaks = lru_cache(maxsize=None)(_breaks_of)


def _one_char(node, exact: frozenset[str] | None) -> Reading:
    breaks = _character_breaks(node) if type(node) is core.Character else _breaks_of(node)
    return Reading(exact, (), 1, 1, breaks)


def _characters(node) -> frozenset[str] | None:
    """The characters a set matches, when it is a short positive list of them."""
    if not node.positive or node.case_flags & IGNORECASE or not isinstance(node, core.SetUnion):
        return None
    chars: set[str] = set()
    for item in node.items:
        if isinstance(item, core.Character) and item.positive and not item.case_flags & IGNORECASE:
            chars.add(chr(item.value))
        elif isinstance(item, core.Range) and item.positive and item.upper - item.lower < MAX_EXACT_STRINGS:
            chars.update(chr(c) for c in range(item.lower, item.upper + 1))
        else:
            return None
    return frozenset(chars) if len(chars) <= MAX_EXACT_STRINGS else None


def _joined(a, b):
    if a is None or b is None or len(a) * len(b) > MAX_EXACT_STRINGS:
        return None
    return frozenset(x + y for x, y in product(a, b))


def _sequence(items) -> Reading:
    run: frozenset[str] | None = frozenset({""})  # the strings of the current run of exact items
    run_at = 0.0  # the longest width before the run
    whole: frozenset[str] | None = frozenset({""})
    clauses: list[tuple[frozenset[str], float]] = []
    width = reach = 0.0
    breaks = NO_BREAKS
    for item in items:
        part = _read(item)
        reach = max(reach, width + part.reach)
        clauses.extend((strings, width + offset) for strings, offset in part.clauses)
        breaks = tuple(a + b for a, b in zip(breaks, part.breaks))
        whole = _joined(whole, part.exact)
        longer = _joined(run, part.exact)
        if longer is None:
            if clause := _as_clause(run, run_at):
                clauses.append(clause)
            if part.exact is None:  # the next run starts after this item
                longer, run_at = frozenset({""}), width + part.width
            else:
                longer, run_at = part.exact, width
        run = longer
        width += part.width
    if clause := _as_clause(run, run_at):
        clauses.append(clause)
    return Reading(whole, tuple(clauses), width, reach, breaks)


# A run of characters, as each of thousands of place names is: read once per
# process (characters are equal by value and flags), though the names recur in
# several patterns.
_word = lru_cache(maxsize=None)(_sequence)


def _branch(branches) -> Reading:
    parts = [_read(b) for b in branches]
    exact = None
    if all(p.exact is not None for p in parts):
        union = frozenset().union(*(p.exact for p in parts))
        exact = union if len(union) <= MAX_EXACT_STRINGS else None
    bests = [_best(p) for p in parts]
    clauses = ()
    if all(bests):
        union = frozenset().union(*(b[0] for b in bests))
        kept = _minimal(union)
        clauses = ((kept, max(b[1] for b in bests) + max(map(len, union)) - min(map(len, kept))),)
    return Reading(exact, clauses, max(p.width for p in parts), max(p.reach for p in parts),
                    tuple(map(max, zip(*(p.breaks for p in parts)))))


def _repeat(node) -> Reading:
    part = _read(node.subpattern)
    top = inf if node.max_count in (None, core.UNLIMITED) else node.max_count
    width = top * part.width if part.width else 0
    reach = (top - 1) * part.width + part.reach if part.width else part.reach
    breaks = tuple(top * b if b else 0 for b in part.breaks)
    if node.min_count == 0:
        exact = part.exact | {""} if top == 1 and part.exact is not None else None
        return Reading(exact, (), width, reach, breaks)
    exact = part.exact if node.min_count == top == 1 else None
    best = _as_clause(part.exact, 0)
    return Reading(exact, part.clauses + ((best,) if best else ()), width, reach, breaks)


def _holds_lookahead(node) -> bool:
    if isinstance(node, core.LookAround) and not node.behind or isinstance(node, LOOKS_AT_NEXT_CHAR):
        return True
    inner = [*getattr(node, "items", ()), *getattr(node, "branches", ())]
    if getattr(node, "subpattern", None) is not None:
        inner.append(node.subpattern)
    return any(_holds_lookahead(n) for n in inner if isinstance(n, core.RegexBase))


def _parse(pattern: regex.Pattern):
    # As regex.compile does: a global flag set inside the pattern ((?m) at its
    # start) makes the parser start again with it.
    flags = pattern.flags
    for _ in range(3):
        source = core.Source(pattern.pattern)
        info = core.Info(flags, source.char_type)
        try:
            return core._parse_pattern(source, info)
        except core._UnscopedFlagSet:
            flags = info.global_flags
    raise ValueError("flags did not settle")


def _read(node) -> Reading:
    """The reading of one node of the parsed pattern; anything not known is UNBOUNDED."""
    kind = type(node)
    if kind is core.Sequence:
        if all(type(item) is core.Character for item in node.items):
            return _word(tuple(node.items))
        return _sequence(node.items)
    if kind is core.Branch:
        return _branch(node.branches)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _repeat(node)
    if kind in (core.Group, core.Atomic):
        return _read(node.subpattern)
    if kind is core.LookAround:
        if node.behind:  # it looks left only, unless it holds a lookahead
            return UNBOUNDED if _holds_lookahead(node.subpattern) else EMPTY
        inner = _read(node.subpattern)
        return Reading(frozenset({""}), (), 0, inner.reach, inner.breaks)
    if kind in LOOKS_BEHIND_ONLY:
        return EMPTY
    if kind in LOOKS_AT_NEXT_CHAR:
        return Reading(frozenset({""}), (), 0, 1, ALL_BREAKS)
    if getattr(node, "zerowidth", False):
        return UNBOUNDED
    if kind is core.Character:
        plain = node.positive and not node.case_flags & IGNORECASE
        return _one_char(node, frozenset({chr(node.value)}) if plain else None)
    if kind in (core.String, core.Literal):
        text = "".join(map(chr, node.characters))
        if node.case_flags & IGNORECASE:
            return Reading(None, (), len(text), len(text), (len(text),) * len(BREAKS))
        breaks = tuple(sum(c in chars for c in text) for chars in BREAKS)
        return Reading(frozenset({text}), (), len(text), len(text), breaks)
    if isinstance(node, core.SetBase):
        return _one_char(node, _characters(node))
    if kind is core.Range and node.positive and not node.case_flags & IGNORECASE \
            and node.upper - node.lower < MAX_EXACT_STRINGS:
        return _one_char(node, frozenset(map(chr, range(node.lower, node.upper + 1))))
    if kind in (core.Property, core.Range, core.Any, core.AnyAll, core.AnyU):
        return _one_char(node, None)
    return UNBOUNDED  # backreferences, conditionals, fuzzy matching, \G, verbs


@dataclass(frozen=True)
class Needs:
    """What every match of one pattern holds, and how far it can reach."""

    clauses: tuple[tuple[frozenset[str], float], ...]  # (strings, offset): one of them starts
    # at most `offset` after the match's start
    reach: float  # characters right of a match's start that the pattern may look at
    breaks: tuple[float, ...]  # characters of each class of BREAKS it may look at


def read(pattern: regex.Pattern) -> Reading | None:
    """The reading of a compiled pattern; None for a construct the reading does not know."""
    try:
        return _read(_parse(pattern))
    except Exception:  # search such a pattern everywhere
        return None


def needs(pattern: regex.Pattern) -> Needs | None:
    """What a compiled pattern needs, or None when nothing bounds where it matches."""
    reading = read(pattern)
    return needs_of(reading) if reading is not None else None


def needs_of(reading: Reading) -> Needs | None:
    """What a pattern of this reading needs, or None when nothing bounds where it matches."""
    bounded_left = any(b < inf for b in reading.breaks)
    usable = [(strings, offset) for strings, offset in reading.clauses if offset < inf or bounded_left]
    clauses = {(strings, offset) for strings, offset in usable if min(map(len, strings)) >= MIN_KEYWORD_CHARS}
    if not clauses:
        # Words with a one-character word among them (方面|领域|类) still bound a pattern
        # that needs nothing else, far better than searching it everywhere; single
        # characters alone (件) do not.
        clauses = {(strings, offset) for strings, offset in usable if max(map(len, strings)) >= MIN_KEYWORD_CHARS}
    if not clauses or (reading.reach == inf and not bounded_left) or reading.width == 0:
        return None
    return Needs(tuple(sorted(clauses, key=lambda c: (sorted(c[0]), c[1]))), reading.reach, reading.breaks)


def keywords(pattern: regex.Pattern) -> frozenset[str] | None:
    """Strings of which every match holds one, wherever in the match (the fewest, then
    the longest shortest one), or None when the reading finds none of two characters."""
    reading = read(pattern)
    if reading is None:
        return None
    options = [strings for strings, _ in reading.clauses if min(map(len, strings)) >= MIN_KEYWORD_CHARS]
    if (clause := _as_clause(reading.exact, 0)) and min(map(len, clause[0])) >= MIN_KEYWORD_CHARS:
        options.append(clause[0])
    return min(options, key=lambda s: (len(s), -min(map(len, s)))) if options else None
