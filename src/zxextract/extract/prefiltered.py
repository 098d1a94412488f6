"""One big pattern tried only where it can match: for the few patterns searched all
over a text that name a 政协 by any of three thousand places (entities.py).

The pattern's own reading (reading.needs) says which strings a match holds and
how far from its start (政协, at most 15 characters in); the caller may add the
strings every match opens with (the place names). Trying a pattern of thousands of
names costs tens of microseconds at each place, so it is tried only at the places
both allow, found by `str.find` and one Aho-Corasick pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from math import inf

import ahocorasick
import regex

from .prefilter import _bounding_breaks, _merged_and_cut, search_within
from .reading import BREAKS, needs


class Prefiltered:
    """A compiled pattern that tries to match only near a string it needs, read by
    `needs`, and (with `opens`) only where one of the strings every match opens with
    stands: `finditer`, `search` and `match` give what the pattern gives. Anything
    else is the pattern's own."""

    def __init__(self, compiled: regex.Pattern, opens: Iterable[str] = ()):
        self.compiled = compiled
        found = needs(compiled)
        self._strings: tuple[str, ...] = ()
        if found is not None:
            breaks, crossed = _bounding_breaks(found.breaks)
            usable = [(strings, offset) for strings, offset in found.clauses if offset < inf]
            if usable and (found.reach < inf or breaks):
                strings, offset = min(usable, key=lambda c: (len(c[0]), -min(map(len, c[0]))))
                self._strings, self._offset = tuple(sorted(strings)), int(offset)
                self._reach, self._breaks, self._crossed = found.reach, breaks, crossed
                self._longest = max(map(len, self._strings))
        self._opens = frozenset(opens)
        # A match at a place opens there with the first characters of one of them:
        # as many as the shortest has, one look-up.
        self._head = min(map(len, self._opens), default=0)
        self._heads = frozenset(s[:self._head] for s in self._opens)
        self._openings = ahocorasick.Automaton()
        for s in self._opens:
            self._openings.add_word(s, len(s))
        if self._opens:
            self._openings.make_automaton()

    def __getattr__(self, name):
        return getattr(self.compiled, name)

    def _windows(self, text: str, pos: int, endpos: int) -> list[tuple[int, int, float]]:
        found = []
        for s in self._strings:
            at = text.find(s, pos, endpos)
            while at >= 0:
                found.append(at)
                at = text.find(s, at + 1, endpos)
        found.sort()
        marks = []
        if self._breaks and found:
            chars = regex.escape("".join(BREAKS[k] for k in self._breaks))
            marks = [m.start() for m in regex.finditer(f"[{chars}]", text, pos=found[0], endpos=endpos)]
        return _merged_and_cut([(max(pos, p - self._offset), p) for p in found], marks, self._crossed, self._reach)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, **kwargs):
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if kwargs:
            return self.compiled.finditer(text, pos, endpos, **kwargs)
        if self._opens:
            return self._from_openings(text, pos, endpos)
        if not self._strings:
            return self.compiled.finditer(text, pos, endpos)
        return search_within(self.compiled, text, pos, endpos, self._windows(text, pos, endpos), None)

    def _from_openings(self, text: str, pos: int, endpos: int) -> Iterator[regex.Match]:
        # Every match starts where an opening string does, and no match is empty: the
        # leftmost match from `pos` is the first that a start at or after it gives.
        starts = sorted({end - length + 1 for end, length in self._openings.iter(text, pos, endpos)})
        for start in starts:
            if start < pos:  # inside the match before
                continue
            match = self._match_near(text, start, endpos)
            if match:
                yield match
                pos = match.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None, **kwargs):
        if kwargs or not (self._strings or self._opens):
            return self.compiled.search(text, pos, endpos, **kwargs)
        return next(iter(self.finditer(text, pos, endpos)), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None, **kwargs):
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if kwargs:
            return self.compiled.match(text, pos, endpos, **kwargs)
        if self._opens and text[pos:pos + self._head] not in self._heads:
            return None
        return self._match_near(text, pos, endpos)

    def _match_near(self, text: str, pos: int, endpos: int):
        if self._strings:
            # A match at `pos` holds one of the strings, starting by pos + offset.
            last = min(endpos, pos + self._offset + self._longest)
            if all(text.find(s, pos, last) < 0 for s in self._strings):
                return None
        return self.compiled.match(text, pos, endpos)
